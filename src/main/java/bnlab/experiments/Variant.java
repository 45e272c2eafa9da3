package bnlab.experiments;

import bnlab.engine.NetworkSpec;
import bnlab.engine.TrainSpec;

/**
 * One network of a comparison: its name (as in a CSV's model column), its shape and normalization, how it
 * trains. The variants of one {@link VariantRun} share the seed and the batch size.
 */
public record Variant(String name, NetworkSpec network, TrainSpec train) {
    public Variant {
        if (name == null || !name.matches("[a-z][a-z0-9-]*")) throw new IllegalArgumentException("variant name " + name);
    }
}
