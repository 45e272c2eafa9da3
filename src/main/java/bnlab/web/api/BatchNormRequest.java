package bnlab.web.api;

/**
 * POST /api/batchnorm: the student's batch. Rows are data points, columns neurons.
 *
 * @param z        (m, n) logits, required, m >= 2
 * @param gamma    (n) scale; ones when absent
 * @param beta     (n) shift; zeros when absent
 * @param epsilon  added to the variance inside the square root; 1e-5 when absent
 * @param upstream (m, n) dL/dzHat from the layers above; the gradients are computed only when given
 */
public record BatchNormRequest(double[][] z, double[] gamma, double[] beta, Double epsilon,
                               double[][] upstream) {
    public static final double DEFAULT_EPSILON = 1e-5;
}
