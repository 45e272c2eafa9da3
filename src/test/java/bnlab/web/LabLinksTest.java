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
        RunConfig c = config(link("decay"));
        assertEquals(Schedule.Kind.EXPONENTIAL, c.schedule());
        Dataset.Split data = Datasets.load(c, null, null);
        TwinRun twin = new TwinRun(c.networkSpec(data.train().features(), data.train().outputWidth()), c.trainSpec(), data.train());
        for (int i = 0; i < 600; i++) twin.step();
        double plain = Evaluation.of(twin.plain().network(), data.validation()).accuracy();
        double bn = Evaluation.of(twin.bn().network(), data.validation()).accuracy();
        assertTrue(bn > 0.9, "with BN above 90 %: " + bn);
        assertTrue(plain < 0.8, "without BN near 75 %: " + plain);
    }

    @Test
    void the_high_rate_link_diverges_without_BN_and_not_with_it() {
        RunConfig c = config(link("highRate"));
        LiveRun run = new LiveRun(c, loadQuietly(c), LiveSettings.defaults());
        run.advance(200);
        List<Frame.Divergence> d = run.takeDivergences();
        assertEquals(1, d.size(), d.toString());
        assertEquals(Frame.PLAIN, d.get(0).network());
    }

    /** Validation loss of both networks (plain, bn) of a link's run at the given iterations. */
    private static double[][] validationLoss(LabLinks link, int... at) throws Exception {
        RunConfig c = config(link);
        Dataset.Split data = Datasets.load(c, null, null);
        TwinRun twin = new TwinRun(c.networkSpec(data.train().features(), data.train().outputWidth()), c.trainSpec(), data.train());
        double[][] loss = new double[at.length][];
        int done = 0;
        for (int i = 0; i < at.length; i++) {
            for (; done < at[i]; done++) twin.step();
            loss[i] = new double[]{Evaluation.of(twin.plain().network(), data.validation()).loss(),
                    Evaluation.of(twin.bn().network(), data.validation()).loss()};
        }
        return loss;
    }

    @Test
    void the_dropout_links_show_what_their_texts_say_BN_alone_keeps_the_validation_loss_from_rising() throws Exception {
        double[][] without = validationLoss(link("noDropout"), 3000, 6000);
        assertTrue(without[1][0] > without[0][0] + 0.1, "without dropout and BN the validation loss rises: "
                + without[0][0] + " -> " + without[1][0]);
        assertTrue(without[1][0] > 0.65 && without[1][0] < 0.75, "about 0.7: " + without[1][0]);
        assertTrue(Math.abs(without[1][1] - 0.44) < 0.03, "with BN near 0.44: " + without[1][1]);
        double[][] with = validationLoss(link("dropout"), 6000);
        assertTrue(Math.abs(with[0][0] - 0.5) < 0.04, "with dropout, without BN near 0.5: " + with[0][0]);
        assertTrue(Math.abs(with[0][1] - 0.48) < 0.03, "with dropout and BN 0.48: " + with[0][1]);
    }

    private static Dataset.Split loadQuietly(RunConfig c) {
        try {
            return Datasets.load(c, null, null);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
