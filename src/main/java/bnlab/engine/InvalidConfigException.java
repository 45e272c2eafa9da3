package bnlab.engine;

import java.util.List;

/**
 * A configuration value outside its allowed range; names the field so the user can fix it.
 *
 * <p>Besides its English message (for the command line) it carries the rule that was broken and
 * that rule's arguments, so a page can say the same in its reader's language: numbers stay numbers
 * (formatted there), names stay names. The rules are listed in {@link Rule}.
 */
public final class InvalidConfigException extends IllegalArgumentException {
    /** The rules a value can break, with their arguments. A page translates them by name. */
    public enum Rule {
        /** No particular rule; only the English message. */
        OTHER,
        /** Must be between {0} and {1} (both included), was {2}. */
        RANGE,
        /** Must be above {0} and at most {1}, was {2}. */
        ABOVE_AT_MOST,
        /** Must be at least {0} and below {1}, was {2}. */
        AT_LEAST_BELOW,
        /** Unknown value {0}; allowed are {1}. */
        CHOICE,
        /** Missing; allowed are {0}. */
        MISSING,
        /** A batch of {0} is too small for batch normalization. */
        BN_BATCH,
        /** A batch of {1} is larger than the {0} training examples. */
        BATCH_ABOVE_DATA,
        /** {1} hidden layers where 1 to {0} are allowed. */
        LAYER_COUNT,
        /** The twin with BN needs a placement. */
        BN_PLACEMENT,
        /** The data set "csv" without an uploaded file. */
        CSV_NEEDED,
        /** An uploaded file that is no longer (or never was) on the server. */
        CSV_UNKNOWN,
        /** Not a value of its kind: {0} is "int", "number", "ints", "choice", "text" or "rates"; {1} what was given. */
        NOT_A,
        /** No such field: {0}. */
        UNKNOWN_FIELD,
        /** The data has {1} inputs per example, at most {0} are allowed on this server. */
        BUDGET_INPUTS,
        /** The network has {1} parameters, at most {0} are allowed on this server. */
        BUDGET_PARAMETERS,
        /** A batch holds {1} activations, at most {0} are allowed on this server. */
        BUDGET_ACTIVATIONS,
        /** One iteration costs {1} multiply-adds, at most {0} are allowed on this server. */
        BUDGET_WORK,
        /** Evaluating every network for a frame costs {1} multiply-adds, at most {0} are allowed on this server. */
        BUDGET_EVALUATION,
        /** A run records at most {0} learning-rate changes. */
        RATE_CHANGES
    }

    private final String field;
    private final Rule rule;
    private final List<Object> args;

    public InvalidConfigException(String field, String message) {
        this(field, message, Rule.OTHER);
    }

    /** @param args the rule's arguments: numbers as Number, everything else as String */
    public InvalidConfigException(String field, String message, Rule rule, Object... args) {
        super(field + ": " + message);
        this.field = field;
        this.rule = rule;
        this.args = List.of(args);
    }

    /** The configuration field at fault, e.g. "learningRate". */
    public String field() { return field; }

    /** The rule the value broke; {@link Rule#OTHER} when only the message says it. */
    public Rule rule() { return rule; }

    /** The rule's arguments, in the order its documentation numbers them. */
    public List<Object> args() { return args; }

    public static void check(boolean ok, String field, String message) {
        if (!ok) throw new InvalidConfigException(field, message);
    }

    public static void check(boolean ok, String field, String message, Rule rule, Object... args) {
        if (!ok) throw new InvalidConfigException(field, message, rule, args);
    }

    public static void range(double v, double lo, double hi, String field) {
        if (!(v >= lo && v <= hi)) // also rejects NaN
            throw new InvalidConfigException(field, "must be between " + fmt(lo) + " and " + fmt(hi) + ", was " + fmt(v),
                    Rule.RANGE, lo, hi, v);
    }

    public static void range(long v, long lo, long hi, String field) {
        if (v < lo || v > hi)
            throw new InvalidConfigException(field, "must be between " + lo + " and " + hi + ", was " + v, Rule.RANGE, lo, hi, v);
    }

    /** lo &lt; v &le; hi, for values that must be positive such as a learning rate. */
    public static void aboveAtMost(double v, double lo, double hi, String field) {
        if (!(v > lo && v <= hi))
            throw new InvalidConfigException(field, "must be above " + fmt(lo) + " and at most " + fmt(hi) + ", was " + fmt(v),
                    Rule.ABOVE_AT_MOST, lo, hi, v);
    }

    /** A name that is not one of the allowed ones. */
    public static InvalidConfigException choice(String field, String what, String value, List<String> allowed) {
        String list = String.join(", ", allowed);
        return new InvalidConfigException(field, "unknown " + what + " '" + value + "'; allowed: " + list, Rule.CHOICE, String.valueOf(value), list);
    }

    /** A required name that was not given. */
    public static void present(Object value, String field, List<String> allowed) {
        String list = String.join(", ", allowed);
        if (value == null) throw new InvalidConfigException(field, "missing; allowed: " + list, Rule.MISSING, list);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
