package bnlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The classroom as a lecture hall meets it (issue 22), with four sessions: the instructor, whose screen is the
 * projector's (1920x1080 and 1280x720, projector mode on and off), two students and a late joiner on phones
 * (390x844, 360x740), a tablet (768x1024) and a laptop (1280x800). The students are three windows of one browser
 * (each window its own seat); positions are measured with the elements' rectangles in exact viewports.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LectureHallBrowserTest {
    static final String TOKEN = "lecture-hall-token-0123456789";
    static final int[][] STUDENT_SIZES = {{390, 844}, {360, 740}, {768, 1024}, {1280, 800}};

    private WebApp app;
    private int port;
    private Browser teacherBrowser, studentsBrowser;
    private ChromeDriver teacher, students;
    /** The students' windows: two students who are there from the start, and one who comes late. */
    private String first, second, late;

    @BeforeAll
    void start() {
        Browser.requireChromium();
        app = Hall.app(TOKEN);
        port = app.start("127.0.0.1", 0);
        teacherBrowser = new Browser(1920, 1080);
        studentsBrowser = new Browser(1280, 900);
        teacher = teacherBrowser.driver;
        students = studentsBrowser.driver;
        first = students.getWindowHandle();
        second = students.switchTo().newWindow(WindowType.WINDOW).getWindowHandle();
        late = students.switchTo().newWindow(WindowType.WINDOW).getWindowHandle();
    }

    @AfterAll
    void stop() {
        if (teacherBrowser != null) teacherBrowser.close();
        if (studentsBrowser != null) studentsBrowser.close();
        if (app != null) app.stop();
    }

    @BeforeEach
    void freshPages() {
        for (String w : List.of(first, second, late)) {
            students.switchTo().window(w);
            students.get(url("/join?lang=en"));
            students.executeScript("sessionStorage.clear(); localStorage.clear()");
            viewport(students, 390, 844);
        }
        teacher.get(url("/join?lang=en"));
        teacher.executeScript("sessionStorage.clear(); localStorage.clear()");
        viewport(teacher, 1920, 1080);
    }

    @AfterEach
    void the_consoles_show_no_error() {
        assertEquals(List.of(), teacherBrowser.consoleErrors());
        assertEquals(List.of(), studentsBrowser.consoleErrors());
    }

    // ----- helpers

    private String url(String path) { return "http://127.0.0.1:" + port + path; }

    private static WebDriverWait waitUpTo(ChromeDriver d, int seconds) { return Hall.waitUpTo(d, seconds); }

    /** An exact viewport (the window's inner size), as a phone (touch, device width) below 800 pixels. */
    private static void viewport(ChromeDriver d, int w, int h) {
        Hall.viewport(d, w, h);
        settle(d);
    }

    /** Waits until the main chart's size stops changing (the page fits it after a resize, a panel, a font). */
    private static void settle(ChromeDriver d) {
        long[] last = {-1};
        waitUpTo(d, 5).pollingEvery(Duration.ofMillis(150)).until(x -> {
            Object h = d.executeScript("const c = document.getElementById('chart-bands'); return c ? Math.round(c.getBoundingClientRect().height) : 0");
            long now = ((Number) h).longValue();
            boolean same = now == last[0];
            last[0] = now;
            return same;
        });
    }

    private static WebElement main(ChromeDriver d) { return Hall.main(d); }

    private static long step(ChromeDriver d) {
        String s = main(d).getAttribute("data-step");
        return s == null || s.isEmpty() ? -1 : Long.parseLong(s);
    }

    private static String text(ChromeDriver d, String id) { return d.findElement(By.id(id)).getText(); }

    /** The element's rectangle in the viewport (not the page): what the first screen shows. */
    @SuppressWarnings("unchecked")
    private static Map<String, Number> box(ChromeDriver d, String css) {
        return (Map<String, Number>) d.executeScript("const r = document.querySelector(arguments[0]).getBoundingClientRect();"
                + "return {x: r.x, y: r.y, w: r.width, h: r.height, right: r.right, bottom: r.bottom,"
                + " vw: document.documentElement.clientWidth, vh: window.innerHeight}", css);
    }

    private static double n(Map<String, Number> box, String key) { return box.get(key).doubleValue(); }

    private static String where(Map<String, Number> box) { return box.toString(); }

    /** The instructor opens a room; returns its code with the code still showing large. */
    private String openRoom(String name) {
        teacher.get(url("/teach?token=" + TOKEN + "&lang=en"));
        waitUpTo(teacher, 10).until(x -> "en".equals(main(teacher).getAttribute("data-ready")));
        teacher.findElement(By.id("room-name")).sendKeys(name);
        teacher.findElement(By.id("btn-open-room")).click();
        String code = waitUpTo(teacher, 10).until(x -> {
            String c = text(teacher, "room-code");
            return c.length() == 4 ? c : null;
        });
        waitUpTo(teacher, 10).until(x -> step(teacher) == 0);
        return code;
    }

    /** The code large gives way to the run (Escape), as once the class has joined. */
    private void hideCode() {
        new Actions(teacher).sendKeys(Keys.ESCAPE).perform();
        waitUpTo(teacher, 5).until(x -> !teacher.findElement(By.id("room-live")).isDisplayed());
    }

    /** The instructor starts a preset from the set-up panel, which closes again. */
    private void preset(String key) {
        teacher.findElement(By.id("btn-setup")).click();
        teacher.findElement(By.cssSelector(".presets a[data-preset='" + key + "']")).click();
        waitUpTo(teacher, 10).until(x -> key.equals(teacher.findElement(By.id("preset-note")).getAttribute("data-preset"))
                && step(teacher) == 0);
        teacher.findElement(By.id("btn-setup-close")).click();
    }

    /** The instructor runs the class run to its preset's end, fast. */
    private void runToTheEnd() {
        new Select(teacher.findElement(By.id("c-speed"))).selectByValue("1000");
        teacher.findElement(By.id("btn-play")).click();
        waitUpTo(teacher, 60).until(x -> "true".equals(main(teacher).getAttribute("data-done")));
    }

    /** A student's window joins the room (with a nickname from the join form, or none). */
    private void join(String window, String code, String nickname) {
        students.switchTo().window(window);
        if (nickname != null) {
            students.get(url("/join?lang=en"));
            students.findElement(By.id("join-code")).sendKeys(code);
            students.findElement(By.id("join-nickname")).sendKeys(nickname);
            students.findElement(By.id("btn-join")).click();
        } else {
            students.get(url("/join/" + code + "?lang=en"));
        }
        waitUpTo(students, 10).until(x -> "class".equals(main(students).getAttribute("data-view")) && step(students) >= 0);
    }

    private void release() {
        WebElement lock = teacher.findElement(By.id("btn-lock"));
        waitUpTo(teacher, 5).until(x -> "Release the class".equals(lock.getText()));
        lock.click();
        waitUpTo(teacher, 5).until(x -> "false".equals(main(teacher).getAttribute("data-locked")));
    }

    private void fork(String window) {
        students.switchTo().window(window);
        WebElement fork = students.findElement(By.id("btn-fork"));
        waitUpTo(students, 5).until(x -> fork.isDisplayed());
        students.executeScript("arguments[0].scrollIntoView({block: 'center'})", fork);
        fork.click();
        waitUpTo(students, 10).until(x -> "fork".equals(main(students).getAttribute("data-view")) && step(students) >= 0);
        students.executeScript("window.scrollTo(0, 0)");
    }

    /** The class run's status line as the preset rate-x30 ends: iteration 1,500, rates 0.02 and 0.6. */
    private static boolean classLine(String line) {
        return line.startsWith("Iteration 1,500 · epoch ") && line.endsWith("learning rate without BN 0.02, with BN 0.6");
    }

    // ----- the instructor's screen is the projector's

    @Test
    void the_instructors_first_screen_is_the_run_under_one_line_for_the_back_row_at_1920_and_1280_with_and_without_projector_mode() {
        String code = openRoom("hall");
        WebElement qr = teacher.findElement(By.id("room-qr"));
        assertTrue(qr.isDisplayed() && qr.getSize().getWidth() >= 250, "right after opening, the code is large: " + qr.getSize());
        join(first, code, "Anna");
        hideCode();
        assertEquals("btn-join-info", teacher.executeScript("return document.activeElement.id"), "the keyboard is back on the badge");
        preset("rate-x30");
        for (int i = 0; i < 3; i++) teacher.findElement(By.id("btn-step")).click();
        waitUpTo(teacher, 5).until(x -> step(teacher) == 3);
        for (int[] size : new int[][] {{1920, 1080}, {1280, 720}}) {
            viewport(teacher, size[0], size[1]);
            for (boolean projector : new boolean[] {false, true}) {
                if (projector != "true".equals(teacher.findElement(By.id("btn-projector")).getAttribute("aria-pressed")))
                    teacher.findElement(By.id("btn-projector")).click();
                settle(teacher);
                String at = size[0] + "x" + size[1] + (projector ? " projector" : "");
                Map<String, Number> chart = box(teacher, "#chart-bands");
                assertTrue(n(chart, "y") >= 0 && n(chart, "bottom") <= n(chart, "vh"), at + ": the chart on the first screen " + where(chart));
                assertTrue(n(chart, "h") >= 0.5 * n(chart, "vh"), at + ": the chart fills most of it " + where(chart));
                assertTrue(n(chart, "w") >= 0.85 * n(chart, "vw"), at + ": from side to side " + where(chart));
                Map<String, Number> line = box(teacher, "#status-line");
                assertTrue(n(line, "bottom") <= n(chart, "y"), at + ": one line above the chart " + where(line));
                assertTrue(text(teacher, "run-status").startsWith("Iteration 3 · epoch 0 · learning rate without BN 0.02, with BN 0.6"),
                        text(teacher, "run-status"));
                assertTrue(text(teacher, "room-count").startsWith("Students: 1 · own copies: 0 · locked"), text(teacher, "room-count"));
                double px = ((Number) teacher.executeScript("return parseFloat(getComputedStyle(document.getElementById('run-status')).fontSize)")).doubleValue();
                if (size[0] == 1920) assertTrue(px >= 24, at + ": readable from the back row: " + px + " px");
                for (String id : new String[] {"btn-play", "btn-lock", "btn-class", "btn-close-room", "btn-join-info"}) {
                    Map<String, Number> b = box(teacher, "#" + id);
                    assertTrue(n(b, "y") >= 0 && n(b, "bottom") <= n(chart, "y"), at + ": " + id + " above the chart " + where(b));
                }
                assertTrue(text(teacher, "btn-join-info").contains(code), "the badge carries the code");
                assertTrue(n(box(teacher, "#btn-join-info"), "h") <= 110, at + ": a badge, not a poster");
                // Nothing private on the projector: no token, no nickname (names are off, the class is a panel not opened).
                String shown = (String) teacher.executeScript("return document.body.innerText");
                assertFalse(shown.contains(TOKEN), at + ": the token");
                assertFalse(shown.contains("Anna"), at + ": a nickname");
                assertFalse(teacher.findElement(By.id("setup-panel")).isDisplayed(), "the set-up is a panel opened when needed");
                assertFalse(teacher.findElement(By.id("dashboard")).isDisplayed(), "so is the class");
            }
        }
        teacher.findElement(By.id("btn-projector")).click();
        // The badge makes the code large again, for a latecomer; Escape hides it.
        teacher.findElement(By.id("btn-join-info")).click();
        waitUpTo(teacher, 5).until(x -> teacher.findElement(By.id("room-qr")).isDisplayed());
        assertEquals("true", teacher.findElement(By.id("btn-join-info")).getAttribute("aria-expanded"));
        hideCode();
    }

    // ----- phone-first students

    @Test
    void a_students_page_shows_the_class_chart_first_and_no_control_it_cannot_use_on_a_phone_a_tablet_and_a_laptop() {
        String code = openRoom("phones");
        hideCode();
        preset("rate-x30");
        for (int i = 0; i < 3; i++) teacher.findElement(By.id("btn-step")).click();
        waitUpTo(teacher, 5).until(x -> step(teacher) == 3);
        join(first, code, null);
        waitUpTo(students, 10).until(x -> step(students) == 3);
        for (boolean released : new boolean[] {false, true}) {
            if (released) {
                release();
                students.switchTo().window(first);
                waitUpTo(students, 5).until(x -> students.findElement(By.id("btn-fork")).isDisplayed());
            }
            for (int[] size : STUDENT_SIZES) {
                viewport(students, size[0], size[1]);
                students.executeScript("window.scrollTo(0, 0)");
                String at = size[0] + "x" + size[1] + (released ? " released" : " locked");
                Map<String, Number> chart = box(students, "#chart-bands");
                assertTrue(n(chart, "x") >= 0 && n(chart, "right") <= n(chart, "vw") && n(chart, "y") >= 0 && n(chart, "bottom") <= n(chart, "vh"),
                        at + ": the class's chart within the first screen " + where(chart));
                assertTrue(n(chart, "w") >= 0.8 * n(chart, "vw"), at + ": full width " + where(chart));
                assertTrue(n(chart, "h") >= 0.3 * n(chart, "vh"), at + ": not a stamp " + where(chart));
                Map<String, Number> line = box(students, "#status-line");
                assertTrue(n(line, "y") >= 0 && n(line, "bottom") <= n(chart, "y"), at + ": the status line with it " + where(line));
                assertTrue(text(students, "run-status").startsWith("Iteration 3"), text(students, "run-status"));
                // Then what they may do now, then their name: both under the chart.
                assertTrue(n(box(students, "#room-actions"), "y") > n(chart, "bottom"), at);
                assertTrue(n(box(students, "#nickname-form"), "y") > n(box(students, "#room-actions"), "y"), at);
                // No control they cannot use, no bar of buttons that stays on the screen.
                @SuppressWarnings("unchecked")
                List<String> useless = (List<String>) students.executeScript("return [...document.querySelectorAll('button, input, select, textarea, a')]"
                        + ".filter(e => e.getClientRects().length && (e.disabled || e.getAttribute('aria-disabled') === 'true'))"
                        + ".map(e => e.id || e.textContent.trim())");
                assertEquals(List.of(), useless, at + ": greyed controls");
                @SuppressWarnings("unchecked")
                List<String> stuck = (List<String>) students.executeScript("return [...document.querySelectorAll('body *')]"
                        + ".filter(e => e.getClientRects().length && ['sticky', 'fixed'].includes(getComputedStyle(e).position))"
                        + ".map(e => e.id || e.className)");
                assertEquals(List.of(), stuck, at + ": a bar that stays");
                assertEquals(0L, students.executeScript("return [...document.querySelectorAll('.presets a')].filter(a => a.getClientRects().length).length"),
                        at + ": preset links that would do nothing");
                assertEquals(released, students.findElement(By.id("btn-fork")).isDisplayed(), at + ": fork, once released");
            }
        }
    }

    // ----- correct at every moment

    @Test
    void the_status_line_and_the_done_text_belong_to_the_run_shown_after_back_to_the_class_run_after_lock_and_for_a_late_joiner() {
        String code = openRoom("status");
        hideCode();
        join(first, code, null);
        join(second, code, null);
        preset("rate-x30");
        runToTheEnd();
        waitUpTo(teacher, 5).until(x -> classLine(text(teacher, "run-status")));
        assertEquals("Done: the set-up stops here, at iteration 1,500. Press Start to go on.", text(teacher, "connection"));
        students.switchTo().window(first);
        waitUpTo(students, 5).until(x -> classLine(text(students, "run-status")));
        assertEquals("The instructor’s run has reached its end, at iteration 1,500.", text(students, "connection"),
                "a watcher cannot press Start: told what happened, not what to press");

        release();
        fork(first);
        students.findElement(By.id("c-learningRate")).sendKeys(Keys.chord(Keys.CONTROL, "a"), "0.05", Keys.TAB);
        new Select(students.findElement(By.id("c-speed"))).selectByValue("max");
        students.findElement(By.id("btn-play")).click();
        waitUpTo(students, 20).until(x -> step(students) > 2600);
        students.findElement(By.id("btn-play")).click();
        waitUpTo(students, 5).until(x -> "paused".equals(main(students).getAttribute("data-state")));
        String forkLine = text(students, "run-status");
        assertTrue(forkLine.endsWith("learning rate without BN 0.05, with BN 1.5"), forkLine);
        assertTrue(students.findElement(By.id("connection")).getText().isEmpty(), "the class run's end is not the fork's");
        fork(second);

        // The instructor shows the first student's run, then goes back: the class run's numbers, not the fork's.
        teacher.findElement(By.id("btn-class")).click();
        WebElement show = waitUpTo(teacher, 10).until(x -> {
            List<WebElement> rows = teacher.findElements(By.cssSelector("#dash-rows tr[data-number='1'] button.show-run"));
            return rows.isEmpty() ? null : rows.get(0);
        });
        show.click();
        waitUpTo(teacher, 10).until(x -> forkLine.equals(text(teacher, "run-status")));
        assertTrue(text(teacher, "connection").isEmpty(), "the class run's 'done' is not the shown run's");
        teacher.findElement(By.id("btn-unshow")).click();
        waitUpTo(teacher, 10).until(x -> classLine(text(teacher, "run-status")));
        assertEquals("Done: the set-up stops here, at iteration 1,500. Press Start to go on.", text(teacher, "connection"));
        assertEquals("btn-play", teacher.executeScript("return document.activeElement.id"), "the keyboard's place after the banner went");

        // Lock: the students are back in the class run, which is paused and sends no frame: its line comes with its history.
        teacher.findElement(By.id("btn-lock")).click();
        for (String w : List.of(first, second)) {
            students.switchTo().window(w);
            waitUpTo(students, 10).until(x -> "class".equals(main(students).getAttribute("data-view")));
            waitUpTo(students, 5).until(x -> classLine(text(students, "run-status")));
            assertEquals("The instructor’s run has reached its end, at iteration 1,500.", text(students, "connection"));
        }

        // A late joiner on a phone: the same line at once, and no "press Start".
        join(late, code, null);
        waitUpTo(students, 5).until(x -> classLine(text(students, "run-status")) && step(students) == 1500);
        assertEquals("The instructor’s run has reached its end, at iteration 1,500.", text(students, "connection"));
    }

    // ----- the class chart

    @Test
    void the_class_chart_draws_forks_made_after_the_presets_end_and_the_class_run_where_it_stopped_without_overlap_or_clipping() {
        String code = openRoom("chart");
        hideCode();
        join(first, code, null);
        join(second, code, null);
        join(late, code, null);
        preset("rate-x30");
        runToTheEnd();
        release();
        for (String w : List.of(first, second, late)) {
            fork(w);
            if (w.equals(second)) students.findElement(By.id("c-learningRate")).sendKeys(Keys.chord(Keys.CONTROL, "a"), "0.01", Keys.TAB); // BN at 0.3: healthy
            if (w.equals(late)) students.findElement(By.id("c-learningRate")).sendKeys(Keys.chord(Keys.CONTROL, "a"), "100", Keys.TAB);
            new Select(students.findElement(By.id("c-speed"))).selectByValue("1000");
            students.findElement(By.id("btn-play")).click();
        }
        for (String w : List.of(first, second)) {
            students.switchTo().window(w);
            waitUpTo(students, 30).until(x -> step(students) > 2100);
        }
        teacher.findElement(By.id("btn-class")).click();
        // Until the instructor chooses, the chart compares at a checkpoint the forks have passed: after the preset's
        // end (1,500), so every fork that trained on is on it; the class run, stopped at 1,500, where it stopped.
        waitUpTo(teacher, 15).until(x -> (Boolean) teacher.executeScript("const c = Chart.getChart('chart-class');"
                + "const n = (role, net) => c.data.datasets.filter(d => d.role === role && d.net === net)[0].data.length;"
                + "return n('points', 'plain') >= 2 && n('points', 'bn') >= 2 && n('mark', 'plain') === 1 && n('mark', 'bn') === 1"
                + " && c.data.datasets.filter(d => d.role === 'diverged')[0].data.length >= 1"));
        long checkpoint = Long.parseLong(new Select(teacher.findElement(By.id("c-checkpoint"))).getFirstSelectedOption().getAttribute("value"));
        assertTrue(checkpoint > 1500, "a checkpoint the forks can reach: " + checkpoint);
        @SuppressWarnings("unchecked")
        List<String> marks = (List<String>) teacher.executeScript("return Chart.getChart('chart-class').data.datasets"
                + ".filter(d => d.role === 'mark').map(d => d.label)");
        assertEquals(List.of("without BN, class run (stopped before: measured at iteration 1,500)",
                "with BN, class run (stopped before: measured at iteration 1,500)"), marks);
        // The fork at rate 100 (BN's 3,000) diverged: a cross on the bottom edge, in the legend only then.
        assertTrue((Boolean) teacher.executeScript("const c = Chart.getChart('chart-class');"
                + "return c.legend.legendItems.some(i => i.text === 'Diverged (a cross per network)')"));
        for (int[] size : new int[][] {{1280, 800}, {1920, 1080}}) {
            viewport(teacher, size[0], size[1]);
            for (boolean projector : new boolean[] {false, true}) {
                if (projector != "true".equals(teacher.findElement(By.id("btn-projector")).getAttribute("aria-pressed")))
                    teacher.findElement(By.id("btn-projector")).click();
                settle(teacher);
                teacher.executeScript("Chart.getChart('chart-class').update('none')");
                String at = size[0] + "x" + size[1] + (projector ? " projector" : "");
                @SuppressWarnings("unchecked")
                List<List<Number>> boxes = (List<List<Number>>) teacher.executeScript("return Chart.getChart('chart-class').legend.legendHitBoxes"
                        + ".map(b => [b.left, b.top, b.left + b.width, b.top + b.height])");
                assertTrue(boxes.size() >= 7, at + ": " + boxes);
                for (int i = 0; i < boxes.size(); i++)
                    for (int j = i + 1; j < boxes.size(); j++)
                        assertFalse(overlap(boxes.get(i), boxes.get(j)), at + ": legend entries " + i + " and " + j + " run into each other: " + boxes);
                // Every point drawn whole: none cut at the top (an accuracy of 1) or at an edge.
                @SuppressWarnings("unchecked")
                List<String> cut = (List<String>) teacher.executeScript("const c = Chart.getChart('chart-class'); const out = [];"
                        + "c.data.datasets.forEach((d, i) => c.getDatasetMeta(i).data.forEach(p => {"
                        + "  const r = p.options.radius || 0; if (d.showLine) return;"
                        + "  if (p.y - r < 0 || p.y + r > c.height || p.x - r < 0 || p.x + r > c.width || d.clip !== false) out.push(d.role + ' ' + d.net); }));"
                        + "return out;");
                assertEquals(List.of(), cut, at);
            }
        }
        teacher.findElement(By.id("btn-projector")).click();
    }

    private static boolean overlap(List<Number> a, List<Number> b) {
        return a.get(0).doubleValue() < b.get(2).doubleValue() - 0.5 && b.get(0).doubleValue() < a.get(2).doubleValue() - 0.5
                && a.get(1).doubleValue() < b.get(3).doubleValue() - 0.5 && b.get(1).doubleValue() < a.get(3).doubleValue() - 0.5;
    }

    // ----- anonymous on the projector

    @Test
    void show_projects_a_students_number_until_the_instructor_turns_names_on_and_the_join_form_says_so() {
        students.switchTo().window(first);
        students.get(url("/join?lang=en"));
        assertEquals("Your name appears only in the instructor’s list, and on the projector only if the instructor turns names on;"
                + " until then you are a number. The server keeps it only while the room is open and never saves it.",
                text(students, "join-nickname-hint"));
        String code = openRoom("names");
        hideCode();
        join(second, code, null);
        join(first, code, "Anna");
        release();
        fork(first);
        teacher.findElement(By.id("btn-class")).click();
        WebElement row = waitUpTo(teacher, 10).until(x -> {
            List<WebElement> rows = teacher.findElements(By.cssSelector("#dash-rows tr[data-number='2']"));
            return rows.isEmpty() ? null : rows.get(0);
        });
        assertEquals("No. 2", row.findElement(By.tagName("th")).getText());
        row.findElement(By.cssSelector("button.show-run")).click();
        waitUpTo(teacher, 10).until(x -> teacher.findElement(By.id("shown-banner")).isDisplayed());
        assertEquals("On the projector: Student 2’s run. The class run stays where it was.", text(teacher, "shown-text"));
        assertFalse(((String) teacher.executeScript("return document.body.innerText")).contains("Anna"), "no nickname anywhere on the screen");
        assertEquals("false", teacher.findElement(By.id("btn-names")).getAttribute("aria-pressed"));

        teacher.findElement(By.id("btn-names")).click();
        waitUpTo(teacher, 5).until(x -> "On the projector: Anna’s run. The class run stays where it was.".equals(text(teacher, "shown-text")));
        assertEquals("Anna", row.findElement(By.tagName("th")).getText());
        teacher.findElement(By.id("btn-names")).click();
        waitUpTo(teacher, 5).until(x -> "No. 2".equals(row.findElement(By.tagName("th")).getText()));
        assertTrue(text(teacher, "shown-text").contains("Student 2’s run"));
        teacher.findElement(By.id("btn-unshow")).click();
    }

    // ----- keyboard

    /** Presses Tab until the element with that id has the focus; returns how many presses it took (at most 12). */
    private static int tabsTo(ChromeDriver d, String id) {
        for (int i = 1; i <= 12; i++) {
            new Actions(d).sendKeys(Keys.TAB).perform();
            if (id.equals(d.executeScript("return document.activeElement.id"))) return i;
        }
        return 100; // not reached
    }

    /** The page loaded afresh: the keyboard starts at the top (blurring would leave its starting point where it was). */
    private static void fromTheTop(ChromeDriver d) {
        d.navigate().refresh();
        waitUpTo(d, 10).until(x -> main(d).getAttribute("data-ready") != null && step(d) >= 0);
    }

    @Test
    void the_instructors_buttons_are_within_five_tab_stops_escape_closes_what_opened_and_focus_stays_put() {
        String code = openRoom("keys");
        hideCode();
        join(first, code, null);
        release();
        fork(first);
        for (String id : new String[] {"btn-play", "btn-lock", "btn-class", "btn-close-room"}) {
            fromTheTop(teacher);
            int tabs = tabsTo(teacher, "skip-run");
            new Actions(teacher).sendKeys(Keys.ENTER).perform();
            tabs += tabsTo(teacher, id);
            assertTrue(tabs <= 5, id + " after " + tabs + " tab stops");
        }
        // "Show this run": the class's panel opens with the focus in it, its first stop the first student's button.
        fromTheTop(teacher);
        int tabs = tabsTo(teacher, "skip-run");
        new Actions(teacher).sendKeys(Keys.ENTER).perform();
        tabs += tabsTo(teacher, "btn-class");
        new Actions(teacher).sendKeys(Keys.ENTER).perform();
        waitUpTo(teacher, 10).until(x -> !teacher.findElements(By.cssSelector("#dash-rows button.show-run")).isEmpty());
        new Actions(teacher).sendKeys(Keys.TAB).perform();
        tabs++;
        assertEquals("show-run", teacher.executeScript("return document.activeElement.className"));
        assertTrue(tabs <= 5, "show after " + tabs + " tab stops");
        new Actions(teacher).sendKeys(Keys.ESCAPE).perform();
        waitUpTo(teacher, 5).until(x -> !teacher.findElement(By.id("dashboard")).isDisplayed());
        assertEquals("btn-class", teacher.executeScript("return document.activeElement.id"), "Escape closes the panel, the focus goes back");

        // Escape closes the close-room confirmation.
        teacher.findElement(By.id("btn-close-room")).sendKeys(Keys.ENTER);
        waitUpTo(teacher, 5).until(x -> teacher.findElement(By.id("close-confirm")).isDisplayed());
        assertEquals("btn-close-no", teacher.executeScript("return document.activeElement.id"));
        new Actions(teacher).sendKeys(Keys.ESCAPE).perform();
        waitUpTo(teacher, 5).until(x -> !teacher.findElement(By.id("close-confirm")).isDisplayed());
        assertEquals("btn-close-room", teacher.executeScript("return document.activeElement.id"));

        // Lock by keyboard: the focus stays on the button, which now says release.
        teacher.findElement(By.id("btn-lock")).sendKeys(Keys.ENTER);
        waitUpTo(teacher, 5).until(x -> "true".equals(main(teacher).getAttribute("data-locked")));
        assertEquals("btn-lock", teacher.executeScript("return document.activeElement.id"));

        // A preset by keyboard: the run starts anew, the focus stays on the preset.
        teacher.findElement(By.id("btn-setup")).sendKeys(Keys.ENTER);
        waitUpTo(teacher, 5).until(x -> teacher.findElement(By.id("setup-panel")).isDisplayed());
        String run = main(teacher).getAttribute("data-run");
        teacher.findElement(By.cssSelector(".presets a[data-preset='batch8']")).sendKeys(Keys.ENTER);
        waitUpTo(teacher, 10).until(x -> !run.equals(main(teacher).getAttribute("data-run")));
        assertEquals("batch8", teacher.executeScript("return document.activeElement.dataset.preset"));
        new Actions(teacher).sendKeys(Keys.ESCAPE).perform();
        waitUpTo(teacher, 5).until(x -> !teacher.findElement(By.id("setup-panel")).isDisplayed());
        assertEquals("btn-setup", teacher.executeScript("return document.activeElement.id"));

        // A watcher tabs through no preset link that would do nothing.
        students.switchTo().window(first);
        waitUpTo(students, 10).until(x -> "class".equals(main(students).getAttribute("data-view")));
        fromTheTop(students);
        List<String> stops = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            new Actions(students).sendKeys(Keys.TAB).perform();
            stops.add((String) students.executeScript("const a = document.activeElement; return a.dataset.preset ? 'preset' : a.id || a.tagName"));
        }
        assertFalse(stops.contains("preset"), stops.toString());
    }

    // ----- one preset marked at a time

    @Test
    void presets_that_share_a_set_up_are_told_apart_by_their_key_on_every_page() {
        String code = openRoom("presets");
        hideCode();
        join(first, code, null);
        preset("batch8");
        @SuppressWarnings("unchecked")
        List<String> marked = (List<String>) teacher.executeScript("return [...document.querySelectorAll('.presets a[aria-current=true]')].map(a => a.dataset.preset)");
        assertEquals(List.of("batch8"), marked, "the lecture's set-up, started as batches of 8");
        assertTrue(teacher.findElement(By.id("preset-note")).getAttribute("textContent").contains("8"), "its own text");
        students.switchTo().window(first);
        waitUpTo(students, 10).until(x -> "batch8".equals(students.findElement(By.id("preset-note")).getAttribute("data-preset")));
        release();
        fork(first);
        assertEquals("batch8", students.findElement(By.id("preset-note")).getAttribute("data-preset"), "a fork marks its class run's");
        assertEquals(1L, students.executeScript("return document.querySelectorAll('.presets a[aria-current=true]').length"));
    }
}
