package bnlab.web.lab;

import bnlab.engine.Dataset;
import bnlab.engine.InvalidConfigException;
import bnlab.experiments.Preset;
import bnlab.experiments.Presets;
import bnlab.experiments.RunBudget;
import bnlab.experiments.RunConfig;
import bnlab.experiments.RunFields;
import bnlab.experiments.live.Frame;
import bnlab.experiments.live.LiveRun;
import bnlab.experiments.live.LiveSettings;
import bnlab.experiments.live.RunHistory;
import bnlab.experiments.live.Checkpoints;
import bnlab.experiments.RateChange;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 */
public final class LabRun {
    private static final Logger LOG = LoggerFactory.getLogger(LabRun.class);
    public static final int TICK_MILLIS = 50;
    public static final int MAX_FRAMES_PER_SECOND = 1000 / TICK_MILLIS;
    static final long TRAIN_BUDGET_MILLIS = FairShare.TRAIN_BUDGET_MILLIS;
    /** Two frames are at least this far apart, even when a late tick is followed by a prompt one. */
    static final long MIN_FRAME_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS - 5);
    static final int MAX_STEP_COUNT = 1000;
    /** The latest iteration a run can be asked to stop at. */
    static final long MAX_STOP_AT = 100_000_000;
    /** Commands that may wait for the next tick (see {@link CommandQueue}). */
    static final int MAX_QUEUED = CommandQueue.MAX_QUEUED;
    /**
     * What a tick may take beyond its share without paying it back: cutting and sending a frame (a few ms).
     * Builds and large evaluations take longer and are paid back (see tick). Without this slack, 30 runs on
     * 2 threads (a share of 2.7 ms) paid for every frame and trained less than half as much.
     */
    static final long OVERRUN_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /**
     * A run is built (start, reset) at most once in this time; a start that comes sooner waits, and a later start
     * replaces it. Building the largest run allowed allocates tens of megabytes: four clients restarting one 20
     * times a second filled a 6 GB heap with garbage faster than the collector freed it.
     */
    static final long MIN_BUILD_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(300);


    /** Turns a config into training and validation data (may read files; "csv" names its upload). */
    public interface DataLoader {
        Dataset.Split load(RunConfig config) throws IOException;
    }

    /** At most this many training points go to the page with {@code ready}, for drawing 2-D data. */
    static final int MAX_SAMPLE_POINTS = 400;

    enum State {
        RUNNING, PAUSED, STOPPED;

        String key() { return name().toLowerCase(Locale.ROOT); }
    }


    private final String id;
    private final LabJson json;
    private final DataLoader loader;
    private final LiveSettings settings;
    private final Consumer<LabRun> onClose;
    private final FairShare share;            // how the training threads are shared
    private final Audience audience = new Audience();
    private final WatcherFrames watcherFrames = new WatcherFrames(); // the watchers' form of the frames (touched by the tick)
    private final Kind kind;
    private final Queue<Consumer<ForkSource>> forkRequests = new ConcurrentLinkedQueue<>();
    private volatile RunSummary summary = RunSummary.NONE;
    private final CommandQueue commands = new CommandQueue();
    private final RunBudget budget;
    private volatile boolean closed;
    private volatile ScheduledFuture<?> task;
    private volatile java.util.concurrent.Executor helper; // the training executor, once scheduled
    private final java.util.concurrent.Executor greeter; // makes and sends what joining viewers get first, off the tick
    private volatile long stepSeen; // for monitoring only
    private volatile boolean training; // state is RUNNING (read by other runs' ticks, through the registry)

    // Touched only by the tick (one thread at a time).
    private LiveRun live;
    private RunConfig config;
    private RunConfig replay, replayBase; // config with the rate changes made so far, and the config it was made from
    private List<RateChange> replayChanges;
    private Dataset.Split data;
    private String dataKey;
    private Long stopAt;       // the iteration at which the run pauses by itself, or null
    private String preset;     // the key of the preset the run was started as, or null (see presetOf)
    private State state = State.STOPPED;
    private String reason;
    private Speed speed = Speed.DEFAULT;
    private double owed;       // steps owed at a finite speed, fractional
    private long stepsOwed;    // iterations asked for by step messages and not yet taken
    private long overrun;      // ns the ticks took beyond their share, paid back by the next ticks (see tick)
    private long lastTick;
    private long lastBuild = Long.MIN_VALUE / 2;
    private long lastFrame = Long.MIN_VALUE / 2;
    private boolean dirty;     // something a frame should show changed without a step
    private RunHistory history = new RunHistory(); // what a late joiner gets
    private Checkpoints checkpoints = new Checkpoints();

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
           FairShare share, RunBudget budget, Kind kind, java.util.concurrent.Executor greeter) {
        this.kind = kind;
        this.greeter = greeter;
        this.budget = budget;
        this.id = id;
        this.json = json;
        this.loader = loader;
        this.settings = settings;
        this.onClose = onClose;
        this.share = share;
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
    void schedule(ScheduledExecutorService ticks, java.util.concurrent.Executor helper) {
        this.helper = helper;
        task = ticks.scheduleAtFixedRate(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Queues a message for the next tick (called from Jetty threads).
     *
     * @return false if {@link #MAX_QUEUED} messages are already waiting: the message is dropped
     */
    public boolean submit(Viewer from, ClientMessage message) {
        return closed || commands.offer(from, message);
    }

    /** Stops training and lets go of everything; idempotent. */
    public void close() {
        if (closed) return;
        closed = true;
        ScheduledFuture<?> t = task;
        if (t != null) t.cancel(false);
        commands.clear();
        audience.clear();
        forkRequests.clear();
        onClose.accept(this);
    }

    /** One period: commands, training, at most one frame. Never throws (that would end the schedule). */
    void tick() {
        if (closed) return;
        try {
            long now = System.nanoTime();
            if (kind.endsWithLastViewer() && !audience.isEmpty() && !audience.anyOpen()) { close(); return; } // its client is gone
            audience.admit(this::greeting, greeter);
            if (live == null) while (forkRequests.peek() != null) forkRequests.poll().accept(null);
            // The tick's share of the threads, less what earlier ticks took beyond theirs (and a frame's slack):
            // a build (start, reset) or a frame's evaluation that took long is paid back by training less (or
            // not at all, and building nothing) in the next ticks, so that a run holds a thread no longer than
            // its share on average, whatever its client sends.
            long share = this.share.budgetNanos(kind.priority());
            long deadline = now + share - overrun;
            long cpu0 = FairShare.cpuNanos();
            try {
                applyCommands(now, deadline);
                if (closed || live == null) return;
                for (Consumer<ForkSource> r; (r = forkRequests.poll()) != null; ) r.accept(forkSource());
                train(now, deadline);
                if (closed) return;
                announceDivergences();
                if (state == State.RUNNING && live.finished()) setState(State.STOPPED, "diverged");
                if ((dirty || live.pendingSteps() > 0) && now - lastFrame >= MIN_FRAME_GAP_NANOS) frame(now);
                stepSeen = live.step();
            } finally {
                // CPU time, not wall time: on a loaded machine a tick may wait for a core without using one.
                overrun = Math.max(0, overrun + (FairShare.cpuNanos() - cpu0) - share - OVERRUN_SLACK_NANOS);
            }
        } catch (Throwable t) {
            LOG.error("lab run {} failed", id, t);
            live = null;
            state = State.STOPPED;
            training = false;
            stepsOwed = 0;
            // Never the exception's text: it names Java classes, and is no help to a student.
            broadcast(new ServerMessage.Error("the run failed on the server and was stopped; start it again", null, null));
            broadcast(stateMessage());
        }
    }

    /**
     * Cuts a frame, keeps it in the history, serializes it once for the controllers and (when watchers are
     * there) once, in the watchers' compact form, for all watchers, and offers the texts.
     */
    private void frame(long now) {
        Frame f = live.frame();
        announceDivergences(); // a collapse is found with a frame's validation: announced before the frame
        history.add(f);
        checkpoints.add(f);
        String text = json.write(new ServerMessage.FrameMessage(f));
        ServerMessage.WatcherFrame compact = watcherFrames.next(f, now); // every frame: the watchers' ranges and status
        audience.offerFrame(text, () -> json.write(compact));
        lastFrame = now;
        dirty = false;
        summary = summary.after(f, state.key(), replayConfig(), live.baseLearningRate(), checkpoints.snapshot(), live.baseLearningRates());
    }

    /** Sends a diverged message for each divergence or blow-up found since the last call. */
    private void announceDivergences() {
        for (Frame.Divergence d : live.takeDivergences()) broadcast(ServerMessage.Diverged.of(d));
    }

    /**
     * What a fork starts from: an exact copy of the run as it is between two ticks (both networks, their
     * optimizer state, the batch order), with the run's description, data, history and checkpoints, so that
     * the fork's next step is the one this run would take next, and its charts go on from this run's.
     */
    public record ForkSource(LiveRun live, RunConfig config, Dataset.Split data, String dataKey, Speed speed,
                             RunHistory history, Checkpoints checkpoints, RunSummary summary, String preset) {}

    /**
     * Asks for a copy of the run; {@code receiver} gets it on the run's next tick (on the training thread; it
     * must not block), or null when there is no run yet. Nothing is given when the run closes first.
     */
    public void requestFork(Consumer<ForkSource> receiver) {
        if (!closed) forkRequests.add(receiver);
    }

    private ForkSource forkSource() {
        if (live == null) return null;
        return new ForkSource(live.fork(helper), config.with("rateChanges", live.rateChanges()), data, dataKey, speed,
                history.copy(), new Checkpoints(live.step()), summary, preset); // its checkpoints are those it reaches itself
    }

    /** Makes this (new, not yet scheduled) run a fork: paused where the source was, with its history. */
    public void adopt(ForkSource source) {
        if (task != null) throw new IllegalStateException("adopt before schedule");
        live = source.live();
        config = source.config();
        data = source.data();
        dataKey = source.dataKey();
        speed = source.speed();
        preset = source.preset();
        history = source.history();
        checkpoints = source.checkpoints();
        state = State.PAUSED;
        stepSeen = live.step();
        RunSummary s = source.summary();
        summary = s == null ? new RunSummary(live.step(), state.key(), replayConfig(), live.baseLearningRate(), java.util.Map.of(),
                checkpoints.snapshot(), java.util.Map.of(), live.baseLearningRates())
                : new RunSummary(live.step(), state.key(), replayConfig(), live.baseLearningRate(), s.validations(), checkpoints.snapshot(),
                s.diverged(), live.baseLearningRates());
    }

    /**
     * What viewers who join a built run get first: the run, its history so far, its state; taken here, on the
     * tick (a copy of the history: microseconds), made into text on the greeter (see {@link Audience}). Watchers get
     * the history in their compact form and the 2-D sample rounded. Null when there is no run yet.
     */
    private Audience.Greeting greeting() {
        if (live == null) return null;
        ServerMessage.Ready r = ready();
        RunHistory.Snapshot h = history.snapshot();
        ServerMessage.State s = stateMessage();
        return new Audience.Greeting(
                () -> List.of(json.write(r), json.write(new ServerMessage.History(h)), json.write(s)),
                () -> List.of(json.writeThin(r), json.write(WatcherFrames.history(h)), json.write(s)));
    }

    /**
     * Applies the queued commands in their order while the tick's time lasts. A step's iterations are taken
     * before the commands after it (so "step, setLearningRate" changes the rate after that step); when the
     * time is up with iterations still owed, the commands behind them wait for the next tick, unless one of
     * them is a pause, reset or start: those drop the owed iterations and are applied at once.
     */
    private void applyCommands(long now, long deadline) {
        while (!closed) {
            if (stepsOwed > 0 && live != null) {
                if (commands.stopWaiting()) {
                    stepsOwed = 0;
                    commands.dropStepsBeforeStop();
                }
                else if (!takeOwedSteps(deadline)) break; // time is up: the rest of the queue waits
            }
            CommandQueue.Command head = commands.peek();
            if (head == null) break;
            boolean build = head.message() instanceof ClientMessage.Start || head.message() instanceof ClientMessage.Reset;
            if (build && commands.supersededByLaterStart()) { // a later start replaces what this one would build
                commands.poll();
                continue;
            }
            if (build && (System.nanoTime() >= deadline || now - lastBuild < MIN_BUILD_GAP_NANOS)) break; // it waits
            CommandQueue.Command c = commands.poll();
            apply(c, now); // the others cost next to nothing (a step's iterations are taken above, in time)
            if (build) lastBuild = now;
        }
        updateTraining();
    }

    /** Takes owed iterations until none is left (true) or the time is up (false). */
    private boolean takeOwedSteps(long deadline) {
        while (stepsOwed > 0 && !closed && !live.finished()) {
            if (System.nanoTime() >= deadline) return false;
            live.advance(1);
            stepsOwed--;
            dirty = true;
        }
        stepsOwed = 0; // done, or both networks diverged
        return true;
    }

    private void train(long now, long deadline) {
        double dt = Math.min((now - lastTick) / 1e9, 0.25);
        lastTick = now;
        if (stepsOwed > 0) return; // the time went to a step's iterations; speed's steps would only pile up
        if (state != State.RUNNING) return;
        if (speed.max()) {
            while (!closed && !live.finished() && !done() && System.nanoTime() < deadline) live.advance(1);
        } else {
            owed = Math.min(owed + speed.stepsPerSecond() * dt, speed.stepsPerSecond() * 0.25 + 1);
            while (owed >= 1 && !closed && !live.finished() && !done()) {
                if (System.nanoTime() >= deadline) { owed = 0; break; } // cannot keep up: drop the rest
                live.advance(1);
                owed -= 1;
            }
        }
        if (done()) {
            dirty = true;
            live.requestEvaluation(); // the last frame of a preset carries its final validation
            setState(State.PAUSED, "done");
        }
    }

    /** The run reached the iteration it was to stop at. */
    private boolean done() { return stopAt != null && live.step() >= stopAt; }

    private void apply(CommandQueue.Command c, long now) {
        ClientMessage m = c.message();
        try {
            if (m instanceof ClientMessage.Start s) {
                start(s, now);
            } else if (m instanceof ClientMessage.SetSpeed s) {
                speed = Speed.parse(s.stepsPerSecond()); // allowed before a start: kept for it
                owed = Math.min(owed, 1);
                broadcast(stateMessage());
            } else {
                if (live == null) throw new IllegalStateException("no run yet: send start first");
                control(m, now);
            }
        } catch (InvalidConfigException e) {
            c.from().sendError(json.write(ServerMessage.Error.of(e, ClientMessage.typeOf(m))));
        } catch (IllegalArgumentException | IllegalStateException e) {
            c.from().sendError(json.write(new ServerMessage.Error(e.getMessage(), null, ClientMessage.typeOf(m))));
        } catch (IOException e) {
            LOG.warn("lab run {}: data could not be read", id, e);
            c.from().sendError(json.write(new ServerMessage.Error("the data set could not be read on the server", "dataset",
                    ClientMessage.typeOf(m))));
        }
    }

    /** A message about the existing run. */
    private void control(ClientMessage m, long now) {
        if (m instanceof ClientMessage.Pause) {
            stepsOwed = 0; // a pause stops at once, also a long step
            setState(State.PAUSED, null);
        } else if (m instanceof ClientMessage.Resume) {
            requireTrainable();
            if (done()) stopAt = null; // going on past a preset's length
            lastTick = now;
            owed = 1; // the first step comes at once, also at slow speeds
            setState(State.RUNNING, null);
        } else if (m instanceof ClientMessage.Step s) {
            int n = s.count() == null ? 1 : s.count();
            InvalidConfigException.range(n, 1, MAX_STEP_COUNT, "count");
            requireTrainable();
            // Owed, and taken within the ticks' time before the commands after this one (see applyCommands);
            // while they are owed, no other step is applied, so at most MAX_STEP_COUNT are owed.
            stepsOwed = n;
            updateTraining();
        } else if (m instanceof ClientMessage.SetLearningRate s) {
            InvalidConfigException.check(s.value() != null, "value", "missing: the new learning rate");
            // The engine checks the value (field "learningRate"). Before the first iteration it is the run's
            // starting rate; later the run records the change, so that a start with the changes replays it.
            long step = live.step();
            long kept = live.rateChanges().stream().filter(r -> r.after() < step).count();
            InvalidConfigException.check(step == 0 || kept < RateChange.MAX, "rateChanges", "a run records at most "
                    + RateChange.MAX + " learning-rate changes; reset, or start again with this rate",
                    InvalidConfigException.Rule.RATE_CHANGES, RateChange.MAX);
            RateChange change = null;
            if (!live.setLearningRate(s.value())) config = config.withStartingRate(s.value());
            else change = new RateChange(step, s.value());
            // Only the change just made: the page keeps the list (an answer with the whole list grew with every change).
            broadcast(new ServerMessage.Rates(config.learningRate(), change));
            dirty = true;
        } else if (m instanceof ClientMessage.Watch w) {
            InvalidConfigException.check(w.layer() != null, "layer", "missing: a hidden layer, from 0");
            InvalidConfigException.check(w.neuron() != null, "neuron", "missing: a neuron, from 0");
            live.watch(w.layer(), w.neuron(), w.also());
            dirty = true;
        } else if (m instanceof ClientMessage.Reset) {
            stepsOwed = 0;
            live = new LiveRun(config, data, settings, live.rateChanges(), helper); // the same run again, changes included
            history.clear();
            watcherFrames.reset();
            checkpoints = new Checkpoints();
            summary = RunSummary.NONE;
            broadcast(ready());
            setState(State.PAUSED, null);
            frame(now);
        } else if (m instanceof ClientMessage.Evaluate) {
            live.requestEvaluation();
            dirty = true;
        } else {
            throw new IllegalStateException("unhandled message " + m);
        }
    }

    private void requireTrainable() {
        if (live.finished()) throw new IllegalStateException("both networks diverged: reset, or start with another config");
    }

    private void start(ClientMessage.Start s, long now) throws IOException {
        RunConfig c = s.config() == null ? RunConfig.defaults() : s.config();
        Speed sp = s.speed() == null ? speed : Speed.parse(s.speed());
        if (s.stopAt() != null) InvalidConfigException.range(s.stopAt(), 1, MAX_STOP_AT, "stopAt");
        String key = dataKey(c);
        Dataset.Split d = key.equals(dataKey) ? data : loader.load(c);
        budget.check(c, d.train().features(), d.train().outputWidth(), evaluated(d)); // before the networks are allocated
        LiveRun l = new LiveRun(c, d, settings, c.rateChanges(), helper); // checks the config against the data (e.g. batch size)
        live = l;
        config = c;
        data = d;
        dataKey = key;
        stopAt = s.stopAt();
        preset = presetOf(s.preset(), c);
        speed = sp;
        lastTick = now;
        owed = 1;
        stepsOwed = 0;
        history.clear();
        watcherFrames.reset();
        checkpoints = new Checkpoints();
        summary = RunSummary.NONE;
        broadcast(ready());
        setState(Boolean.TRUE.equals(s.paused()) ? State.PAUSED : State.RUNNING, null);
        frame(now); // frame 0: the untrained networks at step 0, with validation and (2-D) boundary
    }

    /** Examples a frame may evaluate both networks on: the live validation and, for 2-D data, the decision grid. */
    private long evaluated(Dataset.Split d) {
        long grid = d.train().features() == 2 ? (long) settings.gridSize() * settings.gridSize() : 0;
        return grid + Math.min(d.validation().size(), LiveRun.MAX_LIVE_VALIDATION);
    }

    /** The fields that decide the data: a new start with the same ones reuses the loaded data. */
    private static String dataKey(RunConfig c) {
        return c.dataset() + "|" + c.points() + "|" + c.noise() + "|" + c.validationFraction() + "|" + c.seed() + "|" + c.upload();
    }

    private ServerMessage.Ready ready() {
        Dataset train = data.train();
        return new ServerMessage.Ready(config.with("rateChanges", live.rateChanges()), stopAt,
                new ServerMessage.DataInfo(train.name(), train.features(), train.isClassification() ? train.classes() : 0,
                        train.classNames(), train.size(), data.validation().size()),
                live.layers(), live.watch(), LiveRun.PERCENTILES, settings, sample(train), preset);
    }

    /**
     * The key a start names when its config is that preset's run (every property as a link writes it), else null:
     * a key is a name for the set-up, never a claim about another one. A former name ({@link Presets#FORMER_KEYS},
     * a page loaded before the rename) comes back as the current key, so every page of the run marks the same link.
     */
    static String presetOf(String key, RunConfig c) {
        if (key == null) return null;
        return Presets.byKey(key).filter(p -> RunFields.toQuery(p.run()).equals(RunFields.toQuery(c))).map(Preset::key).orElse(null);
    }

    /** The first training points of 2-D data (the split is shuffled), to draw over the decision boundary. */
    static ServerMessage.Points sample(Dataset train) {
        if (train.features() != 2) return null;
        int n = Math.min(train.size(), MAX_SAMPLE_POINTS);
        float[] x = new float[n], y = new float[n], value = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = train.x()[2 * i];
            y[i] = train.x()[2 * i + 1];
            value[i] = train.isClassification() ? train.labels()[i] : train.targets()[i * train.outputs()];
        }
        return new ServerMessage.Points(x, y, value);
    }

    /**
     * The run's description with the learning-rate changes made so far, as the summary gives it (a fork's record and
     * link replay its rate), made again only when a change or a new config came.
     */
    private RunConfig replayConfig() {
        if (config == null || live == null) return config;
        List<RateChange> changes = live.rateChanges();
        if (replay == null || replayBase != config || !changes.equals(replayChanges)) {
            replay = changes.isEmpty() ? config : config.with("rateChanges", changes);
            replayBase = config;
            replayChanges = changes;
        }
        return replay;
    }

    private void setState(State s, String why) {
        state = s;
        reason = why;
        summary = summary.with(live == null ? 0 : live.step(), s.key(), replayConfig(), live == null ? Double.NaN : live.baseLearningRate(),
                live == null ? java.util.Map.of() : live.baseLearningRates());
        updateTraining();
        broadcast(stateMessage());
    }

    /** Training, for the fair share of the threads: running, or taking the iterations of a step message. */
    private void updateTraining() { training = state == State.RUNNING || stepsOwed > 0; }

    private ServerMessage.State stateMessage() {
        return new ServerMessage.State(state.key(), live == null ? 0 : live.step(), speed.text(), reason);
    }

    private void broadcast(ServerMessage m) {
        audience.send(json.write(m));
    }
}
