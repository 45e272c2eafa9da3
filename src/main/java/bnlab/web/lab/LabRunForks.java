package bnlab.web.lab;

import bnlab.experiments.live.Checkpoints;
import bnlab.experiments.live.LiveRun;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * A {@link LabRun}'s copies for students: a request (any thread) waits for the run's next tick, which answers it
 * with a {@link ForkSource} made then, between two steps; a new run takes such a copy with {@link #adopt} before it
 * is scheduled, and goes on from there, paused.
 *
 * <p>The requests are a concurrent queue; everything else here runs on the tick of the run copied (reading its
 * tick-owned state), or in {@link #adopt} on the new run before its tick starts.
 */
final class LabRunForks {
    private final LabRun run;
    private final Queue<Consumer<ForkSource>> requests = new ConcurrentLinkedQueue<>();

    LabRunForks(LabRun run) { this.run = run; }

    /** Any thread: {@code receiver} gets a copy on the run's next tick. */
    void request(Consumer<ForkSource> receiver) { requests.add(receiver); }

    /** The run closed: nothing is given to those who asked. */
    void clear() { requests.clear(); }

    /** On the tick, with no run built yet: every request is answered with null. */
    void answerNone() {
        for (Consumer<ForkSource> r; (r = requests.poll()) != null; ) r.accept(null);
    }

    /** On the tick, between two steps: every request gets a copy of its own. */
    void answer() {
        for (Consumer<ForkSource> r; (r = requests.poll()) != null; ) r.accept(source());
    }

    private ForkSource source() {
        LiveRun live = run.live;
        return new ForkSource(live.fork(run.helper()), run.config.with("rateChanges", live.rateChanges()), run.data, run.dataKey,
                run.pacing.speed(), run.history.copy(), new Checkpoints(live.step()), run.summary(), run.preset); // its checkpoints are those it reaches itself
    }

    /** Makes the (new, not yet scheduled) run a fork: paused where the source was, with its history. */
    void adopt(ForkSource source) {
        run.live = source.live();
        run.config = source.config();
        run.data = source.data();
        run.dataKey = source.dataKey();
        run.pacing.adopt(source.speed());
        run.preset = source.preset();
        run.history = source.history();
        run.checkpoints = source.checkpoints();
        run.state = LabRun.State.PAUSED;
        LiveRun live = run.live;
        run.stepSeen = live.step();
        RunSummary s = source.summary();
        run.summary = s == null ? new RunSummary(live.step(), run.state.key(), run.replayConfig(), live.baseLearningRate(), Map.of(),
                run.checkpoints.snapshot(), Map.of(), live.baseLearningRates())
                : new RunSummary(live.step(), run.state.key(), run.replayConfig(), live.baseLearningRate(), s.validations(),
                run.checkpoints.snapshot(), s.diverged(), live.baseLearningRates());
    }
}
