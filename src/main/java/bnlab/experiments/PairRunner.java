package bnlab.experiments;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs two independent tasks at once, the first on the calling thread and the second on a helper thread
 * when one is free: a run's networks share nothing but their (read-only) batch, so each step can
 * train them on two cores. The engine stays single-threaded; only this class makes threads meet.
 *
 * <p>The helper is one task on the given executor that serves step after step, spinning between them, and
 * returns its thread when no step came for {@link #IDLE_NANOS} or, on a {@link ThreadPoolExecutor}, as soon
 * as another task is waiting in the executor's queue: on a busy server each run keeps to its own task, so
 * the runs share the threads as before. It is only started when the pool has an idle thread. A second task
 * the helper has not taken yet when the first is done is taken back and run by the caller, so nothing ever
 * waits for a thread that is busy elsewhere.
 *
 * <p>A second core does not always make a step faster: on a host busy with other processes the helper's
 * thread is taken off its core in the middle of a task and the caller waits, and two vCPUs may share one
 * physical core or one scheduler share (measured at the Figure 1 set-up on a loaded 2-core VM, the helper
 * made a live run slower, 648 against 959 iterations/s, and two independent trainings together were no
 * faster than one). So the runner measures: {@value #PROBE} calls serially, {@value #PROBE} with the helper,
 * then {@value #EXPLOIT} calls in whichever was faster per call (the helper only if at least 10% faster),
 * then it measures again; while the probes keep choosing the same, the calls between them double, to 8 times
 * as many (half of a probe runs in the slower mode). The lab runs its two lanes through it once a step, the headless
 * experiment once a chunk of steps ({@link Lanes}).
 *
 * <p>Each task computes exactly what it computes alone, so results are bit-identical with and without a
 * helper. Not for concurrent use by several callers; {@link #run} allocates nothing.
 */
public final class PairRunner {
    /** How long the helper waits for the next step before it gives its thread back. */
    static final long IDLE_NANOS = TimeUnit.MICROSECONDS.toNanos(500);
    private static final int IDLE = 0, POSTED = 1, RUNNING = 2, DONE = 3;

    private final Executor executor;                    // null: always serial
    private final AtomicInteger phase = new AtomicInteger(IDLE);
    private final AtomicBoolean helperActive = new AtomicBoolean();
    private final Runnable helperLoop = this::serve;
    private Runnable second;                            // published by phase = POSTED
    private Throwable failure;                          // of the helper's task, published by phase = DONE
    private int skipChecks;                             // after a refused start, serial calls to go
    private volatile boolean retire;                    // tells the helper to give its thread back now
    /** Calls per probe (first serial, then with the helper), and calls in the faster mode before the next probe (defaults). */
    static final int PROBE = 256, EXPLOIT = 16 * PROBE;
    private static final int PROBE_SERIAL = 0, PROBE_HELPED = 1, CHOSEN = 2;
    private int stage = PROBE_SERIAL, stageCalls;
    private long stageNanos;                            // time spent in run() during this stage
    private double serialNanosPerCall;
    private boolean helperFaster;
    private final int probeCalls, exploitCalls;
    /** Calls in the faster mode this time: exploitCalls, doubled after each probe that chose as the one before (to 8x). */
    private int exploitNow;
    private boolean chosenBefore, choseHelperBefore;

    /** @param executor where the helper runs, or null to run both tasks on the caller, one after the other */
    public PairRunner(Executor executor) {
        this(executor, PROBE, EXPLOIT);
    }

    /**
     * @param probeCalls   calls per probe (serial, then helped); e.g. a few for long tasks
     * @param exploitCalls calls in the faster mode before probing again
     */
    public PairRunner(Executor executor, int probeCalls, int exploitCalls) {
        if (probeCalls < 1 || exploitCalls < 1) throw new IllegalArgumentException("probe and exploit need at least one call");
        this.executor = executor;
        this.probeCalls = probeCalls;
        this.exploitCalls = exploitCalls;
        this.exploitNow = exploitCalls;
    }

    /** Both tasks one after the other on the calling thread. */
    public static PairRunner serial() { return new PairRunner(null); }

    /** Runs both tasks and returns when both are done; an exception of either is thrown here. */
    public void run(Runnable first, Runnable second) {
        long start = System.nanoTime();
        boolean helped = stage == PROBE_HELPED || (stage == CHOSEN && helperFaster);
        if (executor == null || !helped || !helperReady()) {
            first.run();
            second.run();
        } else {
            runHelped(first, second);
        }
        if (executor != null) account(System.nanoTime() - start);
    }

    /** Moves through the stages: probe serial, probe with the helper, use the faster, again. */
    private void account(long nanos) {
        stageNanos += nanos;
        if (++stageCalls < (stage == CHOSEN ? exploitNow : probeCalls)) return;
        double perCall = (double) stageNanos / stageCalls;
        if (stage == PROBE_SERIAL) {
            serialNanosPerCall = perCall;
            stage = PROBE_HELPED;
        } else if (stage == PROBE_HELPED) {
            helperFaster = perCall < 0.9 * serialNanosPerCall;
            // a probe costs: half of it runs in the slower mode. While the machine stays as it was, probe less often.
            exploitNow = chosenBefore && helperFaster == choseHelperBefore ? Math.min(2 * exploitNow, 8 * exploitCalls) : exploitCalls;
            chosenBefore = true;
            choseHelperBefore = helperFaster;
            stage = CHOSEN;
            if (!helperFaster) retire = true;
        } else {
            stage = PROBE_SERIAL;
            retire = true;
        }
        stageCalls = 0;
        stageNanos = 0;
    }

    private void runHelped(Runnable first, Runnable second) {
        this.second = second;
        phase.set(POSTED);
        Throwable thrown = null;
        try {
            first.run();
        } catch (Throwable t) {
            thrown = t;
        }
        if (phase.compareAndSet(POSTED, IDLE)) {         // the helper did not take it: run it here
            if (thrown == null) second.run();
        } else {
            awaitDone();
            Throwable f = failure;
            failure = null;
            phase.set(IDLE);
            if (thrown == null) thrown = f;
        }
        this.second = null;
        if (thrown instanceof RuntimeException e) throw e;
        if (thrown instanceof Error e) throw e;
        if (thrown != null) throw new IllegalStateException(thrown);
    }

    /** Whether a helper is serving, starting one if the executor has a thread to spare. */
    private boolean helperReady() {
        if (skipChecks > 0) {
            skipChecks--;
            return false;
        }
        if (helperActive.get()) return true;
        if (!threadFree() || !helperActive.compareAndSet(false, true)) {
            skipChecks = 255;
            return false;
        }
        retire = false;
        try {
            executor.execute(helperLoop);
        } catch (RejectedExecutionException e) {
            helperActive.set(false);
            skipChecks = 255;
            return false;
        }
        return true; // posted work is taken back by the caller if the helper starts late
    }

    private boolean threadFree() {
        return !(executor instanceof ThreadPoolExecutor p) || p.getActiveCount() < p.getCorePoolSize();
    }

    /** Whether another task waits for one of the executor's threads (a due task in its queue). */
    private boolean othersWaiting() {
        if (!(executor instanceof ThreadPoolExecutor p)) return false;
        BlockingQueue<Runnable> q = p.getQueue();
        Runnable head = q.peek();
        return head != null && (!(head instanceof Delayed d) || d.getDelay(TimeUnit.NANOSECONDS) <= 0);
    }

    /** The helper: takes posted tasks until idle or until other work waits for the thread. */
    private void serve() {
        try {
            long idleSince = System.nanoTime();
            for (int spins = 0; ; ) {
                if (phase.get() == POSTED && phase.compareAndSet(POSTED, RUNNING)) {
                    try {
                        second.run();
                    } catch (Throwable t) {
                        failure = t;
                    }
                    phase.set(DONE);
                    if (othersWaiting()) return;
                    idleSince = System.nanoTime();
                    spins = 0;
                } else {
                    Thread.onSpinWait();
                    if (retire) return;
                    if ((++spins & 63) == 0 && System.nanoTime() - idleSince > IDLE_NANOS) return;
                }
            }
        } finally {
            helperActive.set(false);
        }
    }

    private void awaitDone() {
        for (int spins = 0; phase.get() != DONE; spins++) {
            if (spins < 1 << 12) Thread.onSpinWait();
            else Thread.yield(); // the helper's core was taken away: let it run
        }
    }
}
