package bnlab.engine;

import java.util.List;

/**
 * One network of a comparison: its name (as in a CSV's model column), its shape and normalization, how it
 * trains. The variants of one {@link VariantRun} share the seed and the batch size.
 */
public record Variant(String name, NetworkSpec network, TrainSpec train) {
    public Variant {
        if (name == null || !name.matches("[a-z][a-z0-9-]*")) throw new IllegalArgumentException("variant name " + name);
    }

    /**
     * The lecture's twin: the network without normalization ("plain") and with batch normalization ("bn") where the
     * spec places it (before the activation if it places none), both trained as {@code train} says.
     */
    public static List<Variant> twin(NetworkSpec spec, TrainSpec train) {
        NetworkSpec bn = spec.bn() == BnPlacement.NONE ? spec.withBn(BnPlacement.BEFORE_ACTIVATION) : spec;
        return List.of(new Variant("plain", spec.withBn(BnPlacement.NONE), train), new Variant("bn", bn, train));
    }
}
