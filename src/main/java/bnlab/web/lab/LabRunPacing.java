package bnlab.web.lab;

import bnlab.experiments.live.LiveRun;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * How far and how fast a {@link LabRun} trains, and how much one tick may do: the speed (iterations a second, or
 * "max"), the iteration it pauses at by itself, the iterations a {@code step} message still owes, the tick's time
 * (its fair share of the training threads, less what earlier ticks took beyond theirs), and the least time between
 * two builds and between two frames.
 *
 * <p>Touched by the run's tick only (one thread at a time), and by {@link LabRunForks#adopt} before the run is
 * scheduled.
 */
final class LabRunPacing {
    /** Two frames are at least this far apart, even when a late tick is followed by a prompt one. */
    static final long MIN_FRAME_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(LabRun.TICK_MILLIS - 5);
    /**
     * What a tick may take beyond its share without paying it back: cutting and sending a frame (a few ms).
     * Builds and large evaluations take longer and are paid back (see {@link #payBack}). Without this slack, 30 runs
     * on 2 threads (a share of 2.7 ms) paid for every frame and trained less than half as much.
     */
    static final long OVERRUN_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /**
     * A run is built (start, reset) at most once in this time; a start that comes sooner waits, and a later start
     * replaces it. Building the largest run allowed allocates tens of megabytes: four clients restarting one 20
     * times a second filled a 6 GB heap with garbage faster than the collector freed it.
     */
    static final long MIN_BUILD_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(300);

    private final BooleanSupplier closed; // the run closed (any thread may close it): training stops at once
    private Speed speed = Speed.DEFAULT;
    private Long stopAt;       // the iteration at which the run pauses by itself, or null
    private double owed;       // steps owed at a finite speed, fractional
    private long stepsOwed;    // iterations asked for by step messages and not yet taken
    private long overrun;      // ns the ticks took beyond their share, paid back by the next ticks
    private long lastTick;
    private long lastBuild = Long.MIN_VALUE / 2;
    private long lastFrame = Long.MIN_VALUE / 2;

    LabRunPacing(BooleanSupplier closed) { this.closed = closed; }

    Speed speed() { return speed; }

    /** The iteration at which the run pauses by itself (a preset's length), or null. */
    Long stopAt() { return stopAt; }

    /** A new run: its speed and stop, and its first step at once (also at slow speeds); no step message's iterations owed. */
    void restart(Speed speed, Long stopAt, long now) {
        this.speed = speed;
        this.stopAt = stopAt;
        lastTick = now;
        owed = 1;
        stepsOwed = 0;
    }

    /** The run goes on: its first step at once, also at slow speeds; past its stop if it was there (a preset's length). */
    void resume(LiveRun live, long now) {
        if (done(live)) stopAt = null;
        lastTick = now;
        owed = 1;
    }

    /** A new speed (allowed before a start: kept for it). */
    void setSpeed(Speed s) {
        speed = s;
        owed = Math.min(owed, 1);
    }

    /** A fork goes on at the speed of the run it copies, with no stop of its own. */
    void adopt(Speed s) { speed = s; }

    /** The run reached the iteration it was to stop at. */
    boolean done(LiveRun live) { return stopAt != null && live.step() >= stopAt; }

    // ----- a step message's iterations

    /** A step message asks for {@code n} iterations, taken within the ticks' time before the commands after it. */
    void owe(int n) { stepsOwed = n; }

    boolean owesSteps() { return stepsOwed > 0; }

    /** A pause, reset or start (or a failure) ends a step's owed iterations. */
    void dropOwedSteps() { stepsOwed = 0; }

    /**
     * Takes owed iterations until none is left or the time is up (then some are still owed).
     *
     * @return iterations taken
     */
    long takeOwedSteps(LiveRun live, long deadline) {
        long taken = 0;
        while (stepsOwed > 0 && !closed.getAsBoolean() && !live.finished()) {
            if (System.nanoTime() >= deadline) return taken;
            live.advance(1);
            stepsOwed--;
            taken++;
        }
        stepsOwed = 0; // done, or every network diverged
        return taken;
    }

    // ----- the speed's iterations

    /**
     * Trains a running run at its speed until its stop, within the tick's time: at "max" until the deadline; at a
     * finite speed the steps the time since the last tick owes (at most a quarter second's worth), the rest dropped
     * when the run cannot keep up.
     *
     * @return whether the run trained at its speed this tick (false: paused, or a step message's iterations took the time)
     */
    boolean train(LiveRun live, long now, long deadline, boolean running) {
        double dt = Math.min((now - lastTick) / 1e9, 0.25);
        lastTick = now;
        if (stepsOwed > 0) return false; // the time went to a step's iterations; speed's steps would only pile up
        if (!running) return false;
        if (speed.max()) {
            while (!closed.getAsBoolean() && !live.finished() && !done(live) && System.nanoTime() < deadline) live.advance(1);
        } else {
            owed = Math.min(owed + speed.stepsPerSecond() * dt, speed.stepsPerSecond() * 0.25 + 1);
            while (owed >= 1 && !closed.getAsBoolean() && !live.finished() && !done(live)) {
                if (System.nanoTime() >= deadline) { owed = 0; break; } // cannot keep up: drop the rest
                live.advance(1);
                owed -= 1;
            }
        }
        return true;
    }

    // ----- the tick's time

    /**
     * When this tick's work must end: its share of the threads, less what earlier ticks took beyond theirs. A build
     * (start, reset) or a frame's evaluation that took long is paid back by training less (or not at all, and
     * building nothing) in the next ticks, so that a run holds a thread no longer than its share on average,
     * whatever its client sends.
     */
    long deadline(long now, long share) { return now + share - overrun; }

    /**
     * After the tick: what it took beyond its share (and a frame's slack) is owed to the next ticks. CPU time, not
     * wall time: on a loaded machine a tick may wait for a core without using one.
     */
    void payBack(long cpuNanos, long share) {
        overrun = Math.max(0, overrun + cpuNanos - share - OVERRUN_SLACK_NANOS);
    }

    /** Whether a build (start, reset) must wait for a later tick: the time is up, or the last build was too recent. */
    boolean buildWaits(long now, long deadline) {
        return System.nanoTime() >= deadline || now - lastBuild < MIN_BUILD_GAP_NANOS;
    }

    void built(long now) { lastBuild = now; }

    /** Whether a frame may be cut now ({@link #MIN_FRAME_GAP_NANOS} after the last one). */
    boolean frameDue(long now) { return now - lastFrame >= MIN_FRAME_GAP_NANOS; }

    void framed(long now) { lastFrame = now; }
}
