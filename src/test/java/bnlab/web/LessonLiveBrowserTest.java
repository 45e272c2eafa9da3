package bnlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The lesson's live chart: one run on the server, three neurons of it, each chart its own neuron. */
class LessonLiveBrowserTest extends BrowserTestBase {
    @Test
    void the_live_chart_shows_three_different_neurons_of_one_run() {
        int runsBefore = app.labRuns();
        openLesson("en"); // the live chart starts by itself
        new WebDriverWait(d, Duration.ofSeconds(30)).until(x -> {
            String step = d.findElement(By.id("live")).getAttribute("data-step");
            return step != null && Long.parseLong(step) >= 120;
        });
        assertEquals(runsBefore + 1, app.labRuns(), "one run on the server for the three charts");
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
}
