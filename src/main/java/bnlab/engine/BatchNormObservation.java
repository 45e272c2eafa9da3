package bnlab.engine;

/**
 * The batch normalization of one layer at one step, as the lesson's batch matrices show it.
 *
 * @param epsilon     the epsilon inside sigma
 * @param mu          (width) the mean used: of the batch in training, the running mean in inference
 * @param sigma       (width) sqrt(var + eps) used, likewise
 * @param gamma       (width) scale
 * @param beta        (width) shift
 * @param zTilde      (batch, width) standardized inputs
 * @param zHat        (batch, width) gamma zTilde + beta
 * @param runningMean (width) after this step
 * @param runningVar  (width) unbiased, after this step
 * @param training    whether batch statistics were used
 */
public record BatchNormObservation(float epsilon, float[] mu, float[] sigma, float[] gamma, float[] beta,
                                   float[] zTilde, float[] zHat, float[] runningMean, float[] runningVar,
                                   boolean training) {}
