package bnlab.experiments.live;

import bnlab.engine.VariantRun;

import static org.junit.jupiter.api.Assertions.*;

import bnlab.engine.Dataset;
import bnlab.engine.VariantRun;
import bnlab.experiments.Datasets;
import bnlab.experiments.Measure;
import bnlab.experiments.RunConfig;
import bnlab.experiments.VariantKind;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A live run of more than two networks: the config's {@code nets}, each trained as it would be alone, and its measure. */
class LiveRunVariantsTest {
    private static final List<String> ALL = List.of("plain", "bn", "bn-paper", "noisy-bn", "ln");
    private final ThreadPoolExecutor helper = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
        Thread t = new Thread(r, "variants-test-helper");
        t.setDaemon(true);
        return t;
    });

    @AfterEach
    void stop() { helper.shutdownNow(); }

    /** A spiral, two ReLU layers, momentum and a step schedule: every network's settings matter. */
    private static RunConfig spiral(Object... more) {
        RunConfig c = RunConfig.defaults().with("dataset", "spiral", "points", 300, "noise", 0.1, "layers", new int[]{12, 10},
                "activation", "relu", "init", "he", "learningRate", 0.05, "momentum", 0.5, "schedule", "step",
                "decayEvery", 60, "decayFactor", 0.5, "l2", 1e-3, "batchSize", 16, "seed", 3);
        return more.length == 0 ? c : c.with(more);
    }

    @Test
    void every_network_of_a_five_network_run_trains_step_for_step_as_its_variant_alone() throws Exception {
        RunConfig c = spiral("nets", ALL);
        Dataset.Split data = Datasets.load(c, null, null);
        LiveRun live = new LiveRun(c, data, LiveSettings.defaults());
        assertEquals(ALL, live.netNames());
        VariantRun alone = c.variantRun(data.train());
        for (int s = 1; s <= 120; s++) {
            alone.step();
            live.advance(1);
            Frame f = live.frame();
            assertEquals(ALL, List.copyOf(f.nets().keySet()), "the frame lists the networks in the run's order");
            for (int i = 0; i < ALL.size(); i++)
                assertEquals((float) alone.trainer(i).lastLoss(), f.net(ALL.get(i)).series().loss()[0], 0f, ALL.get(i) + " at step " + s);
        }
        assertEquals(5 * live.variants().trainer(0).baseLearningRate(), live.variants().trainer(2).baseLearningRate(), 1e-12,
                "the paper's BN network starts at five times the plain rate");
        assertEquals(0.05 * Math.pow(0.5, 121 / 60), live.frame().net("plain").learningRate(), 1e-12, "plain: halved every 60");
        assertEquals(0.25 * Math.pow(0.5, 121 / 10), live.frame().net("bn-paper").learningRate(), 1e-12, "bn-paper: every 10");
    }

    @Test
    void the_default_run_is_the_lecture_twin_and_trains_as_the_engine_twin_does() throws Exception {
        RunConfig c = spiral("bnNetLearningRate", 0.2, "bnNetDropout", 0.0);
        Dataset.Split data = Datasets.load(c, null, null);
        LiveRun live = new LiveRun(c, data, LiveSettings.defaults());
        assertEquals(List.of(Frame.PLAIN, Frame.BN), live.netNames());
        VariantRun twin = c.variantRun(data.train());
        for (int s = 1; s <= 80; s++) {
            twin.step();
            live.advance(1);
            Frame f = live.frame();
            assertEquals((float) twin.trainer("plain").lastLoss(), f.net("plain").series().loss()[0], 0f, "plain at " + s);
            assertEquals((float) twin.trainer("bn").lastLoss(), f.net("bn").series().loss()[0], 0f, "bn at " + s);
        }
    }

    @Test
    void three_networks_cut_the_same_frames_with_a_helper_thread() throws Exception {
        ObjectMapper json = new ObjectMapper();
        RunConfig c = spiral("nets", List.of("plain", "bn", "ln"), "measure", "gradient-shift");
        Dataset.Split data = Datasets.load(c, null, null);
        LiveRun alone = new LiveRun(c, data, LiveSettings.defaults());
        LiveRun helped = new LiveRun(c, data, LiveSettings.defaults(), List.of(), helper);
        for (int k : new int[]{1, 7, 300, 2, 600}) {
            alone.advance(k);
            helped.advance(k);
            assertEquals(json.writeValueAsString(alone.frame()), json.writeValueAsString(helped.frame()), "after " + k);
        }
    }

    @Test
    void the_gradient_shift_is_taken_at_step_1_and_every_50th_with_two_values_per_layer_and_changes_no_training() throws Exception {
        List<String> nets = List.of("plain", "bn", "ln");
        RunConfig measured = spiral("nets", nets, "measure", "gradient-shift");
        Dataset.Split data = Datasets.load(measured, null, null);
        LiveRun a = new LiveRun(measured, data, LiveSettings.defaults());
        LiveRun b = new LiveRun(spiral("nets", nets), data, LiveSettings.defaults());
        a.advance(130);
        b.advance(130);
        Frame fa = a.frame(), fb = b.frame();
        for (String n : nets) {
            List<Frame.Point> points = fa.net(n).measure();
            assertEquals(List.of(1L, 50L, 100L), points.stream().map(Frame.Point::step).toList(), n);
            for (Frame.Point p : points) {
                assertEquals(Measure.GRADIENT_SHIFT.columns(2).size(), p.values().length);
                assertEquals(0, p.values()[0], 1e-9, n + ": the first layer has no earlier layer, so G' = G");
                assertEquals(1, p.values()[2], 1e-6, n + ": and cos(G, G') = 1");
                assertTrue(p.values()[1] > 0, n + ": the second layer's gradient moves when the first one steps");
            }
            assertArrayEquals(fb.net(n).series().loss(), fa.net(n).series().loss(), n + ": measuring changes no training");
            assertNull(fb.net(n).measure(), "a run without a measure carries none");
        }
        a.advance(20);
        assertEquals(List.of(150L), a.frame().net("ln").measure().stream().map(Frame.Point::step).toList(),
                "each frame carries the points since the previous one");
    }

    @Test
    void the_landscape_has_six_values_per_point_and_the_history_keeps_them_for_late_joiners() throws Exception {
        RunConfig c = spiral("measure", "landscape");
        LiveRun run = new LiveRun(c, Datasets.load(c, null, null), LiveSettings.defaults());
        RunHistory history = new RunHistory();
        for (int i = 0; i < 4; i++) {
            run.advance(30);
            history.add(run.frame());
        }
        for (String n : List.of("plain", "bn")) {
            List<Frame.Point> kept = history.snapshot().net(n).measure();
            assertEquals(List.of(1L, 50L, 100L), kept.stream().map(Frame.Point::step).toList(), n);
            for (Frame.Point p : kept) {
                double[] v = p.values();
                assertEquals(6, v.length);
                assertTrue(v[0] >= 0 && v[1] >= 0 && v[2] >= 0 && v[5] >= 0, n + ": ranges and norms are not negative");
                assertEquals(v[0], v[4] - v[3], 1e-9, n + ": the loss range is the band's width");
                assertTrue(v[5] <= v[1], n + ": the band of gradient changes ends at the predictiveness");
            }
            assertEquals(kept.size(), RunHistory.from(history.snapshot()).snapshot().net(n).measure().size(), "a relayed history too");
        }
    }

    @Test
    void a_diverged_network_leaves_the_histogram_and_the_boundary_and_the_others_train_on() throws Exception {
        // At this rate the plain network diverges; the normalized ones keep training.
        RunConfig c = RunConfig.defaults().with("dataset", "xor", "points", 200, "noise", 0.05, "layers", new int[]{8},
                "activation", "relu", "init", "he", "learningRate", 60, "nets", List.of("plain", "bn", "ln"), "seed", 2);
        LiveRun run = new LiveRun(c, Datasets.load(c, null, null), LiveSettings.defaults());
        Frame f = null;
        for (int i = 0; i < 40 && (f == null || f.net("plain").diverged() == null); i++) {
            run.advance(10);
            f = run.frame();
        }
        assertNotNull(f.net("plain").diverged(), "the plain network diverges at rate 60");
        assertEquals("plain", f.net("plain").diverged().network());
        assertFalse(run.finished());
        run.advance(10);
        Frame later = run.frame();
        while (later.boundary() == null) {
            run.advance(5);
            later = run.frame();
        }
        assertFalse(later.histogram().counts().containsKey("plain"), "a diverged network has no batch to show");
        assertFalse(later.boundary().cells().containsKey("plain"));
        for (String n : List.of("bn", "ln")) {
            assertTrue(later.histogram().counts().containsKey(n) && later.boundary().cells().containsKey(n), n);
        }
    }

    @Test
    void a_rate_change_keeps_every_network_at_its_ratio_to_the_first() throws Exception {
        RunConfig c = spiral("nets", List.of("plain", "bn", "bn-paper"), "bnNetLearningRate", 0.1, "schedule", "constant");
        LiveRun run = new LiveRun(c, Datasets.load(c, null, null), LiveSettings.defaults());
        run.advance(5);
        run.setLearningRate(0.02);
        run.advance(1);
        Frame f = run.frame();
        assertEquals(0.02, f.net("plain").learningRate(), 1e-12);
        assertEquals(0.04, f.net("bn").learningRate(), 1e-12, "bn had twice the plain rate");
        assertEquals(0.1, f.net("bn-paper").learningRate(), 1e-12, "the paper's BN network five times");
        assertEquals(0.02, f.baseLearningRate(), 1e-12);
        run.setLearningRate(40);
        assertEquals(100, run.variants().trainer(2).baseLearningRate(), 0, "at most the largest rate allowed");
    }

    @Test
    void the_kinds_build_the_networks_the_text_promises() throws Exception {
        RunConfig c = spiral("nets", ALL, "dropout", 0.2, "bnNetL2", 1e-4);
        Dataset.Split data = Datasets.load(c, null, null);
        var v = c.variants(data.train());
        assertEquals(ALL, v.stream().map(bnlab.engine.Variant::name).toList());
        for (int i = 0; i < ALL.size(); i++)
            assertEquals(VariantKind.parse(ALL.get(i)).normalization(), v.get(i).network().normalization(), ALL.get(i));
        assertEquals(0.2, v.get(0).network().dropout());
        assertEquals(0, v.get(2).network().dropout(), "the paper removes dropout");
        assertEquals(0.25, v.get(2).train().learningRate(), 1e-12);
        assertEquals(2e-4, v.get(2).train().l2(), 1e-12, "a fifth of the plain L2");
        assertEquals(10, v.get(2).train().schedule().every(), "a decay six times faster: 60 / 6");
        assertEquals(1e-4, v.get(1).train().l2(), 1e-12, "bn, noisy-bn and ln train with the BN network's own settings");
        assertEquals(1e-4, v.get(3).train().l2(), 1e-12);
        assertEquals(1e-4, v.get(4).train().l2(), 1e-12);
    }
}
