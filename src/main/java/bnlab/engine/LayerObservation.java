package bnlab.engine;

/**
 * One hidden layer at the last forward/backward pass, copied out of the network's buffers.
 *
 * @param layer           0-based index of the hidden layer
 * @param batch           rows in the matrices
 * @param neurons         columns in the matrices
 * @param z               (batch, neurons) pre-activation values W x (+ b) of the dense part
 * @param activationInput (batch, neurons) what enters the nonlinearity: z, or zHat with BN before it
 * @param bn              the batch normalization's numbers, or null without BN (and with LN)
 * @param weightGradNorm  ||dL/dW||
 * @param biasGradNorm    ||dL/db||, NaN when the layer has no bias
 * @param gammaGradNorm   ||dL/dgamma|| of the layer's normalization (BN, noisy BN or LN), NaN without one
 * @param betaGradNorm    ||dL/dbeta||, likewise
 */
public record LayerObservation(int layer, int batch, int neurons, float[] z, float[] activationInput,
                               BatchNormObservation bn, double weightGradNorm, double biasGradNorm,
                               double gammaGradNorm, double betaGradNorm) {

    /** The activation inputs of one neuron over the batch. */
    public float[] activationInputOf(int neuron) { return Stats.column(activationInput, batch, neurons, neuron); }

    /** Percentiles (0..100) of one neuron's activation input over the batch. */
    public double[] percentiles(int neuron, double... ps) {
        return Stats.percentiles(activationInputOf(neuron), ps);
    }
}
