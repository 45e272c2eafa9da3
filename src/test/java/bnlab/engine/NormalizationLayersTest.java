package bnlab.engine;

import static bnlab.engine.GradCheck.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Layer normalization and the noise of "noisy BN": their backward passes and their stated properties. */
class NormalizationLayersTest {
    private static final int BATCH = LayerGradientTest.BATCH;

    /** The same finite-difference check as every other layer's. */
    private static void check(Layer layer, float[] x, Rng rng) { LayerGradientTest.check(layer, x, rng); }

    @Test
    void layer_norm_backward_matches_finite_differences() {
        Rng rng = new Rng(11);
        LayerNorm ln = new LayerNorm(7, 1e-5);
        System.arraycopy(random(rng, 7, 1), 0, ln.gamma().value(), 0, 7);
        System.arraycopy(random(rng, 7, 1), 0, ln.beta().value(), 0, 7);
        check(ln, random(rng, BATCH * 7, 2), rng);
    }

    @Test
    void layer_norm_gives_each_example_mean_0_and_variance_1_and_the_same_output_in_training_and_inference() {
        Rng rng = new Rng(12);
        LayerNorm ln = new LayerNorm(9, 0);
        float[] x = random(rng, BATCH * 9, 3);
        for (int k = 0; k < x.length; k++) x[k] += 5 * (k / 9); // examples far apart: batch statistics would mix them
        float[] train = ln.forward(x, BATCH, true).clone();
        for (int i = 0; i < BATCH; i++) {
            double mean = 0, var = 0;
            for (int j = 0; j < 9; j++) mean += train[i * 9 + j];
            mean /= 9;
            for (int j = 0; j < 9; j++) var += (train[i * 9 + j] - mean) * (train[i * 9 + j] - mean);
            assertEquals(0, mean, 1e-5, "example " + i);
            assertEquals(1, var / 9, 1e-4, "example " + i);
        }
        assertArrayEquals(train, ln.forward(x, BATCH, false).clone(), "no running statistics: inference is the same");
        float[] one = java.util.Arrays.copyOf(ln.forward(java.util.Arrays.copyOf(x, 9), 1, false), 9);
        assertArrayEquals(java.util.Arrays.copyOf(train, 9), one, 1e-6f, "an example's output does not depend on the batch");
    }

    @Test
    void noise_injection_backward_matches_finite_differences_for_its_drawn_noise() {
        Rng rng = new Rng(13);
        NoiseInjection noise = new NoiseInjection(5, new Rng(14));
        noise.forward(random(rng, BATCH * 5, 1), BATCH, true);
        noise.holdNoise(true);
        check(noise, random(rng, BATCH * 5, 1), rng);
    }

    @Test
    void the_noise_has_the_stated_distribution() {
        int width = 200, batch = 50, steps = 40;
        NoiseInjection noise = new NoiseInjection(width, new Rng(15));
        float[] ones = new float[batch * width], zeros = new float[batch * width];
        java.util.Arrays.fill(ones, 1f);
        double mSum = 0, mSq = 0, sSum = 0, withinM = 0, withinS = 0, mMin = 9, mMax = -9;
        long count = 0;
        for (int t = 0; t < steps; t++) {
            float[] y0 = noise.forward(zeros, batch, true).clone(); // a = 0: y = m
            float[][] ms = noise.lastNoise(batch);
            for (int j = 0; j < width; j++) {
                double colM = 0, colS = 0;
                for (int i = 0; i < batch; i++) { colM += ms[1][i * width + j]; colS += ms[0][i * width + j]; }
                colM /= batch;
                colS /= batch;
                for (int i = 0; i < batch; i++) {
                    double m = ms[1][i * width + j], s = ms[0][i * width + j];
                    assertEquals(m, y0[i * width + j], 1e-6);
                    mSum += m; mSq += m * m; sSum += s;
                    withinM += (m - colM) * (m - colM);
                    withinS += (s - colS) * (s - colS);
                    mMin = Math.min(mMin, m); mMax = Math.max(mMax, m);
                    count++;
                }
            }
        }
        // m: mean 0, spread of U(-0.5, 0.5) plus U(-0.1, 0.1): variance 1/12 + 0.04/12 = 0.0867; within a neuron U(-0.1, 0.1): 0.0033.
        assertEquals(0, mSum / count, 0.01);
        assertEquals((1 + 0.04) / 12, mSq / count - Math.pow(mSum / count, 2), 0.005);
        assertEquals(0.04 / 12, withinM / count, 0.0003);
        assertEquals(-0.6, mMin, 0.02);
        assertEquals(0.6, mMax, 0.02);
        // s: mean of U(1, 1.25) = 1.125; within a neuron N(sigma, 0.1^2): variance 0.01.
        assertEquals(1.125, sSum / count, 0.01);
        assertEquals(0.01, withinS / count, 0.001);
        float[] a = random(new Rng(16), batch * width, 1);
        assertArrayEquals(a, noise.forward(a, batch, false), "no noise in inference");
    }
}
