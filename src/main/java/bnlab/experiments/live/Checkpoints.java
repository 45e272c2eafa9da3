package bnlab.experiments.live;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Each network's first validation at or after fixed iterations ({@link #STEPS}), so that runs of a
 * class that started at different moments can be compared at the same point of their training: the
 * class chart puts every fork's accuracy after, say, 1,000 iterations against its learning rate.
 *
 * <p>Not thread-safe: the run's tick fills it; {@link #snapshot} gives an immutable copy for others.
 */
public final class Checkpoints {
    /** The iterations a class can be compared at. */
    public static final long[] STEPS = {100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000};

    /**
     * @param nets per network, by name in the run's order: (STEPS) its validation first measured at or after each
     *             step, or null
     */
    public record Snapshot(Map<String, Frame.Validation[]> nets) {
        public static final Snapshot NONE = new Snapshot(Map.of());

        /** The validation of a network (e.g. "plain" or "bn") at the checkpoint {@code step} (one of {@link #STEPS}), or null. */
        public Frame.Validation at(String network, long step) {
            int i = index(step);
            Frame.Validation[] v = nets.get(network);
            return i < 0 || v == null ? null : v[i];
        }
    }

    private final Map<String, Frame.Validation[]> nets = new LinkedHashMap<>();
    private final long after; // only checkpoints past this iteration are noted

    /** For a run from its first iteration. */
    public Checkpoints() { this(0); }

    /**
     * For a fork made at iteration {@code after}: only the checkpoints it reaches after that are its own (an
     * earlier one would show the class's run at the student's learning rate), so those stay empty.
     */
    public Checkpoints(long after) { this.after = after; }

    /** Notes the frame's validations. */
    public void add(Frame f) {
        f.nets().forEach((name, n) -> note(nets.computeIfAbsent(name, k -> new Frame.Validation[STEPS.length]), n.validation()));
    }

    /** A copy of what it holds now. */
    public Snapshot snapshot() {
        Map<String, Frame.Validation[]> copy = new LinkedHashMap<>();
        nets.forEach((name, v) -> copy.put(name, v.clone()));
        return new Snapshot(Collections.unmodifiableMap(copy));
    }

    /** The index of a checkpoint step, or -1. */
    public static int index(long step) {
        for (int i = 0; i < STEPS.length; i++) if (STEPS[i] == step) return i;
        return -1;
    }

    private void note(Frame.Validation[] into, Frame.Validation v) {
        if (v == null) return;
        for (int i = 0; i < STEPS.length; i++) if (into[i] == null && STEPS[i] > after && v.step() >= STEPS[i]) into[i] = v;
    }

    @Override public String toString() {
        StringBuilder b = new StringBuilder();
        nets.forEach((name, v) -> b.append(name).append(' ').append(Arrays.toString(v)).append(' '));
        return b.toString().trim();
    }
}
