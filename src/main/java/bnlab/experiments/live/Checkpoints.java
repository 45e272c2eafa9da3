package bnlab.experiments.live;

import java.util.Arrays;

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
     * @param plain (STEPS) the validation of the network without BN first measured at or after each step, or null
     * @param bn    (STEPS) likewise with BN
     */
    public record Snapshot(Frame.Validation[] plain, Frame.Validation[] bn) {
        public static final Snapshot NONE = new Snapshot(new Frame.Validation[STEPS.length], new Frame.Validation[STEPS.length]);

        /** The validation of a network ("plain" or "bn") at the checkpoint {@code step} (one of {@link #STEPS}), or null. */
        public Frame.Validation at(String network, long step) {
            int i = index(step);
            if (i < 0) return null;
            return (Frame.PLAIN.equals(network) ? plain : bn)[i];
        }
    }

    private final Frame.Validation[] plain = new Frame.Validation[STEPS.length], bn = new Frame.Validation[STEPS.length];
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
        note(plain, f.plain() == null ? null : f.plain().validation());
        note(bn, f.bn() == null ? null : f.bn().validation());
    }

    /** A copy of what it holds now. */
    public Snapshot snapshot() { return new Snapshot(plain.clone(), bn.clone()); }

    /** The index of a checkpoint step, or -1. */
    public static int index(long step) {
        for (int i = 0; i < STEPS.length; i++) if (STEPS[i] == step) return i;
        return -1;
    }

    private void note(Frame.Validation[] into, Frame.Validation v) {
        if (v == null) return;
        for (int i = 0; i < STEPS.length; i++) if (into[i] == null && STEPS[i] > after && v.step() >= STEPS[i]) into[i] = v;
    }

    @Override public String toString() { return Arrays.toString(plain) + " " + Arrays.toString(bn); }
}
