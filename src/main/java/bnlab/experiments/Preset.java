package bnlab.experiments;

import bnlab.engine.InvalidConfigException;

/**
 * A named demo: a run description plus how to show it. It stops by itself at {@code length} iterations
 * (a page says so and can go on), at a speed chosen so that its effect unfolds in about 10 to 40 s on a
 * 2-core server, with its charts' x-axis from 0 to {@code length}, watching one neuron. Its title and its
 * "what to look for" text are messages {@code preset.KEY.title} and {@code preset.KEY.text} in German and
 * English; the figures it quotes are measured on 25 seeds at its own length (docs/claims.md).
 *
 * @param key         short name in kebab-case ({@link #KEY}), as in {@code experiment --preset KEY} and the message keys
 * @param run         what is trained
 * @param length      the iteration at which it stops by itself
 * @param speed       steps per second as text, or "max"
 * @param watchLayer  the watched hidden layer, from 0
 * @param watchNeuron the watched neuron in it, from 0
 */
public record Preset(String key, RunConfig run, long length, String speed, int watchLayer, int watchNeuron) {
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
    }

    /** A preset watching the first neuron of the last hidden layer (the Figure 1 choice). */
    static Preset of(String key, RunConfig run, long length, String speed) {
        return new Preset(key, run, length, speed, run.layers().length - 1, 0);
    }
}
