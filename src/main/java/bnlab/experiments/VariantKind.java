package bnlab.experiments;

import bnlab.engine.InvalidConfigException;
import bnlab.engine.NetworkSpec;
import bnlab.engine.Normalization;
import bnlab.engine.TrainSpec;
import bnlab.engine.Variant;
import java.util.Arrays;
import java.util.List;

/**
 * The networks a run can compare, by the names they carry everywhere (the config's {@code nets}, a frame's
 * {@code nets}, a CSV's model column, the page's legend). All are the run's one network with the same widths,
 * activation and initial weights; they differ in their normalization layer (at the config's {@code bn}
 * placement) and in how they train:
 * <ul>
 *   <li>{@code plain}: no normalization, the shared training settings;
 *   <li>{@code bn}: batch normalization, with the BN network's own settings where the config gives them
 *       ({@code bnNet*}); the twin of the lecture is plain and bn;
 *   <li>{@code bn-paper}: batch normalization trained as the paper's Sec. 4.2.1 advises, relative to the plain
 *       network: 5 times its rate (their "BN-x5"), no dropout, a fifth of its L2, a decay 6 times faster;
 *   <li>{@code noisy-bn}: batch normalization followed by Santurkar et al.'s noise, trained as bn;
 *   <li>{@code ln}: layer normalization (Ba et al. 2016), trained as bn.
 * </ul>
 */
public enum VariantKind {
    PLAIN("plain", Normalization.NONE),
    BN("bn", Normalization.BN),
    BN_PAPER("bn-paper", Normalization.BN),
    NOISY_BN("noisy-bn", Normalization.NOISY_BN),
    LN("ln", Normalization.LN);

    /** The paper's factors for {@link #BN_PAPER}: rate times 5, L2 divided by 5, decay period divided by 6. */
    public static final double PAPER_RATE = 5, PAPER_L2 = 5, PAPER_DECAY = 6;

    /** The lecture's comparison, the default of a run. */
    public static final List<VariantKind> TWIN = List.of(PLAIN, BN);

    /** At most this many networks in one run (each costs a network's time per step). */
    public static final int MAX = values().length;

    private final String key;
    private final Normalization normalization;

    VariantKind(String key, Normalization normalization) {
        this.key = key;
        this.normalization = normalization;
    }

    public String key() { return key; }
    public Normalization normalization() { return normalization; }

    public static List<String> keys() { return Arrays.stream(values()).map(VariantKind::key).toList(); }

    public static VariantKind parse(String s) {
        for (VariantKind k : values()) if (k.key.equalsIgnoreCase(s.trim())) return k;
        throw InvalidConfigException.choice("nets", "network", s, keys());
    }

    /** This network of a run, for data of the given width. */
    public Variant variant(RunConfig c, int inputs, int outputs) {
        NetworkSpec spec = switch (this) {
            case PLAIN -> c.plainNetworkSpec(inputs, outputs);
            case BN_PAPER -> c.plainNetworkSpec(inputs, outputs).withBn(c.bn()).withDropout(0);
            default -> c.bnNetworkSpec(inputs, outputs).withNormalization(normalization);
        };
        return new Variant(key, spec, trainSpec(c));
    }

    /** How this network trains. */
    public TrainSpec trainSpec(RunConfig c) {
        return switch (this) {
            case PLAIN -> c.plainTrainSpec();
            case BN_PAPER -> c.paperTrainSpec();
            default -> c.bnTrainSpec();
        };
    }
}
