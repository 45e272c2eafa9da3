package bnlab.engine;

import static bnlab.engine.VariantRunAssertions.assertSameState;
import static org.junit.jupiter.api.Assertions.*;

import bnlab.data.MnistLike;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** {@link VariantRun#copy}: a fork continues exactly where its original is, and the two share nothing. */
class VariantRunForkTest {

    /**
     * One set-up to fork: how to build the run, steps before the fork (k) and after it (m), and an
     * optional change of both base rates at the given step after the fork (0: none).
     */
    record Case(String name, Supplier<VariantRun> run, int k, int m, int rateChangeAt, double plainRate, double bnRate) {
        @Override public String toString() { return name; }
    }

    private static Dataset fashion;

    /** 300 images of the bundled Fashion-MNIST (784 features, 10 classes), loaded once. */
    static synchronized Dataset fashion() {
        if (fashion == null) {
            try {
                fashion = MnistLike.bundled(300, 1).split().train();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return fashion;
    }

    /** y = sum of the features plus noise: a regression, so the fork's loss must be the squared error too. */
    static Dataset regression(int n, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[n * 3], t = new float[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) x[3 * i + j] = (float) rng.nextGaussian();
            t[i] = x[3 * i] + x[3 * i + 1] - x[3 * i + 2] + 0.1f * (float) rng.nextGaussian();
        }
        return Dataset.regression("sum", 3, x, t, 1);
    }

    static Stream<Case> cases() {
        Dataset xor = TrainingTest.xor(200, 1);
        return Stream.of(
                new Case("2-D xor, BN before the activation, dropout, momentum, step schedule, L2",
                        () -> new VariantRun(Variant.twin(TrainingTest.small(BnPlacement.BEFORE_ACTIVATION).withDropout(0.2), new TrainSpec(0.3, new Schedule(Schedule.Kind.STEP, 20, 0.5), 0.9, 16, 1e-3, 42)), xor),
                        37, 60, 0, 0, 0),
                new Case("2-D xor, BN after a ReLU, exponential schedule, momentum, a rate change after the fork",
                        () -> new VariantRun(Variant.twin(NetworkSpec.of(2, new int[]{16, 8}, 2, Activation.RELU,
                                BnPlacement.AFTER_ACTIVATION, Init.HE, 0).withDropout(0.1), new TrainSpec(0.2, new Schedule(Schedule.Kind.EXPONENTIAL, 30, 0.5), 0.5, 10, 1e-4, 7)), xor),
                        45, 50, 13, 0.05, 0.4),
                new Case("forked before the first step",
                        () -> new VariantRun(Variant.twin(TrainingTest.small(BnPlacement.BEFORE_ACTIVATION).withDropout(0.3), new TrainSpec(0.1, Schedule.CONSTANT, 0.9, 20, 0, 3)), xor),
                        0, 40, 0, 0, 0),
                new Case("the paper's split: each twin its own rate, schedule, L2 and dropout",
                        () -> {
                            NetworkSpec spec = TrainingTest.small(BnPlacement.BEFORE_ACTIVATION);
                            return new VariantRun(java.util.List.of(new Variant("plain", spec.withBn(BnPlacement.NONE).withDropout(0.2), new TrainSpec(0.1, new Schedule(Schedule.Kind.STEP, 25, 0.8), 0.9, 16, 1e-3, 11)), new Variant("bn", spec, new TrainSpec(0.5, new Schedule(Schedule.Kind.EXPONENTIAL, 10, 0.7), 0.9, 16, 2e-4, 11))), xor);
                        },
                        52, 40, 1, 0.2, 1.0),
                new Case("Fashion-MNIST, 784-32-16-10 sigmoid, BN before, dropout, momentum, L2, several epochs",
                        () -> new VariantRun(Variant.twin(NetworkSpec.of(784, new int[]{32, 16}, 10, Activation.SIGMOID,
                                BnPlacement.BEFORE_ACTIVATION, Init.XAVIER, 0).withDropout(0.1), new TrainSpec(0.1, new Schedule(Schedule.Kind.STEP, 15, 0.9), 0.9, 32, 1e-4, 5)), fashion()),
                        23, 25, 4, 0.3, 0.3),
                new Case("regression with mean squared error, BN after a tanh, momentum",
                        () -> new VariantRun(Variant.twin(NetworkSpec.of(3, new int[]{8}, 1, Activation.TANH,
                                BnPlacement.AFTER_ACTIVATION, Init.XAVIER, 0), new TrainSpec(0.05, Schedule.CONSTANT, 0.8, 12, 1e-3, 9)), regression(120, 2)),
                        31, 30, 0, 0, 0));
    }

    private static void advance(VariantRun run, int steps) {
        for (int s = 0; s < steps; s++) run.step();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void a_fork_takes_bit_for_bit_the_same_steps_as_its_original(Case c) {
        VariantRun original = c.run().get();
        advance(original, c.k());
        VariantRun fork = original.copy();
        assertSameState(original, fork, "at the fork");
        for (int s = 1; s <= c.m(); s++) {
            if (s == c.rateChangeAt()) {
                original.setBaseLearningRates(new double[] {c.plainRate(), c.bnRate()});
                fork.setBaseLearningRates(new double[] {c.plainRate(), c.bnRate()});
            }
            original.step();
            fork.step();
            assertEquals(Double.doubleToRawLongBits(original.trainer("plain").lastLoss()), Double.doubleToRawLongBits(fork.trainer("plain").lastLoss()),
                    "plain loss, step " + s + " after the fork");
            assertEquals(Double.doubleToRawLongBits(original.trainer("bn").lastLoss()), Double.doubleToRawLongBits(fork.trainer("bn").lastLoss()),
                    "BN loss, step " + s + " after the fork");
        }
        assertSameState(original, fork, c.m() + " steps after the fork");
        assertFalse(original.trainer("plain").diverged() || original.trainer("bn").diverged(), "the cases train, they do not diverge");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void training_the_fork_leaves_the_original_where_it_was(Case c) {
        VariantRun original = c.run().get(), reference = c.run().get();
        advance(original, c.k());
        advance(reference, c.k());
        VariantRun fork = original.copy();
        fork.setBaseLearningRates(new double[] {0.07, 0.09});
        advance(fork, c.m());
        assertSameState(reference, original, "the original after the fork trained " + c.m() + " steps");
        assertNotEquals(original.trainer("bn").network().outputLayer().weights().value()[0],
                fork.trainer("bn").network().outputLayer().weights().value()[0], "the fork did move");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void training_the_original_leaves_the_fork_where_it_was(Case c) {
        VariantRun original = c.run().get(), reference = c.run().get();
        advance(original, c.k());
        advance(reference, c.k());
        VariantRun fork = original.copy();
        advance(original, c.m());
        assertSameState(reference, fork, "the fork after the original trained " + c.m() + " steps");
    }

    @Test
    void a_fork_shares_no_array_with_its_original() {
        VariantRun original = cases().findFirst().orElseThrow().run().get();
        advance(original, 5);
        VariantRun fork = original.copy();
        for (Trainer[] t : VariantRunAssertions.pairs(original, fork)) {
            assertNotSame(t[0], t[1]);
            assertNotSame(t[0].network(), t[1].network());
            List<Layer> a = t[0].network().layers(), b = t[1].network().layers();
            assertEquals(a.size(), b.size());
            for (int i = 0; i < a.size(); i++) {
                assertNotSame(a.get(i), b.get(i));
                assertEquals(a.get(i).getClass(), b.get(i).getClass());
            }
            for (int i = 0; i < t[0].network().params().size(); i++) {
                Param p = t[0].network().params().get(i), q = t[1].network().params().get(i);
                assertNotSame(p.value(), q.value());
                assertNotSame(p.grad(), q.grad());
                assertNotSame(p.velocity(), q.velocity());
            }
            for (int l = 0; l < t[0].network().hidden().size(); l++) {
                Network.Hidden h = t[0].network().hidden().get(l), g = t[1].network().hidden().get(l);
                assertSame(b.get(a.indexOf(h.dense())), g.dense(), "the copy's hidden parts are its own layers");
                if (h.bn() == null) continue;
                assertNotSame(h.bn().runningMean(), g.bn().runningMean());
                assertNotSame(h.bn().runningVar(), g.bn().runningVar());
            }
        }
        assertNotSame(original.batch().x(), fork.batch().x());
        assertSame(original.sampler().data(), fork.sampler().data(), "the data set is shared: nothing writes it");
    }

    /** Without this, the bitwise comparisons above could pass with velocities left out of the copy. */
    @Test
    void a_fork_without_its_momentum_velocities_would_step_differently() {
        Case c = cases().findFirst().orElseThrow();
        VariantRun original = c.run().get();
        advance(original, c.k());
        VariantRun fork = original.copy();
        for (Param p : fork.trainer("bn").network().params()) java.util.Arrays.fill(p.velocity(), 0f);
        original.step();
        fork.step();
        assertNotEquals(original.trainer("bn").network().params().get(0).value()[0], fork.trainer("bn").network().params().get(0).value()[0]);
        assertTrue(original.trainer("plain").learningRate() < original.trainer("plain").baseLearningRate(),
                "the step schedule has decayed by the fork, so a step count left out of the copy would show too");
    }

    @Test
    void a_diverged_network_stays_diverged_in_the_fork_and_its_twin_trains_on_alike() {
        Dataset data = TrainingTest.xor(100, 3);
        NetworkSpec spec = NetworkSpec.of(2, new int[]{8}, 2, Activation.LINEAR, BnPlacement.BEFORE_ACTIVATION, Init.GAUSSIAN, 5);
        VariantRun original = new VariantRun(java.util.List.of(new Variant("plain", spec.withBn(BnPlacement.NONE), new TrainSpec(100, Schedule.CONSTANT, 0.99, 10, 0, 1)), new Variant("bn", spec, new TrainSpec(0.1, Schedule.CONSTANT, 0.9, 10, 0, 1))), data);
        for (int s = 0; s < 500 && !original.trainer("plain").diverged(); s++) original.step();
        assertTrue(original.trainer("plain").diverged(), "the plain network of TrainingTest's diverging run");
        assertFalse(original.trainer("bn").diverged(), "the BN network at a sane rate");
        advance(original, 3);
        VariantRun fork = original.copy();
        assertTrue(fork.trainer("plain").diverged());
        assertEquals(original.trainer("plain").lastStats(), fork.trainer("plain").lastStats(), "the step, loss and rate it diverged at");
        long stoppedAt = fork.trainer("plain").step();
        for (int s = 0; s < 20; s++) {
            original.step();
            fork.step();
        }
        assertTrue(fork.trainer("plain").diverged());
        assertEquals(stoppedAt, fork.trainer("plain").step(), "a diverged network stands still in the fork too");
        assertSameState(original, fork, "20 steps after the fork");
    }
}
