package bnlab.lessons;

/**
 * The lecture's batch matrices for one mini-batch of the example network (5 inputs, a layer of
 * 8 neurons with batch normalization, batches of 8), with the real numbers of that iteration.
 * Matrices are indexed [row = data point i][column = neuron j], as on the slides.
 *
 * <pre>
 *   mu_j      = 1/m * sum_i z_ij
 *   sigma_j   = sqrt(1/m * sum_i (z_ij - mu_j)^2 + epsilon)
 *   zTilde_ij = (z_ij - mu_j) / sigma_j
 *   zHat_ij   = gamma_j * zTilde_ij + beta_j
 * </pre>
 *
 * @param seed       the run's seed
 * @param iteration  number of training steps taken before this batch (0 = initial weights)
 * @param epsilon    the epsilon inside sigma
 * @param x          (m, 5) the batch's inputs
 * @param z          (m, 8) the layer's logits W x (no bias: beta takes its role)
 * @param mu         (8) batch means
 * @param sigma      (8) batch standard deviations, sqrt(biased variance + epsilon)
 * @param gamma      (8) scale, learnable
 * @param beta       (8) shift, learnable
 * @param zTilde     (m, 8) standardized logits
 * @param zHat       (m, 8) scaled and shifted logits, the input to the activation
 * @param loss       the batch's mean cross-entropy loss
 * @param dz         (m, 8) dL/dz of this batch
 * @param dgamma     (8) dL/dgamma of this batch
 * @param dbeta      (8) dL/dbeta of this batch
 * @param dzHat      (m, 8) dL/dzHat of this batch, the gradient arriving from the layers above
 */
public record BatchView(long seed, int iteration, double epsilon,
                        double[][] x, double[][] z, double[] mu, double[] sigma,
                        double[] gamma, double[] beta, double[][] zTilde, double[][] zHat,
                        double loss, double[][] dz, double[] dgamma, double[] dbeta,
                        double[][] dzHat) {}
