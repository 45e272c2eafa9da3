package bnlab.engine;

import java.util.List;

/**
 * Batch normalization followed by Santurkar et al.'s noise ({@link NoiseInjection}): one normalization layer of
 * kind {@link Normalization#NOISY_BN}, whose parameters and observation are those of its batch normalization.
 */
public final class NoisyBatchNorm implements NormalizationLayer {
    private final BatchNorm bn;
    private final NoiseInjection noise;

    NoisyBatchNorm(BatchNorm bn, NoiseInjection noise) {
        this.bn = bn;
        this.noise = noise;
    }

    public BatchNorm batchNorm() { return bn; }
    public NoiseInjection noise() { return noise; }

    @Override public Normalization kind() { return Normalization.NOISY_BN; }
    @Override public Param gamma() { return bn.gamma(); }
    @Override public Param beta() { return bn.beta(); }
    @Override public BatchNormObservation observe(int batch) { return bn.observe(batch); }
    @Override public int inputSize() { return bn.inputSize(); }
    @Override public int outputSize() { return noise.outputSize(); }
    @Override public List<Param> params() { return bn.params(); }
    @Override public NoisyBatchNorm copy() { return new NoisyBatchNorm(bn.copy(), noise.copy()); }

    @Override
    public float[] forward(float[] z, int batch, boolean training) {
        return noise.forward(bn.forward(z, batch, training), batch, training);
    }

    @Override
    public float[] backward(float[] dy, int batch, boolean needInputGradient) {
        return bn.backward(noise.backward(dy, batch, true), batch, needInputGradient);
    }
}
