package bnlab.experiments;

import bnlab.engine.InvalidConfigException;
import bnlab.engine.TrainSpec;
import java.util.List;

/**
 * A learning-rate change made during a run: after {@code after} iterations the base rate became
 * {@code rate}. A run keeps its changes, and a run started with them as its plan replays them at the
 * same iterations, so that a copied link of a run whose rate was changed by hand reproduces it exactly.
 */
public record RateChange(long after, double rate) {
    /** At most this many changes in one run. */
    public static final int MAX = 1000;
    public static final String FIELD = "rateChanges";

    /**
     * A plan, checked: at most {@link #MAX} changes, each after at least one iteration and to an allowed
     * rate, at strictly increasing iterations; null is none.
     */
    public static List<RateChange> plan(List<RateChange> changes) {
        if (changes == null) return List.of();
        InvalidConfigException.range(changes.size(), 0, MAX, FIELD);
        for (RateChange c : changes) {
            InvalidConfigException.check(c != null, FIELD, "a change needs \"after\" and \"rate\"");
            InvalidConfigException.range(c.after(), 1, Long.MAX_VALUE / 2, FIELD);
            TrainSpec.checkLearningRate(c.rate(), FIELD);
        }
        for (int i = 1; i < changes.size(); i++)
            InvalidConfigException.check(changes.get(i).after() > changes.get(i - 1).after(), FIELD,
                    "the iterations must increase, but " + changes.get(i).after() + " follows " + changes.get(i - 1).after());
        return List.copyOf(changes);
    }
}
