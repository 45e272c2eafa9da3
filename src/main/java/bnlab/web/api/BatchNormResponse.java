package bnlab.web.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer to POST /api/batchnorm: statistics (n), zTilde and zHat (m, n), and the gradients
 * when the request gave an upstream gradient (left out otherwise).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchNormResponse(double[] mu, double[] sigma, double[][] zTilde, double[][] zHat,
                                Gradients gradients) {

    /** dL/dz (m, n), dL/dgamma (n), dL/dbeta (n). */
    public record Gradients(double[][] z, double[] gamma, double[] beta) {}
}
