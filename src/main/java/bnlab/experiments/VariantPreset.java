package bnlab.experiments;

import bnlab.engine.Dataset;
import java.util.List;

/**
 * A named experiment of "what we know today" (issue 10) run headless: the run description of a lab preset
 * (its networks, {@link RunConfig#nets}, all from the same initial weights, trained in lockstep on the same
 * batches, {@link VariantRun}), once per batch size, with one measure recorded along the way
 * ({@link VariantExperiment}). Its title and "what to look for" are messages {@code lab.link.KEY.title} and
 * {@code lab.link.KEY.text}; its claim is checked by a test on its own run, at its own length, on three seeds.
 *
 * @param key        as in {@code experiment --preset KEY} and the message keys
 * @param run        the data, the networks compared, their shape and training (as in the lab)
 * @param length     the steps it runs at the first batch size; at the others as many as see the same number of
 *                   examples ({@link #steps})
 * @param batchSizes one run per batch size (the run's own if empty)
 * @param measure    what is recorded besides loss and accuracy
 * @param every      the measure and the validation every this many steps (at the first batch size, scaled as the
 *                   length at the others), and at the last
 */
public record VariantPreset(String key, RunConfig run, long length, List<Integer> batchSizes, Measure measure, int every) {

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
        // As Preset's keys: a twin preset with more networks (paper-recipe) becomes one of these when run headless.
        if (key == null || !key.matches(Preset.KEY)) throw new IllegalArgumentException("preset key " + key);
        if (length < 1 || every < 1) throw new IllegalArgumentException("a preset runs at least one step");
        batchSizes = batchSizes.isEmpty() ? List.of(run.batchSize()) : List.copyOf(batchSizes);
    }

    /**
     * A run of more networks than the twin, or with a measure, headless: at its own batch size, recording its
     * measure (validation only if it has none) every {@value RunConfig#MEASURE_EVERY} steps.
     */
    public static VariantPreset of(String key, RunConfig run, long length) {
        Measure m = switch (run.measureOrNone()) {
            case GRADIENT_SHIFT -> Measure.GRADIENT_SHIFT;
            case LANDSCAPE -> Measure.LANDSCAPE;
            case NONE -> Measure.VALIDATION;
        };
        return new VariantPreset(key, run, length, List.of(), m, RunConfig.MEASURE_EVERY);
    }

    /** Whether a run needs this headless form rather than the twin's ({@link TwinExperiment}). */
    public static boolean needed(RunConfig run) { return run.nets() != null || run.measure() != null; }

    /** The networks compared, in the CSV's order. */
    public List<String> names() { return run.netNames(); }

    /** Steps of the run at this batch size, out of {@code length} at the first: the same number of examples seen. */
    public long steps(int batchSize, long length) {
        return Math.max(1, length * batchSizes.get(0) / batchSize);
    }

    /** This preset with another seed. */
    public VariantPreset withSeed(long seed) {
        return new VariantPreset(key, run.with("seed", seed), length, batchSizes, measure, every);
    }

    /** The same with its measure and validation every this many steps. */
    public VariantPreset withEvery(int every) { return new VariantPreset(key, run, length, batchSizes, measure, every); }

    /** The variants at one batch size, for data of the given shape. */
    public List<Variant> variants(int batchSize, Dataset train) { return run.with("batchSize", batchSize).variants(train); }
}
