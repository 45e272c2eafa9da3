package bnlab.engine;

/**
 * The noise of Santurkar et al. 2018 ("How Does Batch Normalization Help Optimization?", arXiv 1805.11604,
 * Sec. 2.1), placed after a batch normalization: it makes the distribution of each neuron's values shift
 * from step to step on purpose (a "noisy BN" network has more internal covariate shift than a plain one).
 * In training, at every step and for every neuron j, then for every example i:
 * <pre>
 *   mu_j    ~ U(-nMu, nMu)              sigma_j ~ U(1, nSigma)
 *   m_ij    ~ U(mu_j - rMu, mu_j + rMu) s_ij    ~ N(sigma_j, rSigma^2)
 *   forward   y_ij  = s_ij a_ij + m_ij
 *   backward  da_ij = s_ij dy_ij
 * </pre>
 * with their constants nMu = 0.5, nSigma = 1.25, rMu = rSigma = 0.1. In inference it passes its input on.
 */
public final class NoiseInjection implements Layer {
    public static final double N_MU = 0.5, N_SIGMA = 1.25, R_MU = 0.1, R_SIGMA = 0.1;

    private final int width;
    private final Rng rng;
    private float[] s, m;        // (batch, width) the noise of the last training forward
    private float[] y, dx;       // (batch, width)
    private boolean hold;        // tests: keep the last noise instead of drawing anew
    private boolean lastWasTraining;

    public NoiseInjection(int width, Rng rng) {
        this.width = width;
        this.rng = rng;
    }

    /**
     * See {@link Layer#copy}: the random stream at its place, so the copy draws the noise this one would
     * draw next; the last noise s and m too, which a held layer reuses (tests) and backward multiplies by.
     */
    private NoiseInjection(NoiseInjection from) {
        this.width = from.width;
        this.rng = from.rng.copy();
        this.s = from.s == null ? null : from.s.clone();
        this.m = from.m == null ? null : from.m.clone();
        this.hold = from.hold;
        this.lastWasTraining = from.lastWasTraining;
    }

    @Override public NoiseInjection copy() { return new NoiseInjection(this); }

    @Override public int inputSize() { return width; }
    @Override public int outputSize() { return width; }

    /** Keeps the noise of the last training step for the next calls (the gradient check needs a fixed function). */
    void holdNoise(boolean on) { hold = on; }

    @Override
    public float[] forward(float[] a, int batch, boolean training) {
        lastWasTraining = training;
        if (!training) return a;
        int n = batch * width;
        if (!hold || s == null || s.length < n) draw(batch);
        y = Layer.ensure(y, n);
        for (int k = 0; k < n; k++) y[k] = s[k] * a[k] + m[k];
        return y;
    }

    private void draw(int batch) {
        int n = batch * width;
        s = Layer.ensure(s, n);
        m = Layer.ensure(m, n);
        for (int j = 0; j < width; j++) {
            double mu = (2 * rng.nextDouble() - 1) * N_MU;
            double sigma = 1 + rng.nextDouble() * (N_SIGMA - 1);
            for (int i = 0; i < batch; i++) {
                m[i * width + j] = (float) (mu + (2 * rng.nextDouble() - 1) * R_MU);
                s[i * width + j] = (float) (sigma + rng.nextGaussian() * R_SIGMA);
            }
        }
    }

    @Override
    public float[] backward(float[] dy, int batch, boolean needInputGradient) {
        if (!needInputGradient) return null;
        if (!lastWasTraining) return dy;
        int n = batch * width;
        dx = Layer.ensure(dx, n);
        for (int k = 0; k < n; k++) dx[k] = s[k] * dy[k];
        return dx;
    }

    /** A copy of the last training step's scale s and shift m, (batch, width) each (tests). */
    float[][] lastNoise(int batch) {
        return new float[][] {java.util.Arrays.copyOf(s, batch * width), java.util.Arrays.copyOf(m, batch * width)};
    }
}
