package bnlab.web.lab;

import bnlab.engine.InvalidConfigException;
import java.util.Locale;

/**
 * How fast a run trains: a number of iterations per second, or as fast as its share of the training
 * threads allows ("max").
 *
 * @param stepsPerSecond in (0, 10,000], or +infinity for "max"
 */
record Speed(double stepsPerSecond) {
    static final double LIMIT = 10_000;
    static final Speed MAX = new Speed(Double.POSITIVE_INFINITY);
    static final Speed DEFAULT = new Speed(100);

    boolean max() { return stepsPerSecond == Double.POSITIVE_INFINITY; }

    /** "max", or a number in (0, 10,000]; refused naming the field "stepsPerSecond". */
    static Speed parse(String s) {
        if (s == null) throw new InvalidConfigException("stepsPerSecond", "missing; a number up to 10000, or \"max\"");
        if (s.trim().equalsIgnoreCase("max")) return MAX;
        double v;
        try {
            v = Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new InvalidConfigException("stepsPerSecond", "must be a number or \"max\", was '" + s + "'");
        }
        InvalidConfigException.aboveAtMost(v, 0, LIMIT, "stepsPerSecond");
        return new Speed(v);
    }

    /** As sent in state messages: "max" or the number, e.g. "100" or "2.5". */
    String text() {
        if (max()) return "max";
        return stepsPerSecond == Math.rint(stepsPerSecond) ? Long.toString((long) stepsPerSecond)
                : String.format(Locale.ROOT, "%s", stepsPerSecond);
    }
}
