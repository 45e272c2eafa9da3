package bnlab.experiments.live;

import static bnlab.engine.VariantRunAssertions.assertSameState;
import static org.junit.jupiter.api.Assertions.*;

import bnlab.data.MnistLike;
import bnlab.engine.Dataset;
import bnlab.experiments.Datasets;
import bnlab.experiments.RateChange;
import bnlab.experiments.RunConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link LiveRun#fork}: a student's private copy of a live run that continues exactly where it is. */
class LiveRunForkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ThreadPoolExecutor helper = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
        Thread t = new Thread(r, "fork-test-helper");
        t.setDaemon(true);
        return t;
    });

    @AfterEach
    void stop() { helper.shutdownNow(); }

    /** A run to fork after k iterations, with rate changes planned before and after that point. */
    record Case(String name, RunConfig config, Dataset.Split data, List<RateChange> plan, int k) {
        @Override public String toString() { return name; }

        LiveRun start() { return new LiveRun(config, data, LiveSettings.defaults(), plan, null); }
    }

    static Stream<Case> cases() throws Exception {
        RunConfig xor = RunConfig.defaults().with("dataset", "xor", "points", 300, "noise", 0.05, "validationFraction", 0.25,
                "layers", new int[]{8, 6}, "activation", "tanh", "bn", "before", "init", "xavier", "learningRate", 0.1,
                "momentum", 0.9, "dropout", 0.2, "schedule", "step", "decayEvery", 25, "decayFactor", 0.5, "l2", 1e-3,
                "batchSize", 16, "seed", 4);
        RunConfig after = xor.with("activation", "relu", "bn", "after", "init", "he", "schedule", "exponential",
                "decayEvery", 40, "momentum", 0.5, "bnNetLearningRate", 0.4, "bnNetDropout", 0.0, "bnNetL2", 1e-4);
        RunConfig fashion = RunConfig.defaults().with("dataset", RunConfig.FASHION_MNIST, "layers", new int[]{32},
                "activation", "sigmoid", "bn", "before", "learningRate", 0.2, "momentum", 0.9, "dropout", 0.1,
                "l2", 1e-4, "batchSize", 32, "seed", 2);
        RunConfig lecture = RunConfig.defaults();
        return Stream.of(
                new Case("2-D xor, BN before tanh, dropout, momentum, step schedule, L2", xor, Datasets.load(xor, null, null),
                        List.of(new RateChange(10, 0.2), new RateChange(60, 0.05)), 30),
                new Case("2-D xor, BN after ReLU, exponential schedule, the BN net's own rate, L2 and dropout", after,
                        Datasets.load(after, null, null), List.of(new RateChange(45, 0.3)), 41),
                new Case("Fashion-MNIST, 784-32-10 sigmoid, BN before, dropout, momentum", fashion,
                        MnistLike.bundled(400, 1).split(), List.of(new RateChange(20, 0.05)), 17),
                new Case("the lecture's defaults", lecture, Datasets.load(lecture, null, null), List.of(), 25),
                new Case("five networks: plain, BN, the paper's BN, noisy BN (its noise stream), LN; dropout, momentum",
                        xor.with("nets", List.of("plain", "bn", "bn-paper", "noisy-bn", "ln")),
                        Datasets.load(xor, null, null), List.of(new RateChange(40, 0.05)), 33));
    }

    /** The parts of two frames that say what was trained: everything but the frame number, validation and boundary. */
    private static void assertSameTraining(Frame expected, Frame actual, String when) throws Exception {
        assertEquals(expected.step(), actual.step(), when);
        assertEquals(expected.epoch(), actual.epoch(), when);
        assertEquals(expected.learningRate(), actual.learningRate(), 0.0, when);
        assertEquals(expected.baseLearningRate(), actual.baseLearningRate(), 0.0, when);
        assertEquals(expected.watch(), actual.watch(), when);
        for (Frame.Net[] n : new Frame.Net[][] {{expected.net("plain"), actual.net("plain")}, {expected.net("bn"), actual.net("bn")}}) {
            assertArrayEquals(n[0].series().loss(), n[1].series().loss(), "training losses " + when);
            assertArrayEquals(n[0].series().accuracy(), n[1].series().accuracy(), "training accuracies " + when);
            assertArrayEquals(n[0].series().first(), n[1].series().first(), when);
            assertEquals(JSON.writeValueAsString(n[0].series()), JSON.writeValueAsString(n[1].series()), "series " + when);
            assertEquals(n[0].diverged(), n[1].diverged(), when);
            assertEquals(n[0].learningRate(), n[1].learningRate(), 0.0, when);
        }
        assertEquals(JSON.writeValueAsString(expected.histogram()), JSON.writeValueAsString(actual.histogram()), when);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void a_fork_trains_bit_for_bit_what_its_original_trains(Case c) throws Exception {
        LiveRun original = c.start();
        original.advance(c.k());
        original.frame(); // the original's pending steps are in its own charts; the fork's begin after them
        LiveRun fork = original.fork(helper);
        assertEquals(original.step(), fork.step());
        assertEquals(original.rateChanges(), fork.rateChanges(), "the changes made and those still planned");
        assertEquals(original.baseLearningRate(), fork.baseLearningRate());
        assertSameState(original.variants(), fork.variants(), "at the fork");
        for (int chunk : new int[] {1, 7, 30, 3}) {
            assertEquals(original.advance(chunk), fork.advance(chunk));
            assertSameTraining(original.frame(), fork.frame(), "at iteration " + original.step());
        }
        assertTrue(original.step() > c.plan().stream().mapToLong(RateChange::after).max().orElse(0),
                "the planned changes after the fork were made in both");
        assertEquals(original.baseLearningRate(), fork.baseLearningRate());
        assertSameState(original.variants(), fork.variants(), "41 iterations after the fork");
        original.requestEvaluation();
        fork.requestEvaluation();
        Frame o = original.frame(), f = fork.frame();
        assertEquals(o.net("plain").validation(), f.net("plain").validation(), "inference: the same running statistics");
        assertEquals(o.net("bn").validation(), f.net("bn").validation(), "inference: the same running statistics");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void training_a_fork_leaves_its_original_as_a_run_that_was_never_forked(Case c) throws Exception {
        LiveRun original = c.start(), reference = c.start();
        original.advance(c.k());
        reference.advance(c.k());
        LiveRun fork = original.fork(null);
        fork.advance(20);
        fork.setLearningRate(0.7);
        fork.watch(0, 1);
        fork.advance(20);
        fork.frame();
        assertSameState(reference.variants(), original.variants(), "the original after the fork trained");
        assertEquals(reference.rateChanges(), original.rateChanges());
        assertEquals(reference.watch(), original.watch());
        for (int chunk : new int[] {0, 5, 50}) {
            original.advance(chunk);
            reference.advance(chunk);
            assertEquals(JSON.writeValueAsString(reference.frame()), JSON.writeValueAsString(original.frame()),
                    "the original's frames, " + chunk + " iterations on");
        }
    }

    @Test
    void a_fork_starts_its_own_charts_at_the_fork_with_the_same_watched_neuron() throws Exception {
        Case c = cases().findFirst().orElseThrow();
        LiveRun original = c.start();
        original.advance(12);
        original.frame();
        original.advance(3);
        original.watch(1, 4); // pending: the original's 3 steps were taken with the old neuron
        LiveRun fork = original.fork(null);
        assertEquals(new Frame.Watch(1, 4), fork.watch());
        assertEquals(0, fork.pendingSteps());
        Frame first = fork.frame();
        assertEquals(0, first.frame());
        assertEquals(15, first.step());
        assertEquals(0, first.net("bn").series().loss().length, "no steps yet: the fork's charts start here");
        assertNull(first.histogram());
        assertNotNull(first.net("bn").validation(), "the first frame carries validation ...");
        assertNotNull(first.boundary(), "... and the decision boundary");
        fork.advance(2);
        Frame next = fork.frame();
        assertArrayEquals(new long[] {16, 17}, next.net("bn").series().first());
        assertEquals(new Frame.Watch(1, 4), next.watch());
        assertNotNull(next.histogram());
    }

    @Test
    void a_fork_keeps_the_rate_changes_made_by_hand_and_its_own_changes_stay_its_own() throws Exception {
        Case c = cases().findFirst().orElseThrow();
        LiveRun original = c.start();
        original.advance(15);
        original.setLearningRate(0.4); // drops the rest of the plan
        original.advance(5);
        LiveRun fork = original.fork(null);
        assertEquals(List.of(new RateChange(10, 0.2), new RateChange(15, 0.4)), fork.rateChanges());
        fork.setLearningRate(0.01);
        fork.advance(5);
        assertEquals(List.of(new RateChange(10, 0.2), new RateChange(15, 0.4), new RateChange(20, 0.01)), fork.rateChanges());
        assertEquals(List.of(new RateChange(10, 0.2), new RateChange(15, 0.4)), original.rateChanges());
        assertEquals(0.4, original.baseLearningRate());
        assertEquals(0.01, fork.baseLearningRate());
    }

    @Test
    void a_network_diverged_before_the_fork_stays_diverged_and_is_not_announced_again() throws Exception {
        // LiveRunTest's diverging set-up: ReLU, rate 20, momentum 0.9 (the plain network diverges near step 19)
        RunConfig c = RunConfig.defaults().with("dataset", "xor", "points", 200, "noise", 0.05, "validationFraction", 0.25,
                "layers", new int[]{6}, "activation", "relu", "init", "xavier", "learningRate", 20, "momentum", 0.9,
                "batchSize", 8, "seed", 3);
        LiveRun original = new LiveRun(c, Datasets.load(c, null, null), LiveSettings.defaults());
        original.advance(60);
        Frame.Divergence d = original.takeDivergences().stream().filter(Frame.Divergence::stopped).findFirst().orElseThrow();
        assertEquals(Frame.PLAIN, d.network());
        Frame o0 = original.frame();
        LiveRun fork = original.fork(helper);
        Frame first = fork.frame();
        assertEquals(d, first.net("plain").diverged(), "the same step, loss and rate as in the original");
        assertNotNull(o0.net("bn").diverged(), "the BN network's inputs explode too (it trains on)");
        assertEquals(o0.net("bn").diverged(), first.net("bn").diverged(), "the fork keeps its mark");
        assertNull(first.net("plain").validation(), "a diverged network is not evaluated");
        assertEquals(30, fork.advance(30));
        original.advance(30);
        assertTrue(fork.takeDivergences().isEmpty(), "announced once, by the original");
        Frame o = original.frame(), f = fork.frame();
        assertEquals(d, f.net("plain").diverged());
        assertEquals(0, f.net("plain").series().loss().length, "it stands still");
        assertSameTraining(o, f, "30 iterations after the fork");
        assertSameState(original.variants(), fork.variants(), "30 iterations after the fork");
        assertFalse(fork.finished());
    }
}
