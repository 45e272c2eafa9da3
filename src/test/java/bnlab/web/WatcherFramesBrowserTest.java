package bnlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bnlab.experiments.Datasets;
import bnlab.experiments.Preset;
import bnlab.experiments.Presets;
import bnlab.experiments.live.Frame;
import bnlab.experiments.live.LiveRun;
import bnlab.experiments.live.LiveSettings;
import bnlab.experiments.live.RunHistory;
import bnlab.web.lab.LabJson;
import bnlab.web.lab.ServerMessage;
import bnlab.web.lab.WatcherDecoder;
import bnlab.web.lab.WatcherFrames;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page's reader of the watchers' compact messages (static/js/watcher-frames.js), run in Chromium on real
 * messages of a spiral run (histograms, boundaries, validations, a history), gives the same frames and history
 * as the Java reader the protocol tests hold against the full messages (WatcherDecoder).
 */
class WatcherFramesBrowserTest extends BrowserTestBase {
    private final LabJson json = new LabJson();
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void the_pages_reader_decodes_compact_frames_and_history_as_the_protocol_says() throws Exception {
        Preset p = Presets.RATE_X30;
        LiveRun live = new LiveRun(p.run(), Datasets.load(p.run(), null, null), LiveSettings.defaults());
        WatcherFrames encoder = new WatcherFrames();
        RunHistory history = new RunHistory();
        List<String> texts = new ArrayList<>();
        long now = 0;
        for (int i = 0; i < 80; i++) {
            if (i > 0) live.advance(7);
            Frame f = live.frame();
            history.add(f);
            texts.add(json.write(encoder.next(f, now += 50_000_000L)));
            if (i == 50) texts.add(json.write(WatcherFrames.history(history.snapshot())));
        }
        ServerMessage.Ready ready = new ServerMessage.Ready(p.run(), null, null, p.run().layers(), new Frame.Watch(p.watchLayer(), 0),
                LiveRun.PERCENTILES, LiveSettings.defaults(), null);

        d.get("http://127.0.0.1:" + port + "/lab?lang=en");
        new WebDriverWait(d, Duration.ofSeconds(15)).until(x -> "en".equals(d.findElement(By.id("main")).getAttribute("data-ready")));
        String labJs = (String) d.executeScript("return document.querySelector('script[type=module]').src");
        String module = labJs.replaceAll("lab\\.js$", "watcher-frames.js");
        String decoded = (String) d.executeAsyncScript("""
                const [url, ready, texts, done] = arguments;
                import(url).then((m) => {
                  const dec = m.watcherDecoder();
                  dec.ready(JSON.parse(ready));
                  const plain = (o) => JSON.parse(JSON.stringify(o, (k, v) => (v instanceof Float32Array ? Array.from(v) : v)));
                  done(JSON.stringify(texts.map((t) => { const x = JSON.parse(t); return plain(x.type === 'wf' ? dec.frame(x) : dec.history(x)); })));
                }).catch((e) => done('failed: ' + e));
                """, module, json.write(ready), texts);
        assertTrue(decoded.startsWith("["), decoded);
        JsonNode all = mapper.readTree(decoded);

        WatcherDecoder java = new WatcherDecoder();
        java.ready(ready);
        int boundaries = 0, histograms = 0, validations = 0;
        for (int i = 0; i < texts.size(); i++) {
            ServerMessage m = json.readServer(texts.get(i));
            JsonNode js = all.get(i);
            if (m instanceof ServerMessage.WatcherHistory h) {
                ServerMessage.History want = java.history(h);
                assertEquals(want.step(), js.get("step").asLong());
                for (String net : List.of("plain", "bn")) {
                    Frame.Series s = want.net(net).series();
                    JsonNode series = js.get("nets").get(net).get("series");
                    for (int b = 0; b < s.first().length; b++) {
                        assertEquals(s.first()[b], series.get("first").get(b).asLong());
                        assertEquals(s.last()[b], series.get("last").get(b).asLong());
                        assertEquals(s.loss()[b], series.get("loss").get(b).asDouble(), 1e-6);
                        for (int j = 0; j < 11; j++) assertEquals(s.percentiles()[j][b], series.get("percentiles").get(j).get(b).asDouble(), 1e-5);
                    }
                    assertEquals(want.net(net).validations().size(), js.get("nets").get(net).get("validations").size());
                }
                continue;
            }
            Frame want = java.frame((ServerMessage.WatcherFrame) m);
            assertEquals(want.step(), js.get("step").asLong());
            assertEquals(want.epoch(), js.get("epoch").asLong(), "the epoch at frame " + i);
            assertEquals(want.watch().layer(), js.get("watch").get("layer").asInt());
            for (String net : List.of("plain", "bn")) {
                Frame.Net n = want.net(net);
                JsonNode jn = js.get("nets").get(net);
                assertEquals(n.learningRate(), jn.get("learningRate").asDouble(), 1e-12);
                if (n.series() != null) {
                    JsonNode series = jn.get("series");
                    assertEquals(n.series().first()[0], series.get("first").get(0).asLong(), "the bucket's first step at frame " + i);
                    assertEquals(n.series().accuracy()[0], series.get("accuracy").get(0).asDouble(), 1e-6);
                    for (int j = 0; j < 11; j++) assertEquals(n.series().percentiles()[j][0], series.get("percentiles").get(j).get(0).asDouble(), 1e-5);
                }
                if (n.validation() != null) {
                    validations++;
                    assertEquals(n.validation().accuracy(), jn.get("validation").get("accuracy").asDouble(), 1e-6);
                }
            }
            if (want.histogram() != null) {
                histograms++;
                for (String net : List.of("plain", "bn"))
                    for (int b = 0; b < 30; b++) assertEquals(want.histogram().counts(net)[b], js.get("histogram").get("counts").get(net).get(b).asInt());
            }
            if (want.boundary() != null) {
                boundaries++;
                for (String net : List.of("plain", "bn"))
                    for (int c = 0; c < 400; c++) assertEquals(want.boundary().cells(net)[c], js.get("boundary").get("cells").get(net).get(c).asDouble(), 1e-6);
            }
        }
        assertTrue(boundaries > 0 && histograms > 0 && validations > 0, "the messages had every part: " + boundaries + " " + histograms + " " + validations);
    }
}
