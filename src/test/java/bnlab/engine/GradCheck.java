package bnlab.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleSupplier;

/**
 * Central finite differences for float32 code: dL/dv_i ≈ (L(v_i + h) - L(v_i - h)) / 2h. The
 * comparison is over the whole gradient vector, ||analytic - numeric|| / (||analytic|| + ||numeric||),
 * which float32 rounding keeps near 1e-4 when the backward pass is right and near 1 when it is wrong.
 */
final class GradCheck {
    static final double H = 1e-2;
    static final double TOLERANCE = 2e-3;

    private GradCheck() {}

    /** Numeric gradient of loss() with respect to every entry of v (restored afterwards). */
    static double[] numeric(float[] v, int n, DoubleSupplier loss) {
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            float old = v[i];
            v[i] = (float) (old + H);
            double plus = loss.getAsDouble();
            v[i] = (float) (old - H);
            double minus = loss.getAsDouble();
            v[i] = old;
            g[i] = (plus - minus) / (2 * H);
        }
        return g;
    }

    static double relativeError(float[] analytic, double[] numeric) {
        double diff = 0, a = 0, b = 0;
        for (int i = 0; i < numeric.length; i++) {
            diff += Math.pow(analytic[i] - numeric[i], 2);
            a += (double) analytic[i] * analytic[i];
            b += numeric[i] * numeric[i];
        }
        return Math.sqrt(diff) / (Math.sqrt(a) + Math.sqrt(b) + 1e-12);
    }

    static void assertClose(String what, float[] analytic, double[] numeric) {
        double err = relativeError(analytic, numeric);
        double norm = 0;
        for (double d : numeric) norm += d * d;
        assertTrue(norm > 1e-8, what + ": numeric gradient is zero, the check would prove nothing");
        assertTrue(err < TOLERANCE, what + ": relative error " + err + " between backward pass and finite differences");
    }

    /** L = sum_i r_i y_i in double, so dL/dy = r. */
    static double dot(float[] y, float[] r, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += (double) y[i] * r[i];
        return s;
    }

    static float[] random(Rng rng, int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (scale * rng.nextGaussian());
        return a;
    }
}
