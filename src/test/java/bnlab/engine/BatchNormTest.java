package bnlab.engine;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Batch normalization against the formulas of science.md and reference values from PyTorch's BatchNorm1d. */
class BatchNormTest {
    // z (4 examples, 3 neurons), gamma, beta and an upstream gradient; expected values printed by
    // torch 1.13 BatchNorm1d(3, eps=1e-5, momentum=0.1) in float64 (train(), one step, then eval()).
    private static final float[] Z = {0.5f, -1f, 2f, 1.5f, 0f, 2f, -0.5f, 3f, 2.5f, 2.5f, 1f, 1f};
    private static final float[] GAMMA = {1.5f, 0.5f, -2f}, BETA = {0.1f, -0.2f, 0.3f};
    private static final float[] UP = {0.3f, -0.1f, 0.2f, 0.5f, 0.7f, -0.4f, -0.2f, 0.1f, 0.9f, 0.05f, -0.6f, 0.3f};
    private static final double[] TORCH_Y = {-0.5708177085, -0.7916066290, -0.1588237283, 0.7708177115, -0.4535456999,
            -0.1588237283, -1.9124531285, 0.5606370877, -1.9941186893, 2.1124531314, -0.1154847707, 3.5117661937};
    private static final double[] TORCH_RUNNING_MEAN = {0.1, 0.075, 0.1875};
    private static final double[] TORCH_RUNNING_VAR = {1.0666666667, 1.1916666667, 0.9395833333};
    private static final double[] TORCH_DZ = {0.2482020429, -0.0608508823, 0.2897798359, 0.3890747816, 0.2202225846,
            2.4921337891, -0.2951613218, 0.0492601975, -1.8546317501, -0.3421155026, -0.2086318999, -0.9272818749};
    private static final double[] TORCH_DGAMMA = {0.4248512163, -0.1859335110, 0.5047061143};
    private static final double[] TORCH_DBETA = {0.65, 0.1, 1.0};
    private static final double[] TORCH_Y_EVAL = {0.6809447802, -0.6923786954, -3.4397110379, 2.1333067271,
            -0.2343520048, -3.4397110379, -0.7714171666, 1.1397280671, -4.4713554654, 3.5856686740, 0.2236746859,
            -1.3764221828};

    private static BatchNorm reference() {
        BatchNorm bn = new BatchNorm(3, 1e-5, 0.1);
        System.arraycopy(GAMMA, 0, bn.gamma().value(), 0, 3);
        System.arraycopy(BETA, 0, bn.beta().value(), 0, 3);
        return bn;
    }

    private static void assertAllClose(double[] expected, float[] actual, double tol, String what) {
        for (int i = 0; i < expected.length; i++)
            assertEquals(expected[i], actual[i], tol, what + "[" + i + "]");
    }

    @Test
    void training_forward_backward_and_running_statistics_match_pytorch() {
        BatchNorm bn = reference();
        float[] y = bn.forward(Z, 4, true);
        assertAllClose(TORCH_Y, y, 1e-5, "zHat");
        assertAllClose(TORCH_RUNNING_MEAN, bn.runningMean(), 1e-6, "running mean");
        assertAllClose(TORCH_RUNNING_VAR, bn.runningVar(), 1e-6, "running var");
        float[] dz = bn.backward(UP, 4, true);
        assertAllClose(TORCH_DZ, dz, 1e-5, "dz");
        assertAllClose(TORCH_DGAMMA, bn.gamma().grad(), 1e-5, "dgamma");
        assertAllClose(TORCH_DBETA, bn.beta().grad(), 1e-6, "dbeta");
    }

    @Test
    void inference_mode_uses_the_running_statistics_like_pytorch_eval() {
        BatchNorm bn = reference();
        bn.forward(Z, 4, true);
        assertAllClose(TORCH_Y_EVAL, bn.forward(Z, 4, false), 1e-5, "eval output");
    }

    @Test
    void every_column_of_z_tilde_has_mean_zero_and_standard_deviation_one_over_the_batch() {
        Rng rng = new Rng(3);
        int m = 60, w = 10;
        float[] z = new float[m * w];
        for (int i = 0; i < z.length; i++) z[i] = (float) (5 + 3 * rng.nextGaussian() * (1 + i % w));
        BatchNorm bn = new BatchNorm(w, 0, 0.1);
        bn.forward(z, m, true);
        BatchNormObservation o = bn.observe(m);
        for (int j = 0; j < w; j++) {
            float[] col = Stats.column(o.zTilde(), m, w, j);
            double mean = 0, sq = 0;
            for (float v : col) mean += v;
            mean /= m;
            for (float v : col) sq += (v - mean) * (v - mean);
            assertEquals(0, mean, 1e-5, "mean of column " + j);
            assertEquals(1, Math.sqrt(sq / m), 1e-5, "std of column " + j);
        }
    }

    @Test
    void running_statistics_follow_the_momentum_rule_over_many_batches() {
        Rng rng = new Rng(4);
        int m = 8, w = 3;
        double momentum = 0.25;
        BatchNorm bn = new BatchNorm(w, 1e-5, momentum);
        double[] rm = {0, 0, 0}, rv = {1, 1, 1};
        for (int step = 0; step < 20; step++) {
            float[] z = new float[m * w];
            for (int i = 0; i < z.length; i++) z[i] = (float) (2 + rng.nextGaussian());
            bn.forward(z, m, true);
            for (int j = 0; j < w; j++) {
                float[] c = Stats.column(z, m, w, j);
                double mean = 0, sq = 0;
                for (float v : c) mean += v;
                mean /= m;
                for (float v : c) sq += (v - mean) * (v - mean);
                rm[j] = (1 - momentum) * rm[j] + momentum * mean;
                rv[j] = (1 - momentum) * rv[j] + momentum * sq / (m - 1);
            }
        }
        for (int j = 0; j < w; j++) {
            assertEquals(rm[j], bn.runningMean()[j], 1e-5);
            assertEquals(rv[j], bn.runningVar()[j], 1e-5);
        }
        assertEquals(2, bn.runningMean()[0], 0.5, "after 20 batches the running mean approaches the data mean");
    }

    @Test
    void a_training_batch_of_one_is_refused_with_a_clear_message() {
        BatchNorm bn = new BatchNorm(3, 1e-5, 0.1);
        var e = assertThrows(IllegalArgumentException.class, () -> bn.forward(new float[]{1, 2, 3}, 1, true));
        assertTrue(e.getMessage().contains("at least 2 examples"), e.getMessage());
        assertDoesNotThrow(() -> bn.forward(new float[]{1, 2, 3}, 1, false), "inference on one example is fine");
    }

    @Test
    void epsilon_zero_with_a_constant_column_is_refused_and_names_the_neuron() {
        BatchNorm bn = new BatchNorm(2, 0, 0.1);
        var e = assertThrows(ArithmeticException.class, () -> bn.forward(new float[]{1, 5, 2, 5, 3, 5}, 3, true));
        assertTrue(e.getMessage().contains("neuron 2"), e.getMessage());
    }

    @Test
    void the_bn_gradient_with_respect_to_z_sums_to_zero_over_the_batch() {
        BatchNorm bn = reference();
        bn.forward(Z, 4, true);
        float[] dz = bn.backward(UP, 4, true);
        for (int j = 0; j < 3; j++) assertEquals(0, dz[j] + dz[3 + j] + dz[6 + j] + dz[9 + j], 1e-5);
    }
}
