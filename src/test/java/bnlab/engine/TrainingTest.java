package bnlab.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingTest {

    /** XOR of two noisy features, labels 0/1: not linearly separable. */
    static Dataset xor(int n, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[n * 2];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            float a = (float) (rng.nextDouble() * 2 - 1), b = (float) (rng.nextDouble() * 2 - 1);
            x[2 * i] = a;
            x[2 * i + 1] = b;
            y[i] = (a > 0) == (b > 0) ? 1 : 0;
        }
        return Dataset.classification("xor", 2, x, y, 2, new String[]{"different", "same"});
    }

    static NetworkSpec small(BnPlacement bn) {
        return NetworkSpec.of(2, new int[]{8, 8}, 2, Activation.TANH, bn, Init.XAVIER, 0);
    }

    @Test
    void the_same_configuration_and_seed_give_bit_identical_runs() {
        Dataset data = xor(200, 1);
        NetworkSpec spec = small(BnPlacement.BEFORE_ACTIVATION).withDropout(0.2);
        TrainSpec train = new TrainSpec(0.3, new Schedule(Schedule.Kind.STEP, 50, 0.5), 0.9, 16, 1e-3, 42);
        VariantRun a = new VariantRun(Variant.twin(spec, train), data), b = new VariantRun(Variant.twin(spec, train), data);
        for (int s = 0; s < 300; s++) {
            a.step();
            b.step();
            assertEquals(a.trainer("bn").lastLoss(), b.trainer("bn").lastLoss(), 0.0);
            assertEquals(a.trainer("plain").lastLoss(), b.trainer("plain").lastLoss(), 0.0);
        }
        for (int i = 0; i < a.trainer("bn").network().params().size(); i++)
            assertArrayEquals(a.trainer("bn").network().params().get(i).value(), b.trainer("bn").network().params().get(i).value());
    }

    @Test
    void a_different_seed_gives_a_different_run() {
        Dataset data = xor(200, 1);
        VariantRun a = new VariantRun(Variant.twin(small(BnPlacement.BEFORE_ACTIVATION), TrainSpec.sgd(0.3, 16, 1)), data);
        VariantRun b = new VariantRun(Variant.twin(small(BnPlacement.BEFORE_ACTIVATION), TrainSpec.sgd(0.3, 16, 2)), data);
        a.step();
        b.step();
        assertNotEquals(a.trainer("bn").lastLoss(), b.trainer("bn").lastLoss());
    }

    @Test
    void twins_start_from_identical_weights_and_see_identical_batches() {
        Dataset data = xor(100, 3);
        VariantRun run = new VariantRun(Variant.twin(small(BnPlacement.BEFORE_ACTIVATION), TrainSpec.sgd(0.1, 10, 7)), data);
        Network plain = run.trainer("plain").network(), bn = run.trainer("bn").network();
        for (int l = 0; l < 2; l++) {
            assertArrayEquals(plain.hidden().get(l).dense().weights().value(), bn.hidden().get(l).dense().weights().value());
            assertNull(bn.hidden().get(l).dense().bias(), "the bias is dropped before BN: beta takes its role");
            assertNotNull(plain.hidden().get(l).dense().bias());
        }
        assertArrayEquals(plain.outputLayer().weights().value(), bn.outputLayer().weights().value());
        // identical batches: the first layer's z equals x W in both networks, and the W are still equal before step 1
        float[] w0 = plain.hidden().get(0).dense().weights().value().clone();
        run.step();
        float[] x = run.batch().x();
        float[] expected = new float[10 * 8];
        Kernels.gemm(expected, x, w0, 10, 2, 8);
        assertArrayEquals(expected, Arrays.copyOf(plain.observe().get(0).z(), 80), 1e-6f);
        assertArrayEquals(expected, Arrays.copyOf(bn.observe().get(0).z(), 80), 1e-6f);
    }

    @Test
    void xor_is_learned_with_and_without_batch_normalization() {
        Dataset train = xor(400, 5), validation = xor(200, 6);
        VariantRun run = new VariantRun(Variant.twin(small(BnPlacement.BEFORE_ACTIVATION), new TrainSpec(0.1, Schedule.CONSTANT, 0.9, 20, 0, 1)), train);
        for (int s = 0; s < 1500; s++) run.step();
        assertTrue(Evaluation.of(run.trainer("plain").network(), validation).accuracy() > 0.9, "plain network learns xor");
        assertTrue(Evaluation.of(run.trainer("bn").network(), validation).accuracy() > 0.9, "BN network learns xor");
    }

    @Test
    void a_training_step_allocates_nothing_in_steady_state() {
        Dataset data = xor(600, 9);
        NetworkSpec spec = NetworkSpec.of(2, new int[]{32, 32}, 2, Activation.SIGMOID, BnPlacement.BEFORE_ACTIVATION, Init.HE, 0)
                .withDropout(0.1);
        VariantRun run = new VariantRun(Variant.twin(spec, new TrainSpec(0.1, Schedule.CONSTANT, 0.9, 30, 1e-4, 1)), data);
        for (int s = 0; s < 2000; s++) run.step(); // warm up: buffers grown, code compiled
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        // Steady state is reached when C2 has compiled the vector kernels (until then they box every vector).
        // After other tests in the same JVM, C2's queue can hold a kernel back for thousands of steps on a
        // busy 2-core machine, so windows of 1,000 steps are measured until one allocates nothing (a step
        // that allocates in steady state would allocate in every window).
        List<Long> windows = new java.util.ArrayList<>();
        for (int w = 0; w < 40; w++) {
            long before = bean.getThreadAllocatedBytes(tid);
            for (int s = 0; s < 1000; s++) run.step();
            long allocated = bean.getThreadAllocatedBytes(tid) - before;
            windows.add(allocated);
            if (allocated < 16_000) return;
        }
        fail("every window of 1,000 twin steps allocated: " + windows + " bytes");
    }

    @Test
    void the_learning_rate_can_change_between_steps_without_a_reset() {
        Dataset data = xor(100, 3);
        VariantRun run = new VariantRun(Variant.twin(small(BnPlacement.NONE), new TrainSpec(0.1, new Schedule(Schedule.Kind.STEP, 10, 0.5), 0, 10, 0, 1)), data);
        for (int s = 0; s < 25; s++) run.step();
        assertEquals(0.1 * 0.25, run.trainer("plain").learningRate(), 1e-12, "two halvings after 20 steps");
        run.setBaseLearningRates(new double[] {0.4, 0.4});
        assertEquals(0.4 * 0.25, run.trainer("plain").learningRate(), 1e-12, "the schedule keeps its place");
        assertEquals(25, run.trainer("plain").step());
        run.step();
        assertEquals(0.1, run.trainer("plain").lastStats().learningRate(), 1e-12);
    }

    @Test
    void a_diverging_run_stops_and_says_so() {
        Dataset data = xor(100, 3);
        NetworkSpec spec = NetworkSpec.of(2, new int[]{8}, 2, Activation.LINEAR, BnPlacement.BEFORE_ACTIVATION, Init.GAUSSIAN, 5);
        VariantRun run = new VariantRun(Variant.twin(spec, new TrainSpec(100, Schedule.CONSTANT, 0.99, 10, 0, 1)), data);
        for (int s = 0; s < 500 && !run.trainer("plain").diverged(); s++) run.step();
        assertTrue(run.trainer("plain").diverged(), "a linear network with lr 100 and momentum 0.99 and no BN diverges");
        long step = run.trainer("plain").step();
        run.step();
        assertEquals(step, run.trainer("plain").step(), "a diverged network stands still");
        assertTrue(run.trainer("plain").lastStats().diverged());
    }

    @Test
    void schedules_decay_as_documented() {
        assertEquals(0.25, new Schedule(Schedule.Kind.STEP, 100, 0.5).multiplier(250), 1e-12);
        assertEquals(Math.pow(0.5, 2.5), new Schedule(Schedule.Kind.EXPONENTIAL, 100, 0.5).multiplier(250), 1e-12);
        assertEquals(1, Schedule.CONSTANT.multiplier(1_000_000), 0);
    }

    @Test
    void l2_weight_decay_shrinks_weights_but_not_biases_gamma_or_beta() {
        Dataset data = xor(100, 3);
        NetworkSpec spec = small(BnPlacement.BEFORE_ACTIVATION);
        VariantRun decayed = new VariantRun(Variant.twin(spec, new TrainSpec(0.1, Schedule.CONSTANT, 0, 10, 0.5, 1)), data);
        VariantRun free = new VariantRun(Variant.twin(spec, new TrainSpec(0.1, Schedule.CONSTANT, 0, 10, 0, 1)), data);
        decayed.step();
        free.step();
        for (int i = 0; i < free.trainer("bn").network().params().size(); i++) {
            Param a = decayed.trainer("bn").network().params().get(i), b = free.trainer("bn").network().params().get(i);
            float[] w0 = new Network(spec, 1).params().get(i).value();
            for (int k = 0; k < w0.length; k++) {
                float expectedShift = a.decayed() ? -0.1f * 0.5f * w0[k] : 0f;
                assertEquals(b.value()[k] + expectedShift, a.value()[k], 1e-6f, a.name() + "[" + k + "]");
            }
        }
    }
}
