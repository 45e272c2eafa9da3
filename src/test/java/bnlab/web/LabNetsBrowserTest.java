package bnlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The lab comparing more networks than the twin (config nets), with a measure: every network drawn, named and exported. */
class LabNetsBrowserTest extends BrowserTestBase {
    @AfterEach
    void the_browser_console_shows_no_error() {
        assertEquals(List.of(), browser.consoleErrors());
    }

    private WebDriverWait waitUpTo(int seconds) { return new WebDriverWait(d, Duration.ofSeconds(seconds)); }

    private WebElement main() { return d.findElement(By.id("main")); }

    private long step() {
        String s = main().getAttribute("data-step");
        return s == null || s.isEmpty() ? -1 : Long.parseLong(s);
    }

    private void open(String query) {
        d.get("http://127.0.0.1:" + port + "/lab?" + query);
        waitUpTo(10).until(x -> "0".equals(main().getAttribute("data-step")));
    }

    /** Points a chart draws for a network: the median of the bands, the training line, or a measure chart's line. */
    private long points(String chart, String net) {
        return (Long) d.executeScript("const c = Chart.getChart(arguments[0]);"
                + "const s = c.data.datasets.filter(s => s.net === arguments[1] && (s.role === 'median' || s.key === 'train-' + arguments[1]"
                + " || s.key === arguments[1] || s.key === arguments[1] + ':hi'))[0];"
                + "return s ? s.data.length : -1;", chart, net);
    }

    @SuppressWarnings("unchecked")
    private List<String> legend(String chart) {
        return (List<String>) d.executeScript("return Chart.getChart(arguments[0]).legend.legendItems.map(i => i.text)", chart);
    }

    @Test
    void three_networks_with_the_landscape_measure_get_a_legend_entry_a_map_a_row_and_measure_points_each() throws IOException {
        open("lang=en&dataset=spiral&nets=plain,bn,ln&measure=landscape&seed=3&speed=max");
        assertEquals("plain,bn,ln", main().getAttribute("data-nets"));
        assertTrue(d.findElement(By.id("c-nets-ln")).isSelected() && d.findElement(By.id("c-nets-plain")).isSelected());
        assertFalse(d.findElement(By.id("c-nets-bn-paper")).isSelected());
        assertEquals("landscape", new Select(d.findElement(By.id("c-measure"))).getFirstSelectedOption().getAttribute("value"));
        assertEquals(List.of("without BN: median", "with BN: median", "with LN: median"), legend("chart-bands"));
        assertTrue(d.findElement(By.cssSelector(".bands-more")).getText().contains("with LN black"), "the other patterns in words");

        d.findElement(By.id("btn-play")).click();
        waitUpTo(60).until(x -> step() > 160);
        d.findElement(By.id("btn-play")).click();
        waitUpTo(5).until(x -> "paused".equals(main().getAttribute("data-state")));
        waitUpTo(5).until(x -> points("chart-bands", "ln") > 5);
        for (String net : new String[] {"plain", "bn", "ln"}) {
            assertTrue(points("chart-loss", net) > 5, net);
            for (int i = 0; i < 3; i++) assertTrue(points("chart-m" + i, net) >= 3, "measure " + i + " of " + net);
            for (int i = 0; i < 2; i++)
                assertEquals(points("chart-m" + i, net), (long) (Long) d.executeScript("return Chart.getChart(arguments[0]).data.datasets"
                        + ".filter(s => s.key === arguments[1] + ':lo')[0].data.length", "chart-m" + i, net),
                        "the paper's band of measure " + i + " of " + net + " has a bottom edge under every top point");
        }
        assertEquals(3, ((Number) d.executeScript("return Chart.getChart('chart-hist').data.datasets.length")).intValue());
        for (int i = 0; i < 3; i++) {
            long counted = (Long) d.executeScript("return Chart.getChart('chart-hist').data.datasets[arguments[0]].data.reduce((a, b) => a + b, 0)", i);
            assertEquals(8, counted, "every network's histogram counts the batch of 8");
        }
        assertTrue(d.findElement(By.id("fig-measure")).isDisplayed());
        assertTrue(d.findElement(By.id("fig-m2")).isDisplayed(), "landscape: three charts");
        assertEquals("Loss landscape: effective β-smoothness", d.findElement(By.id("m2-title")).getText());
        assertTrue(legend("chart-m0").contains("with LN"), legend("chart-m0").toString());

        List<WebElement> maps = d.findElements(By.cssSelector("#boundary-maps canvas[id^='boundary-']"));
        assertEquals(List.of("boundary-plain", "boundary-bn", "boundary-ln"), maps.stream().map(m -> m.getAttribute("id")).toList());
        assertEquals("with LN", d.findElement(By.cssSelector("#boundary-maps .boundary[data-net='ln'] .net-label")).getText());
        for (WebElement map : maps) {
            assertTrue((Boolean) d.executeScript("const g = arguments[0].getContext('2d'); const w = arguments[0].width;"
                    + "return [0.25, 0.5, 0.75].some(f => { const p = g.getImageData(w * f, w * f, 1, 1).data; return p[0] < 250 || p[2] < 250; })", map),
                    "a map is drawn: " + map.getAttribute("id"));
        }

        d.findElement(By.cssSelector("#values summary")).click();
        waitUpTo(5).until(x -> !d.findElement(By.cssSelector("#values-rows tr[data-net='ln'] td")).getText().isEmpty());
        List<WebElement> rows = d.findElements(By.cssSelector("#values-rows tr"));
        assertEquals(3, rows.size());
        for (WebElement row : rows) {
            String trainLoss = row.findElement(By.cssSelector("td")).getText();
            assertTrue(trainLoss.matches("\\d\\.\\d+"), row.getAttribute("data-net") + ": " + trainLoss);
        }

        d.findElement(By.id("btn-csv")).click();
        Path file = downloaded(".csv", 10);
        List<String> lines = Files.readAllLines(file);
        for (String net : new String[] {"plain", "bn", "ln"}) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("train," + net + ",")), net);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("validation," + net + ",0,0,")), net);
        }
        Files.delete(file);

        d.executeScript("document.getElementById('fig-m2').scrollIntoView({block: 'center'})");
        d.findElement(By.cssSelector("#fig-m2 button.png")).click();
        Path png = downloaded("-beta_smoothness.png", 10);
        byte[] bytes = Files.readAllBytes(png);
        assertTrue(bytes.length > 5000 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G', png + ": " + bytes.length + " bytes");
    }

    @Test
    void a_diverged_network_is_named_and_the_others_train_on() {
        // The protocol's example (the plain network blows up at iteration 19), with layer normalization beside it.
        open("lang=en&dataset=xor&layers=6&activation=relu&learningRate=20&momentum=0.9&seed=3&nets=plain,bn,ln&speed=max");
        d.findElement(By.id("btn-play")).click();
        WebElement box = d.findElement(By.id("diverged"));
        waitUpTo(20).until(x -> box.isDisplayed() && step() > 40);
        // At 20 the networks with BN and LN blow up too and train on: a short line each, the advice once.
        assertTrue(box.getText().startsWith("The network without BN diverged at iteration 19: its loss became NaN (learning rate 20); "
                + "it stopped there"), box.getText());
        assertTrue(box.getText().contains("A network that blew up keeps training"), box.getText());
        assertFalse((Boolean) d.executeScript("const c = Chart.getChart('chart-bands');"
                + "return c.isDatasetVisible(c.data.datasets.findIndex(s => s.net === 'plain'))"), "hidden in the distribution chart");
        d.findElement(By.id("btn-play")).click();

        // The twin keeps its own text, which says what the network with BN does, while that one is healthy: here at a
        // rate of its own, 0.5 (at 20 its inputs explode too, and the twin's text would no longer hold).
        open("lang=en&dataset=xor&layers=6&activation=relu&learningRate=20&momentum=0.9&bnNetLearningRate=0.5&seed=3&speed=max");
        d.findElement(By.id("btn-play")).click();
        WebElement twinBox = d.findElement(By.id("diverged"));
        waitUpTo(20).until(x -> twinBox.isDisplayed() && step() > 40);
        assertTrue(twinBox.getText().startsWith("The network without BN diverged at iteration 19: its loss became NaN (learning rate 20)."
                + " At this learning rate"), twinBox.getText());
        d.findElement(By.id("btn-play")).click();
    }

    @Test
    void the_networks_are_ticked_in_the_set_up_and_the_link_keeps_them() {
        open("lang=de&dataset=xor&seed=2");
        assertEquals("plain,bn", main().getAttribute("data-nets"), "the lecture's twin by default");
        assertEquals(4, legend("chart-bands").size(), "the twin's legend as before: median and 15th/85th of each");
        assertFalse(d.findElement(By.id("fig-measure")).isDisplayed(), "no measure, no measure charts");
        assertFalse(d.findElement(By.cssSelector(".bands-more")).isDisplayed(), "the twin's caption as before");
        String run = main().getAttribute("data-run");
        d.findElement(By.cssSelector("label[for='c-nets-noisy-bn']")).click();
        waitUpTo(10).until(x -> !run.equals(main().getAttribute("data-run")) && "0".equals(main().getAttribute("data-step")));
        assertEquals("plain,bn,noisy-bn", main().getAttribute("data-nets"));
        assertTrue(d.getCurrentUrl().contains("nets=plain%2Cbn%2Cnoisy-bn"), d.getCurrentUrl());
        assertEquals(3, d.findElements(By.cssSelector("#boundary-maps canvas[id^='boundary-']")).size());

        d.findElement(By.cssSelector("label[for='c-nets-plain']")).click();
        waitUpTo(10).until(x -> "bn,noisy-bn".equals(main().getAttribute("data-nets")));
        // Fewer than two: refused at the control, the run goes on as it was.
        d.findElement(By.cssSelector("label[for='c-nets-bn']")).click();
        WebElement error = d.findElement(By.id("e-nets"));
        waitUpTo(5).until(x -> !error.getText().isEmpty());
        assertEquals("nets: bitte mindestens zwei Netze ankreuzen.", error.getText());
        assertEquals("bn,noisy-bn", main().getAttribute("data-nets"));
        d.findElement(By.cssSelector("label[for='c-nets-ln']")).click();
        waitUpTo(10).until(x -> "noisy-bn,ln".equals(main().getAttribute("data-nets")));
        assertTrue(error.getText().isEmpty());

        new Select(d.findElement(By.id("c-measure"))).selectByValue("gradient-shift");
        waitUpTo(10).until(x -> d.findElement(By.id("fig-measure")).isDisplayed());
        assertFalse(d.findElement(By.id("fig-m2")).isDisplayed(), "gradient shift: two charts");
        assertEquals("Gradienten-Verschiebung in Schicht 1: cos(G, G’)", d.findElement(By.id("m1-title")).getText());
        String link = d.getCurrentUrl();
        assertTrue(link.contains("measure=gradient-shift") && link.contains("nets=noisy-bn%2Cln"), link);

        d.get("about:blank");
        open(link.substring(link.indexOf("/lab?") + 5));
        assertEquals("noisy-bn,ln", main().getAttribute("data-nets"));
        assertTrue(d.findElement(By.id("c-nets-ln")).isSelected() && !d.findElement(By.id("c-nets-plain")).isSelected());
        assertEquals("gradient-shift", new Select(d.findElement(By.id("c-measure"))).getFirstSelectedOption().getAttribute("value"));
        d.findElement(By.id("btn-step")).click();
        waitUpTo(10).until(x -> points("chart-m1", "ln") == 1 && points("chart-m0", "noisy-bn") == 1);
    }
}
