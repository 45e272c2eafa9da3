package bnlab.engine;

import java.util.Arrays;
import java.util.List;

/**
 * Batch normalization over a mini-batch, per neuron j (Ioffe and Szegedy 2015, Algorithm 1), with
 * PyTorch's BatchNorm1d semantics.
 * <pre>
 *   training   mu_j      = 1/m sum_i z_ij
 *              var_j     = 1/m sum_i (z_ij - mu_j)^2                 (biased)
 *              sigma_j   = sqrt(var_j + eps)
 *              zTilde_ij = (z_ij - mu_j) / sigma_j
 *              zHat_ij   = gamma_j zTilde_ij + beta_j
 *              running_mean = (1 - momentum) running_mean + momentum mu
 *              running_var  = (1 - momentum) running_var  + momentum var * m/(m-1)   (unbiased)
 *   inference  zTilde_ij = (z_ij - running_mean_j) / sqrt(running_var_j + eps)
 *   backward   dbeta_j  = sum_i dy_ij
 *              dgamma_j = sum_i dy_ij zTilde_ij
 *              dz_ij    = gamma_j / (m sigma_j) (m dy_ij - sum_k dy_kj - zTilde_ij sum_k dy_kj zTilde_kj)
 * </pre>
 * Running statistics start at mean 0 and variance 1. A training batch of one example is refused.
 */
public final class BatchNorm implements NormalizationLayer {
    private final int width;
    private final float eps;
    private final float momentum;
    private final Param gamma;           // (width)
    private final Param beta;            // (width)
    private final float[] runningMean;   // (width)
    private final float[] runningVar;    // (width)
    private final float[] mu;            // (width) of the last training batch
    private final float[] var;           // (width) biased variance of the last training batch
    private final float[] invSigma;      // (width) 1 / sqrt(var + eps) of the last forward call
    private final float[] shift;         // (width) the mean used by the last forward call
    private final float[] scale;         // (width) backward's gamma / (m sigma)
    private float[] z;                   // (batch, width) reference to the last input
    private float[] zTilde;              // (batch, width)
    private float[] zHat;                // (batch, width)
    private float[] dz;                  // (batch, width)
    private float[] dy;                  // (batch, width) reference to the last upstream gradient dL/dzHat
    private boolean lastWasTraining;

    /**
     * @param eps      added to the variance; 0 is allowed as long as every column varies
     * @param momentum weight of the new batch statistic in the running averages (PyTorch: 0.1)
     */
    public BatchNorm(int width, double eps, double momentum) {
        InvalidConfigException.range(eps, 0, 1, "bnEpsilon");
        InvalidConfigException.range(momentum, 0, 1, "bnMomentum");
        this.width = width;
        this.eps = (float) eps;
        this.momentum = (float) momentum;
        gamma = Param.of("gamma", width, false);
        beta = Param.of("beta", width, false);
        Arrays.fill(gamma.value(), 1f);
        runningMean = new float[width];
        runningVar = new float[width];
        Arrays.fill(runningVar, 1f);
        mu = new float[width];
        var = new float[width];
        invSigma = new float[width];
        shift = new float[width];
        scale = new float[width];
    }

    /**
     * See {@link Layer#copy}: gamma and beta with their gradients and velocities, and the running mean and
     * variance (inference uses them, and they keep averaging from where they are). mu, var, sigma and the
     * matrices of the last batch are not copied: the next training forward computes them anew.
     */
    private BatchNorm(BatchNorm from) {
        this.width = from.width;
        this.eps = from.eps;
        this.momentum = from.momentum;
        gamma = from.gamma.copy();
        beta = from.beta.copy();
        runningMean = from.runningMean.clone();
        runningVar = from.runningVar.clone();
        mu = new float[width];
        var = new float[width];
        invSigma = new float[width];
        shift = new float[width];
        scale = new float[width];
    }

    @Override public BatchNorm copy() { return new BatchNorm(this); }

    @Override public int inputSize() { return width; }
    @Override public int outputSize() { return width; }

    @Override public Normalization kind() { return Normalization.BN; }
    public float epsilon() { return eps; }
    @Override public Param gamma() { return gamma; }
    @Override public Param beta() { return beta; }
    public float[] runningMean() { return runningMean; }
    public float[] runningVar() { return runningVar; }

    @Override
    public float[] forward(float[] z, int batch, boolean training) {
        this.z = z;
        lastWasTraining = training;
        int n = batch * width;
        zTilde = Layer.ensure(zTilde, n);
        zHat = Layer.ensure(zHat, n);
        if (training) {
            if (batch < 2)
                throw new IllegalArgumentException("batch normalization needs at least 2 examples per training batch"
                        + " (a single value has no variance); got " + batch);
            batchStatistics(z, batch);
            float unbias = (float) batch / (batch - 1);
            for (int j = 0; j < width; j++) {
                if (var[j] + eps <= 0f)
                    throw new ArithmeticException("batch normalization with epsilon 0: neuron " + (j + 1)
                            + " has the same value for every example of the batch (variance 0); use epsilon > 0");
                invSigma[j] = (float) (1.0 / Math.sqrt(var[j] + eps));
                shift[j] = mu[j];
                runningMean[j] = (1f - momentum) * runningMean[j] + momentum * mu[j];
                runningVar[j] = (1f - momentum) * runningVar[j] + momentum * var[j] * unbias;
            }
        } else {
            for (int j = 0; j < width; j++) {
                invSigma[j] = (float) (1.0 / Math.sqrt(runningVar[j] + eps));
                shift[j] = runningMean[j];
            }
        }
        Kernels.normalize(zTilde, zHat, z, shift, invSigma, gamma.value(), beta.value(), batch, width);
        return zHat;
    }

    /** mu and biased var per column (see {@link Kernels#columnMeanVar}). */
    private void batchStatistics(float[] z, int batch) {
        Kernels.columnMeanVar(mu, var, z, batch, width);
    }

    @Override
    public float[] backward(float[] dy, int batch, boolean needInputGradient) {
        if (!lastWasTraining) throw new IllegalStateException("backward after an inference-mode forward");
        this.dy = dy;
        float[] dg = gamma.grad(), db = beta.grad(), g = gamma.value();
        Kernels.normGradients(dg, db, dy, zTilde, batch, width);
        if (!needInputGradient) return null;
        dz = Layer.ensure(dz, batch * width);
        for (int j = 0; j < width; j++) scale[j] = g[j] * invSigma[j] / batch;
        Kernels.normInputGradient(dz, dy, zTilde, db, dg, scale, batch, width);
        return dz;
    }

    @Override
    public List<Param> params() { return List.of(gamma, beta); }

    /** A copy of the upstream gradient dL/dzHat (batch, width) of the last backward call. */
    public float[] outputGradient(int batch) { return Arrays.copyOf(dy, batch * width); }

    /** A copy of dL/dz (batch, width) of the last backward call. */
    public float[] inputGradient(int batch) { return Arrays.copyOf(dz, batch * width); }

    /** Snapshot of what the lesson shows: the last batch's statistics and matrices (copies). */
    @Override
    public BatchNormObservation observe(int batch) {
        float[] sigma = new float[width];
        for (int j = 0; j < width; j++) sigma[j] = 1f / invSigma[j];
        int n = batch * width;
        return new BatchNormObservation(eps, Arrays.copyOf(shift, width), sigma,
                gamma.value().clone(), beta.value().clone(),
                Arrays.copyOf(zTilde, n), Arrays.copyOf(zHat, n),
                runningMean.clone(), runningVar.clone(), lastWasTraining);
    }
}
