package bnlab.engine;

import java.util.Arrays;
import java.util.List;

/**
 * Layer normalization (Ba, Kiros and Hinton 2016, arXiv 1607.06450): each example is standardized over
 * its own neurons, so the statistics do not depend on the batch and training and inference compute the
 * same thing (PyTorch's LayerNorm over the last dimension, elementwise affine).
 * <pre>
 *   forward   mu_i      = 1/n sum_j z_ij                       (n = width, one example i)
 *             var_i     = 1/n sum_j (z_ij - mu_i)^2            (biased)
 *             sigma_i   = sqrt(var_i + eps)
 *             zTilde_ij = (z_ij - mu_i) / sigma_i
 *             zHat_ij   = gamma_j zTilde_ij + beta_j
 *   backward  dbeta_j  = sum_i dy_ij
 *             dgamma_j = sum_i dy_ij zTilde_ij
 *             g_ij     = gamma_j dy_ij
 *             dz_ij    = 1 / (n sigma_i) (n g_ij - sum_k g_ik - zTilde_ij sum_k g_ik zTilde_ik)
 * </pre>
 * The same formula as batch normalization's backward, with the roles of rows and columns swapped.
 */
public final class LayerNorm implements NormalizationLayer {
    private final int width;
    private final float eps;
    private final Param gamma;           // (width)
    private final Param beta;            // (width)
    private float[] invSigma;            // (batch) 1 / sqrt(var_i + eps) of the last forward call
    private float[] zTilde;              // (batch, width)
    private float[] zHat;                // (batch, width)
    private float[] g;                   // (width) scratch: gamma_j dy_ij of one row
    private float[] dz;                  // (batch, width)

    /** @param eps added to each example's variance, [0, 1] */
    public LayerNorm(int width, double eps) {
        InvalidConfigException.range(eps, 0, 1, "bnEpsilon");
        this.width = width;
        this.eps = (float) eps;
        gamma = Param.of("gamma", width, false);
        beta = Param.of("beta", width, false);
        Arrays.fill(gamma.value(), 1f);
        g = new float[width];
    }

    /**
     * See {@link Layer#copy}: gamma and beta with their gradients and velocities. Layer normalization keeps
     * no running statistics, so nothing else carries over.
     */
    private LayerNorm(LayerNorm from) {
        this.width = from.width;
        this.eps = from.eps;
        gamma = from.gamma.copy();
        beta = from.beta.copy();
        g = new float[width];
    }

    @Override public LayerNorm copy() { return new LayerNorm(this); }

    @Override public int inputSize() { return width; }
    @Override public int outputSize() { return width; }
    @Override public Normalization kind() { return Normalization.LN; }
    @Override public Param gamma() { return gamma; }
    @Override public Param beta() { return beta; }
    /** None: layer normalization has no batch statistics to show. */
    @Override public BatchNormObservation observe(int batch) { return null; }

    /** The same in training and inference: each example's own mean and variance. */
    @Override
    public float[] forward(float[] z, int batch, boolean training) {
        int n = batch * width;
        zTilde = Layer.ensure(zTilde, n);
        zHat = Layer.ensure(zHat, n);
        invSigma = Layer.ensure(invSigma, batch);
        float[] gm = gamma.value(), b = beta.value();
        for (int i = 0; i < batch; i++) {
            int r = i * width;
            double sum = 0;
            for (int j = 0; j < width; j++) sum += z[r + j];
            float mu = (float) (sum / width);
            double sq = 0;
            for (int j = 0; j < width; j++) {
                float d = z[r + j] - mu;
                sq += d * d;
            }
            float var = (float) (sq / width);
            if (var + eps <= 0f)
                throw new ArithmeticException("layer normalization with epsilon 0: example " + (i + 1)
                        + " has the same value in every neuron (variance 0); use epsilon > 0");
            float inv = (float) (1.0 / Math.sqrt(var + eps));
            invSigma[i] = inv;
            for (int j = 0; j < width; j++) {
                float t = (z[r + j] - mu) * inv;
                zTilde[r + j] = t;
                zHat[r + j] = gm[j] * t + b[j];
            }
        }
        return zHat;
    }

    @Override
    public float[] backward(float[] dy, int batch, boolean needInputGradient) {
        float[] dg = gamma.grad(), db = beta.grad(), gm = gamma.value();
        Arrays.fill(dg, 0f);
        Arrays.fill(db, 0f);
        for (int i = 0; i < batch; i++) {
            int r = i * width;
            for (int j = 0; j < width; j++) {
                db[j] += dy[r + j];
                dg[j] += dy[r + j] * zTilde[r + j];
            }
        }
        if (!needInputGradient) return null;
        dz = Layer.ensure(dz, batch * width);
        for (int i = 0; i < batch; i++) {
            int r = i * width;
            float sum = 0f, dot = 0f;
            for (int j = 0; j < width; j++) {
                g[j] = gm[j] * dy[r + j];
                sum += g[j];
                dot += g[j] * zTilde[r + j];
            }
            float scale = invSigma[i] / width;
            for (int j = 0; j < width; j++) dz[r + j] = scale * (width * g[j] - sum - zTilde[r + j] * dot);
        }
        return dz;
    }

    @Override
    public List<Param> params() { return List.of(gamma, beta); }
}
