package bnlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bnlab.lessons.LectureExample;
import bnlab.web.classroom.Classroom;
import bnlab.web.classroom.ClassroomOptions;
import bnlab.web.classroom.InstructorToken;
import bnlab.web.lab.LabEndpoint;
import bnlab.web.lab.LabRegistry;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The classroom in two headless Chromiums: the instructor's page (/teach) drives a room's run, a student's
 * page (/join/CODE) follows it, forks it, and shows up on the instructor's dashboard.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClassroomBrowserTest {
    static final String TOKEN = "browser-test-token-0123456789";

    private WebApp app;
    private int port;
    private Browser teacherBrowser, studentBrowser;
    /** The instructor's page and a student's. */
    private ChromeDriver teacher, student;

    @BeforeAll
    void startAppAndBrowsers() {
        Browser.requireChromium();
        LabEndpoint lab = new LabEndpoint(new LabRegistry(), LabEndpoint.trainingExecutor(), (java.nio.file.Path) null);
        app = new WebApp(new LectureExample(), lab, new Classroom(lab, ClassroomOptions.defaults(), InstructorToken.of(TOKEN), List.of()));
        port = app.start("127.0.0.1", 0);
        teacherBrowser = new Browser(1280, 900);
        studentBrowser = new Browser(1280, 900);
        teacher = teacherBrowser.driver;
        student = studentBrowser.driver;
    }

    @AfterAll
    void stop() {
        if (teacherBrowser != null) teacherBrowser.close();
        if (studentBrowser != null) studentBrowser.close();
        if (app != null) app.stop();
    }

    /** Every test starts with fresh pages: no room or seat kept from the test before. */
    @BeforeEach
    void freshPages() {
        for (ChromeDriver d : List.of(teacher, student)) {
            d.get(url("/join?lang=en"));
            d.executeScript("sessionStorage.clear(); localStorage.clear()");
        }
    }

    @AfterEach
    void the_consoles_show_no_error() {
        assertEquals(List.of(), teacherBrowser.consoleErrors());
        assertEquals(List.of(), studentBrowser.consoleErrors());
    }

    private String url(String path) { return "http://127.0.0.1:" + port + path; }

    private static WebDriverWait waitUpTo(ChromeDriver d, int seconds) { return new WebDriverWait(d, Duration.ofSeconds(seconds)); }

    /** What a page shows about its run and room, for a failed wait's message. */
    private static String seen(ChromeDriver d) {
        return "view=" + main(d).getAttribute("data-view") + " step=" + main(d).getAttribute("data-step") + " state="
                + main(d).getAttribute("data-state") + " notice=" + d.findElement(By.id("connection")).getText();
    }

    private static WebElement main(ChromeDriver d) { return d.findElement(By.id("main")); }

    private static long step(ChromeDriver d) {
        String s = main(d).getAttribute("data-step");
        return s == null || s.isEmpty() ? -1 : Long.parseLong(s);
    }

    /** Points drawn for a network's median line (or training line) in a chart. */
    private static long points(ChromeDriver d, String chart, String net) {
        return (Long) d.executeScript("const c = Chart.getChart(arguments[0]);"
                + "return c.data.datasets.filter(s => s.net === arguments[1] && (s.role === 'median' || s.key === 'train-' + arguments[1]))[0].data.length;",
                chart, net);
    }

    private static String text(ChromeDriver d, String id) { return d.findElement(By.id(id)).getText(); }

    /** An element's text whether or not it is shown (a panel that is closed, a line for screen readers). */
    private static String content(ChromeDriver d, String id) { return d.findElement(By.id(id)).getAttribute("textContent").trim(); }

    private static void type(ChromeDriver d, String id, String value) {
        d.findElement(By.id(id)).sendKeys(Keys.chord(Keys.CONTROL, "a"), value, Keys.TAB);
    }

    /**
     * The instructor opens a room with a name; returns its code once the class run stands at iteration 0. The code
     * shows large right after opening; Escape hides it (the class has joined), leaving the badge.
     */
    private String openRoom(String name) {
        String code = openRoomShowingTheCode(name);
        teacher.findElement(By.id("btn-join-hide")).sendKeys(Keys.ESCAPE);
        waitUpTo(teacher, 5).until(x -> !teacher.findElement(By.id("room-live")).isDisplayed());
        return code;
    }

    private String openRoomShowingTheCode(String name) {
        teacher.get(url("/teach?token=" + TOKEN + "&lang=en"));
        waitUpTo(teacher, 10).until(x -> "en".equals(main(teacher).getAttribute("data-ready")));
        type(teacher, "room-name", name);
        teacher.findElement(By.id("btn-open-room")).click();
        String code = waitUpTo(teacher, 10).until(x -> {
            String c = text(teacher, "room-code");
            return c.length() == 4 ? c : null;
        });
        waitUpTo(teacher, 10).until(x -> step(teacher) == 0);
        return code;
    }

    /** The instructor starts a preset from the set-up panel (opened and closed again). */
    private void preset(String key) {
        teacher.findElement(By.id("btn-setup")).click();
        teacher.findElement(By.cssSelector(".presets a[data-preset='" + key + "']")).click();
        waitUpTo(teacher, 10).until(x -> key.equals(teacher.findElement(By.id("preset-note")).getAttribute("data-preset")));
        teacher.findElement(By.id("btn-setup-close")).click();
    }

    /** The instructor opens the class's panel (the dashboard and the class chart). */
    private void classPanel() {
        if (!teacher.findElement(By.id("dashboard")).isDisplayed()) teacher.findElement(By.id("btn-class")).click();
        waitUpTo(teacher, 5).until(x -> teacher.findElement(By.id("dashboard")).isDisplayed());
    }

    /** The instructor's run goes at `speed` iterations a second. */
    private void play(String speed) {
        new Select(teacher.findElement(By.id("c-speed"))).selectByValue(speed);
        teacher.findElement(By.id("btn-play")).click();
        waitUpTo(teacher, 5).until(x -> "running".equals(main(teacher).getAttribute("data-state")));
    }

    private void pause(ChromeDriver d) {
        d.findElement(By.id("btn-play")).click();
        waitUpTo(d, 5).until(x -> "paused".equals(main(d).getAttribute("data-state")));
    }

    private void join(String code) {
        student.get(url("/join/" + code + "?lang=en"));
        waitUpTo(student, 10).until(x -> "class".equals(main(student).getAttribute("data-view")));
    }

    private void release() {
        WebElement lock = teacher.findElement(By.id("btn-lock"));
        waitUpTo(teacher, 5).until(x -> "Release the class".equals(lock.getText()));
        lock.click();
        waitUpTo(teacher, 5).until(x -> "false".equals(main(teacher).getAttribute("data-locked")));
    }

    /** The student forks once the class is released (the button shows then). */
    private void fork() {
        WebElement fork = student.findElement(By.id("btn-fork"));
        waitUpTo(student, 5).until(x -> fork.isDisplayed());
        fork.click();
        waitUpTo(student, 10).withMessage(() -> seen(student)).until(x -> "fork".equals(main(student).getAttribute("data-view")));
    }

    @Test
    void a_student_who_joins_sees_the_instructors_run_fill_both_networks_charts() {
        String code = openRoom("BN 101");
        assertTrue(code.matches("[2-9A-HJKMNP-Z]{4}"), code);
        join(code);
        assertEquals("Room: BN 101", student.findElement(By.tagName("h1")).getText());
        // A preset starts in the room (the page stays the instructor's); the student's controls show its set-up.
        waitUpTo(student, 10).until(x -> step(student) == 0);
        String run = main(student).getAttribute("data-run");
        preset("rate-x5");
        assertTrue(teacher.getCurrentUrl().contains("/teach?token="), teacher.getCurrentUrl());
        waitUpTo(student, 10).until(x -> !run.equals(main(student).getAttribute("data-run")));
        assertEquals("spiral", new Select(student.findElement(By.id("c-dataset"))).getFirstSelectedOption().getAttribute("value"));
        assertEquals("0.1", student.findElement(By.id("c-bnNetLearningRate")).getAttribute("value"));
        assertEquals("rate-x5", student.findElement(By.id("preset-note")).getAttribute("data-preset"));
        play("100");
        waitUpTo(student, 15).until(x -> step(student) > 50 && points(student, "chart-bands", "plain") > 5);
        for (String net : new String[] {"plain", "bn"}) {
            assertTrue(points(student, "chart-bands", net) > 5, net);
            assertTrue(points(student, "chart-loss", net) > 5, net);
        }
        assertTrue(text(student, "run-status").startsWith("Iteration"), text(student, "run-status"));
        waitUpTo(teacher, 5).until(x -> text(teacher, "room-count").startsWith("Students: 1"));
    }

    @Test
    void a_late_joiner_gets_the_run_so_far_at_once() {
        String code = openRoom("late");
        play("1000");
        waitUpTo(teacher, 15).until(x -> step(teacher) > 300);
        pause(teacher);
        long at = step(teacher);
        join(code);
        // Paused: no frame comes any more, so whatever the student's charts hold came with history.
        waitUpTo(student, 5).until(x -> step(student) >= at - 60 && points(student, "chart-bands", "bn") > 20);
        String[] buckets = main(student).getAttribute("data-buckets").split(",");
        assertTrue(Integer.parseInt(buckets[0]) > 20 && Integer.parseInt(buckets[1]) > 20, String.join(",", buckets));
        assertTrue(points(student, "chart-acc", "bn") > 20);
        long validations = (Long) student.executeScript("return window.bnlab.record.validation.bn.length");
        assertTrue(validations >= 1, "validations of the run so far");

        // The class chart compares at a chosen checkpoint; until one is chosen, at the first the class run (paused past
        // 300) has not reached, which forks made now would reach first. The class run, past 200, is marked there.
        classPanel();
        Select checkpoint = waitUpTo(teacher, 5).until(x -> {
            Select c = new Select(teacher.findElement(By.id("c-checkpoint")));
            return c.getOptions().size() == 9 ? c : null;
        });
        long expected = java.util.stream.LongStream.of(bnlab.experiments.live.Checkpoints.STEPS).filter(c -> c > at).findFirst().orElseThrow();
        waitUpTo(teacher, 5).until(x -> String.valueOf(expected).equals(checkpoint.getFirstSelectedOption().getAttribute("value")));
        checkpoint.selectByValue("200");
        waitUpTo(teacher, 5).until(x -> (Boolean) teacher.executeScript("const c = Chart.getChart('chart-class');"
                + "return c.options.scales.y.title.text === 'Validation accuracy at iteration 200'"
                + " && c.data.datasets.filter(d => d.role === 'mark' && d.data.length === 1).length === 2"));
        assertEquals("200", checkpoint.getFirstSelectedOption().getAttribute("value"));
    }

    @Test
    void a_class_run_of_three_networks_with_a_measure_reaches_a_late_joiner_and_the_dashboard_whole() {
        String code = openRoom("three");
        teacher.findElement(By.id("btn-setup")).click();
        new Select(teacher.findElement(By.id("c-dataset"))).selectByValue("xor");
        waitUpTo(teacher, 10).until(x -> step(teacher) == 0 && "xor".equals(new Select(teacher.findElement(By.id("c-dataset")))
                .getFirstSelectedOption().getAttribute("value")));
        teacher.findElement(By.cssSelector("label[for='c-nets-ln']")).click();
        waitUpTo(teacher, 10).until(x -> "plain,bn,ln".equals(main(teacher).getAttribute("data-nets")));
        new Select(teacher.findElement(By.id("c-measure"))).selectByValue("landscape");
        waitUpTo(teacher, 10).until(x -> teacher.findElement(By.id("fig-measure")).isDisplayed() && step(teacher) == 0);
        play("1000");
        waitUpTo(teacher, 15).until(x -> step(teacher) > 200);
        pause(teacher);
        join(code);
        // Paused: what the student's charts hold came with ready and history.
        waitUpTo(student, 10).until(x -> "plain,bn,ln".equals(main(student).getAttribute("data-nets"))
                && points(student, "chart-bands", "ln") > 20);
        assertTrue(student.findElement(By.id("c-nets-ln")).isSelected(), "the class's set-up in the student's controls");
        assertTrue(student.findElement(By.id("fig-measure")).isDisplayed());
        for (String net : new String[] {"plain", "bn", "ln"}) {
            // chart-m1: the change of the gradient, a band per network (its top edge: key NET:hi)
            long measured = (Long) student.executeScript("return Chart.getChart('chart-m1').data.datasets.filter(s => s.key === arguments[0] + ':hi')[0].data.length", net);
            assertTrue(measured >= 4, net + ": the measure points so far, from history: " + measured);
        }
        assertEquals(3, student.findElements(By.cssSelector("#boundary-maps canvas.map")).size());

        // The dashboard: an accuracy column per network of the class run, and its colour in the class chart.
        List<?> columns = waitUpTo(teacher, 5).until(x -> {
            List<?> now = (List<?>) teacher.executeScript(
                    "return [...document.querySelectorAll('#dash-table thead th.net-col')].map(th => th.textContent)");
            return now.size() == 3 ? now : null;
        });
        assertEquals(List.of("Accuracy without BN", "Accuracy with BN", "Accuracy with LN"), columns);
        classPanel();
        waitUpTo(teacher, 5).until(x -> Long.valueOf(3).equals(teacher.executeScript(
                "return new Set(Chart.getChart('chart-class').data.datasets.filter(d => d.net).map(d => d.net)).size")));
        // Its caption names every network by its point shape and line, LN's crosses too.
        assertEquals("Each point is one run at the chosen iteration: triangles and the dashed line without BN, "
                + "circles and the solid line with BN, crosses and the dash-dot-dotted line with LN.", text(teacher, "dash-chart-points"));
        assertTrue(teacher.findElement(By.id("chart-class")).getAttribute("aria-label").endsWith("without BN, with BN, with LN"));
        // and its legend draws each mean line in the network's pattern, as the chart does
        assertEquals("7,4|none|14,3,2,3,2,3", teacher.executeScript("const c = Chart.getChart('chart-class');"
                + "return c.legend.legendItems.filter(i => c.data.datasets[i.datasetIndex].role === 'trend')"
                + ".map(i => (i.lineDash || []).join(',') || 'none').join('|')"));
    }

    @Test
    void while_locked_a_watcher_cannot_drive_and_after_release_may_fork() {
        String code = openRoom("locked");
        join(code);
        waitUpTo(student, 10).until(x -> step(student) == 0);
        // A watcher gets no control it cannot use: no run buttons, no set-up, no presets, no greyed fork button.
        for (String id : new String[] {"btn-play", "c-learningRate", "c-speed", "setup-panel", "drive-note"})
            assertFalse(student.findElement(By.id(id)).isDisplayed(), id);
        assertFalse(student.findElement(By.id("btn-play")).isEnabled(), "the instructor drives the class run");
        assertTrue(text(student, "room-view").startsWith("You are watching the class"), text(student, "room-view"));
        WebElement fork = student.findElement(By.id("btn-fork"));
        assertFalse(fork.isDisplayed());
        assertEquals("The instructor has not released the class yet: you can fork once they do.", text(student, "fork-note"));
        assertEquals("Locked: the students watch your run and cannot fork it.", content(teacher, "lock-state"));
        assertTrue(text(teacher, "room-count").endsWith("locked"), text(teacher, "room-count"));

        release();
        waitUpTo(student, 5).until(x -> fork.isDisplayed() && fork.isEnabled());
        assertEquals("Released: the students may fork their own copies.", content(teacher, "lock-state"));
        assertTrue(text(teacher, "room-count").endsWith("released"), text(teacher, "room-count"));
        assertFalse(student.findElement(By.id("btn-play")).isDisplayed(), "still watching until they fork");

        teacher.findElement(By.id("btn-lock")).click();
        waitUpTo(student, 5).until(x -> !fork.isDisplayed());
        assertEquals("Release the class", teacher.findElement(By.id("btn-lock")).getText());
    }

    @Test
    void a_students_fork_is_theirs_to_drive_and_shows_on_the_dashboard_with_their_nickname_and_change() {
        String code = openRoom("forks");
        for (int i = 0; i < 5; i++) teacher.findElement(By.id("btn-step")).click();
        waitUpTo(teacher, 5).until(x -> step(teacher) == 5);
        join(code);
        type(student, "nickname", "Ada <b>&");
        waitUpTo(student, 5).until(x -> text(student, "nickname-state").contains("“Ada <b>&”"));
        release();
        fork();
        waitUpTo(student, 10).withMessage(() -> seen(student)).until(x -> step(student) == 5);
        assertTrue(student.findElement(By.id("btn-play")).isEnabled(), "their own copy: they drive it");
        assertTrue(student.findElement(By.id("setup-panel")).isDisplayed(), "with its set-up and presets");
        assertFalse(student.findElement(By.id("drive-note")).isDisplayed());
        assertTrue(text(student, "room-view").startsWith("Your own copy"), text(student, "room-view"));
        type(student, "c-learningRate", "2");
        student.findElement(By.id("btn-step")).click();
        waitUpTo(student, 5).until(x -> step(student) == 6);
        assertEquals(5, step(teacher), "the class run did not move");

        classPanel();
        WebElement row = waitUpTo(teacher, 10).until(x -> {
            List<WebElement> rows = teacher.findElements(By.cssSelector("#dash-rows tr"));
            return rows.size() == 1 && rows.get(0).getText().contains("Learning rate η: 2 (class: 0.5)") ? rows.get(0) : null;
        });
        WebElement name = row.findElement(By.tagName("th"));
        assertEquals("No. 1", name.getText(), "a number on the instructor's screen (the projector's) until names are on");
        teacher.findElement(By.id("btn-names")).click();
        waitUpTo(teacher, 5).until(x -> "Ada <b>&".equals(name.getText()));
        assertEquals("Ada &lt;b&gt;&amp;", name.getAttribute("innerHTML"), "typed text is text, never markup");
        assertTrue(row.getText().contains("● connected"), row.getText());

        WebElement unfork = student.findElement(By.id("btn-unfork"));
        student.executeScript("arguments[0].scrollIntoView({block: 'center'})", unfork); // not under the toolbar that stays
        unfork.click();
        waitUpTo(student, 10).until(x -> "class".equals(main(student).getAttribute("data-view")) && step(student) == 5);
        assertFalse(student.findElement(By.id("btn-play")).isEnabled());
    }

    @Test
    void the_instructor_shows_a_students_run_with_a_banner_and_takes_it_down() {
        String code = openRoom("show");
        join(code);
        type(student, "nickname", "Grace");
        waitUpTo(student, 5).until(x -> text(student, "nickname-state").contains("Grace"));
        release();
        fork();
        waitUpTo(student, 10).withMessage(() -> seen(student)).until(x -> step(student) == 0);
        for (int i = 0; i < 3; i++) student.findElement(By.id("btn-step")).click();
        waitUpTo(student, 5).until(x -> step(student) == 3);

        classPanel();
        WebElement show = waitUpTo(teacher, 10).until(x -> {
            List<WebElement> b = teacher.findElements(By.cssSelector("#dash-rows button.show-run"));
            return b.isEmpty() ? null : b.get(0);
        });
        assertEquals("Show this run", show.getText());
        show.click();
        WebElement banner = teacher.findElement(By.id("shown-banner"));
        waitUpTo(teacher, 10).until(x -> banner.isDisplayed() && step(teacher) == 3);
        assertEquals("On the projector: Student 1’s run. The class run stays where it was.", text(teacher, "shown-text"),
                "anonymous on the projector unless the instructor turns names on");
        teacher.findElement(By.id("btn-names")).click();
        waitUpTo(teacher, 5).until(x -> "On the projector: Grace’s run. The class run stays where it was.".equals(text(teacher, "shown-text")));
        assertFalse(teacher.findElement(By.id("btn-play")).isEnabled(), "a shown run is watched, not driven");
        waitUpTo(teacher, 5).until(x -> "true".equals(teacher.findElement(By.cssSelector("#dash-rows button.show-run")).getAttribute("aria-pressed")));

        teacher.findElement(By.id("btn-unshow")).click();
        waitUpTo(teacher, 10).until(x -> !banner.isDisplayed() && step(teacher) == 0);
        assertTrue(teacher.findElement(By.id("btn-play")).isEnabled(), "the class run is the instructor's again");
    }

    @Test
    void the_instructor_gets_the_room_and_its_run_back_after_a_reload_or_a_language_switch_and_no_link_carries_the_token() {
        String code = openRoom("reload");
        for (int i = 0; i < 4; i++) teacher.findElement(By.id("btn-step")).click();
        waitUpTo(teacher, 5).until(x -> step(teacher) == 4);
        @SuppressWarnings("unchecked")
        List<String> hrefs = (List<String>) teacher.executeScript("return [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))");
        assertTrue(hrefs.size() > 5, hrefs.toString());
        assertTrue(hrefs.stream().noneMatch(h -> h.contains(TOKEN)), "a link with the token: " + hrefs);
        teacher.navigate().refresh();
        waitUpTo(teacher, 10).until(x -> code.equals(text(teacher, "room-code-small")) && step(teacher) == 4);
        assertEquals("4,4", main(teacher).getAttribute("data-buckets"), "the run so far, from its history");
        assertTrue(teacher.findElement(By.id("btn-play")).isEnabled());

        teacher.findElement(By.cssSelector("a.lang-link[data-lang='de']")).click();
        waitUpTo(teacher, 10).until(x -> "de".equals(main(teacher).getAttribute("data-ready")));
        waitUpTo(teacher, 10).until(x -> code.equals(text(teacher, "room-code-small")) && step(teacher) == 4);
        assertEquals("Unterrichten: ein Lauf für die ganze Klasse", content(teacher, "teach-h"));
    }

    @Test
    void the_qr_code_on_the_instructors_page_decodes_to_the_join_address() throws Exception {
        String code = openRoomShowingTheCode("qr");
        WebElement img = teacher.findElement(By.id("room-qr"));
        waitUpTo(teacher, 10).until(x -> (Boolean) teacher.executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", img));
        assertTrue(img.getSize().getWidth() >= 250, "large enough for the back row: " + img.getSize());
        var picture = ImageIO.read(new ByteArrayInputStream(img.getScreenshotAs(OutputType.BYTES)));
        int w = picture.getWidth(), h = picture.getHeight();
        int[] argb = picture.getRGB(0, 0, w, h, null, 0, w);
        var result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(w, h, argb))));
        assertEquals(url("/join/" + code), result.getText());
        assertEquals(url("/join/" + code), teacher.findElement(By.cssSelector("#room-urls li")).getText());
    }

    @Test
    void teach_without_the_token_is_refused_with_403_and_says_how_to_get_in() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url("/teach?token=guess&lang=en"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, r.statusCode());
        assertFalse(r.body().contains("guess"), "the page does not repeat what was tried");
        teacher.get(url("/teach?lang=en"));
        assertEquals("This page needs the instructor’s link", teacher.findElement(By.tagName("h1")).getText());
        assertTrue(teacher.findElement(By.id("main")).getText().contains("the link the server printed when it started"));
        teacher.findElement(By.id("refused-join")).click();
        waitUpTo(teacher, 5).until(x -> teacher.getCurrentUrl().endsWith("/join"));
        teacher.get(url("/teach?lang=de"));
        assertEquals("Diese Seite braucht den Link für Lehrende", teacher.findElement(By.tagName("h1")).getText());
        // The browser logs the 403 of each refused page itself; nothing else may appear.
        assertTrue(teacherBrowser.consoleErrors().stream().allMatch(e -> e.contains("403")));
    }

    @Test
    void a_code_that_names_no_room_is_said_so_on_the_join_form() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url("/join/WXYZ"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, r.statusCode());
        student.get(url("/join?lang=en"));
        waitUpTo(student, 5).until(x -> "en".equals(student.findElement(By.tagName("html")).getAttribute("data-ready")));
        student.findElement(By.id("join-code")).sendKeys("wx-yz", Keys.ENTER);
        WebElement said = waitUpTo(student, 5).until(x -> {
            List<WebElement> n = student.findElements(By.id("join-unknown"));
            return n.isEmpty() ? null : n.get(0);
        });
        assertEquals("There is no room with the code WXYZ. Check it on the projector; the room may also have ended.", said.getText());
        assertEquals("WXYZ", student.findElement(By.id("join-code")).getAttribute("value"));
        student.findElement(By.id("join-code")).sendKeys(Keys.chord(Keys.CONTROL, "a"), "K7Q", Keys.ENTER);
        assertEquals("A code has 4 characters, e.g. K7QM.", text(student, "join-error"));
        // The browser logs the 404 of the page it was sent to; nothing else may appear.
        assertTrue(studentBrowser.consoleErrors().stream().allMatch(e -> e.contains("404")));
    }

    @Test
    void the_join_form_takes_the_code_and_nickname_a_reload_keeps_the_seat_and_a_closed_room_says_so() {
        String code = openRoom("seat");
        student.get(url("/join?lang=en"));
        student.findElement(By.id("join-code")).sendKeys(code.toLowerCase());
        student.findElement(By.id("join-nickname")).sendKeys("Emmy");
        student.findElement(By.id("btn-join")).click();
        String saved = "Saved as “Emmy”. The instructor sees your number (1), and this name only if they turn names on.";
        waitUpTo(student, 10).until(x -> text(student, "nickname-state").equals(saved));
        student.navigate().refresh();
        waitUpTo(student, 10).until(x -> "class".equals(main(student).getAttribute("data-view")));
        waitUpTo(student, 5).until(x -> text(student, "nickname-state").equals(saved));

        teacher.findElement(By.id("btn-close-room")).click();
        teacher.findElement(By.id("btn-close-yes")).click();
        waitUpTo(student, 10).until(x -> student.findElement(By.id("room-ended")).isDisplayed());
        assertEquals("The room has been closed.", text(student, "room-ended-text"));
        assertTrue(student.findElement(By.cssSelector("#room-ended a")).getAttribute("href").endsWith("/join"));
        waitUpTo(teacher, 10).until(x -> teacher.findElement(By.id("room-open")).isDisplayed());
        assertTrue(text(teacher, "room-ended").contains("You can open a new room."), text(teacher, "room-ended"));
        // No notice of the run that went with the room ("Open a room first", "Done ..."): the room's end is all.
        for (String id : new String[] {"drive-note", "connection", "run-status", "btn-play"})
            assertFalse(teacher.findElement(By.id(id)).isDisplayed(), id);
        assertEquals("room-name", teacher.executeScript("return document.activeElement.id"), "the keyboard is where a new room starts");
    }
}
