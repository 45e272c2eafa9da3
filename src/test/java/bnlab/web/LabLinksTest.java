package bnlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bnlab.engine.Dataset;
import bnlab.engine.Evaluation;
import bnlab.engine.Schedule;
import bnlab.engine.TwinRun;
import bnlab.experiments.Datasets;
import bnlab.experiments.Figure1;
import bnlab.experiments.live.Frame;
import bnlab.experiments.live.LiveRun;
import bnlab.experiments.live.LiveSettings;
import bnlab.web.lab.LabConfig;
import bnlab.web.lab.LabJson;
import java.util.List;
import bnlab.experiments.RunConfig;
import bnlab.web.labpage.LabLinks;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The lab's set-ups say what they are: the Figure 1 link is the paper's set-up, the lecture link the lab's defaults. */
class LabLinksTest {
    private static Map<String, String> params(LabLinks link) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : link.query().split("&")) m.put(kv.split("=", 2)[0], kv.split("=", 2)[1]);
        return m;
    }

    @Test
    void the_figure1_link_is_the_set_up_of_the_papers_experiment() {
        Map<String, String> q = params(LabLinks.PROBLEM.get(0));
        assertEquals(RunConfig.FASHION_MNIST, q.get("dataset"));
        assertEquals(Arrays.stream(Figure1.HIDDEN).mapToObj(Integer::toString).collect(Collectors.joining(",")), q.get("layers"));
        assertEquals(Figure1.LEARNING_RATE, Double.parseDouble(q.get("learningRate")));
        assertEquals(Figure1.INIT_STD, Double.parseDouble(q.get("initStd")));
        assertEquals(Figure1.BATCH, Integer.parseInt(q.get("batchSize")));
        assertEquals("gaussian", q.get("init"));
        assertEquals("sigmoid", q.get("activation"));
        assertEquals("0", q.get("momentum"), "plain SGD, as in the paper");
        assertEquals(String.valueOf(Figure1.HIDDEN.length), q.get("watchLayer"), "a neuron of the last hidden layer");
    }

    /** The run config a link describes, read as the lab's start message would carry it (defaults for the rest). */
    static RunConfig config(LabLinks link) {
        Map<String, Object> q = new LinkedHashMap<>(params(link));
        for (String pageOnly : new String[]{"speed", "watchLayer", "watchNeuron"}) q.remove(pageOnly);
        if (q.containsKey("layers"))
            q.put("layers", Arrays.stream(((String) q.get("layers")).split(",")).mapToInt(Integer::parseInt).toArray());
        return new LabJson().mapper().convertValue(q, LabConfig.class).toRunConfig();
    }

    private static LabLinks link(String key) {
        return LabLinks.PRESETS.stream().filter(l -> l.key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void the_decay_link_shows_what_its_text_says_BN_far_ahead_while_the_rate_is_still_high() throws Exception {
        assertEquals(Schedule.Kind.EXPONENTIAL, config(link("decay")).schedule());
        Evaluation[] at600 = validation(link("decay"), 600)[0];
        assertTrue(at600[1].accuracy() > 0.9, "with BN above 90 %: " + at600[1]);
        assertTrue(at600[0].accuracy() < 0.8, "without BN near 75 %: " + at600[0]);
    }

    @Test
    void the_high_rate_link_diverges_without_BN_and_not_with_it() throws Exception {
        RunConfig c = config(link("highRate"));
        LiveRun run = new LiveRun(c, Datasets.load(c, null, null), LiveSettings.defaults());
        run.advance(200);
        List<Frame.Divergence> d = run.takeDivergences();
        assertEquals(1, d.size(), d.toString());
        assertEquals(Frame.PLAIN, d.get(0).network());
    }

    /** Both networks (plain, bn) of a link's run evaluated on its validation data at the given iterations. */
    private static Evaluation[][] validation(LabLinks link, int... at) throws Exception {
        RunConfig c = config(link);
        Dataset.Split data = Datasets.load(c, null, null);
        TwinRun twin = new TwinRun(c.networkSpec(data.train().features(), data.train().outputWidth()), c.trainSpec(), data.train());
        Evaluation[][] out = new Evaluation[at.length][];
        int done = 0;
        for (int i = 0; i < at.length; i++) {
            for (; done < at[i]; done++) twin.step();
            out[i] = new Evaluation[]{Evaluation.of(twin.plain().network(), data.validation()),
                    Evaluation.of(twin.bn().network(), data.validation())};
        }
        return out;
    }

    @Test
    void the_dropout_links_show_what_their_texts_say_BN_alone_keeps_the_validation_loss_from_rising() throws Exception {
        Evaluation[][] without = validation(link("noDropout"), 3000, 6000);
        double plain3000 = without[0][0].loss(), plain6000 = without[1][0].loss(), bn6000 = without[1][1].loss();
        assertTrue(plain6000 > plain3000 + 0.1, "without dropout and BN the validation loss rises: " + plain3000 + " -> " + plain6000);
        assertTrue(plain6000 > 0.65 && plain6000 < 0.75, "about 0.7: " + plain6000);
        assertTrue(Math.abs(bn6000 - 0.44) < 0.03, "with BN near 0.44: " + bn6000);
        Evaluation[] with = validation(link("dropout"), 6000)[0];
        assertTrue(Math.abs(with[0].loss() - 0.5) < 0.04, "with dropout, without BN near 0.5: " + with[0]);
        assertTrue(Math.abs(with[1].loss() - 0.48) < 0.03, "with dropout and BN 0.48: " + with[1]);
    }

    @Test
    void the_lab_row_starts_with_figure1_then_the_lecture_whose_link_leaves_everything_at_the_defaults() {
        assertEquals("figure1", LabLinks.PRESETS.get(0).key());
        assertEquals("lecture", LabLinks.PRESETS.get(1).key());
        assertEquals(Map.of("dataset", RunConfig.defaults().dataset()), params(LabLinks.LECTURE));
        assertTrue(LabLinks.PRESETS.containsAll(LabLinks.EFFECTS));
        assertEquals(LabLinks.PRESETS.size(), LabLinks.PRESETS.stream().map(LabLinks::key).distinct().count());
    }
}
