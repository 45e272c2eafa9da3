package bnlab.web.lab;

import bnlab.engine.Dataset;
import bnlab.engine.InvalidConfigException;
import bnlab.experiments.RateChange;
import bnlab.experiments.RunBudget;
import bnlab.experiments.RunConfig;
import bnlab.experiments.live.Checkpoints;
import bnlab.experiments.live.LiveRun;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each client message does to a {@link LabRun}: one method per message type, found by the message's class in
 * {@link #anyTime} (start, setSpeed) or {@link #aboutTheRun} (the others, refused before a start). Jetty threads
 * only queue the messages ({@link #submit}); the run's tick applies them in their order ({@link #apply}), and a
 * refusal goes back to the viewer who sent the message, as an error naming its field or rule.
 *
 * <p>Everything but {@link #submit} and {@link #clear} runs on the tick (one thread at a time); it changes the run
 * through the run's tick-owned state and its {@link LabRunPacing}.
 */
final class LabRunCommands {
    private static final Logger LOG = LoggerFactory.getLogger(LabRunCommands.class);
    static final int MAX_STEP_COUNT = 1000;
    /** The latest iteration a run can be asked to stop at. */
    static final long MAX_STOP_AT = 100_000_000;

    /** What one type of message does; {@code now} is the tick's time. */
    private interface Handler<M extends ClientMessage> {
        void apply(M message, long now) throws IOException;
    }

    private final LabRun run;
    private final LabRunPacing pacing;
    private final LabRunMessages messages;
    private final LabRun.DataLoader loader;
    private final RunBudget budget;
    private final CommandQueue queue = new CommandQueue();
    private final Map<Class<? extends ClientMessage>, Handler<ClientMessage>> anyTime = new HashMap<>();
    private final Map<Class<? extends ClientMessage>, Handler<ClientMessage>> aboutTheRun = new HashMap<>();

    LabRunCommands(LabRun run, LabRunPacing pacing, LabRunMessages messages, LabRun.DataLoader loader, RunBudget budget) {
        this.run = run;
        this.pacing = pacing;
        this.messages = messages;
        this.loader = loader;
        this.budget = budget;
        on(anyTime, ClientMessage.Start.class, this::start);
        on(anyTime, ClientMessage.SetSpeed.class, (m, now) -> setSpeed(m));
        on(aboutTheRun, ClientMessage.Pause.class, (m, now) -> pause());
        on(aboutTheRun, ClientMessage.Resume.class, (m, now) -> resume(now));
        on(aboutTheRun, ClientMessage.Step.class, (m, now) -> step(m));
        on(aboutTheRun, ClientMessage.SetLearningRate.class, (m, now) -> setLearningRate(m));
        on(aboutTheRun, ClientMessage.Watch.class, (m, now) -> watch(m));
        on(aboutTheRun, ClientMessage.Reset.class, (m, now) -> reset(now));
        on(aboutTheRun, ClientMessage.Evaluate.class, (m, now) -> evaluate());
    }

    private static <M extends ClientMessage> void on(Map<Class<? extends ClientMessage>, Handler<ClientMessage>> table,
                                                     Class<M> type, Handler<M> handler) {
        table.put(type, (m, now) -> handler.apply(type.cast(m), now));
    }

    /** Any thread: queues a message for the next tick; false when too many wait (see {@link CommandQueue}). */
    boolean submit(Viewer from, ClientMessage message) { return queue.offer(from, message); }

    /** The run closed: what waits is dropped. */
    void clear() { queue.clear(); }

    /**
     * Applies the queued commands in their order while the tick's time lasts. A step's iterations are taken
     * before the commands after it (so "step, setLearningRate" changes the rate after that step); when the
     * time is up with iterations still owed, the commands behind them wait for the next tick, unless one of
     * them is a pause, reset or start: those drop the owed iterations and are applied at once.
     */
    void apply(long now, long deadline) {
        while (!run.isClosed()) {
            if (pacing.owesSteps() && run.live != null) {
                if (queue.stopWaiting()) {
                    pacing.dropOwedSteps();
                    queue.dropStepsBeforeStop();
                }
                else {
                    if (pacing.takeOwedSteps(run.live, deadline) > 0) run.dirty = true;
                    if (pacing.owesSteps()) break; // time is up: the rest of the queue waits
                }
            }
            CommandQueue.Command head = queue.peek();
            if (head == null) break;
            boolean build = head.message() instanceof ClientMessage.Start || head.message() instanceof ClientMessage.Reset;
            if (build && queue.supersededByLaterStart()) { // a later start replaces what this one would build
                queue.poll();
                continue;
            }
            if (build && pacing.buildWaits(now, deadline)) break; // it waits
            CommandQueue.Command c = queue.poll();
            apply(c, now); // the others cost next to nothing (a step's iterations are taken above, in time)
            if (build) pacing.built(now);
        }
        run.updateTraining();
    }

    /** One command, by its type's handler; a refusal (a bad value, no run yet, unreadable data) goes back to its sender. */
    private void apply(CommandQueue.Command c, long now) {
        ClientMessage m = c.message();
        try {
            Handler<ClientMessage> h = anyTime.get(m.getClass());
            if (h == null) {
                if (run.live == null) throw new IllegalStateException("no run yet: send start first");
                h = aboutTheRun.get(m.getClass());
                if (h == null) throw new IllegalStateException("unhandled message " + m);
            }
            h.apply(m, now);
        } catch (InvalidConfigException e) {
            messages.refuse(c.from(), ServerMessage.Error.of(e, ClientMessage.typeOf(m)));
        } catch (IllegalArgumentException | IllegalStateException e) {
            messages.refuse(c.from(), new ServerMessage.Error(e.getMessage(), null, ClientMessage.typeOf(m)));
        } catch (IOException e) {
            LOG.warn("lab run {}: data could not be read", run.id(), e);
            messages.refuse(c.from(), new ServerMessage.Error("the data set could not be read on the server", "dataset",
                    ClientMessage.typeOf(m)));
        }
    }

    // ----- the messages allowed before a start

    /** Builds a new run from the message's config (the loaded data is reused when the same), running unless paused. */
    private void start(ClientMessage.Start s, long now) throws IOException {
        RunConfig c = s.config() == null ? RunConfig.defaults() : s.config();
        Speed sp = s.speed() == null ? pacing.speed() : Speed.parse(s.speed());
        if (s.stopAt() != null) InvalidConfigException.range(s.stopAt(), 1, MAX_STOP_AT, "stopAt");
        String key = dataKey(c);
        Dataset.Split d = key.equals(run.dataKey) ? run.data : loader.load(c);
        budget.check(c, d.train().features(), d.train().outputWidth(), evaluated(d)); // before the networks are allocated
        LiveRun l = new LiveRun(c, d, run.settings, c.rateChanges(), run.helper()); // checks the config against the data (e.g. batch size)
        run.config = c;
        run.data = d;
        run.dataKey = key;
        run.preset = LabRunMessages.presetOf(s.preset(), c);
        pacing.restart(sp, s.stopAt(), now);
        build(l, Boolean.TRUE.equals(s.paused()) ? LabRun.State.PAUSED : LabRun.State.RUNNING, now);
    }

    /**
     * A new run (start, reset) in place of the last: its history, checkpoints and summary start again, every viewer
     * gets its ready, its state, and frame 0 (the untrained networks at step 0, with validation and 2-D boundary).
     */
    private void build(LiveRun l, LabRun.State s, long now) {
        run.live = l;
        run.history.clear();
        messages.newRun();
        run.checkpoints = new Checkpoints();
        run.summary = RunSummary.NONE;
        messages.broadcastReady();
        run.setState(s, null);
        run.frame(now);
    }

    private void setSpeed(ClientMessage.SetSpeed s) {
        pacing.setSpeed(Speed.parse(s.stepsPerSecond())); // allowed before a start: kept for it
        messages.broadcastState();
    }

    /** Examples a frame may evaluate every network on: the live validation and, for 2-D data, the decision grid. */
    private long evaluated(Dataset.Split d) {
        long grid = d.train().features() == 2 ? (long) run.settings.gridSize() * run.settings.gridSize() : 0;
        return grid + Math.min(d.validation().size(), LiveRun.MAX_LIVE_VALIDATION);
    }

    /** The fields that decide the data: a new start with the same ones reuses the loaded data. */
    private static String dataKey(RunConfig c) {
        return c.dataset() + "|" + c.points() + "|" + c.noise() + "|" + c.validationFraction() + "|" + c.seed() + "|" + c.upload();
    }

    // ----- the messages about a built run

    private void pause() {
        pacing.dropOwedSteps(); // a pause stops at once, also a long step
        run.setState(LabRun.State.PAUSED, null);
    }

    private void resume(long now) {
        requireTrainable();
        pacing.resume(run.live, now);
        run.setState(LabRun.State.RUNNING, null);
    }

    private void step(ClientMessage.Step s) {
        int n = s.count() == null ? 1 : s.count();
        InvalidConfigException.range(n, 1, MAX_STEP_COUNT, "count");
        requireTrainable();
        // Owed, and taken within the ticks' time before the commands after this one (see apply);
        // while they are owed, no other step is applied, so at most MAX_STEP_COUNT are owed.
        pacing.owe(n);
        run.updateTraining();
    }

    private void setLearningRate(ClientMessage.SetLearningRate s) {
        InvalidConfigException.check(s.value() != null, "value", "missing: the new learning rate");
        // The engine checks the value (field "learningRate"). Before the first iteration it is the run's
        // starting rate; later the run records the change, so that a start with the changes replays it.
        LiveRun live = run.live;
        long step = live.step();
        long kept = live.rateChanges().stream().filter(r -> r.after() < step).count();
        InvalidConfigException.check(step == 0 || kept < RateChange.MAX, "rateChanges", "a run records at most "
                + RateChange.MAX + " learning-rate changes; reset, or start again with this rate",
                InvalidConfigException.Rule.RATE_CHANGES, RateChange.MAX);
        RateChange change = null;
        if (!live.setLearningRate(s.value())) run.config = run.config.withStartingRate(s.value());
        else change = new RateChange(step, s.value());
        // Only the change just made: the page keeps the list (an answer with the whole list grew with every change).
        messages.broadcast(new ServerMessage.Rates(run.config.learningRate(), change));
        run.dirty = true;
    }

    private void watch(ClientMessage.Watch w) {
        InvalidConfigException.check(w.layer() != null, "layer", "missing: a hidden layer, from 0");
        InvalidConfigException.check(w.neuron() != null, "neuron", "missing: a neuron, from 0");
        run.live.watch(w.layer(), w.neuron(), w.also());
        run.dirty = true;
    }

    /** The same run again from step 0, its learning-rate changes included, paused. */
    private void reset(long now) {
        pacing.dropOwedSteps();
        build(new LiveRun(run.config, run.data, run.settings, run.live.rateChanges(), run.helper()), LabRun.State.PAUSED, now);
    }

    private void evaluate() {
        run.live.requestEvaluation();
        run.dirty = true;
    }

    private void requireTrainable() {
        if (run.live.finished()) throw new IllegalStateException("every network diverged: reset, or start with another config");
    }
}
