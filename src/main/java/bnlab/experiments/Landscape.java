package bnlab.experiments;

/**
 * The loss landscape along the gradient (Santurkar et al. 2018, Sec. 3.1): from w, step to w - eta g for
 * several step sizes eta and look at how much the loss and the gradient change there.
 * <pre>
 *   g        = grad L(w)
 *   lossRange      = max_eta L(w - eta g) - min_eta L(w - eta g)
 *   predictiveness = max_eta || grad L(w - eta g) - g ||          ("gradient predictiveness": small is predictive)
 *   betaSmoothness = max_eta || grad L(w - eta g) - g || / || eta g ||   (the effective beta-smoothness)
 * </pre>
 * For L(w) = c/2 ||w||^2 the gradient is c w, and betaSmoothness is exactly c. The paper draws the first two as
 * bands over the steps, from the smallest to the largest value over the step sizes: {@code lossMin..lossMax} and
 * {@code changeMin..predictiveness}.
 *
 * @param lossRange      spread of the loss over the step sizes ({@code lossMax - lossMin})
 * @param predictiveness largest change of the gradient
 * @param betaSmoothness largest change of the gradient per unit of distance travelled
 * @param lossMin        smallest loss over the step sizes
 * @param lossMax        largest loss over the step sizes
 * @param changeMin      smallest change of the gradient over the step sizes
 */
public record Landscape(double lossRange, double predictiveness, double betaSmoothness, double lossMin, double lossMax,
                        double changeMin) {

    /** The paper's step sizes: 0.5, 1, 2 and 4 times the learning rate. */
    public static final double[] MULTIPLES = {0.5, 1, 2, 4};

    /**
     * @param w     (f.size()) where to stand; not changed
     * @param rate  the learning rate the step sizes are multiples of
     */
    public static Landscape at(Objective f, float[] w, double rate, double... multiples) {
        if (multiples.length == 0) multiples = MULTIPLES;
        int n = f.size();
        float[] g = new float[n], h = new float[n], moved = new float[n];
        f.lossAndGradient(w, g);
        double gNorm = norm(g);
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY, predictive = 0, beta = 0;
        double least = Double.POSITIVE_INFINITY;
        for (double k : multiples) {
            double eta = k * rate;
            for (int i = 0; i < n; i++) moved[i] = (float) (w[i] - eta * g[i]);
            double l = f.lossAndGradient(moved, h);
            lo = Math.min(lo, l);
            hi = Math.max(hi, l);
            double change = 0;
            for (int i = 0; i < n; i++) change += (double) (h[i] - g[i]) * (h[i] - g[i]);
            change = Math.sqrt(change);
            predictive = Math.max(predictive, change);
            least = Math.min(least, change);
            double distance = eta * gNorm;
            if (distance > 0) beta = Math.max(beta, change / distance);
        }
        return new Landscape(hi - lo, predictive, beta, lo, hi, least);
    }

    static double norm(float[] v) {
        double s = 0;
        for (float x : v) s += (double) x * x;
        return Math.sqrt(s);
    }
}
