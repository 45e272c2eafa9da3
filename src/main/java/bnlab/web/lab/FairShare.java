package bnlab.web.lab;

import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * How long one tick of a run may train: its fair share of the training threads. Computed from how many
 * runs train now (the registry counts them), how many of them are broadcast to a class, and the training
 * executor's threads.
 *
 * @param training         runs training now
 * @param priorityTraining of them, runs broadcast to a class
 * @param threads          the training executor's threads
 */
public record FairShare(IntSupplier training, IntSupplier priorityTraining, int threads) {
    /** What one tick trains at most: 40 of its 50 ms, the rest for cutting and sending the frame. */
    static final long TRAIN_BUDGET_MILLIS = 40;
    /** The least a tick trains when many runs share the threads (then ticks come less often than 20 a second). */
    static final long MIN_TRAIN_BUDGET_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** A run alone on one thread: each tick may train for the whole {@link #TRAIN_BUDGET_MILLIS}. */
    static final FairShare ALONE = new FairShare(() -> 1, () -> 0, 1);

    /** This tick's budget for a run, broadcast to a class or not. */
    long budgetNanos(boolean priority) {
        return budgetNanos(training.getAsInt(), threads, priorityTraining.getAsInt(), priority);
    }

    /**
     * How long one tick trains when {@code training} runs share {@code threads} threads: their fair share of
     * the threads' time, so that each still ticks about 20 times a second (a class of 30 at max speed on
     * 2 cores got 1.6 frames a second each when every tick took the full 40 ms), between
     * {@link #MIN_TRAIN_BUDGET_NANOS} and {@link #TRAIN_BUDGET_MILLIS}.
     */
    static long budgetNanos(int training, int threads) {
        long full = TimeUnit.MILLISECONDS.toNanos(TRAIN_BUDGET_MILLIS);
        long share = full * Math.max(1, threads) / Math.max(1, training);
        return Math.max(MIN_TRAIN_BUDGET_NANOS, Math.min(full, share));
    }

    /**
     * The same with {@code priority} of the {@code training} runs broadcast to a class: such a run trains its
     * whole {@link #TRAIN_BUDGET_MILLIS} (the class watches it; one student's fork must not slow it), the
     * others share what is left: the threads less 0.8 of a thread per priority run (40 ms of every 50), at
     * least half a thread.
     */
    static long budgetNanos(int training, int threads, int priority, boolean isPriority) {
        long full = TimeUnit.MILLISECONDS.toNanos(TRAIN_BUDGET_MILLIS);
        if (isPriority) return full;
        if (priority <= 0) return budgetNanos(training, threads);
        double left = Math.max(0.5, Math.max(1, threads) - 0.8 * priority);
        long share = (long) (full * left / Math.max(1, training - priority));
        return Math.max(MIN_TRAIN_BUDGET_NANOS, Math.min(full, share));
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /** The CPU time of the current thread (wall time where the JVM cannot tell). */
    static long cpuNanos() {
        long t = THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
        return t >= 0 ? t : System.nanoTime();
    }
}
