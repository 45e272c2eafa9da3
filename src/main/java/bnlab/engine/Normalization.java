package bnlab.engine;

/**
 * Which normalization a hidden layer has, if any; where it sits is the spec's {@link BnPlacement}.
 * <ul>
 *   <li>BN: batch normalization (Ioffe and Szegedy 2015), per neuron over the batch ({@link BatchNorm});
 *   <li>NOISY_BN: batch normalization followed by Santurkar et al.'s noise ({@link NoiseInjection}), which makes
 *       the distribution of each neuron's values change from step to step on purpose;
 *   <li>LN: layer normalization (Ba et al. 2016), per example over the layer's neurons ({@link LayerNorm}),
 *       the same in training and inference.
 * </ul>
 */
public enum Normalization {
    NONE, BN, NOISY_BN, LN;

    public String key() {
        return switch (this) { case NONE -> "none"; case BN -> "bn"; case NOISY_BN -> "noisy-bn"; case LN -> "ln"; };
    }

    /** Whether training uses statistics over the batch (and so needs at least two examples). */
    public boolean batchStatistics() { return this == BN || this == NOISY_BN; }

    /** Every key, in declaration order, as the allowed values of a message. */
    public static java.util.List<String> keys() {
        return java.util.Arrays.stream(values()).map(Normalization::key).toList();
    }

    public static Normalization parse(String s) {
        for (Normalization n : values()) if (n.key().equalsIgnoreCase(s.trim())) return n;
        throw InvalidConfigException.choice("normalization", "normalization", s, keys());
    }
}
