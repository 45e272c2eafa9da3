package bnlab.web;

import bnlab.lessons.BatchSource;
import bnlab.lessons.LectureExample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The app on a random port with the real lesson network, and one headless Chromium for the whole
 * test class (starting one costs seconds and most of a gigabyte). Skips, or under CI=true fails,
 * when Chromium is missing (see {@link Browser#requireChromium()}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTestBase {
    protected final BatchSource source = new LectureExample();
    protected WebApp app;
    protected int port;
    protected Browser browser;
    protected ChromeDriver d;
    /** Where the browser saves downloads without asking. */
    protected Path downloads;

    @BeforeAll
    void startAppAndBrowser() throws IOException {
        Browser.requireChromium();
        app = new WebApp(source);
        port = app.start("127.0.0.1", 0);
        downloads = Files.createTempDirectory("bnlab-downloads");
        browser = new Browser(1280, 900, downloads);
        d = browser.driver;
    }

    @AfterAll
    void stopAppAndBrowser() {
        if (browser != null) browser.close();
        if (app != null) app.stop();
    }

    /** The first download whose file name ends with {@code suffix}, waited for up to {@code seconds}. */
    protected Path downloaded(String suffix, int seconds) {
        return new WebDriverWait(d, Duration.ofSeconds(seconds)).until(x -> {
            try (java.util.stream.Stream<Path> files = Files.list(downloads)) {
                return files.filter(p -> p.toString().endsWith(suffix)).findFirst().orElse(null);
            } catch (IOException e) {
                return null;
            }
        });
    }

    /** Opens the lesson in a language and waits until its script has rendered the page. */
    protected void openLesson(String lang) {
        d.get("http://127.0.0.1:" + port + "/?lang=" + lang);
        new WebDriverWait(d, Duration.ofSeconds(10)).until(x ->
                lang.equals(d.findElement(By.tagName("html")).getAttribute("data-ready")));
    }

    /** A cell of the lesson's matrices (i = -1 for the vectors mu, sigma, gamma, beta). */
    protected WebElement cell(String name, int i, int j) {
        return d.findElement(By.cssSelector("td.cell[data-name='" + name + "'][data-i='" + i + "'][data-j='" + j + "']"));
    }
}
