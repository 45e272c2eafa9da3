package bnlab.experiments;

import bnlab.engine.Dataset;
import bnlab.engine.Normalization;
import java.util.ArrayList;
import java.util.List;

/**
 * A named experiment of more than two networks (issue 10, "what we know today"): one run description whose
 * network is built once per normalization kind, all from the same initial weights, trained in lockstep on
 * the same batches ({@link VariantRun}), once per batch size, with one measure recorded along the way
 * ({@link VariantExperiment}). Its title and "what to look for" are messages {@code lab.link.KEY.title} and
 * {@code lab.link.KEY.text}; its claim is checked by a test on its own run, at its own length, on three seeds.
 *
 * @param key        as in {@code experiment --preset KEY} and the message keys
 * @param run        the data, the shared network (widths, activation, init, placement of the normalization)
 *                   and training; its BN-network settings are not used: every variant trains as the plain one
 * @param length     the steps it runs at the first batch size; at the others as many as see the same number of
 *                   examples ({@link #steps})
 * @param kinds      the variants, in the CSV's order; NONE is called "plain"
 * @param batchSizes one run per batch size (the run's own if empty)
 * @param measure    what is recorded besides loss and accuracy
 * @param every      the measure and the validation every this many steps (at the first batch size, scaled as the
 *                   length at the others), and at the last
 */
public record VariantPreset(String key, RunConfig run, long length, List<Normalization> kinds, List<Integer> batchSizes,
                            Measure measure, int every) {

    /** What an experiment records at its points, besides the loss and accuracy of every step. */
    public enum Measure {
        /** Every step: how far each layer's inputs moved since the last step, and one neuron's percentiles. */
        INPUTS,
        /** Santurkar et al.'s gradient measure of internal covariate shift per layer ({@link GradientShift}). */
        GRADIENT_SHIFT,
        /** The loss landscape along the gradient ({@link Landscape}). */
        LANDSCAPE,
        /** Validation loss and accuracy only. */
        VALIDATION
    }

    public VariantPreset {
        if (key == null || !key.matches("[a-z][a-z0-9-]*")) throw new IllegalArgumentException("preset key " + key);
        if (length < 1 || every < 1) throw new IllegalArgumentException("a preset runs at least one step");
        kinds = List.copyOf(kinds);
        batchSizes = batchSizes.isEmpty() ? List.of(run.batchSize()) : List.copyOf(batchSizes);
    }

    /** A variant's name: "plain" for no normalization, else the kind's key (bn, noisy-bn, ln). */
    public static String name(Normalization kind) { return kind == Normalization.NONE ? "plain" : kind.key(); }

    /** Steps of the run at this batch size, out of {@code length} at the first: the same number of examples seen. */
    public long steps(int batchSize, long length) {
        return Math.max(1, length * batchSizes.get(0) / batchSize);
    }

    /** This preset with another seed. */
    public VariantPreset withSeed(long seed) {
        return new VariantPreset(key, run.with("seed", seed), length, kinds, batchSizes, measure, every);
    }

    /** The variants at one batch size, for data of the given shape. */
    public List<Variant> variants(int batchSize, Dataset train) {
        RunConfig c = run.with("batchSize", batchSize);
        List<Variant> out = new ArrayList<>();
        for (Normalization kind : kinds)
            out.add(new Variant(name(kind), c.plainNetworkSpec(train.features(), train.outputWidth()).withBn(c.bn())
                    .withNormalization(kind), c.plainTrainSpec()));
        return out;
    }
}
