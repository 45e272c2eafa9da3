package bnlab.lessons;

/**
 * Batch normalization of one batch in double precision, forward and backward, for the
 * student's own numbers (the lesson's editable matrices, POST /api/batchnorm). Pure functions, no state.
 * Matrices are [row = data point i][column = neuron j]; m = number of rows.
 * <p>
 * The same formulas as the engine's {@link bnlab.engine.BatchNorm}, which trains in float on flat
 * buffers and keeps running statistics; the lesson shows a student's numbers to more digits than a float
 * holds, so it computes them here in double. BatchNormMathTest checks that the two agree.
 */
public final class BatchNormMath {
    private BatchNormMath() {}

    /** The forward pass: batch statistics and both outputs. All (m, n) or (n). */
    public record Forward(double[] mu, double[] sigma, double[][] zTilde, double[][] zHat) {}

    /** The backward pass: dL/dz (m, n), dL/dgamma (n), dL/dbeta (n). */
    public record Backward(double[][] dz, double[] dgamma, double[] dbeta) {}

    /**
     * <pre>
     *   mu_j      = 1/m * sum_i z_ij
     *   sigma_j   = sqrt(1/m * sum_i (z_ij - mu_j)^2 + eps)     (biased variance, as in training)
     *   zTilde_ij = (z_ij - mu_j) / sigma_j
     *   zHat_ij   = gamma_j * zTilde_ij + beta_j
     * </pre>
     * The caller guarantees a rectangular z with m >= 1 rows and gamma, beta of length n.
     */
    public static Forward forward(double[][] z, double[] gamma, double[] beta, double eps) {
        int m = z.length, n = z[0].length;
        double[] mu = new double[n];     // (n)
        double[] sigma = new double[n];  // (n)
        for (int j = 0; j < n; j++) {
            double sum = 0;
            for (double[] row : z) sum += row[j];
            mu[j] = sum / m;
            double sq = 0;
            for (double[] row : z) sq += (row[j] - mu[j]) * (row[j] - mu[j]);
            sigma[j] = Math.sqrt(sq / m + eps);
        }
        double[][] zTilde = new double[m][n]; // (m, n)
        double[][] zHat = new double[m][n];   // (m, n)
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                zTilde[i][j] = (z[i][j] - mu[j]) / sigma[j];
                zHat[i][j] = gamma[j] * zTilde[i][j] + beta[j];
            }
        }
        return new Forward(mu, sigma, zTilde, zHat);
    }

    /**
     * Per neuron j, with dy = dL/dzHat (m, n) coming from the layers above:
     * <pre>
     *   dbeta_j  = sum_i dy_ij
     *   dgamma_j = sum_i dy_ij * zTilde_ij
     *   dz_ij    = gamma_j / (m * sigma_j) * (m * dy_ij - dbeta_j - zTilde_ij * dgamma_j)
     * </pre>
     * The mean and the variance depend on every z of the column, hence the two sums in dz;
     * each column of dz sums to zero.
     */
    public static Backward backward(Forward f, double[] gamma, double[][] dy) {
        int m = dy.length, n = dy[0].length;
        double[] dbeta = new double[n];
        double[] dgamma = new double[n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                dbeta[j] += dy[i][j];
                dgamma[j] += dy[i][j] * f.zTilde()[i][j];
            }
        }
        double[][] dz = new double[m][n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                dz[i][j] = gamma[j] / (m * f.sigma()[j])
                        * (m * dy[i][j] - dbeta[j] - f.zTilde()[i][j] * dgamma[j]);
            }
        }
        return new Backward(dz, dgamma, dbeta);
    }
}
