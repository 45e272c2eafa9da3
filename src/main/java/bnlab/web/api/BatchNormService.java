package bnlab.web.api;

import bnlab.lessons.BatchNormMath;
import java.util.Arrays;

/**
 * Checks a {@link BatchNormRequest} and computes its answer with {@link BatchNormMath}.
 * Every way a request can be wrong ends in an {@link ApiError} that says what is wrong.
 */
public final class BatchNormService {
    /** At most this many rows and this many columns (so at most 256 x 256 values). */
    public static final int MAX_SIDE = 256;

    public BatchNormResponse compute(BatchNormRequest r) {
        double[][] z = r.z();
        if (z == null) throw ApiError.badRequest("error.z.missing");
        int m = z.length;
        if (m == 0) throw ApiError.badRequest("error.z.empty");
        if (m > MAX_SIDE) throw ApiError.tooLarge("error.z.tooManyRows", m, MAX_SIDE);
        for (int i = 0; i < m; i++) {
            if (z[i] == null) throw ApiError.badRequest("error.json.wrongShape", "z[" + i + "]");
        }
        int n = z[0].length;
        if (n == 0) throw ApiError.badRequest("error.z.empty");
        if (n > MAX_SIDE) throw ApiError.tooLarge("error.z.tooManyColumns", n, MAX_SIDE);
        for (int i = 1; i < m; i++) {
            if (z[i].length != n) throw ApiError.badRequest("error.z.ragged", i, z[i].length, n);
        }
        if (m < 2) throw ApiError.badRequest("error.z.tooFewRows", m);
        requireFinite("z", z);

        double[] gamma = vector("gamma", r.gamma(), n, 1.0);
        double[] beta = vector("beta", r.beta(), n, 0.0);
        double eps = r.epsilon() == null ? BatchNormRequest.DEFAULT_EPSILON : r.epsilon();
        if (!Double.isFinite(eps)) throw ApiError.badRequest("error.nonFinite", "epsilon");
        if (eps < 0) throw ApiError.badRequest("error.epsilon.negative");

        double[][] dy = r.upstream();
        if (dy != null) {
            if (dy.length != m) throw ApiError.badRequest("error.upstream.shape", m, n);
            for (double[] row : dy) {
                if (row == null || row.length != n) throw ApiError.badRequest("error.upstream.shape", m, n);
            }
            requireFinite("upstream", dy);
        }

        BatchNormMath.Forward f = BatchNormMath.forward(z, gamma, beta, eps);
        for (int j = 0; j < n; j++) {
            if (f.sigma()[j] == 0) throw ApiError.badRequest("error.epsilon.constantColumn", j);
        }
        BatchNormResponse.Gradients gradients = null;
        if (dy != null) {
            BatchNormMath.Backward b = BatchNormMath.backward(f, gamma, dy);
            gradients = new BatchNormResponse.Gradients(b.dz(), b.dgamma(), b.dbeta());
        }
        BatchNormResponse answer = new BatchNormResponse(f.mu(), f.sigma(), f.zTilde(), f.zHat(), gradients);
        if (!allFinite(answer)) throw ApiError.badRequest("error.result.overflow");
        return answer;
    }

    private static double[] vector(String name, double[] given, int n, double fill) {
        if (given == null) {
            double[] v = new double[n];
            Arrays.fill(v, fill);
            return v;
        }
        if (given.length != n) throw ApiError.badRequest("error.length", name, given.length, n);
        for (int j = 0; j < n; j++) {
            if (!Double.isFinite(given[j])) throw ApiError.badRequest("error.nonFinite", name + "[" + j + "]");
        }
        return given;
    }

    private static void requireFinite(String name, double[][] a) {
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                if (!Double.isFinite(a[i][j])) {
                    throw ApiError.badRequest("error.nonFinite", name + "[" + i + "][" + j + "]");
                }
            }
        }
    }

    private static boolean allFinite(BatchNormResponse a) {
        boolean ok = finite(a.mu()) && finite(a.sigma()) && finite(a.zTilde()) && finite(a.zHat());
        var g = a.gradients();
        return ok && (g == null || finite(g.z()) && finite(g.gamma()) && finite(g.beta()));
    }

    private static boolean finite(double[] v) {
        for (double x : v) if (!Double.isFinite(x)) return false;
        return true;
    }

    private static boolean finite(double[][] a) {
        for (double[] row : a) if (!finite(row)) return false;
        return true;
    }
}
