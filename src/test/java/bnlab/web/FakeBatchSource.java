package bnlab.web;

import bnlab.engine.Rng;
import bnlab.lessons.BatchSource;
import bnlab.lessons.BatchView;

/**
 * A stand-in for the engine-backed source: a seeded 8x5 input batch times a fixed 5x8 matrix
 * whose weights drift with the iteration, then batch normalization in double. gamma and beta
 * drift too, and a made-up squared loss supplies the upstream gradient. Deterministic.
 */
public final class FakeBatchSource implements BatchSource {
    public static final int M = 8, IN = 5, N = 8;
    public static final double EPS = 1e-5;

    @Override
    public BatchView batchAt(long seed, int iteration) {
        if (iteration < 0 || iteration > MAX_ITERATION) throw new IllegalArgumentException("iteration out of range");
        Rng rng = Rng.of(seed, "fake-batch").fork(iteration);
        double[][] x = new double[M][IN];
        for (double[] row : x) for (int k = 0; k < IN; k++) row[k] = rng.nextGaussian();
        double[][] z = new double[M][N];
        for (int i = 0; i < M; i++) {
            for (int j = 0; j < N; j++) {
                double s = 0;
                for (int k = 0; k < IN; k++) s += x[i][k] * weight(k, j, iteration);
                z[i][j] = s;
            }
        }
        double[] gamma = new double[N], beta = new double[N];
        for (int j = 0; j < N; j++) {
            gamma[j] = 1 + 0.002 * iteration * Math.sin(j + 1);
            beta[j] = 0.001 * iteration * Math.cos(j + 1);
        }
        BatchNormMath.Forward f = BatchNormMath.forward(z, gamma, beta, EPS);
        double[][] dy = new double[M][N];
        double loss = 0;
        for (int i = 0; i < M; i++) {
            for (int j = 0; j < N; j++) {
                double target = (i + j) % 3 - 1;
                double d = f.zHat()[i][j] - target;
                loss += d * d / (M * N);
                dy[i][j] = 2 * d / (M * N);
            }
        }
        BatchNormMath.Backward b = BatchNormMath.backward(f, gamma, dy);
        return new BatchView(seed, iteration, EPS, x, z, f.mu(), f.sigma(), gamma, beta,
                f.zTilde(), f.zHat(), loss, b.dz(), b.dgamma(), b.dbeta());
    }

    private static double weight(int k, int j, int iteration) {
        return 0.6 * Math.sin(3 * k + 5 * j + 1) + 0.3 + 0.004 * iteration * Math.cos(k + 2 * j);
    }
}
