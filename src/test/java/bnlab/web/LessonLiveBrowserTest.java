package bnlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The lesson's live chart: nothing on the server until the reader presses Start; then one run, three neurons of it,
 * each chart its own neuron; paused while the section is out of view, going on when it is back.
 */
class LessonLiveBrowserTest extends BrowserTestBase {
    private final HttpClient http = HttpClient.newHttpClient();

    /** WebSockets open on the server, from /health. */
    private int connections() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        return Http.JSON.readTree(r.body()).get("connections").asInt();
    }

    /** Leaves the page and waits until its connection and run are gone (a page left closes its socket). */
    private void quietServer() {
        d.get("about:blank");
        new WebDriverWait(d, Duration.ofSeconds(10)).until(x -> {
            try {
                return connections() == 0 && app.labRuns() == 0;
            } catch (Exception e) {
                return false;
            }
        });
    }

    private long step() {
        String s = d.findElement(By.id("live")).getAttribute("data-step");
        return s == null ? -1 : Long.parseLong(s);
    }

    private void awaitStep(long atLeast) {
        new WebDriverWait(d, Duration.ofSeconds(30)).until(x -> step() >= atLeast);
    }

    private void scrollTo(String selector) {
        d.executeScript("document.querySelector(arguments[0]).scrollIntoView({block: 'center'});", selector);
    }

    private void awaitVisible(boolean visible) {
        new WebDriverWait(d, Duration.ofSeconds(5)).until(x -> String.valueOf(visible).equals(d.findElement(By.id("live")).getAttribute("data-visible")));
    }

    /** The step after it has stopped moving: the same over 1.5 s (a frame in flight may still arrive first). */
    private long settledStep() throws InterruptedException {
        long before;
        long now = step();
        do {
            before = now;
            Thread.sleep(1500);
            now = step();
        } while (now != before);
        return now;
    }

    @Test
    void nothing_is_asked_of_the_server_before_start_and_the_chart_says_what_start_will_do() throws Exception {
        quietServer();
        for (String lang : List.of("en", "de")) {
            openLesson(lang);
            scrollTo("#live");
            Thread.sleep(2000);
            assertEquals(0, connections(), lang + ": no WebSocket before Start");
            assertEquals(0, app.labRuns(), lang + ": no run before Start");
            WebElement idle = d.findElement(By.id("live-idle"));
            assertTrue(idle.isDisplayed());
            assertTrue(idle.getText().contains(lang.equals("en") ? "Press Start" : "Drücken Sie Start"), idle.getText());
            assertFalse(d.findElement(By.cssSelector("#live .live-charts")).isDisplayed(), "no empty charts before Start");
            assertEquals("false", d.findElement(By.id("live-play")).getAttribute("aria-pressed"));
        }
    }

    @Test
    void the_live_chart_shows_three_different_neurons_of_one_run() throws Exception {
        quietServer();
        openLesson("en");
        scrollTo("#live");
        d.findElement(By.id("live-play")).click();
        awaitStep(120);
        assertEquals(1, app.labRuns(), "one run on the server for the three charts");
        assertEquals(1, connections());
        assertFalse(d.findElement(By.id("live-idle")).isDisplayed(), "the hint gives way to the charts");
        @SuppressWarnings("unchecked")
        List<Object> medians = (List<Object>) d.executeScript(
                "return [0,1,2].map(j => { const c = Chart.getChart(document.getElementById('live-chart-' + j));"
                        + " const ds = c.data.datasets.filter(s => s.data && s.data.length);"
                        + " const last = ds.map(s => s.data[s.data.length - 1]);"
                        + " return JSON.stringify(last.map(p => p && typeof p === 'object' ? p.y : p)); });");
        assertEquals(3, medians.size());
        assertTrue(!medians.get(0).equals("[]"), "the charts have points: " + medians);
        assertNotEquals(medians.get(0), medians.get(1), "neuron 1 and 2 differ");
        assertNotEquals(medians.get(1), medians.get(2), "neuron 2 and 3 differ");
        d.findElement(By.id("live-play")).click(); // pause: the run costs the server nothing more
    }

    @Test
    void it_pauses_while_scrolled_out_of_view_and_goes_on_when_back_unless_the_reader_paused_it() throws Exception {
        quietServer();
        openLesson("de");
        scrollTo("#live");
        d.findElement(By.id("live-play")).click();
        awaitStep(40);
        scrollTo("footer");
        awaitVisible(false);
        long away = settledStep();
        Thread.sleep(1500);
        assertEquals(away, step(), "no iterations while out of view");
        scrollTo("#live");
        awaitVisible(true);
        awaitStep(away + 40);
        assertEquals("true", d.findElement(By.id("live-play")).getAttribute("aria-pressed"), "still running for the reader");

        d.findElement(By.id("live-play")).click(); // the reader pauses
        long paused = settledStep();
        scrollTo("footer");
        awaitVisible(false);
        scrollTo("#live");
        awaitVisible(true);
        Thread.sleep(1500);
        assertEquals(paused, step(), "a run the reader paused stays paused when it comes back into view");
    }
}
