package bnlab.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Not a check but a look: saves PNGs of the lesson as a student sees it, in both languages,
 * at projector, laptop and tablet size. Run with -Dbnlab.shots=/tmp/shots (skipped otherwise).
 */
@EnabledIfSystemProperty(named = "bnlab.shots", matches = ".+")
class ScreenshotTour extends BrowserTestBase {

    /** The lesson's last section ("What we know today") alone, in both languages, at projector and tablet size. */
    @Test
    void saves_the_lessons_last_section() throws IOException {
        Path dir = Files.createDirectories(Path.of(System.getProperty("bnlab.shots")));
        for (String lang : new String[] {"de", "en"}) {
            for (int[] size : new int[][] {{1920, 1080}, {768, 1024}}) {
                d.manage().window().setSize(new Dimension(size[0], size[1]));
                openLesson(lang);
                d.executeScript("document.getElementById('today').scrollIntoView()");
                save(browser, dir.resolve("today-" + lang + "-" + size[0] + "x" + size[1] + ".png"));
                d.executeScript("document.querySelector('.today-figure').scrollIntoView()");
                save(browser, dir.resolve("today-" + lang + "-" + size[0] + "x" + size[1] + "-figures.png"));
            }
        }
    }

    @Test
    void saves_the_lesson_in_both_languages_at_1920_1280_and_768_pixels() throws IOException {
        Path dir = Files.createDirectories(Path.of(System.getProperty("bnlab.shots")));
        for (String lang : new String[] {"de", "en"}) {
            for (int[] size : new int[][] {{1920, 1080}, {1280, 800}, {1280, 720}, {768, 1024}}) {
                d.manage().window().setSize(new Dimension(size[0], size[1]));
                openLesson(lang);
                String name = lang + "-" + size[0] + "x" + size[1];
                save(browser, dir.resolve(name + "-top.png"));
                Number height = (Number) d.executeScript("return document.documentElement.scrollHeight");
                d.manage().window().setSize(new Dimension(size[0], Math.min(height.intValue() + 150, 12000)));
                save(browser, dir.resolve(name + "-full.png"));
                d.manage().window().setSize(new Dimension(size[0], size[1]));
                d.executeScript("document.getElementById('drift-h').scrollIntoView()");
                save(browser, dir.resolve(name + "-drift.png"));
                WebElement batch = d.findElement(By.id("batch"));
                d.executeScript("arguments[0].scrollIntoView()", batch);
                WebElement cell = d.findElement(By.cssSelector("td.cell[data-name='zTilde'][data-i='0'][data-j='0']"));
                d.executeScript("arguments[0].scrollIntoView({block: 'center'})", cell);
                new Actions(d).moveToElement(cell).perform();
                save(browser, dir.resolve(name + "-hover.png"));
                WebElement sigma = d.findElement(By.cssSelector("td.cell[data-name='sigma'][data-j='2']"));
                d.executeScript("arguments[0].scrollIntoView({block: 'center'})", sigma);
                new Actions(d).moveToElement(sigma).perform();
                save(browser, dir.resolve(name + "-sigma.png"));
                d.findElement(By.id("btn-step")).click();
                new WebDriverWait(d, Duration.ofSeconds(10)).until(x -> d.getCurrentUrl().contains("iteration=1"));
                d.executeScript("window.scrollTo(0, document.getElementById('batch').offsetTop)");
                save(browser, dir.resolve(name + "-step.png"));
                d.executeScript("document.getElementById('next').scrollIntoView()");
                save(browser, dir.resolve(name + "-next.png"));
                WebElement dz = d.findElement(By.cssSelector("td.cell[data-name='dz'][data-i='7'][data-j='7']"));
                d.executeScript("arguments[0].scrollIntoView({block: 'center', inline: 'end'})", dz);
                new Actions(d).moveToElement(dz).perform();
                save(browser, dir.resolve(name + "-dz.png"));
                d.findElement(By.id("btn-edit")).click();
                WebElement bad = d.findElement(By.cssSelector("td.cell[data-name='z'][data-i='1'][data-j='1'] input"));
                bad.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), "abc", org.openqa.selenium.Keys.TAB);
                new WebDriverWait(d, Duration.ofSeconds(10)).until(x -> !d.findElement(By.id("m-z-error")).getText().isEmpty());
                d.executeScript("document.getElementById('m-z-error').scrollIntoView({block: 'end'}); window.scrollBy(0, 70)");
                save(browser, dir.resolve(name + "-edit.png"));
                WebElement typed = d.findElement(By.cssSelector("td.cell[data-name='z'][data-i='6'][data-j='7'] input"));
                d.executeScript("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus()", typed);
                typed.sendKeys("5");
                save(browser, dir.resolve(name + "-edit-typing.png"));
                WebElement rows = d.findElement(By.id("edit-rows"));
                rows.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), "2", org.openqa.selenium.Keys.TAB);
                new WebDriverWait(d, Duration.ofSeconds(10)).until(x -> d.findElements(By.cssSelector("#m-zHat tbody tr")).size() == 2);
                d.executeScript("document.getElementById('edit-panel').scrollIntoView(); window.scrollBy(0, -120)");
                save(browser, dir.resolve(name + "-edit-rows2.png"));
                d.findElement(By.id("btn-edit")).click();
                d.executeScript("document.getElementById('problem').scrollIntoView()");
                save(browser, dir.resolve(name + "-problem.png"));
                d.executeScript("document.getElementById('shift-h').scrollIntoView()");
                save(browser, dir.resolve(name + "-live-idle.png"));
                d.findElement(By.id("live-play")).click();
                new WebDriverWait(d, Duration.ofSeconds(20)).until(x -> {
                    String step = d.findElement(By.id("live")).getAttribute("data-step");
                    return step != null && Integer.parseInt(step) >= 100;
                });
                save(browser, dir.resolve(name + "-live.png"));
                d.executeScript("document.getElementById('effects').scrollIntoView()");
                save(browser, dir.resolve(name + "-effects.png"));
                d.executeScript("document.getElementById('today').scrollIntoView()");
                save(browser, dir.resolve(name + "-today.png"));
            }
        }
        System.out.println("console: " + browser.consoleErrors());
    }

    /** The lab while a run is going, and the lesson's live chart, at laptop, tablet and projector size. */
    @Test
    void saves_the_lab_running_and_the_lessons_live_chart() throws Exception {
        Path dir = Files.createDirectories(Path.of(System.getProperty("bnlab.shots")));
        for (String lang : new String[] {"de", "en"}) {
            for (int[] size : new int[][] {{1280, 900}, {768, 1024}, {1920, 1080}}) {
                d.manage().window().setSize(new Dimension(size[0], size[1]));
                String name = "lab-" + lang + "-" + size[0];
                d.get("http://127.0.0.1:" + port + "/lab?lang=" + lang + "&dataset=xor&layers=6,6&activation=sigmoid"
                        + "&learningRate=1&speed=100&seed=1");
                new WebDriverWait(d, Duration.ofSeconds(10)).until(x -> "0".equals(
                        d.findElement(By.id("main")).getAttribute("data-step")));
                d.findElement(By.id("btn-play")).click();
                Thread.sleep(4000);
                save(browser, dir.resolve(name + "-top.png"));
                d.executeScript("document.getElementById('fig-hist').scrollIntoView()");
                save(browser, dir.resolve(name + "-charts.png"));
                Number height = (Number) d.executeScript("return document.documentElement.scrollHeight");
                d.manage().window().setSize(new Dimension(size[0], Math.min(height.intValue() + 150, 8000)));
                save(browser, dir.resolve(name + "-full.png"));
                d.findElement(By.id("btn-play")).click();
            }
            d.manage().window().setSize(new Dimension(1280, 900));
            // The paper's Figure 1 set-up: the drift without BN, after 25 s at max speed.
            d.get("http://127.0.0.1:" + port + bnlab.web.labpage.PresetLink.PROBLEM.get(0).href() + "&lang=" + lang);
            new WebDriverWait(d, Duration.ofSeconds(30)).until(x -> "0".equals(
                    d.findElement(By.id("main")).getAttribute("data-step")));
            d.findElement(By.id("btn-play")).click();
            Thread.sleep(25_000);
            d.findElement(By.id("btn-play")).click();
            d.executeScript("document.getElementById('fig-bands').scrollIntoView()");
            save(browser, dir.resolve("lab-figure1-" + lang + "-1280.png"));
            d.executeScript("document.getElementById('fig-hist').scrollIntoView()");
            save(browser, dir.resolve("lab-figure1-" + lang + "-1280-charts.png"));
            // The trial's case: rate 1.5 typed into the x30 set-up, both networks blow up (BN's rate follows at 45).
            d.get("http://127.0.0.1:" + port + "/lab?" + bnlab.web.labpage.PresetLink.query(bnlab.experiments.Presets.RATE_X30)
                    .replace("learningRate=0.02", "learningRate=1.5").replace("bnNetLearningRate=0.6", "bnNetLearningRate=45")
                    + "&lang=" + lang);
            new WebDriverWait(d, Duration.ofSeconds(10)).until(x -> "0".equals(
                    d.findElement(By.id("main")).getAttribute("data-step")));
            d.findElement(By.id("btn-play")).click();
            new WebDriverWait(d, Duration.ofSeconds(10)).until(x -> d.findElement(By.id("diverged")).isDisplayed());
            Thread.sleep(1500);
            d.executeScript("window.scrollTo(0, document.getElementById('diverged').offsetTop - 120)");
            save(browser, dir.resolve("lab-diverged-" + lang + "-1280.png"));
            d.get("http://127.0.0.1:" + port + "/?lang=" + lang);
            d.executeScript("document.getElementById('shift-h').scrollIntoView()");
            d.findElement(By.id("live-play")).click();
            Thread.sleep(5000);
            save(browser, dir.resolve("lesson-live-" + lang + "-1280.png"));
            d.executeScript("document.getElementById('effects').scrollIntoView()");
            save(browser, dir.resolve("lesson-links-" + lang + "-1280.png"));
        }
        System.out.println("console: " + browser.consoleErrors());
    }

    /** The lab's first screen on a projector, a small projector and a tablet, plain and in projector mode. */
    @Test
    void saves_the_labs_first_screen() throws Exception {
        Path dir = Files.createDirectories(Path.of(System.getProperty("bnlab.shots")));
        for (String lang : new String[] {"de", "en"}) {
            for (int[] size : Boolean.getBoolean("bnlab.tabletOnly") ? new int[][] {{768, 1024}}
                    : new int[][] {{1920, 1080}, {1280, 720}, {768, 1024}}) {
                for (boolean projector : new boolean[] {false, true}) {
                    if (projector && size[0] == 768) continue;
                    viewport(d, size[0], size[1]); // exactly the screen's pixels, as a projector's
                    d.get("http://127.0.0.1:" + port + bnlab.web.labpage.PresetLink.ALL.get(2).href() + "&lang=" + lang);
                    new WebDriverWait(d, Duration.ofSeconds(30)).until(x -> "0".equals(
                            d.findElement(By.id("main")).getAttribute("data-step")));
                    if (projector != "true".equals(d.findElement(By.id("btn-projector")).getAttribute("aria-pressed")))
                        d.findElement(By.id("btn-projector")).click();
                    d.executeScript("window.scrollTo(0, 0)"); // the click scrolled to the button; a projector shows the top
                    d.findElement(By.id("btn-play")).click();
                    Thread.sleep(6000);
                    String name = "first-" + lang + "-" + size[0] + "x" + size[1] + (projector ? "-projector" : "");
                    save(browser, dir.resolve(name + ".png"));
                    if (projector) {
                        d.executeScript("document.getElementById('fig-bands').scrollIntoView()");
                        save(browser, dir.resolve(name + "-charts.png"));
                        d.findElement(By.id("btn-projector")).click();
                    }
                }
            }
        }
        d.executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
        System.out.println("console: " + browser.consoleErrors());
    }

    /** The banner of a blown-up run (the x30 set-up with 1.5 typed in) at a small projector and a phone's size. */
    @Test
    void saves_the_blown_up_banner() throws Exception {
        Path dir = Files.createDirectories(Path.of(System.getProperty("bnlab.shots")));
        for (String lang : new String[] {"de", "en"}) {
            for (int[] size : new int[][] {{1280, 720}, {390, 844}, {1920, 1080}}) {
                d.manage().window().setSize(new Dimension(size[0], size[1]));
                d.get("http://127.0.0.1:" + port + "/lab?" + bnlab.web.labpage.PresetLink.query(bnlab.experiments.Presets.RATE_X30)
                        + "&lang=" + lang);
                wait(d, 30, () -> "0".equals(d.findElement(By.id("main")).getAttribute("data-step")));
                WebElement rate = d.findElement(By.id("c-learningRate"));
                rate.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), lang.equals("de") ? "1,5" : "1.5",
                        org.openqa.selenium.Keys.TAB);
                d.findElement(By.id("btn-play")).click();
                wait(d, 30, () -> d.findElement(By.id("diverged")).findElements(By.tagName("p")).size() == 3); // both networks, then the advice once
                Thread.sleep(3000);
                String name = "blown-up-" + lang + "-" + size[0] + "x" + size[1];
                save(browser, dir.resolve(name + "-top.png"));
                d.executeScript("document.getElementById('diverged').scrollIntoView({block: 'center'})");
                save(browser, dir.resolve(name + ".png"));
            }
        }
        System.out.println("console: " + browser.consoleErrors());
    }

    /**
     * Runs of more than the twin with a measure (three networks with the landscape, all five with the gradient
     * shift), in both languages at 1920x1080, 1280x800 and 768x1024: the legends, the maps, the table, the measure charts.
     */
    @Test
    void saves_runs_of_several_networks_with_a_measure() throws Exception {
        Path dir = Files.createDirectories(Path.of(System.getProperty("bnlab.shots")));
        String[][] runs = {
            {"three", "dataset=spiral&layers=32,32,32&activation=relu&init=he&learningRate=0.05&nets=plain,bn,ln&measure=landscape"},
            {"five", "dataset=spiral&layers=16,16,16&activation=relu&init=he&learningRate=0.02&nets=plain,bn,bn-paper,noisy-bn,ln"
                    + "&measure=gradient-shift&watchLayer=3"},
        };
        for (String lang : new String[] {"de", "en"}) {
            for (String[] run : runs) {
                d.manage().window().setSize(new Dimension(1920, 1080));
                d.get("http://127.0.0.1:" + port + "/lab?" + run[1] + "&speed=max&seed=1&lang=" + lang);
                new WebDriverWait(d, Duration.ofSeconds(30)).until(x -> "0".equals(
                        d.findElement(By.id("main")).getAttribute("data-step")));
                d.findElement(By.id("btn-play")).click();
                Thread.sleep(8000);
                d.findElement(By.id("btn-play")).click();
                d.findElement(By.cssSelector("#values summary")).click();
                Thread.sleep(500);
                for (int[] size : new int[][] {{1920, 1080}, {1280, 720}, {768, 1024}, {390, 844}}) {
                    d.manage().window().setSize(new Dimension(size[0], size[1]));
                    Thread.sleep(500);
                    String name = "nets-" + run[0] + "-" + lang + "-" + size[0] + "x" + size[1];
                    System.out.println(name + " wider than the window: " + d.executeScript("return [...document.querySelectorAll('body *')]"
                            + ".filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)"
                            + ".slice(0, 5).map(e => e.tagName + '#' + e.id + '.' + e.className)"));
                    d.executeScript("window.scrollTo(0, 0)");
                    save(browser, dir.resolve(name + "-top.png"));
                    for (String part : new String[] {"fig-bands", "fig-hist", "fig-boundary", "fig-measure", "values"}) {
                        d.executeScript("document.getElementById(arguments[0]).scrollIntoView()", part);
                        save(browser, dir.resolve(name + "-" + part + ".png"));
                    }
                }
            }
        }
        System.out.println("console: " + browser.consoleErrors());
    }

    /**
     * Every preset at its end, at its own speed (as a student meets it), in both languages, on a
     * projector (1920x1080) and a tablet (768x1024): does each show what its text says?
     */
    @Test
    void saves_every_preset_at_its_end() throws Exception {
        Path dir = Files.createDirectories(Path.of(System.getProperty("bnlab.shots")));
        for (String lang : new String[] {"de", "en"}) {
            for (bnlab.web.labpage.PresetLink p : bnlab.web.labpage.PresetLink.ALL) {
                d.manage().window().setSize(new Dimension(1920, 1080));
                d.get("http://127.0.0.1:" + port + p.href() + "&lang=" + lang);
                new WebDriverWait(d, Duration.ofSeconds(30)).until(x -> "0".equals(
                        d.findElement(By.id("main")).getAttribute("data-step")));
                d.findElement(By.id("btn-play")).click();
                new WebDriverWait(d, Duration.ofSeconds(120)).until(x -> "true".equals(
                        d.findElement(By.id("main")).getAttribute("data-done")));
                Thread.sleep(500); // the last frame's drawing
                String name = "preset-" + p.key() + "-" + lang;
                save(browser, dir.resolve(name + "-1920.png"));
                d.executeScript("document.getElementById('fig-bands').scrollIntoView()");
                save(browser, dir.resolve(name + "-1920-charts.png"));
                d.manage().window().setSize(new Dimension(768, 1024));
                Thread.sleep(500);
                d.executeScript("window.scrollTo(0, 0)");
                save(browser, dir.resolve(name + "-768.png"));
                d.executeScript("document.getElementById('fig-bands').scrollIntoView()");
                save(browser, dir.resolve(name + "-768-charts.png"));
            }
        }
        System.out.println("console: " + browser.consoleErrors());
    }

    private static final String CLASS_TOKEN = "screenshot-token-0123456789";

    /** A server with the lab and the classroom (instructor token {@link #CLASS_TOKEN}), not started. */
    private WebApp classroomApp() {
        bnlab.web.lab.LabEndpoint lab = new bnlab.web.lab.LabEndpoint(new bnlab.web.lab.LabRegistry(),
                bnlab.web.lab.LabEndpoint.trainingExecutor(), (Path) null);
        return new WebApp(source, lab, new bnlab.web.classroom.Classroom(lab,
                bnlab.web.classroom.ClassroomOptions.defaults(), bnlab.web.classroom.InstructorToken.of(CLASS_TOKEN), java.util.List.of()));
    }

    /** An exact viewport (the window's inner size), as a phone below 800 pixels. */
    private static void viewport(org.openqa.selenium.chrome.ChromeDriver d, int w, int h) throws InterruptedException {
        d.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", w, "height", h, "deviceScaleFactor", 1,
                "mobile", w < 800));
        Thread.sleep(400); // the charts follow their new room
    }

    private static void projector(org.openqa.selenium.chrome.ChromeDriver d, boolean on) throws InterruptedException {
        if (on != "true".equals(d.findElement(By.id("btn-projector")).getAttribute("aria-pressed"))) {
            d.findElement(By.id("btn-projector")).click();
            Thread.sleep(400);
        }
    }

    /** The instructor starts a preset from the set-up panel, which closes again. */
    private static void preset(org.openqa.selenium.chrome.ChromeDriver d, String key) {
        d.findElement(By.id("btn-setup")).click();
        d.findElement(By.cssSelector(".presets a[data-preset='" + key + "']")).click();
        wait(d, 10, () -> key.equals(d.findElement(By.id("preset-note")).getAttribute("data-preset"))
                && "0".equals(d.findElement(By.id("main")).getAttribute("data-step")));
        d.findElement(By.id("btn-setup-close")).click();
    }

    /**
     * The lecture hall: the instructor's page (the projector's screen) before and right after opening a room (the
     * code large), with the class running, projector mode on and off, at 1920x1080 and 1280x720; the set-up panel,
     * the class panel with the class chart after the forks trained past the preset's end, a student's run shown;
     * the students' pages watching, in their copy and as a late joiner at 390x844, 360x740, 768x1024 and 1280x800;
     * the join form and the refusal; in both languages.
     */
    @Test
    void saves_the_classroom_pages() throws Exception {
        Path dir = Files.createDirectories(Path.of(System.getProperty("bnlab.shots")));
        WebApp rooms = classroomApp();
        int p = rooms.start("127.0.0.1", 0);
        String base = "http://127.0.0.1:" + p;
        int[][] teach = {{1920, 1080}, {1280, 720}};
        int[][] phones = {{390, 844}, {360, 740}, {768, 1024}, {1280, 800}};
        try (Browser other = new Browser(1280, 800); Browser third = new Browser(390, 844)) {
            org.openqa.selenium.chrome.ChromeDriver t = d, s = other.driver, late = third.driver;
            for (String lang : new String[] {"de", "en"}) {
                viewport(t, 1920, 1080);
                t.get(base + "/teach?token=" + CLASS_TOKEN + "&lang=" + lang);
                t.executeScript("sessionStorage.clear(); localStorage.clear()");
                t.navigate().refresh();
                wait(t, 10, () -> lang.equals(t.findElement(By.id("main")).getAttribute("data-ready")));
                for (int[] size : teach) {
                    viewport(t, size[0], size[1]);
                    save(browser, dir.resolve("teach-" + lang + "-" + size[0] + "x" + size[1] + "-before.png"));
                }
                viewport(t, 1920, 1080);
                t.findElement(By.id("room-name")).sendKeys(lang.equals("de") ? "KI B3 · Vorlesung 7" : "AI B3 · lecture 7");
                t.findElement(By.id("btn-open-room")).click();
                wait(t, 10, () -> t.findElement(By.id("room-code")).getText().length() == 4);
                String code = t.findElement(By.id("room-code")).getText();
                wait(t, 10, () -> "0".equals(t.findElement(By.id("main")).getAttribute("data-step")));
                for (int[] size : teach) {
                    viewport(t, size[0], size[1]);
                    save(browser, dir.resolve("teach-" + lang + "-" + size[0] + "x" + size[1] + "-opened.png"));
                }
                viewport(t, 1920, 1080);
                s.get(base + "/join/" + code + "?lang=" + lang);
                s.executeScript("sessionStorage.clear()");
                s.navigate().refresh();
                wait(s, 10, () -> "class".equals(s.findElement(By.id("main")).getAttribute("data-view")));
                s.findElement(By.id("nickname")).sendKeys("Ada", org.openqa.selenium.Keys.ENTER);
                t.findElement(By.id("btn-join-hide")).click();
                t.findElement(By.id("btn-setup")).click();
                Thread.sleep(300);
                save(browser, dir.resolve("teach-" + lang + "-1920x1080-setup.png"));
                t.findElement(By.id("btn-setup-close")).click();
                preset(t, "rate-x30");
                t.findElement(By.id("btn-play")).click();
                Thread.sleep(5000); // the class run goes on for a while: charts with something in them
                for (int[] size : teach) {
                    viewport(t, size[0], size[1]);
                    for (boolean on : new boolean[] {false, true}) {
                        projector(t, on);
                        save(browser, dir.resolve("teach-" + lang + "-" + size[0] + "x" + size[1] + (on ? "-projector" : "") + "-running.png"));
                    }
                    projector(t, false);
                }
                for (int[] size : phones) {
                    viewport(s, size[0], size[1]);
                    s.executeScript("window.scrollTo(0, 0)");
                    save(other, dir.resolve("join-" + lang + "-" + size[0] + "x" + size[1] + "-watching.png"));
                    s.executeScript("document.getElementById('room').scrollIntoView()");
                    save(other, dir.resolve("join-" + lang + "-" + size[0] + "x" + size[1] + "-watching-room.png"));
                }
                viewport(t, 1920, 1080);
                new org.openqa.selenium.support.ui.Select(t.findElement(By.id("c-speed"))).selectByValue("1000");
                wait(t, 60, () -> "true".equals(t.findElement(By.id("main")).getAttribute("data-done")));
                t.findElement(By.id("btn-lock")).click(); // release
                wait(s, 10, () -> s.findElement(By.id("btn-fork")).isDisplayed());
                s.findElement(By.id("btn-fork")).click();
                wait(s, 10, () -> "fork".equals(s.findElement(By.id("main")).getAttribute("data-view")));
                s.findElement(By.id("c-learningRate")).sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), "0.05",
                        org.openqa.selenium.Keys.TAB);
                new org.openqa.selenium.support.ui.Select(s.findElement(By.id("c-speed"))).selectByValue("1000");
                s.findElement(By.id("btn-play")).click();
                viewport(late, 390, 844); // a phone (a window cannot be made that narrow)
                late.get(base + "/join/" + code + "?lang=" + lang);
                late.executeScript("sessionStorage.clear()");
                late.navigate().refresh();
                wait(late, 10, () -> "class".equals(late.findElement(By.id("main")).getAttribute("data-view")));
                late.findElement(By.id("btn-fork")).click();
                wait(late, 10, () -> "fork".equals(late.findElement(By.id("main")).getAttribute("data-view")));
                new org.openqa.selenium.support.ui.Select(late.findElement(By.id("c-speed"))).selectByValue("1000");
                late.findElement(By.id("btn-play")).click();
                Thread.sleep(4000); // both copies past the first checkpoint after the preset's end
                for (int[] size : phones) {
                    viewport(s, size[0], size[1]);
                    s.executeScript("window.scrollTo(0, 0)");
                    save(other, dir.resolve("join-" + lang + "-" + size[0] + "x" + size[1] + "-fork.png"));
                }
                t.findElement(By.id("btn-class")).click();
                wait(t, 10, () -> !t.findElements(By.cssSelector("#dash-rows tr")).isEmpty());
                for (int[] size : new int[][] {{1920, 1080}, {1280, 720}, {1280, 800}}) {
                    viewport(t, size[0], size[1]);
                    for (boolean on : new boolean[] {false, true}) {
                        projector(t, on);
                        Thread.sleep(1200); // the next dashboard message draws the chart
                        String name = "teach-" + lang + "-" + size[0] + "x" + size[1] + (on ? "-projector" : "");
                        t.executeScript("document.getElementById('dashboard').scrollIntoView()");
                        save(browser, dir.resolve(name + "-class.png"));
                        t.executeScript("document.getElementById('fig-class').scrollIntoView()");
                        save(browser, dir.resolve(name + "-classchart.png"));
                    }
                    projector(t, false);
                }
                viewport(t, 1920, 1080);
                t.findElement(By.cssSelector("#dash-rows button.show-run")).click();
                wait(t, 10, () -> t.findElement(By.id("shown-banner")).isDisplayed());
                t.findElement(By.id("btn-class-close")).click();
                t.executeScript("window.scrollTo(0, 0)");
                save(browser, dir.resolve("teach-" + lang + "-1920x1080-shown.png"));
                t.findElement(By.id("btn-unshow")).click();
                Thread.sleep(800);
                t.findElement(By.id("btn-lock")).click(); // lock: the students back in the class run
                Thread.sleep(1500);
                s.executeScript("window.scrollTo(0, 0)");
                save(other, dir.resolve("join-" + lang + "-1280x800-locked.png"));
                late.executeScript("window.scrollTo(0, 0)");
                save(third, dir.resolve("join-" + lang + "-390x844-late-locked.png"));
                t.executeScript("window.scrollTo(0, 0)");
                t.findElement(By.id("btn-close-room")).click();
                save(browser, dir.resolve("teach-" + lang + "-1920x1080-closing.png"));
                t.findElement(By.id("btn-close-yes")).click();
                wait(s, 10, () -> s.findElement(By.id("room-ended")).isDisplayed());
                Thread.sleep(500);
                save(browser, dir.resolve("teach-" + lang + "-1920x1080-closed.png"));
                save(other, dir.resolve("join-" + lang + "-1280x800-ended.png"));
                for (int[] size : phones) {
                    viewport(t, size[0], size[1]);
                    t.get(base + "/join?lang=" + lang);
                    save(browser, dir.resolve("joinform-" + lang + "-" + size[0] + "x" + size[1] + ".png"));
                    t.get(base + "/join/WXYZ?lang=" + lang);
                    save(browser, dir.resolve("joinform-" + lang + "-" + size[0] + "x" + size[1] + "-unknown.png"));
                    t.get(base + "/teach?lang=" + lang);
                    save(browser, dir.resolve("refused-" + lang + "-" + size[0] + "x" + size[1] + ".png"));
                }
                t.executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
            }
        } finally {
            rooms.stop();
        }
        System.out.println("console: " + browser.consoleErrors());
    }

    /** The dashboard with a student's copy of the x30 set-up at 1.5, which blew up: the diverged and changes cells. */
    @Test
    void saves_the_dashboard_with_a_blown_up_fork() throws Exception {
        Path dir = Files.createDirectories(Path.of(System.getProperty("bnlab.shots")));
        WebApp rooms = classroomApp();
        String base = "http://127.0.0.1:" + rooms.start("127.0.0.1", 0);
        try (Browser other = new Browser(390, 844)) {
            org.openqa.selenium.chrome.ChromeDriver s = other.driver;
            for (String lang : new String[] {"de", "en"}) {
                freshTeachPage(base, lang);
                d.findElement(By.id("btn-open-room")).click();
                wait(d, 10, () -> d.findElement(By.id("room-code")).getText().length() == 4);
                String code = d.findElement(By.id("room-code")).getText();
                wait(d, 10, () -> "0".equals(d.findElement(By.id("main")).getAttribute("data-step")));
                d.findElement(By.id("btn-join-hide")).click();
                preset(d, "rate-x30");
                d.findElement(By.id("btn-play")).click();
                s.get(base + "/join/" + code + "?lang=" + lang);
                wait(s, 10, () -> "class".equals(s.findElement(By.id("main")).getAttribute("data-view")));
                s.findElement(By.id("nickname")).sendKeys("Ada", org.openqa.selenium.Keys.ENTER);
                Thread.sleep(2000);
                d.findElement(By.id("btn-lock")).click();
                wait(s, 10, () -> s.findElement(By.id("btn-fork")).isEnabled());
                s.findElement(By.id("btn-fork")).click();
                wait(s, 10, () -> "fork".equals(s.findElement(By.id("main")).getAttribute("data-view")));
                s.findElement(By.id("c-learningRate")).sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"),
                        lang.equals("de") ? "1,5" : "1.5", org.openqa.selenium.Keys.TAB);
                s.findElement(By.id("btn-play")).click();
                wait(s, 20, () -> s.findElement(By.id("diverged")).isDisplayed());
                Thread.sleep(2500);
                s.executeScript("document.getElementById('diverged').scrollIntoView({block: 'center'})");
                save(other, dir.resolve("join-blown-up-" + lang + "-390x844.png"));
                d.findElement(By.id("btn-class")).click();
                for (int[] size : new int[][] {{1920, 1080}, {1280, 720}}) {
                    d.manage().window().setSize(new Dimension(size[0], size[1]));
                    Thread.sleep(500);
                    d.executeScript("document.getElementById('dashboard').scrollIntoView()");
                    save(browser, dir.resolve("dash-blown-up-" + lang + "-" + size[0] + "x" + size[1] + ".png"));
                }
                d.findElement(By.id("btn-close-room")).click();
                d.findElement(By.id("btn-close-yes")).click();
            }
        } finally {
            rooms.stop();
        }
    }

    /** The dashboard of a class run of three networks, with a student's copy, in both languages at three sizes. */
    @Test
    void saves_the_dashboard_of_a_three_network_class_run() throws Exception {
        Path dir = Files.createDirectories(Path.of(System.getProperty("bnlab.shots")));
        WebApp rooms = classroomApp();
        String base = "http://127.0.0.1:" + rooms.start("127.0.0.1", 0);
        try (Browser other = new Browser(1280, 800)) {
            org.openqa.selenium.chrome.ChromeDriver s = other.driver;
            for (String lang : new String[] {"de", "en"}) {
                freshTeachPage(base, lang);
                d.findElement(By.id("room-name")).sendKeys("LN");
                d.findElement(By.id("btn-open-room")).click();
                wait(d, 10, () -> d.findElement(By.id("room-code")).getText().length() == 4);
                String code = d.findElement(By.id("room-code")).getText();
                wait(d, 10, () -> "0".equals(d.findElement(By.id("main")).getAttribute("data-step")));
                d.findElement(By.id("btn-join-hide")).click();
                preset(d, "rate-x5");
                d.findElement(By.id("btn-setup")).click();
                d.findElement(By.cssSelector("label[for='c-nets-ln']")).click();
                wait(d, 10, () -> "plain,bn,ln".equals(d.findElement(By.id("main")).getAttribute("data-nets")));
                d.findElement(By.id("btn-setup-close")).click();
                d.findElement(By.id("btn-play")).click();
                s.get(base + "/join/" + code + "?lang=" + lang);
                wait(s, 10, () -> "class".equals(s.findElement(By.id("main")).getAttribute("data-view")));
                s.findElement(By.id("nickname")).sendKeys("Ada", org.openqa.selenium.Keys.ENTER);
                d.findElement(By.id("btn-lock")).click();
                wait(s, 10, () -> s.findElement(By.id("btn-fork")).isDisplayed());
                s.findElement(By.id("btn-fork")).click();
                wait(s, 10, () -> "fork".equals(s.findElement(By.id("main")).getAttribute("data-view")));
                s.findElement(By.id("c-learningRate")).sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), "0.1",
                        org.openqa.selenium.Keys.TAB);
                s.findElement(By.id("btn-play")).click();
                d.findElement(By.id("btn-class")).click();
                Thread.sleep(12000); // both past the class chart's first checkpoints
                for (int[] size : new int[][] {{1920, 1080}, {1280, 800}, {768, 1024}}) {
                    String name = "dash-three-" + lang + "-" + size[0] + "x" + size[1];
                    d.manage().window().setSize(new Dimension(size[0], size[1]));
                    Thread.sleep(500);
                    d.executeScript("document.getElementById('dashboard').scrollIntoView()");
                    save(browser, dir.resolve(name + ".png"));
                    d.executeScript("document.getElementById('fig-class').scrollIntoView()");
                    save(browser, dir.resolve(name + "-classchart.png"));
                }
                d.manage().window().setSize(new Dimension(1920, 1080));
                d.executeScript("window.scrollTo(0, 0)");
                d.findElement(By.id("btn-close-room")).click();
                d.findElement(By.id("btn-close-yes")).click();
            }
        } finally {
            rooms.stop();
        }
    }

    /** The instructor's page at 1920x1080 in {@code lang}, with no room or seat kept from before. */
    private void freshTeachPage(String base, String lang) {
        d.manage().window().setSize(new Dimension(1920, 1080));
        d.get(base + "/teach?token=" + CLASS_TOKEN + "&lang=" + lang);
        d.executeScript("sessionStorage.clear(); localStorage.clear()");
        d.navigate().refresh();
        wait(d, 10, () -> lang.equals(d.findElement(By.id("main")).getAttribute("data-ready")));
    }

    private static void wait(org.openqa.selenium.WebDriver driver, int seconds, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(driver, Duration.ofSeconds(seconds)).until(x -> condition.getAsBoolean());
    }

    private static void save(Browser browser, Path target) throws IOException {
        Path png = browser.driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(png, target, StandardCopyOption.REPLACE_EXISTING);
    }
}
