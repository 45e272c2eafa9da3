package bnlab.web.lab;

import bnlab.engine.Dataset;
import bnlab.experiments.RateChange;
import bnlab.experiments.RunBudget;
import bnlab.experiments.RunConfig;
import bnlab.experiments.live.Checkpoints;
import bnlab.experiments.live.Frame;
import bnlab.experiments.live.LiveRun;
import bnlab.experiments.live.LiveSettings;
import bnlab.experiments.live.RunHistory;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live run on the server and the viewers watching it. Everything that touches the training happens
 * in one periodic task on the training executor, every {@link #TICK_MILLIS} ms: apply the commands that
 * arrived (from Jetty threads, through a queue), train for the time the speed asks (at most
 * {@link #TRAIN_BUDGET_MILLIS} ms), then cut one frame, serialize it once and offer the same text to
 * every viewer. Hence at most 20 frames a second whatever the speed, and the steps in between are
 * summarized into the frame, never queued.
 *
 * <p>What one client can make a tick do is bounded in time, not in count: commands are applied while the
 * tick's time lasts (the rest wait for the next tick, at most {@link #MAX_QUEUED} may wait), the
 * iterations a {@code step} asks for are taken within the ticks' time before the commands after it (a pause,
 * reset, new start or the client leaving drops them, and the steps queued before it), and a run is checked
 * against its {@link RunBudget} before its networks are allocated, so that no single iteration or frame
 * takes long.
 *
 * <p>This class holds the run's state and its tick; its parts, each in a file of its own:
 * <ul>
 * <li>{@link LabRunPacing}: how far and how fast it trains, and how much one tick may do;
 * <li>{@link LabRunCommands}: what each client message does, one method per message type;
 * <li>{@link LabRunForks}: the copies students make of it ({@link ForkSource});
 * <li>{@link LabRunMessages}: what it sends, and the one place that writes it as text for its {@link Audience}.
 * </ul>
 * Threads: the tick runs on one thread at a time and alone touches the fields marked so below, in this class and in
 * the parts; other threads only queue commands and fork requests, attach and detach viewers, close the run, and read
 * the volatile fields. No lock is taken.
 */
public final class LabRun {
    private static final Logger LOG = LoggerFactory.getLogger(LabRun.class);
    public static final int TICK_MILLIS = 50;
    public static final int MAX_FRAMES_PER_SECOND = 1000 / TICK_MILLIS;
    static final long TRAIN_BUDGET_MILLIS = FairShare.TRAIN_BUDGET_MILLIS;
    /** Commands that may wait for the next tick (see {@link CommandQueue}). */
    static final int MAX_QUEUED = CommandQueue.MAX_QUEUED;

    /** Turns a config into training and validation data (may read files; "csv" names its upload). */
    public interface DataLoader {
        Dataset.Split load(RunConfig config) throws IOException;
    }

    /** Where a run is: training, paused (by a command, at its stop, or as a fork), or stopped (not built, diverged, failed). */
    enum State {
        RUNNING, PAUSED, STOPPED;

        String key() { return name().toLowerCase(Locale.ROOT); }
    }

    private final String id;
    private final Consumer<LabRun> onClose;
    private final FairShare share;            // how the training threads are shared
    private final Kind kind;
    private final Audience audience = new Audience();
    private final Executor greeter;           // makes and sends what joining viewers get first, off the tick
    final LiveSettings settings;
    final LabRunPacing pacing = new LabRunPacing(this::isClosed);
    private final LabRunMessages messages;
    private final LabRunCommands commands;
    private final LabRunForks forks = new LabRunForks(this);
    private volatile boolean closed;
    private volatile ScheduledFuture<?> task;
    private volatile Executor helper;         // the training executor, once scheduled
    volatile RunSummary summary = RunSummary.NONE; // what a dashboard shows, as of the last frame (read by any thread)
    volatile long stepSeen;                   // for monitoring only
    private volatile boolean training;        // state is RUNNING (read by other runs' ticks, through the registry)

    // Touched only by the tick (one thread at a time): here, in LabRunCommands and in LabRunForks (adopt: before the
    // run is scheduled).
    LiveRun live;
    RunConfig config;
    Dataset.Split data;
    String dataKey;
    String preset;             // the key of the preset the run was started as, or null (see LabRunMessages.presetOf)
    State state = State.STOPPED;
    String reason;             // why the run stopped or paused by itself, or null
    boolean dirty;             // something a frame should show changed without a step
    RunHistory history = new RunHistory(); // what a late joiner gets
    Checkpoints checkpoints = new Checkpoints();
    private RunConfig replay, replayBase; // config with the rate changes made so far, and the config it was made from
    private List<RateChange> replayChanges;

    /** A run alone on one thread: each tick may train for the whole {@link #TRAIN_BUDGET_MILLIS}. */
    LabRun(String id, LabJson json, DataLoader loader, LiveSettings settings, Consumer<LabRun> onClose) {
        this(id, json, loader, settings, onClose, FairShare.ALONE, RunBudget.defaults(), Kind.LAB, Runnable::run);
    }

    /**
     * What a run is for, which decides how long it lives and its share of the training threads.
     * LAB: a lab page's own run; it ends with its last viewer. CLASS: the run a room broadcasts; it lives until
     * the room closes and trains first (see {@link FairShare#budgetNanos(int, int, int, boolean)}). FORK: a
     * student's copy of it; the room ends it.
     */
    public enum Kind {
        LAB, CLASS, FORK;

        boolean endsWithLastViewer() { return this == LAB; }

        boolean priority() { return this == CLASS; }
    }

    /**
     * @param share   what a tick's fair share of the training threads is computed from
     * @param budget  what one run may cost; checked before a run's networks are allocated
     * @param kind    what the run is for
     * @param greeter where the greeting of viewers who join (ready, history, state) is made and sent: never the
     *                run's own thread, so that a class joining at once does not stall its frames
     */
    public LabRun(String id, LabJson json, DataLoader loader, LiveSettings settings, Consumer<LabRun> onClose,
           FairShare share, RunBudget budget, Kind kind, Executor greeter) {
        this.kind = kind;
        this.greeter = greeter;
        this.id = id;
        this.settings = settings;
        this.onClose = onClose;
        this.share = share;
        this.messages = new LabRunMessages(json, audience, this);
        this.commands = new LabRunCommands(this, pacing, messages, loader, budget);
    }

    public Kind kind() { return kind; }

    /** Whether the run is training (running, not closed). */
    public boolean isTraining() { return training && !closed; }

    public String id() { return id; }
    public boolean isClosed() { return closed; }

    /** Iterations done as of the last tick. */
    public long step() { return stepSeen; }

    /** A controller: the lab page that made the run. */
    void attach(Viewer v) { attach(v, Audience.Role.CONTROLLER); }

    /**
     * A viewer joins; from the next tick on it gets the messages, first those a late joiner needs to draw
     * the run so far (ready, history, state), if there is a run.
     */
    public void attach(Viewer v, Audience.Role role) { audience.attach(v, role); }

    /** A viewer left; a lab page's run ends with its last viewer, a room's does not. */
    public void detach(Viewer v) {
        if (audience.detach(v) && kind.endsWithLastViewer()) close();
    }

    /** What a dashboard shows of the run, as of its last frame (any thread). */
    public RunSummary summary() { return summary; }

    /** Starts the periodic task. */
    void schedule(ScheduledExecutorService executor) { schedule(executor, executor); }

    /**
     * Starts the periodic task on {@code ticks}; the second network of a step may train on {@code helper} when
     * one of its threads is free (see LiveRun).
     */
    void schedule(ScheduledExecutorService ticks, Executor helper) {
        this.helper = helper;
        task = ticks.scheduleAtFixedRate(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The executor the second network of a step may train on (null until scheduled). */
    Executor helper() { return helper; }

    /**
     * Queues a message for the next tick (called from Jetty threads).
     *
     * @return false if {@link #MAX_QUEUED} messages are already waiting: the message is dropped
     */
    public boolean submit(Viewer from, ClientMessage message) {
        return closed || commands.submit(from, message);
    }

    /**
     * Asks for a copy of the run; {@code receiver} gets it on the run's next tick (on the training thread; it
     * must not block), or null when there is no run yet. Nothing is given when the run closes first.
     */
    public void requestFork(Consumer<ForkSource> receiver) {
        if (!closed) forks.request(receiver);
    }

    /** Makes this (new, not yet scheduled) run a fork: paused where the source was, with its history. */
    public void adopt(ForkSource source) {
        if (task != null) throw new IllegalStateException("adopt before schedule");
        forks.adopt(source);
    }

    /** Stops training and lets go of everything; idempotent. */
    public void close() {
        if (closed) return;
        closed = true;
        ScheduledFuture<?> t = task;
        if (t != null) t.cancel(false);
        commands.clear();
        audience.clear();
        forks.clear();
        onClose.accept(this);
    }

    /** One period: commands, training, at most one frame. Never throws (that would end the schedule). */
    void tick() {
        if (closed) return;
        try {
            long now = System.nanoTime();
            if (kind.endsWithLastViewer() && !audience.isEmpty() && !audience.anyOpen()) { close(); return; } // its client is gone
            audience.admit(messages::greeting, greeter);
            if (live == null) forks.answerNone();
            // The tick's share of the threads, less what earlier ticks took beyond theirs (see LabRunPacing.deadline).
            long share = this.share.budgetNanos(kind.priority());
            long deadline = pacing.deadline(now, share);
            long cpu0 = FairShare.cpuNanos();
            try {
                commands.apply(now, deadline);
                if (closed || live == null) return;
                forks.answer();
                train(now, deadline);
                if (closed) return;
                announceDivergences();
                if (state == State.RUNNING && live.finished()) setState(State.STOPPED, "diverged");
                if ((dirty || live.pendingSteps() > 0) && pacing.frameDue(now)) frame(now);
                stepSeen = live.step();
            } finally {
                pacing.payBack(FairShare.cpuNanos() - cpu0, share);
            }
        } catch (Throwable t) {
            LOG.error("lab run {} failed", id, t);
            live = null;
            state = State.STOPPED;
            training = false;
            pacing.dropOwedSteps();
            // Never the exception's text: it names Java classes, and is no help to a student.
            messages.broadcast(new ServerMessage.Error("the run failed on the server and was stopped; start it again", null, null));
            messages.broadcastState();
        }
    }

    /** Trains at the speed asked, within the tick's time; at the iteration it was to stop at, the run pauses. */
    private void train(long now, long deadline) {
        if (!pacing.train(live, now, deadline, state == State.RUNNING)) return;
        if (pacing.done(live)) {
            dirty = true;
            live.requestEvaluation(); // the last frame of a preset carries its final validation
            setState(State.PAUSED, "done");
        }
    }

    /** Cuts a frame, keeps it in the history and the checkpoints, and sends it (see {@link LabRunMessages#frame}). */
    void frame(long now) {
        Frame f = live.frame();
        announceDivergences(); // a collapse is found with a frame's validation: announced before the frame
        history.add(f);
        checkpoints.add(f);
        messages.frame(f, now);
        pacing.framed(now);
        dirty = false;
        summary = summary.after(f, state.key(), replayConfig(), live.baseLearningRate(), checkpoints.snapshot(), live.baseLearningRates());
    }

    /** Sends a diverged message for each divergence or blow-up found since the last call. */
    private void announceDivergences() {
        for (Frame.Divergence d : live.takeDivergences()) messages.broadcast(ServerMessage.Diverged.of(d));
    }

    /**
     * The run's description with the learning-rate changes made so far, as the summary gives it (a fork's record and
     * link replay its rate), made again only when a change or a new config came.
     */
    RunConfig replayConfig() {
        if (config == null || live == null) return config;
        List<RateChange> changes = live.rateChanges();
        if (replay == null || replayBase != config || !changes.equals(replayChanges)) {
            replay = changes.isEmpty() ? config : config.with("rateChanges", changes);
            replayBase = config;
            replayChanges = changes;
        }
        return replay;
    }

    void setState(State s, String why) {
        state = s;
        reason = why;
        summary = summary.with(live == null ? 0 : live.step(), s.key(), replayConfig(), live == null ? Double.NaN : live.baseLearningRate(),
                live == null ? Map.of() : live.baseLearningRates());
        updateTraining();
        messages.broadcastState();
    }

    /** Training, for the fair share of the threads: running, or taking the iterations of a step message. */
    void updateTraining() { training = state == State.RUNNING || pacing.owesSteps(); }
}
