package bnlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bnlab.web.labpage.PresetLink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The lab page in headless Chromium: a live run fills the charts, the controls drive it, the URL keeps it. */
class LabPageBrowserTest extends BrowserTestBase {
    @AfterEach
    void the_browser_console_shows_no_error() {
        assertEquals(List.of(), browser.consoleErrors());
    }

    private WebDriverWait waitUpTo(int seconds) { return new WebDriverWait(d, Duration.ofSeconds(seconds)); }

    /** Opens the lab and waits for the run's frame 0 (paused at iteration 0). */
    private void open(String query) {
        d.get("http://127.0.0.1:" + port + "/lab?" + query);
        waitUpTo(10).until(x -> "0".equals(main().getAttribute("data-step")));
    }

    private WebElement main() { return d.findElement(By.id("main")); }

    /** The iteration of the last frame the page received; -1 before the first. */
    private long step() {
        String s = main().getAttribute("data-step");
        return s == null || s.isEmpty() ? -1 : Long.parseLong(s);
    }

    /** Points drawn for a network's median line in a chart. */
    private long points(String chart, String net) {
        return (Long) d.executeScript("const c = Chart.getChart(arguments[0]);"
                + "return c.data.datasets.filter(s => s.net === arguments[1] && (s.role === 'median' || s.key === 'train-' + arguments[1]))[0].data.length;",
                chart, net);
    }

    private void type(String name, String value) {
        WebElement c = d.findElement(By.id("c-" + name));
        c.sendKeys(Keys.chord(Keys.CONTROL, "a"), value, Keys.TAB);
    }

    @Test
    void starting_a_run_fills_both_networks_charts_and_pause_stops_them() throws InterruptedException {
        open("lang=en&dataset=xor&speed=1000&seed=1");
        d.findElement(By.id("btn-play")).click();
        waitUpTo(10).until(x -> step() > 100 && points("chart-bands", "plain") > 5);
        for (String net : new String[] {"plain", "bn"}) {
            assertTrue(points("chart-bands", net) > 5, net);
            assertTrue(points("chart-loss", net) > 5, net);
            assertTrue(points("chart-acc", net) > 5, net);
        }
        long bars = (Long) d.executeScript("return Chart.getChart('chart-hist').data.datasets[1].data.reduce((a, b) => a + b, 0)");
        assertEquals(8, bars, "the histogram counts the current batch of 8");
        assertTrue(d.findElement(By.id("fig-boundary")).isDisplayed(), "2-D data: decision boundary shown");
        for (String net : new String[] {"plain", "bn"}) {
            assertTrue((Boolean) d.executeScript("const c = document.getElementById(arguments[0]), g = c.getContext('2d');"
                    + "return [0.25, 0.5, 0.75].some(f => { const p = g.getImageData(c.width * f, c.height * f, 1, 1).data; return p[0] < 250 || p[2] < 250; })",
                    "boundary-" + net), "the map of " + net + " is drawn");
        }
        assertEquals("without BN", d.findElement(By.cssSelector(".boundary[data-net='plain'] .net-label")).getText());
        assertTrue(d.findElement(By.id("run-status")).getText().matches("Iteration [\\d,]+ · epoch [\\d,]+ · learning rate 0\\.5"),
                d.findElement(By.id("run-status")).getText());

        d.findElement(By.id("btn-play")).click();
        waitUpTo(5).until(x -> "paused".equals(main().getAttribute("data-state")));
        Thread.sleep(300); // a frame on its way may still arrive
        long paused = step();
        Thread.sleep(600);
        assertEquals(paused, step(), "no training while paused");
        assertEquals("Start", d.findElement(By.id("btn-play")).getText());
    }

    /** The texts of the diverged banner, one per line, once it shows {@code lines} of them. */
    private List<String> banner(int lines) {
        WebElement box = d.findElement(By.id("diverged"));
        waitUpTo(20).until(x -> box.isDisplayed() && box.findElements(By.tagName("p")).size() == lines);
        return box.findElements(By.tagName("p")).stream().map(WebElement::getText).toList();
    }

    @Test
    void rate_1_5_typed_into_the_x30_set_up_shows_that_both_networks_blew_up_and_train_on() {
        // The trial's case: the BN network's rate follows at 30 times, 45; its neurons' inputs explode within a few
        // iterations, and so do the plain network's (LiveRunBlowUpTest).
        open(PresetLink.query(bnlab.experiments.Presets.RATE_X30) + "&lang=en");
        type("learningRate", "1.5");
        d.findElement(By.id("btn-play")).click();
        List<String> lines = banner(3); // both networks, then the advice once
        String number = "\u2212?[\\d.,]+(\u00B710[\u207B\u2070\u00B9\u00B2\u00B3\u2074-\u2079]+)?";
        assertTrue(lines.get(0).matches("The network without BN blew up at iteration \\d+: the inputs of its neurons reached "
                + number + " \\(learning rate 1\\.5\\); its curves are hidden in the distribution chart\\."), lines.get(0));
        assertTrue(lines.get(1).matches("The network with BN blew up at iteration \\d+: the inputs of its neurons reached "
                + number + " \\(learning rate 45\\); its curves are hidden in the distribution chart\\."), lines.get(1));
        assertTrue(lines.get(2).startsWith("A network that blew up keeps training, but its numbers mean nothing any more: a smaller learning rate helps."),
                lines.get(2));
        long marked = step();
        waitUpTo(10).until(x -> step() > marked + 50);
        assertEquals("running", main().getAttribute("data-state"), "both train on: the run is not stopped");
        assertFalse(d.findElement(By.id("btn-play")).getAttribute("disabled") != null, "Pause stays usable");
    }

    @Test
    void the_lectures_network_at_rate_20_is_marked_worse_than_guessing_with_the_loss_of_guessing() {
        // Sigmoids keep its inputs below 700, but its loss averages 3.7 to 6.9 times ln 3 per block (BlowUpProbe).
        open("lang=en&dataset=lecture&learningRate=20&speed=1000&seed=1");
        d.findElement(By.id("btn-play")).click();
        List<String> lines = banner(3);
        for (String line : lines.subList(0, 2))
            assertTrue(line.matches("The network with(out)? BN blew up at iteration 200: over 100 iterations its training loss "
                    + "averaged [\\d.]+, three times and more what guessing costs \\(1\\.10; learning rate 20\\)\\."), line);
    }

    @Test
    void a_stopped_and_a_blown_up_network_each_get_a_short_line_and_the_advice_follows_once() {
        // A student's fork at rate 1.5 (45 with BN) from the class's iteration 400: without BN its loss became NaN,
        // with BN its inputs exploded (seen in the tour). Neither long twin text fits: each says the other trains on well.
        open("lang=en");
        String labJs = (String) d.executeScript("return document.querySelector('script[type=module]').src");
        @SuppressWarnings("unchecked")
        List<String> lines = (List<String>) d.executeAsyncScript("""
                const [url, done] = arguments;
                import(url).then((m) => done(m.divergenceTexts({keys: ['plain', 'bn'], diverged: {
                  plain: {kind: 'nonFinite', step: 480, loss: 'NaN', learningRate: 1.5},
                  bn: {kind: 'exploded', step: 477, value: -98765, learningRate: 45}}})))
                  .catch((e) => done(['failed: ' + e]));
                """, labJs.replaceAll("lab\\.js$", "lab-diverged.js"));
        assertEquals(List.of(
                "The network without BN diverged at iteration 480: its loss became NaN (learning rate 1.5); it stopped there, "
                        + "its curves are hidden in the distribution chart.",
                "The network with BN blew up at iteration 477: the inputs of its neurons reached \u221299,000 (learning rate 45); "
                        + "its curves are hidden in the distribution chart.",
                "A network that blew up keeps training, but its numbers mean nothing any more: a smaller learning rate helps. "
                        + "A click on a hidden network\u2019s legend entry shows its curves again."), lines);
    }

    @Test
    void the_blown_up_banner_speaks_german_too() {
        open(PresetLink.query(bnlab.experiments.Presets.RATE_X30) + "&lang=de");
        type("learningRate", "1,5");
        d.findElement(By.id("btn-play")).click();
        List<String> lines = banner(3);
        assertTrue(lines.get(1).startsWith("Das Netz mit BN ist bei Iteration "), lines.get(1));
        assertTrue(lines.get(1).contains("explodiert: Die Eingaben seiner Neuronen erreichten "), lines.get(1));
        assertTrue(lines.get(1).contains("(Lernrate 45)"), lines.get(1));
    }

    @Test
    void one_step_adds_exactly_one_iteration() throws InterruptedException {
        open("lang=en&dataset=lecture&seed=4");
        assertEquals(0, points("chart-bands", "bn"));
        // The page draws in the next animation frame after a frame arrives: wait for the drawing, not the
        // step counter alone. Had a click trained two iterations, the step would never be 1 and this times out.
        d.findElement(By.id("btn-step")).click();
        waitUpTo(5).until(x -> step() == 1 && points("chart-bands", "bn") == 1);
        d.findElement(By.id("btn-step")).click();
        waitUpTo(5).until(x -> step() == 2 && points("chart-bands", "plain") == 2 && points("chart-loss", "bn") == 2);
        Thread.sleep(300);
        assertEquals(2, step(), "nothing more after the second step");
        assertEquals(2, points("chart-bands", "bn"));
    }

    @Test
    void a_copied_url_restores_every_control_in_a_fresh_page() {
        open("lang=de");
        new Select(d.findElement(By.id("c-dataset"))).selectByValue("circle");
        type("layers", "4,3");
        new Select(d.findElement(By.id("c-activation"))).selectByValue("tanh");
        new Select(d.findElement(By.id("c-init"))).selectByValue("gaussian");
        type("initStd", "0,05");
        type("learningRate", "0,7");
        new Select(d.findElement(By.id("c-schedule"))).selectByValue("step");
        type("decayEvery", "300");
        type("dropout", "0,1");
        type("seed", "42");
        new Select(d.findElement(By.id("c-speed"))).selectByValue("1000");
        type("watchNeuron", "2");
        waitUpTo(5).until(x -> d.getCurrentUrl().contains("watchNeuron=2"));
        Map<String, String> before = controlValues();
        String url = d.getCurrentUrl();
        assertTrue(url.contains("seed=42") && url.contains("layers=4%2C3") && url.contains("learningRate=0.7"), url);

        d.get("about:blank");
        d.get(url);
        waitUpTo(10).until(x -> "0".equals(main().getAttribute("data-step")));
        assertEquals(before, controlValues());
        assertEquals("Input von Neuron 2 in versteckter Schicht 2 über die Iterationen",
                waitUpTo(5).until(x -> {
                    String s = d.findElement(By.id("bands-title")).getText();
                    return s.contains("Neuron 2") ? s : null;
                }));
    }

    private Map<String, String> controlValues() {
        Map<String, String> values = new LinkedHashMap<>();
        for (WebElement c : d.findElements(By.cssSelector("#setup input[name], #setup select, #c-speed"))) {
            values.put(c.getAttribute("name"), c.getAttribute("value"));
        }
        assertTrue(values.size() >= 20, values.toString());
        return values;
    }

    @Test
    void an_impossible_value_is_refused_at_its_control_with_the_servers_message() {
        open("lang=en&dataset=xor");
        type("batchSize", "1");
        WebElement error = d.findElement(By.id("e-batchSize"));
        waitUpTo(5).until(x -> !error.getText().isEmpty());
        assertEquals("With batch normalization a batch needs at least 2 data points (the variance of a single one is 0);"
                + " entered: 1.", error.getText());
        assertEquals("true", d.findElement(By.id("c-batchSize")).getAttribute("aria-invalid"));
        type("batchSize", "8");
        waitUpTo(5).until(x -> error.getText().isEmpty());
    }

    @Test
    void the_set_up_row_marks_the_preset_in_use_and_an_own_set_up_is_called_so() {
        open("lang=en");
        WebElement note = d.findElement(By.id("preset-note"));
        assertEquals("true", d.findElement(By.cssSelector(".presets a[data-preset='lecture']")).getAttribute("aria-current"),
                "the lab's defaults are the lecture's example");
        assertTrue(note.getText().startsWith("5 inputs, one hidden layer of 8"), note.getText());
        d.findElement(By.cssSelector(".presets a[data-preset='figure1']")).click();
        waitUpTo(10).until(x -> "figure1".equals(d.findElement(By.id("preset-note")).getAttribute("data-preset")));
        assertEquals(1, d.findElements(By.cssSelector(".presets a[aria-current='true']")).size());
        assertEquals("fashion-mnist", new Select(d.findElement(By.id("c-dataset"))).getFirstSelectedOption().getAttribute("value"));
        type("learningRate", "0.4");
        waitUpTo(5).until(x -> d.findElement(By.id("preset-note")).getText().startsWith("Your own set-up"));
        assertTrue(d.findElements(By.cssSelector(".presets a[aria-current='true']")).isEmpty());
        type("learningRate", "0.5");
        waitUpTo(5).until(x -> "figure1".equals(d.findElement(By.id("preset-note")).getAttribute("data-preset")));
    }

    @Test
    void when_the_server_comes_back_the_page_reconnects_and_starts_its_set_up_again() throws Exception {
        open("lang=en&dataset=xor&seed=5");
        for (int i = 0; i < 3; i++) d.findElement(By.id("btn-step")).click();
        waitUpTo(5).until(x -> step() == 3);
        WebElement banner = d.findElement(By.id("connection"));
        app.stop(); // as when the instructor's laptop drops off the network, or the server is restarted
        waitUpTo(10).until(x -> banner.isDisplayed() && banner.getText().startsWith("The connection to the server is lost; trying again in"));
        app = new WebApp(source);
        app.start("127.0.0.1", port);
        waitUpTo(30).until(x -> banner.getText().startsWith("Connected again."));
        waitUpTo(5).until(x -> step() == 0);
        d.findElement(By.id("btn-step")).click();
        waitUpTo(5).until(x -> step() == 1);
        assertTrue(d.getCurrentUrl().contains("dataset=xor") && d.getCurrentUrl().contains("seed=5"), "the set-up is kept");
        // The browser itself logs the failed attempts while the server was away; nothing else may appear.
        List<String> logged = browser.consoleErrors();
        assertTrue(logged.stream().allMatch(e -> e.contains("/ws/lab")), logged.toString());
    }

    @Test
    void the_figure1_set_up_trains_fashion_mnist_in_the_lab() {
        d.get("http://127.0.0.1:" + port + PresetLink.PROBLEM.get(0).href() + "&lang=en");
        waitUpTo(20).until(x -> step() == 0); // frame 0: the data is loaded and both networks are built
        for (int i = 0; i < 3; i++) d.findElement(By.id("btn-step")).click();
        waitUpTo(20).until(x -> step() == 3 && points("chart-bands", "bn") == 3);
        long bars = (Long) d.executeScript("return Chart.getChart('chart-hist').data.datasets[1].data.reduce((a, b) => a + b, 0)");
        assertEquals(60, bars, "the histogram counts the current batch of 60 images");
        assertFalse(d.findElement(By.id("fig-boundary")).isDisplayed(), "no decision boundary for 784 inputs");
        assertTrue(d.findElement(By.cssSelector("#chart-bands")).isDisplayed());
        assertEquals("3", d.findElement(By.id("c-watchLayer")).getAttribute("value"), "a neuron of the last hidden layer");
    }

    /** The last training loss drawn for a network, as the chart holds it. */
    private Object lastLoss(String net) {
        return d.executeScript("const s = Chart.getChart('chart-loss').data.datasets.filter(s => s.key === 'train-' + arguments[0])[0];"
                + "return s.data[s.data.length - 1].y;", net);
    }

    @Test
    void a_learning_rate_changed_during_the_run_goes_into_the_link_which_replays_the_run_exactly() throws InterruptedException {
        open("lang=en&dataset=xor&seed=2");
        for (int i = 0; i < 5; i++) d.findElement(By.id("btn-step")).click();
        waitUpTo(5).until(x -> step() == 5);
        type("learningRate", "2");
        waitUpTo(5).until(x -> d.getCurrentUrl().contains("rateChanges=5%3A2"));
        assertTrue(d.getCurrentUrl().contains("learningRate=0.5"), "the starting rate stays in the link: " + d.getCurrentUrl());
        for (int i = 0; i < 5; i++) d.findElement(By.id("btn-step")).click();
        waitUpTo(5).until(x -> step() == 10 && points("chart-loss", "bn") == 10);
        Object bn = lastLoss("bn"), plain = lastLoss("plain");
        String link = d.getCurrentUrl();

        d.get(link);
        waitUpTo(5).until(x -> step() == 0);
        for (int i = 0; i < 10; i++) d.findElement(By.id("btn-step")).click();
        waitUpTo(5).until(x -> step() == 10 && points("chart-loss", "bn") == 10);
        assertEquals(bn, lastLoss("bn"), "the same run, bit for bit");
        assertEquals(plain, lastLoss("plain"));
        assertTrue(d.findElement(By.id("run-status")).getText().endsWith("learning rate 2"), d.findElement(By.id("run-status")).getText());

        type("layers", "5"); // a new set-up is a new run: its link has no changes
        waitUpTo(5).until(x -> !d.getCurrentUrl().contains("rateChanges"));
    }

    @Test
    void a_refused_value_is_explained_in_the_pages_language() {
        open("lang=de&dataset=xor");
        type("batchSize", "1");
        WebElement error = d.findElement(By.id("e-batchSize"));
        waitUpTo(5).until(x -> !error.getText().isEmpty());
        assertEquals("Mit Batchnormalisierung braucht ein Batch mindestens 2 Datenpunkte (die Varianz eines einzelnen ist 0);"
                + " eingegeben: 1.", error.getText());
        type("batchSize", "8");
        type("learningRate", "150,5");
        WebElement rate = d.findElement(By.id("e-learningRate"));
        waitUpTo(5).until(x -> !rate.getText().isEmpty());
        assertEquals("Muss größer als 0 und höchstens 100 sein (eingegeben: 150,5).", rate.getText());
    }

    @Test
    void a_network_over_the_servers_budget_is_explained_at_the_layers_control_in_the_pages_language() {
        open("lang=de&dataset=xor");
        type("layers", "500,500");
        WebElement error = d.findElement(By.id("e-layers"));
        waitUpTo(5).until(x -> !error.getText().isEmpty());
        assertEquals("Dieses Netz hätte 255.002 Parameter; dieser Server erlaubt höchstens 250.000."
                + " Bitte weniger oder schmalere Schichten wählen.", error.getText());
    }

    @Test
    void the_CSV_export_downloads_a_file_with_the_series() throws Exception {
        open("lang=en&dataset=xor&seed=2");
        for (int i = 0; i < 3; i++) d.findElement(By.id("btn-step")).click();
        waitUpTo(5).until(x -> step() == 3);
        d.findElement(By.id("btn-csv")).click();
        Path file = downloaded(".csv", 10);
        List<String> lines = Files.readAllLines(file);
        assertEquals("kind,model,first_step,last_step,loss,accuracy,p0,p6.68,p15,p15.87,p30.85,p50,p69.15,p84.13,p85,p93.32,p100", lines.get(0));
        assertEquals(6, lines.stream().filter(l -> l.startsWith("train,")).count(), "3 iterations x 2 networks");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("validation,bn,0,0,")), lines.toString());
        assertTrue(file.getFileName().toString().startsWith("bnlab-xor-seed2-3"), file.toString());
    }

    @Test
    void an_uploaded_CSV_is_trained_on_and_a_malformed_one_is_refused_with_its_line_numbers() throws IOException {
        open("lang=en");
        new Select(d.findElement(By.id("c-dataset"))).selectByValue("csv");
        WebElement file = d.findElement(By.id("c-upload"));
        assertTrue(file.isDisplayed());
        WebElement error = d.findElement(By.id("e-upload"));
        Path huge = Files.createTempFile(downloads.getParent(), "huge", ".csv");
        Files.writeString(huge, "x,y,label\n" + "0.5,0.25,a\n".repeat(300_000));
        file.sendKeys(huge.toString());
        waitUpTo(5).until(x -> !error.getText().isEmpty());
        assertEquals("The file is larger than 2 MB; please choose a smaller one.", error.getText());
        assertTrue(browser.consoleErrors().isEmpty(), "refused in the page, never sent");

        Path bad = Files.createTempFile(downloads.getParent(), "bad", ".csv");
        Files.writeString(bad, "x,y,label\n1,2,a\n3,b\n5,6,b\n");
        file.sendKeys(bad.toString());
        waitUpTo(5).until(x -> error.getText().contains("line"));
        assertTrue(error.getText().contains("line 3: expected 3 fields, found 2"), error.getText());
        // The browser logs the refused request (HTTP 400) itself; nothing else may appear.
        List<String> logged = browser.consoleErrors();
        assertTrue(logged.stream().allMatch(e -> e.contains("/api/lab/csv") && e.contains("400")), logged.toString());

        StringBuilder csv = new StringBuilder("x,y,label\n");
        for (int i = 0; i < 60; i++) csv.append(i % 7 - 3).append(',').append(i % 5 - 2).append(',').append(i % 2 == 0 ? "even" : "odd").append('\n');
        Path good = Files.createTempFile(downloads.getParent(), "points", ".csv");
        Files.writeString(good, csv);
        String run = main().getAttribute("data-run");
        file.sendKeys(good.toString());
        waitUpTo(10).until(x -> !run.equals(main().getAttribute("data-run")));
        assertTrue(d.findElement(By.id("csv-status")).getText().contains("60 rows, 2 inputs, 2 classes"),
                d.findElement(By.id("csv-status")).getText());
        assertTrue(d.getCurrentUrl().matches(".*dataset=csv.*upload=[0-9a-f]{32}.*"), d.getCurrentUrl());
        assertTrue(error.getText().isEmpty());
        assertTrue(d.findElement(By.id("fig-boundary")).isDisplayed(), "2-D data from the file");
    }

    @Test
    void the_lab_renders_in_German_and_in_English() {
        open("lang=de");
        assertEquals("Labor: Netze ohne und mit Batchnormalisierung, nebeneinander", d.findElement(By.tagName("h1")).getText());
        assertTrue(d.findElement(By.id("run-status")).getText().contains("Epoche"));
        assertTrue(d.findElement(By.cssSelector("label[for='c-learningRate']")).getText().startsWith("Lernrate"));
        assertFalse(d.getPageSource().contains("??"), "a missing message key");
        open("lang=en");
        assertEquals("Lab: networks without and with batch normalization, side by side", d.findElement(By.tagName("h1")).getText());
        assertTrue(d.findElement(By.id("run-status")).getText().contains("epoch"));
        assertFalse(d.getPageSource().contains("??"), "a missing message key");
        for (WebElement c : d.findElements(By.cssSelector("#setup input, #setup select"))) {
            String id = c.getAttribute("id");
            assertFalse(d.findElements(By.cssSelector("label[for='" + id + "']")).isEmpty(), "a label for " + id);
        }
    }

    @Test
    void a_preset_link_carries_the_BN_networks_own_rate_and_the_status_shows_both_rates() {
        d.get("http://127.0.0.1:" + port + "/?lang=en");
        WebElement link = d.findElement(By.cssSelector("a[data-preset='rate-x5']"));
        assertTrue(link.getAttribute("href").endsWith(PresetLink.EFFECTS.get(0).href()), link.getAttribute("href"));
        d.get(link.getAttribute("href"));
        waitUpTo(10).until(x -> "0".equals(main().getAttribute("data-step")));
        assertEquals("0.02", d.findElement(By.id("c-learningRate")).getAttribute("value"));
        assertEquals("0.1", d.findElement(By.id("c-bnNetLearningRate")).getAttribute("value"));
        assertEquals("true", d.findElement(By.cssSelector("a[data-preset='rate-x5']")).getAttribute("aria-current"));
        assertEquals("iteration 0 · epoch 0 · learning rate without BN 0.02, with BN 0.1".toLowerCase(),
                d.findElement(By.id("run-status")).getText().toLowerCase());
        // A setting the page's list derives from the server (bnEpsilon was missing from it before) is kept in the link.
        WebElement eps = d.findElement(By.id("c-bnEpsilon"));
        eps.clear();
        eps.sendKeys("0.001", Keys.TAB);
        waitUpTo(10).until(x -> d.getCurrentUrl().contains("bnEpsilon=0.001"));
        assertEquals("false", d.findElement(By.cssSelector("a[data-preset='rate-x5']")).getAttribute("aria-current"),
                "a changed set-up is the student's own");
    }

    @Test
    void a_preset_stops_by_itself_at_its_length_says_so_and_goes_on_when_asked() {
        String href = PresetLink.of(bnlab.experiments.Presets.LECTURE).href().replace("stopAt=3000", "stopAt=40")
                .replace("speed=100", "speed=max");
        d.get("http://127.0.0.1:" + port + href + "&lang=en");
        waitUpTo(10).until(x -> "0".equals(main().getAttribute("data-step")));
        d.findElement(By.id("btn-play")).click();
        waitUpTo(20).until(x -> "true".equals(main().getAttribute("data-done")));
        assertEquals(40, step(), "it stops exactly at its length");
        WebElement note = d.findElement(By.id("connection"));
        assertTrue(note.getText().startsWith("Done: the set-up stops here, at iteration 40."), note.getText());
        assertEquals(40.0, ((Number) d.executeScript("return Chart.getChart('chart-loss').options.scales.x.max")).doubleValue(),
                "the x-axis ends at the preset's length");
        d.findElement(By.id("btn-play")).click();
        waitUpTo(20).until(x -> step() > 40);
        waitUpTo(10).until(x -> !d.getCurrentUrl().contains("stopAt"));
    }

    @Test
    void tiny_and_huge_numbers_are_written_for_people() {
        d.get("http://127.0.0.1:" + port + "/lab?dataset=xor&learningRate=0.0000001&lang=de");
        waitUpTo(10).until(x -> "0".equals(main().getAttribute("data-step")));
        String status = d.findElement(By.id("run-status")).getText();
        assertTrue(status.endsWith("Lernrate 1\u00B710\u207B\u2077"), status);
        assertEquals("3\u00B710\u00B9\u2078", d.executeScript("return window.bnlab.sig(3e18)"));
        assertEquals("1,23\u00B710\u207B\u00B2\u2077\u2075", d.executeScript("return window.bnlab.sig(1.234e-275)"));
        assertEquals("0,5", d.executeScript("return window.bnlab.sig(0.5)"));
    }

    @Test
    void the_lessons_live_chart_fills_for_both_networks_and_can_be_paused() throws InterruptedException {
        d.get("http://127.0.0.1:" + port + "/?lang=de");
        WebElement live = d.findElement(By.id("live"));
        d.executeScript("arguments[0].scrollIntoView({block: 'center'})", live);
        d.findElement(By.id("live-play")).click(); // it trains only once the reader starts it
        waitUpTo(10).until(x -> live.getAttribute("data-step") != null && Long.parseLong(live.getAttribute("data-step")) > 20);
        for (int j = 0; j < 3; j++) {
            for (String net : new String[] {"plain", "bn"}) assertTrue(points("live-chart-" + j, net) > 5, j + net);
        }
        WebElement play = d.findElement(By.id("live-play"));
        assertEquals("Pause", play.getText());
        play.click();
        waitUpTo(5).until(x -> "Start".equals(play.getText()));
        Thread.sleep(300);
        String paused = live.getAttribute("data-step");
        Thread.sleep(500);
        assertEquals(paused, live.getAttribute("data-step"));
    }

    /** An exact viewport (the window's inner size). */
    private void viewport(int w, int h) {
        d.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", w, "height", h, "deviceScaleFactor", 1, "mobile", false));
    }

    private void projector(boolean on) {
        if (on != "true".equals(d.findElement(By.id("btn-projector")).getAttribute("aria-pressed"))) d.findElement(By.id("btn-projector")).click();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Number> box(String css) {
        return (Map<String, Number>) d.executeScript("const r = document.querySelector(arguments[0]).getBoundingClientRect();"
                + "return {y: r.y, h: r.height, bottom: r.bottom, w: r.width, vh: window.innerHeight, vw: document.documentElement.clientWidth}", css);
    }

    @Test
    void in_projector_mode_start_and_a_large_main_chart_are_on_the_first_screen_at_1280x720_and_1920x1080() throws InterruptedException {
        try {
            for (int[] size : new int[][] {{1280, 720}, {1920, 1080}}) {
                for (String lang : new String[] {"en", "de"}) {
                    viewport(size[0], size[1]);
                    open("lang=" + lang);
                    projector(true);
                    Thread.sleep(400); // the chart follows its new room
                    String at = size[0] + "x" + size[1] + " " + lang;
                    Map<String, Number> start = box("#btn-play");
                    assertTrue(start.get("bottom").doubleValue() <= start.get("vh").doubleValue(), at + ": Start " + start);
                    Map<String, Number> chart = box("#chart-bands");
                    assertTrue(chart.get("bottom").doubleValue() <= chart.get("vh").doubleValue()
                            && chart.get("h").doubleValue() >= 0.4 * chart.get("vh").doubleValue(), at + ": the main chart " + chart);
                    assertTrue(chart.get("w").doubleValue() >= 0.6 * chart.get("vw").doubleValue(), at + ": the main chart " + chart);
                }
            }
        } finally {
            projector(false);
            d.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    @Test
    void no_label_of_the_set_up_runs_into_its_neighbour_in_german_in_projector_mode() {
        try {
            for (int[] size : new int[][] {{1280, 720}, {1920, 1080}}) {
                viewport(size[0], size[1]);
                open("lang=de&schedule=step");
                for (boolean on : new boolean[] {false, true}) {
                    projector(on);
                    d.findElement(By.cssSelector("#bn-own summary")).click(); // the BN network's own settings too
                    waitUpTo(5).until(x -> {
                        @SuppressWarnings("unchecked")
                        List<String> bad = (List<String>) d.executeScript("const out = [];"
                                + "for (const pair of document.querySelectorAll('#setup .two')) {"
                                + "  if (!pair.getClientRects().length) continue;"
                                + "  const labels = [...pair.querySelectorAll('label')];"
                                + "  for (const l of labels) if (l.scrollWidth > l.clientWidth + 1) out.push('wider than its field: ' + l.textContent);"
                                + "  const [a, b] = labels.map(l => l.getBoundingClientRect());"
                                + "  if (a && b && a.right > b.left + 1 && a.top < b.bottom && b.top < a.bottom) out.push('overlap: ' + labels.map(l => l.textContent));"
                                + "} return out;");
                        return bad.isEmpty() ? true : null;
                    });
                    d.findElement(By.cssSelector("#bn-own summary")).click();
                }
            }
        } finally {
            projector(false);
            d.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    @Test
    void start_is_two_tab_stops_from_the_top_and_a_preset_chosen_by_keyboard_keeps_the_focus() {
        open("lang=en");
        d.executeScript("document.activeElement.blur(); window.scrollTo(0, 0)");
        new org.openqa.selenium.interactions.Actions(d).sendKeys(Keys.TAB).perform();
        assertEquals("Skip to the run’s buttons", d.switchTo().activeElement().getText());
        new org.openqa.selenium.interactions.Actions(d).sendKeys(Keys.ENTER).sendKeys(Keys.TAB).perform();
        assertEquals("btn-play", d.switchTo().activeElement().getAttribute("id"), "Start at the second tab stop");

        String run = main().getAttribute("data-run");
        d.findElement(By.cssSelector(".presets a[data-preset='batch8']")).sendKeys(Keys.ENTER);
        waitUpTo(10).until(x -> !run.equals(main().getAttribute("data-run")) && step() == 0);
        assertEquals("batch8", d.switchTo().activeElement().getAttribute("data-preset"), "the page did not load again");
        assertTrue(d.getCurrentUrl().contains("batchSize=8") && d.getCurrentUrl().endsWith("&preset=batch8"), d.getCurrentUrl());
        assertEquals("batch8", d.findElement(By.id("preset-note")).getAttribute("data-preset"), "its own text, not the lecture's");
        assertEquals(1L, d.executeScript("return document.querySelectorAll('.presets a[aria-current=true]').length"));
    }

    @Test
    void a_link_names_its_preset_and_an_old_link_without_a_key_marks_the_first_of_its_set_up() {
        open("lang=en&batchSize=8&stopAt=3000&preset=batch8");
        assertEquals("batch8", d.findElement(By.id("preset-note")).getAttribute("data-preset"));
        open("lang=en&batchSize=8&stopAt=3000");
        assertEquals("lecture", d.findElement(By.id("preset-note")).getAttribute("data-preset"), "the first preset of that set-up");
        open("lang=en&batchSize=2&preset=batch8");
        assertEquals("batch2", d.findElement(By.id("preset-note")).getAttribute("data-preset"), "a key names its own set-up only");
        assertFalse(d.getCurrentUrl().contains("preset=batch8"), d.getCurrentUrl());
    }

    @Test
    void a_link_with_a_former_preset_name_opens_that_preset_under_its_current_key() {
        // A link as the lab wrote it before the keys became kebab-case (rateX5 is rate-x5 now).
        open("lang=en&" + PresetLink.query(bnlab.experiments.Presets.RATE_X5) + "&preset=rateX5");
        assertEquals("rate-x5", d.findElement(By.id("preset-note")).getAttribute("data-preset"));
        assertEquals("true", d.findElement(By.cssSelector(".presets a[data-preset='rate-x5']")).getAttribute("aria-current"));
        assertEquals("0.1", d.findElement(By.id("c-bnNetLearningRate")).getAttribute("value"));
        assertTrue(d.getCurrentUrl().endsWith("&preset=rate-x5") && !d.getCurrentUrl().contains("rateX5"), d.getCurrentUrl());
    }
}
