package bnlab.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;

import bnlab.engine.BatchNorm;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** The double-precision batch norm against hand computations, finite differences and the engine's float one. */
class BatchNormMathTest {
    private static final double[][] Z = {{1, -2, 0.5}, {2, 0, 0.25}, {3, 1, -1}, {4, 5, 2}};
    private static final double[] GAMMA = {1.5, -0.5, 2};
    private static final double[] BETA = {0.1, 0.2, -0.3};
    private static final double[][] DY = {{0.3, -1, 0.2}, {0.1, 0.4, -0.7}, {-0.2, 0.5, 0.9}, {0.6, -0.1, 0.05}};
    private static final double EPS = 1e-5;

    @Test
    void column_1_2_3_4_has_mean_2_5_and_biased_variance_1_25() {
        var f = BatchNormMath.forward(new double[][] {{1}, {2}, {3}, {4}}, new double[] {1}, new double[] {0}, 0);
        assertEquals(2.5, f.mu()[0], 1e-15);
        assertEquals(Math.sqrt(1.25), f.sigma()[0], 1e-15);
        assertEquals(-1.5 / Math.sqrt(1.25), f.zTilde()[0][0], 1e-15);
    }

    @Test
    void epsilon_is_added_to_the_variance_inside_the_root_and_gamma_beta_scale_and_shift() {
        var f = BatchNormMath.forward(new double[][] {{1}, {2}, {3}, {4}}, new double[] {2}, new double[] {1}, 0.75);
        assertEquals(Math.sqrt(2.0), f.sigma()[0], 1e-15);
        assertEquals(2 * (1.5 / Math.sqrt(2.0)) + 1, f.zHat()[3][0], 1e-15);
    }

    @Test
    void gradients_match_central_differences_of_the_loss_sum_dy_times_zHat() {
        var f = BatchNormMath.forward(Z, GAMMA, BETA, EPS);
        var b = BatchNormMath.backward(f, GAMMA, DY);
        double h = 1e-6;
        for (int i = 0; i < Z.length; i++) {
            for (int j = 0; j < GAMMA.length; j++) {
                final int ii = i, jj = j;
                double numeric = central(h, t -> {
                    double[][] z = copy(Z);
                    z[ii][jj] += t;
                    return loss(z, GAMMA, BETA);
                });
                assertEquals(numeric, b.dz()[i][j], 1e-7, "dz[" + i + "][" + j + "]");
            }
        }
        for (int j = 0; j < GAMMA.length; j++) {
            final int jj = j;
            double dGamma = central(h, t -> { double[] g = GAMMA.clone(); g[jj] += t; return loss(Z, g, BETA); });
            double dBeta = central(h, t -> { double[] be = BETA.clone(); be[jj] += t; return loss(Z, GAMMA, be); });
            assertEquals(dGamma, b.dgamma()[j], 1e-7, "dgamma[" + j + "]");
            assertEquals(dBeta, b.dbeta()[j], 1e-7, "dbeta[" + j + "]");
        }
    }

    @Test
    void each_column_of_dz_sums_to_zero() {
        var b = BatchNormMath.backward(BatchNormMath.forward(Z, GAMMA, BETA, EPS), GAMMA, DY);
        for (int j = 0; j < GAMMA.length; j++) {
            double sum = 0;
            for (double[] row : b.dz()) sum += row[j];
            assertEquals(0, sum, 1e-12);
        }
    }

    @Test
    void agrees_with_the_engines_batch_norm_to_float_precision_forward_and_backward() {
        int m = Z.length, n = GAMMA.length;
        BatchNorm engine = new BatchNorm(n, EPS, 0.1);
        for (int j = 0; j < n; j++) {
            engine.gamma().value()[j] = (float) GAMMA[j];
            engine.beta().value()[j] = (float) BETA[j];
        }
        float[] zHat = engine.forward(flat(Z), m, true);  // (m, n) row-major
        float[] dz = engine.backward(flat(DY), m, true);  // (m, n)
        var f = BatchNormMath.forward(Z, GAMMA, BETA, EPS);
        var b = BatchNormMath.backward(f, GAMMA, DY);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(f.zHat()[i][j], zHat[i * n + j], 1e-5, "zHat[" + i + "][" + j + "]");
                assertEquals(b.dz()[i][j], dz[i * n + j], 1e-5, "dz[" + i + "][" + j + "]");
            }
        }
        for (int j = 0; j < n; j++) {
            assertEquals(b.dgamma()[j], engine.gamma().grad()[j], 1e-5, "dgamma[" + j + "]");
            assertEquals(b.dbeta()[j], engine.beta().grad()[j], 1e-5, "dbeta[" + j + "]");
        }
    }

    private static float[] flat(double[][] a) {
        float[] f = new float[a.length * a[0].length];
        for (int i = 0; i < a.length; i++) for (int j = 0; j < a[0].length; j++) f[i * a[0].length + j] = (float) a[i][j];
        return f;
    }

    /** L = sum_ij DY_ij * zHat_ij, so dL/dzHat = DY. */
    private static double loss(double[][] z, double[] gamma, double[] beta) {
        var f = BatchNormMath.forward(z, gamma, beta, EPS);
        double l = 0;
        for (int i = 0; i < z.length; i++) for (int j = 0; j < gamma.length; j++) l += DY[i][j] * f.zHat()[i][j];
        return l;
    }

    private static double central(double h, ToDoubleFunction<Double> f) {
        return (f.applyAsDouble(h) - f.applyAsDouble(-h)) / (2 * h);
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
        return c;
    }
}
