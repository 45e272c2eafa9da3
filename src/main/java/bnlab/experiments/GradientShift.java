package bnlab.experiments;

/**
 * Internal covariate shift measured through gradients (Santurkar et al. 2018, Definition 2.1): for layer i,
 * G is the gradient of the loss with respect to W_i at the current weights; G' is the same gradient, on the
 * same batch, after every earlier layer took its SGD step (W_k - rate dL/dW_k for all parameters of layers
 * before i, W_i and later unchanged). If the earlier layers' step did not change what layer i sees, G' = G.
 * <pre>
 *   difference = || G - G' ||_2        cosine = G . G' / (||G|| ||G'||)
 * </pre>
 * For the first layer (no earlier layers) and for a rate of 0, G' = G: difference 0, cosine 1.
 *
 * @param difference (layers) ||G - G'|| per hidden layer
 * @param cosine     (layers) cos(G, G') per hidden layer (1 when a gradient is zero)
 */
public record GradientShift(double[] difference, double[] cosine) {

    /**
     * @param f         a network's loss on one batch
     * @param w         (f.size()) its parameters now; not changed
     * @param layerFrom (layers + 1) where each hidden layer's parameters begin in w (its W first), the last
     *                  entry where the output layer's begin: layer i's W is w[layerFrom[i] .. layerFrom[i] + wSize[i])
     * @param wSize     (layers) the number of weights of each hidden layer's W
     * @param rate      the SGD step of the earlier layers
     */
    public static GradientShift at(Objective f, float[] w, int[] layerFrom, int[] wSize, double rate) {
        int n = f.size(), layers = wSize.length;
        float[] g = new float[n], g2 = new float[n], moved = new float[n];
        f.lossAndGradient(w, g);
        double[] diff = new double[layers], cos = new double[layers];
        for (int i = 0; i < layers; i++) {
            System.arraycopy(w, 0, moved, 0, n);
            for (int k = 0; k < layerFrom[i]; k++) moved[k] = (float) (w[k] - rate * g[k]); // every earlier layer steps
            f.lossAndGradient(moved, g2);
            double d = 0, dot = 0, a = 0, b = 0;
            for (int k = layerFrom[i]; k < layerFrom[i] + wSize[i]; k++) {
                double x = g[k], y = g2[k];
                d += (x - y) * (x - y);
                dot += x * y;
                a += x * x;
                b += y * y;
            }
            diff[i] = Math.sqrt(d);
            cos[i] = a == 0 || b == 0 ? 1 : dot / Math.sqrt(a * b);
        }
        return new GradientShift(diff, cos);
    }
}
