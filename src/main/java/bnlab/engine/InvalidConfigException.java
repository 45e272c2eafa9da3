package bnlab.engine;

/** A configuration value outside its allowed range; names the field so the user can fix it. */
public final class InvalidConfigException extends IllegalArgumentException {
    private final String field;

    public InvalidConfigException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The configuration field at fault, e.g. "learningRate". */
    public String field() { return field; }

    public static void check(boolean ok, String field, String message) {
        if (!ok) throw new InvalidConfigException(field, message);
    }

    public static void range(double v, double lo, double hi, String field) {
        if (!(v >= lo && v <= hi)) // also rejects NaN
            throw new InvalidConfigException(field, "must be between " + fmt(lo) + " and " + fmt(hi) + ", was " + fmt(v));
    }

    public static void range(long v, long lo, long hi, String field) {
        if (v < lo || v > hi)
            throw new InvalidConfigException(field, "must be between " + lo + " and " + hi + ", was " + v);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
