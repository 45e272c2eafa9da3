package bnlab.experiments;

import bnlab.engine.InvalidConfigException;
import java.util.List;

/**
 * A named demo: a run description plus how to show it and how to run it headless. It stops by itself at
 * {@code length} iterations (a page says so and can go on), at a speed chosen so that its effect unfolds in about 10
 * to 40 s on a 2-core server, with its charts' x-axis from 0 to {@code length}, watching one neuron. Its title and
 * its "what to look for" text are messages {@code preset.KEY.title} and {@code preset.KEY.text} in German and
 * English; the figures it quotes are measured on 25 seeds at its own length (docs/claims.md). Headless
 * ({@code experiment --preset KEY}, {@link Experiment}) it runs once per batch size, recording its measure.
 *
 * @param key         short name in kebab-case ({@link #KEY}), as in {@code experiment --preset KEY} and the message keys
 * @param run         what is trained
 * @param length      the iteration at which it stops by itself
 * @param speed       steps per second as text, or "max"
 * @param watchLayer  the watched hidden layer, from 0
 * @param watchNeuron the watched neuron in it, from 0
 * @param measure     what the headless experiment records besides loss and accuracy: the run's own measure, or
 *                    {@link Measure#INPUT_SHIFT}
 * @param batchSizes  headless, one run per batch size, the first the run's own
 * @param every       headless, validation and measure every this many steps at the first batch size (and at the
 *                    last); 0: every {@value RunConfig#MEASURE_EVERY} with a measure, else a hundredth of the steps
 */
public record Preset(String key, RunConfig run, long length, String speed, int watchLayer, int watchNeuron,
                     Measure measure, List<Integer> batchSizes, int every) {
    /**
     * What a key looks like: kebab-case, lower-case words of letters and digits joined by hyphens (figure1, rate-x5,
     * layer-norm-2), as in URLs, file names and the command line. Former names are {@link Presets#FORMER_KEYS}.
     */
    public static final String KEY = "[a-z][a-z0-9]*(-[a-z0-9]+)*";

    public Preset {
        if (key == null || !key.matches(KEY)) throw new IllegalArgumentException("preset key " + key);
        if (length < 1) throw new IllegalArgumentException("a preset runs at least one iteration");
        int[] widths = run.layers();
        InvalidConfigException.range(watchLayer, 0, widths.length - 1, "watchLayer");
        InvalidConfigException.range(watchNeuron, 0, widths[watchLayer] - 1, "watchNeuron");
        if (measure == null) measure = run.measureOrNone();
        if (measure.live() && measure != run.measureOrNone())
            throw new IllegalArgumentException("a preset records its run's measure or the input shift");
        batchSizes = batchSizes == null || batchSizes.isEmpty() ? List.of(run.batchSize()) : List.copyOf(batchSizes);
        if (batchSizes.get(0) != run.batchSize()) throw new IllegalArgumentException("the first batch size is the run's");
        if (every < 0) throw new IllegalArgumentException("every " + every);
    }

    /** A preset shown as the lab shows it, run headless with its run's measure at its batch size. */
    public Preset(String key, RunConfig run, long length, String speed, int watchLayer, int watchNeuron) {
        this(key, run, length, speed, watchLayer, watchNeuron, null, List.of(), 0);
    }

    /** A preset watching the first neuron of the last hidden layer (the Figure 1 choice). */
    static Preset of(String key, RunConfig run, long length, String speed) {
        return new Preset(key, run, length, speed, run.layers().length - 1, 0);
    }

    /** Headless, recording this measure every {@code every} steps. */
    public Preset measuring(Measure measure, int every) {
        return new Preset(key, run, length, speed, watchLayer, watchNeuron, measure, batchSizes, every);
    }

    /** Headless, once per batch size (the first the run's). */
    Preset atBatchSizes(Integer... sizes) {
        return new Preset(key, run, length, speed, watchLayer, watchNeuron, measure, List.of(sizes), every);
    }

    /** The same with another run (its measure and first batch size follow it unless the input shift is recorded). */
    public Preset withRun(RunConfig other) {
        List<Integer> sizes = new java.util.ArrayList<>(batchSizes);
        sizes.set(0, other.batchSize());
        return new Preset(key, other, length, speed, watchLayer, watchNeuron, measure.live() ? other.measureOrNone() : measure,
                sizes, every);
    }

    /** The same on another seed. */
    public Preset withSeed(long seed) { return withRun(run.with("seed", seed)); }

    /** The same, headless, with validation and measure every this many steps. */
    public Preset withEvery(int every) {
        return new Preset(key, run, length, speed, watchLayer, watchNeuron, measure, batchSizes, every);
    }

    /** The same watching another neuron of its watched layer. */
    public Preset withNeuron(int neuron) {
        return new Preset(key, run, length, speed, watchLayer, neuron, measure, batchSizes, every);
    }

    /** The steps between points for a run of {@code steps} at the first batch size ({@link #every}). */
    public int every(long steps) {
        if (every > 0) return every;
        return measure != Measure.NONE ? RunConfig.MEASURE_EVERY : (int) Math.max(1, steps / 100);
    }

    /** Steps of the run at this batch size, out of {@code steps} at the first: the same number of examples seen. */
    public long steps(int batchSize, long steps) {
        return Math.max(1, steps * batchSizes.get(0) / batchSize);
    }
}
