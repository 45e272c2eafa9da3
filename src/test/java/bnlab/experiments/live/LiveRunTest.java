package bnlab.experiments.live;

import bnlab.engine.VariantRun;

import static org.junit.jupiter.api.Assertions.*;

import bnlab.engine.Activation;
import bnlab.engine.BnPlacement;
import bnlab.engine.Dataset;
import bnlab.engine.Init;
import bnlab.engine.InvalidConfigException;
import bnlab.engine.Schedule;
import bnlab.engine.Stats;
import bnlab.engine.VariantRun;
import bnlab.experiments.Datasets;
import bnlab.experiments.RateChange;
import bnlab.experiments.RunConfig;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveRunTest {

    static LiveRun lecture(LiveSettings settings) throws Exception {
        RunConfig c = RunConfig.defaults();
        return new LiveRun(c, Datasets.load(c, null, null), settings);
    }

    static RunConfig xor(double learningRate) { return xor(Activation.TANH, learningRate, 0); }

    static RunConfig xor(Activation activation, double learningRate, double momentum) {
        return RunConfig.defaults().with("dataset", "xor", "points", 200, "noise", 0.05, "validationFraction", 0.25,
                "layers", new int[]{6}, "activation", activation.key(), "init", "xavier", "learningRate", learningRate,
                "momentum", momentum, "batchSize", 8, "seed", 3);
    }

    /** The training loss of the BN network at each of the next n steps (one frame per step). */
    private static float[] losses(LiveRun run, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            run.advance(1);
            Frame.Series s = run.frame().net("bn").series();
            assertEquals(1, s.loss().length);
            out[i] = s.loss()[0];
        }
        return out;
    }

    private static float[] concat(float[]... parts) {
        float[] all = new float[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
        int at = 0;
        for (float[] p : parts) { System.arraycopy(p, 0, all, at, p.length); at += p.length; }
        return all;
    }

    @Test
    void a_run_started_with_the_rate_changes_made_by_hand_replays_them_exactly() throws Exception {
        RunConfig c = xor(0.1);
        Dataset.Split data = Datasets.load(c, null, null);
        LiveRun byHand = new LiveRun(c, data, LiveSettings.defaults());
        assertFalse(byHand.setLearningRate(0.2), "before the first iteration it is the starting rate");
        assertTrue(byHand.rateChanges().isEmpty());
        byHand.setLearningRate(0.1);
        float[] first = losses(byHand, 30);
        assertTrue(byHand.setLearningRate(0.8));
        float[] second = losses(byHand, 30);
        byHand.setLearningRate(0.9);
        byHand.setLearningRate(0.05); // twice at one iteration: the last one counts
        float[] third = losses(byHand, 20);
        assertEquals(List.of(new RateChange(30, 0.8), new RateChange(60, 0.05)), byHand.rateChanges());

        LiveRun replay = new LiveRun(c, data, LiveSettings.defaults(), byHand.rateChanges());
        assertEquals(byHand.rateChanges(), replay.rateChanges(), "the plan counts before it is made");
        float[] replayed = losses(replay, 80);
        assertArrayEquals(concat(first, second, third), replayed);
        assertEquals(0.05, replay.baseLearningRate());

        float[] unchanged = losses(new LiveRun(c, data, LiveSettings.defaults()), 80);
        assertArrayEquals(first, Arrays.copyOf(unchanged, 30));
        assertNotEquals(replayed[40], unchanged[40], "without the changes the run differs after iteration 30");
    }

    @Test
    void a_change_by_hand_during_a_replay_drops_the_rest_of_the_plan_and_bad_plans_are_refused() throws Exception {
        RunConfig c = xor(0.1);
        Dataset.Split data = Datasets.load(c, null, null);
        LiveRun run = new LiveRun(c, data, LiveSettings.defaults(), List.of(new RateChange(5, 0.5), new RateChange(50, 2)));
        run.advance(10);
        run.setLearningRate(0.3);
        assertEquals(List.of(new RateChange(5, 0.5), new RateChange(10, 0.3)), run.rateChanges());
        run.advance(60);
        assertEquals(0.3, run.baseLearningRate());

        InvalidConfigException e = assertThrows(InvalidConfigException.class, () ->
                new LiveRun(c, data, LiveSettings.defaults(), List.of(new RateChange(20, 0.5), new RateChange(20, 1))));
        assertEquals("rateChanges", e.field());
        assertThrows(InvalidConfigException.class, () -> new LiveRun(c, data, LiveSettings.defaults(), List.of(new RateChange(0, 0.5))));
        assertThrows(InvalidConfigException.class, () -> new LiveRun(c, data, LiveSettings.defaults(), List.of(new RateChange(3, 500))));
    }

    @Test
    void live_validation_uses_at_most_1000_held_out_examples() throws Exception {
        RunConfig c = xor(0.1);
        Dataset.Split data = Datasets.load(c, null, null);
        Dataset big = bnlab.data.TwoDShape.XOR.generate(2500, 0.1, 9);
        LiveRun run = new LiveRun(c, new Dataset.Split(data.train(), big), LiveSettings.defaults());
        assertEquals(LiveRun.MAX_LIVE_VALIDATION, run.data().validation().size());
        assertArrayEquals(java.util.Arrays.copyOf(big.x(), 2000), run.data().validation().x(), "the first 1,000, in order");
        LiveRun small = new LiveRun(c, data, LiveSettings.defaults());
        assertEquals(data.validation().size(), small.data().validation().size(), "a small validation part is kept whole");
    }

    @Test
    void frames_cover_every_step_once_for_both_networks() throws Exception {
        LiveRun run = lecture(LiveSettings.defaults());
        long covered = 0;
        long next = 1;
        for (int k : new int[]{0, 1, 5, 32, 33, 500, 3}) {
            run.advance(k);
            Frame f = run.frame();
            for (Frame.Net net : new Frame.Net[]{f.net("plain"), f.net("bn")}) {
                Frame.Series s = net.series();
                if (s.first().length > 0) assertEquals(next, s.first()[0]);
            }
            Frame.Series s = f.net("bn").series();
            for (int b = 0; b < s.first().length; b++) covered += s.last()[b] - s.first()[b] + 1;
            next = f.step() + 1;
            assertEquals(f.net("plain").series().first().length, s.first().length);
        }
        assertEquals(574, covered);
        assertEquals(574, run.step());
    }

    @Test
    void per_step_percentiles_are_the_tensorboard_percentiles_of_the_watched_neuron_over_the_batch() throws Exception {
        // The same twin run stepped by hand gives the reference values.
        RunConfig c = RunConfig.defaults();
        Dataset.Split data = Datasets.load(c, null, null);
        LiveRun run = new LiveRun(c, data, LiveSettings.defaults());
        VariantRun reference = c.variantRun(data.train());
        float[] column = new float[8];
        run.advance(3);
        double[][] expected = new double[3][];
        double[] loss = new double[3];
        for (int s = 0; s < 3; s++) {
            reference.step();
            int m = reference.trainer("bn").network().activationInput(0, 0, column);
            expected[s] = Stats.percentiles(Arrays.copyOf(column, m), LiveRun.PERCENTILES);
            loss[s] = reference.trainer("bn").lastLoss();
        }
        Frame f = run.frame();
        Frame.Series s = f.net("bn").series();
        for (int t = 0; t < 3; t++) {
            assertEquals(loss[t], s.loss()[t], 1e-6);
            for (int j = 0; j < 9; j++) assertEquals(expected[t][j], s.percentiles()[j][t], 1e-5, "step " + t + " percentile " + j);
        }
    }

    @Test
    void the_histogram_puts_both_networks_last_batch_on_one_range() throws Exception {
        LiveRun run = lecture(LiveSettings.defaults());
        assertNull(run.frame().histogram(), "no batch before the first step");
        run.advance(10);
        Frame.Histogram h = run.frame().histogram();
        assertEquals(10, h.step());
        assertEquals(30, h.counts("plain").length);
        assertEquals(8, Arrays.stream(h.counts("plain")).sum());
        assertEquals(8, Arrays.stream(h.counts("bn")).sum());
        assertTrue(h.lo() < h.hi());
    }

    @Test
    void validation_comes_on_the_first_frame_on_request_and_every_so_often() throws Exception {
        LiveRun run = lecture(new LiveSettings(32, 30, 40, 10, 50, 4));
        assertNotNull(run.frame().net("bn").validation(), "first frame");
        run.advance(10);
        assertNull(run.frame().net("bn").validation(), "10 steps are not due");
        run.requestEvaluation();
        Frame f = run.frame();
        assertEquals(10, f.net("plain").validation().step());
        assertTrue(f.net("plain").validation().accuracy() >= 0 && f.net("plain").validation().accuracy() <= 1);
        for (int i = 0; i < 3; i++) { run.advance(50); assertNull(run.frame().net("bn").validation(), "frame " + i); }
        run.advance(50);
        assertNotNull(run.frame().net("bn").validation(), "200 steps and 4 frames later");
    }

    @Test
    void two_d_data_gets_a_decision_boundary_on_the_first_frame_and_then_every_few_frames() throws Exception {
        RunConfig c = xor(0.3);
        LiveRun run = new LiveRun(c, Datasets.load(c, null, null), LiveSettings.defaults());
        Frame.Boundary first = run.frame().boundary();
        assertEquals(1600, first.cells("plain").length);
        assertEquals("probability", first.value());
        int boundaries = 0;
        for (int i = 0; i < 20; i++) {
            run.advance(5);
            if (run.frame().boundary() != null) boundaries++;
        }
        assertEquals(2, boundaries);
        for (float p : first.cells("bn")) assertTrue(p >= 0 && p <= 1);
        assertNull(lecture(LiveSettings.defaults()).frame().boundary(), "5-D data has none");
    }

    @Test
    void the_learning_rate_changes_without_a_reset() throws Exception {
        LiveRun run = lecture(LiveSettings.defaults());
        run.advance(20);
        run.setLearningRate(2.0);
        run.advance(1);
        Frame f = run.frame();
        assertEquals(21, f.step());
        assertEquals(2.0, f.learningRate());
        assertThrows(InvalidConfigException.class, () -> run.setLearningRate(-1));
    }

    @Test
    void a_diverging_network_stops_and_says_when_while_the_other_trains_on() throws Exception {
        // ReLU, learning rate 20, momentum 0.9: far too high without BN (seed 3 diverges near step 19)
        RunConfig c = xor(Activation.RELU, 20, 0.9);
        LiveRun run = new LiveRun(c, Datasets.load(c, null, null), LiveSettings.defaults());
        assertEquals(300, run.advance(300));
        var divergences = run.takeDivergences();
        Frame f = run.frame();
        var stops = divergences.stream().filter(Frame.Divergence::stopped).toList();
        assertEquals(1, stops.size(), divergences.toString());
        Frame.Divergence d = stops.get(0);
        assertEquals(Frame.PLAIN, d.network());
        assertEquals(Frame.Divergence.NON_FINITE, d.kind());
        assertTrue(d.loss().equals("NaN") || d.loss().endsWith("Infinity"), d.loss());
        assertEquals(d, f.net("plain").diverged());
        assertFalse(f.net("bn").diverged() != null && f.net("bn").diverged().stopped(), "BN's loss stays finite");
        Frame.Series s = f.net("plain").series();
        assertEquals(d.step() - 1, s.last()[s.last().length - 1], "the plain series ends before the divergent step");
        assertEquals(300, f.net("bn").series().last()[f.net("bn").series().last().length - 1], "BN trains on");
        assertNull(f.histogram().counts("plain"));
        assertNull(f.net("plain").validation());
        assertTrue(run.takeDivergences().isEmpty(), "reported once");
    }

    @Test
    void when_both_networks_diverge_the_run_is_finished_and_advances_no_further() throws Exception {
        RunConfig c = xor(Activation.LINEAR, 100, 0.9);
        LiveRun run = new LiveRun(c, Datasets.load(c, null, null), LiveSettings.defaults());
        int done = run.advance(1000);
        assertTrue(run.finished());
        assertTrue(done < 1000);
        assertEquals(0, run.advance(10));
        assertEquals(2, run.takeDivergences().stream().filter(Frame.Divergence::stopped).count(), "both stopped");
    }

    @Test
    void a_watch_change_applies_from_the_next_frame_and_refuses_missing_neurons() throws Exception {
        LiveRun run = lecture(LiveSettings.defaults());
        run.advance(3);
        run.watch(0, 5);
        Frame f = run.frame();
        assertEquals(new Frame.Watch(0, 0), f.watch(), "the pending steps were taken with the old neuron");
        run.advance(1);
        assertEquals(new Frame.Watch(0, 5), run.frame().watch());
        assertEquals("neuron", assertThrows(InvalidConfigException.class, () -> run.watch(0, 8)).field());
        assertEquals("layer", assertThrows(InvalidConfigException.class, () -> run.watch(1, 0)).field());
    }
}
