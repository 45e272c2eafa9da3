package bnlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bnlab.lessons.plan.LecturePlan;
import bnlab.lessons.plan.LecturePlans;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Predict, then watch (issue 24), as a class meets it: the instructor (the projector's screen, 1280x720) follows the
 * built-in plan to its first question; three students vote (one on a phone, 390x844); the instructor closes the vote
 * and shows the results, goes on to the run, runs it and reveals which answer it supports; pauses the class; a late
 * joiner comes in during the second question and gets it with the votes open. With -Dbnlab.shots=DIR the screens are
 * saved there, in English and German.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LessonPlanBrowserTest {
    static final String TOKEN = "lesson-plan-token-0123456789";
    private WebApp app;
    private int port;
    private Browser teacherBrowser, studentsBrowser;
    private ChromeDriver teacher, students;
    private String phone, laptop, tablet, late;
    private static final LecturePlan PLAN = LecturePlans.builtIn();

    @BeforeAll
    void start() {
        Browser.requireChromium();
        app = Hall.app(TOKEN);
        port = app.start("127.0.0.1", 0);
        teacherBrowser = new Browser(1280, 720);
        studentsBrowser = new Browser(1280, 900);
        teacher = teacherBrowser.driver;
        students = studentsBrowser.driver;
        phone = students.getWindowHandle();
        laptop = students.switchTo().newWindow(WindowType.WINDOW).getWindowHandle();
        tablet = students.switchTo().newWindow(WindowType.WINDOW).getWindowHandle();
        late = students.switchTo().newWindow(WindowType.WINDOW).getWindowHandle();
    }

    @AfterAll
    void stop() {
        if (teacherBrowser != null) teacherBrowser.close();
        if (studentsBrowser != null) studentsBrowser.close();
        if (app != null) app.stop();
    }

    @AfterEach
    void the_consoles_show_no_error() {
        assertEquals(List.of(), teacherBrowser.consoleErrors());
        assertEquals(List.of(), studentsBrowser.consoleErrors());
    }

    private String url(String path) { return "http://127.0.0.1:" + port + path; }

    private static WebDriverWait waitUpTo(ChromeDriver d, int seconds) { return Hall.waitUpTo(d, seconds); }

    private static WebElement main(ChromeDriver d) { return Hall.main(d); }

    private static void viewport(ChromeDriver d, int w, int h) { Hall.viewport(d, w, h); }

    private static int planStep(ChromeDriver d) {
        String s = main(d).getAttribute("data-plan-step");
        return s == null || s.isEmpty() ? -1 : Integer.parseInt(s);
    }

    private static String text(ChromeDriver d, String id) { return d.findElement(By.id(id)).getText(); }

    private static int index(Class<? extends LecturePlan.Step> kind, int nth) {
        int seen = 0;
        for (int i = 0; i < PLAN.steps().size(); i++) if (kind.isInstance(PLAN.steps().get(i)) && seen++ == nth) return i;
        throw new AssertionError("no " + kind.getSimpleName() + " " + nth);
    }

    /** Saves the window's screen as DIR/NAME.png when -Dbnlab.shots=DIR is given. */
    private static void shot(ChromeDriver d, String name) {
        String dir = System.getProperty("bnlab.shots");
        if (dir == null || dir.isEmpty()) return;
        try {
            Files.createDirectories(Path.of(dir));
            Files.write(Path.of(dir, name + ".png"), d.getScreenshotAs(OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String openRoom(String lang) {
        teacher.get(url("/teach?token=" + TOKEN + "&lang=" + lang));
        teacher.executeScript("sessionStorage.clear()");
        teacher.get(url("/teach?token=" + TOKEN + "&lang=" + lang));
        waitUpTo(teacher, 10).until(x -> lang.equals(main(teacher).getAttribute("data-ready")));
        teacher.findElement(By.id("room-name")).sendKeys("BN " + lang);
        teacher.findElement(By.id("btn-open-room")).click();
        String code = waitUpTo(teacher, 10).until(x -> {
            String c = text(teacher, "room-code");
            return c.length() == 4 ? c : null;
        });
        new Actions(teacher).sendKeys(Keys.ESCAPE).perform();
        return code;
    }

    private void join(String window, String code, String lang, int w, int h) {
        students.switchTo().window(window);
        students.get(url("/join/" + code + "?lang=" + lang));
        students.executeScript("sessionStorage.clear()");
        students.get(url("/join/" + code + "?lang=" + lang));
        viewport(students, w, h);
        waitUpTo(students, 10).until(x -> "class".equals(main(students).getAttribute("data-view")));
    }

    /** The instructor follows the built-in plan, and closes the plan's panel: the projector shows the step and the run. */
    private void follow() {
        teacher.findElement(By.id("btn-plan")).click();
        teacher.findElement(By.id("btn-plan-follow")).click();
        waitUpTo(teacher, 10).until(x -> planStep(teacher) == 0);
        shot(teacher, "plan-teach-outline");
        new Actions(teacher).sendKeys(Keys.ESCAPE).perform();
        waitUpTo(teacher, 5).until(x -> !teacher.findElement(By.id("plan-panel")).isDisplayed());
    }

    /** The instructor presses N until the plan is at {@code step}. */
    private void nextTo(int step) {
        while (planStep(teacher) < step) {
            int at = planStep(teacher);
            teacher.findElement(By.tagName("body")).sendKeys("n");
            waitUpTo(teacher, 10).until(x -> planStep(teacher) == at + 1);
        }
    }

    private void vote(String window, int answer) {
        students.switchTo().window(window);
        waitUpTo(students, 10).until(x -> students.findElements(By.cssSelector("button.answer")).size() > answer
                && students.findElements(By.cssSelector("button.answer")).get(answer).isEnabled());
        WebElement b = students.findElements(By.cssSelector("button.answer")).get(answer);
        students.executeScript("arguments[0].scrollIntoView({block: 'center'})", b);
        b.click();
        waitUpTo(students, 10).until(x -> "true".equals(students.findElements(By.cssSelector("button.answer")).get(answer).getAttribute("aria-pressed")));
    }

    @Test
    void the_class_predicts_then_the_run_answers_in_english() throws Exception { lecture("en"); }

    @Test
    void the_class_predicts_then_the_run_answers_in_german() throws Exception { lecture("de"); }

    private void lecture(String lang) throws Exception {
        viewport(teacher, 1280, 720);
        String code = openRoom(lang);
        join(phone, code, lang, 390, 844);
        join(laptop, code, lang, 1280, 800);
        join(tablet, code, lang, 768, 1024);
        follow();
        students.switchTo().window(phone);
        waitUpTo(students, 10).until(x -> planStep(students) == 0);
        assertTrue(students.findElement(By.id("lesson-card")).isDisplayed(), "every screen shows the plan's step");

        int question = index(LecturePlan.Question.class, 0);
        nextTo(question);
        shot(teacher, "plan-teach-question-" + lang);
        // On the phone: the question and its answers as large touch targets, above the class's chart.
        students.switchTo().window(phone);
        waitUpTo(students, 10).until(x -> planStep(students) == question && students.findElements(By.cssSelector("button.answer")).size() == 3);
        for (WebElement b : students.findElements(By.cssSelector("button.answer"))) {
            assertTrue(b.getSize().getHeight() >= 44, "a touch target: " + b.getSize());
            assertTrue(b.getSize().getWidth() >= 300, "the phone's width: " + b.getSize());
        }
        double cardTop = ((Number) students.executeScript("return document.getElementById('lesson-card').getBoundingClientRect().top")).doubleValue();
        double chartTop = ((Number) students.executeScript("return document.getElementById('chart-bands').getBoundingClientRect().top")).doubleValue();
        assertTrue(cardTop < chartTop, "the question comes first on a phone");
        assertFalse(students.findElement(By.id("vote-results")).isDisplayed(), "no results before they are shown");
        shot(students, "plan-phone-question-" + lang);

        vote(phone, 0);
        vote(phone, 1); // changed their mind: counts once
        vote(laptop, 1);
        vote(tablet, 2);
        waitUpTo(teacher, 10).until(x -> text(teacher, "vote-state").startsWith(lang.equals("en") ? "3 answers" : "Bisher 3 Antworten"));
        assertFalse(teacher.findElement(By.id("vote-results")).isDisplayed(), "the projector shows no distribution before Show");
        teacher.findElement(By.id("btn-vote-close")).click();
        teacher.findElement(By.id("btn-vote-show")).click();
        waitUpTo(teacher, 10).until(x -> "true".equals(main(teacher).getAttribute("data-results")));
        List<String> counts = teacher.findElements(By.cssSelector("#vote-results .result-count")).stream().map(WebElement::getText).toList();
        assertEquals(List.of("0", "2", "1"), counts, "anonymous counts, each student once");
        shot(teacher, "plan-teach-results-" + lang);
        if (System.getProperty("bnlab.shots") != null) { // the projector at 1920 and a tablet, for looking at them
            viewport(teacher, 1920, 1080);
            shot(teacher, "plan-teach-results-1920-" + lang);
            viewport(teacher, 1280, 720);
            students.switchTo().window(tablet);
            waitUpTo(students, 10).until(x -> "true".equals(main(students).getAttribute("data-results")));
            students.executeScript("document.getElementById('lesson-card').scrollIntoView()");
            shot(students, "plan-tablet-results-" + lang);
        }
        students.switchTo().window(phone);
        waitUpTo(students, 10).until(x -> "true".equals(main(students).getAttribute("data-results")));
        assertFalse(students.findElement(By.cssSelector("button.answer")).isEnabled(), "the vote is closed");

        // The run: built paused on every screen; the instructor starts it, and at its end reveals what it supports.
        teacher.findElement(By.tagName("body")).sendKeys("n");
        waitUpTo(teacher, 10).until(x -> planStep(teacher) == question + 1);
        waitUpTo(teacher, 20).until(x -> "figure1".equals(teacher.findElement(By.id("preset-note")).getAttribute("data-preset")));
        assertEquals("false", main(teacher).getAttribute("data-revealed"), "the run has not answered yet");
        teacher.findElement(By.id("btn-play")).click(); // at the preset's own speed (as fast as it goes) to iteration 3,000
        waitUpTo(teacher, 90).until(x -> "true".equals(main(teacher).getAttribute("data-done")));
        waitUpTo(teacher, 10).until(x -> "true".equals(main(teacher).getAttribute("data-revealed")));
        students.switchTo().window(phone);
        waitUpTo(students, 10).until(x -> "true".equals(main(students).getAttribute("data-revealed")));
        assertTrue(text(students, "reveal-text").contains(lang.equals("en") ? "2.7 to 5.4" : "2,7 bis 5,4"), text(students, "reveal-text"));
        assertEquals("1", students.findElement(By.cssSelector(".answer.supported")).getAttribute("data-answer"));
        students.executeScript("document.getElementById('reveal').scrollIntoView({block: 'center'})");
        shot(students, "plan-phone-reveal-" + lang);
        shot(teacher, "plan-teach-reveal-" + lang);

        // Pause the class: every student's screen shows the message and nothing else.
        teacher.findElement(By.id("btn-pause-class")).click();
        students.switchTo().window(laptop);
        waitUpTo(students, 10).until(x -> students.findElement(By.id("pause-overlay")).isDisplayed());
        assertEquals(lang.equals("en") ? "Eyes on the projector, please" : "Bitte schauen Sie auf den Beamer", text(students, "pause-message"));
        shot(students, "plan-laptop-paused-" + lang);
        teacher.findElement(By.id("btn-pause-class")).click();
        waitUpTo(students, 10).until(x -> !students.findElement(By.id("pause-overlay")).isDisplayed());

        // A section step: every screen shows that part of the lesson itself (the batch matrices), framed.
        int batch = -1;
        for (int i = 0; i < PLAN.steps().size(); i++)
            if (PLAN.steps().get(i) instanceof LecturePlan.Section sec && sec.section().equals("batch")) batch = i;
        nextTo(batch);
        students.switchTo().window(phone);
        final int at = batch;
        waitUpTo(students, 10).until(x -> planStep(students) == at && students.findElement(By.id("lesson-frame")).isDisplayed());
        students.switchTo().frame(students.findElement(By.id("lesson-frame")));
        waitUpTo(students, 15).until(x -> !students.findElements(By.cssSelector("#batch .matrix")).isEmpty());
        assertEquals("embedded", students.findElement(By.tagName("body")).getAttribute("class"));
        assertFalse(students.findElement(By.cssSelector(".site-header")).isDisplayed(), "the lesson without the site's header");
        assertTrue(students.findElement(By.cssSelector(".site-footer")).getAttribute("textContent").contains("CC BY 4.0"), "the lecture's credit stays");
        students.switchTo().defaultContent();
        shot(students, "plan-phone-batch-" + lang);

        // A late joiner during the second question gets it, with the vote open.
        int second = index(LecturePlan.Question.class, 1);
        teacher.findElement(By.id("btn-plan")).click(); // a jump from the plan's outline
        teacher.findElement(By.cssSelector("#plan-outline li:nth-child(" + (second + 1) + ") button")).click();
        waitUpTo(teacher, 10).until(x -> planStep(teacher) == second);
        new Actions(teacher).sendKeys(Keys.ESCAPE).perform();
        join(late, code, lang, 390, 844);
        waitUpTo(students, 10).until(x -> planStep(students) == second && students.findElements(By.cssSelector("button.answer")).size() == 4);
        vote(late, 1);
        waitUpTo(teacher, 10).until(x -> text(teacher, "vote-state").startsWith(lang.equals("en") ? "1 answers" : "Bisher 1 Antworten"));
        teacher.findElement(By.id("btn-close-room")).click();
        teacher.findElement(By.id("btn-close-yes")).click();
        waitUpTo(teacher, 10).until(x -> "none".equals(main(teacher).getAttribute("data-view")));
    }
}
