package bnlab.engine;

/**
 * Learning-rate schedule: the rate at step t is base * multiplier(t).
 * <pre>
 *   constant      multiplier = 1
 *   step          multiplier = factor ^ floor(t / every)       (e.g. halve every 1,000 steps)
 *   exponential   multiplier = factor ^ (t / every)            (smooth decay by factor per 'every' steps)
 * </pre>
 * The base rate can be changed between steps; the schedule keeps its place (no reset).
 *
 * @param kind   constant, step or exponential
 * @param every  steps per decay period, 1..10,000,000 (ignored for constant)
 * @param factor multiplier per period, (0, 1] (ignored for constant)
 */
public record Schedule(Kind kind, int every, double factor) {
    public enum Kind {
        CONSTANT, STEP, EXPONENTIAL;

        public String key() { return name().toLowerCase(java.util.Locale.ROOT); }

        /** Every key, in declaration order. */
        public static java.util.List<String> keys() {
            return java.util.Arrays.stream(values()).map(Kind::key).toList();
        }

        public static Kind parse(String s) {
            for (Kind k : values()) if (k.key().equalsIgnoreCase(s.trim())) return k;
            throw InvalidConfigException.choice("schedule", "schedule", s, keys());
        }
    }

    public static final Schedule CONSTANT = new Schedule(Kind.CONSTANT, 1, 1);

    public Schedule {
        InvalidConfigException.present(kind, "schedule", Kind.keys());
        if (kind != Kind.CONSTANT) {
            InvalidConfigException.range(every, 1, 10_000_000, "decayEvery");
            InvalidConfigException.aboveAtMost(factor, 0, 1, "decayFactor");
        }
    }

    public double multiplier(long step) {
        return switch (kind) {
            case CONSTANT -> 1.0;
            case STEP -> Math.pow(factor, Math.floorDiv(step, every));
            case EXPONENTIAL -> Math.pow(factor, (double) step / every);
        };
    }
}
