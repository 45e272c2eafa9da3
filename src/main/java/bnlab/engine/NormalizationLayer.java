package bnlab.engine;

/**
 * The normalization of one hidden layer, whichever its {@link Normalization kind}: a layer with a scale gamma
 * and a shift beta, one each per neuron. A network observes every kind the same way ({@link Network#observe}).
 */
public sealed interface NormalizationLayer extends Layer permits BatchNorm, NoisyBatchNorm, LayerNorm {
    Normalization kind();

    /** (width) the scale, starting at 1. */
    Param gamma();

    /** (width) the shift, starting at 0. */
    Param beta();

    /** The numbers of batch normalization's last pass, as the lesson's matrices show them; null for LN. */
    BatchNormObservation observe(int batch);

    @Override NormalizationLayer copy();

    /** A new layer of this kind for a hidden layer of {@code width} neurons ({@code noise}: noisy BN's streams). */
    static NormalizationLayer of(Normalization kind, int width, double eps, double momentum, Rng noise) {
        return switch (kind) {
            case BN -> new BatchNorm(width, eps, momentum);
            case NOISY_BN -> new NoisyBatchNorm(new BatchNorm(width, eps, momentum), new NoiseInjection(width, noise));
            case LN -> new LayerNorm(width, eps);
            case NONE -> throw new IllegalArgumentException("no normalization");
        };
    }
}
