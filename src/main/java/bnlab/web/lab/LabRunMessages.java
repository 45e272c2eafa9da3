package bnlab.web.lab;

import bnlab.engine.Dataset;
import bnlab.experiments.Preset;
import bnlab.experiments.Presets;
import bnlab.experiments.RunConfig;
import bnlab.experiments.RunFields;
import bnlab.experiments.live.Frame;
import bnlab.experiments.live.LiveRun;
import bnlab.experiments.live.RunHistory;
import java.util.List;

/**
 * What a {@link LabRun} sends, and the one place it turns a {@link ServerMessage} into text (through
 * {@link LabJson}) and hands it to its {@link Audience}: control messages to everyone, a frame once in full and
 * once in the watchers' compact form ({@link WatcherFrames}), a refusal to the viewer whose command it was, and
 * the greeting of viewers who join (ready, history, state).
 *
 * <p>Called by the run's tick only (one thread at a time); the greeting's texts are made later, on the greeter,
 * from a snapshot the tick took.
 */
final class LabRunMessages {
    /** At most this many training points go to the page with {@code ready}, for drawing 2-D data. */
    static final int MAX_SAMPLE_POINTS = 400;

    private final LabJson json;
    private final Audience audience;
    private final LabRun run; // its tick-owned state, read on the tick
    private final WatcherFrames watcherFrames = new WatcherFrames(); // the watchers' form of the frames, since the run's start

    LabRunMessages(LabJson json, Audience audience, LabRun run) {
        this.json = json;
        this.audience = audience;
        this.run = run;
    }

    /** A control message to every viewer. */
    void broadcast(ServerMessage m) {
        audience.send(json.write(m));
    }

    /** The run built: its description, data and layers, to every viewer. */
    void broadcastReady() {
        broadcast(ready());
    }

    /** The run's state, iteration and speed, to every viewer. */
    void broadcastState() {
        broadcast(state());
    }

    /** A refusal, to the viewer whose command it answers. */
    void refuse(Viewer to, ServerMessage.Error e) {
        to.sendError(json.write(e));
    }

    /**
     * A frame, serialized once for the controllers and (when watchers are there) once, in the watchers' compact
     * form, for all watchers.
     */
    void frame(Frame f, long now) {
        String text = json.write(new ServerMessage.FrameMessage(f));
        ServerMessage.WatcherFrame compact = watcherFrames.next(f, now); // every frame: the watchers' ranges and status
        audience.offerFrame(text, () -> json.write(compact));
    }

    /** A new run (start, reset): the watchers' frames start again from it. */
    void newRun() {
        watcherFrames.reset();
    }

    /**
     * What viewers who join a built run get first: the run, its history so far, its state; taken here, on the tick
     * (a copy of the history: microseconds), made into text on the greeter (see {@link Audience}). Watchers get the
     * history in their compact form and the 2-D sample rounded. Null when there is no run yet.
     */
    Audience.Greeting greeting() {
        if (run.live == null) return null;
        ServerMessage.Ready r = ready();
        RunHistory.Snapshot h = run.history.snapshot();
        ServerMessage.State s = state();
        return new Audience.Greeting(
                () -> List.of(json.write(r), json.write(new ServerMessage.History(h)), json.write(s)),
                () -> List.of(json.writeThin(r), json.write(WatcherFrames.history(h)), json.write(s)));
    }

    /** What a page needs to draw the run: its description (with the rate changes made so far), data, layers and settings. */
    private ServerMessage.Ready ready() {
        LiveRun live = run.live;
        Dataset train = run.data.train();
        return new ServerMessage.Ready(run.config.with("rateChanges", live.rateChanges()), run.pacing.stopAt(),
                new ServerMessage.DataInfo(train.name(), train.features(), train.isClassification() ? train.classes() : 0,
                        train.classNames(), train.size(), run.data.validation().size()),
                live.layers(), live.watch(), LiveRun.PERCENTILES, run.settings, sample(train), run.preset);
    }

    /** The run's state, its iteration (0 before a run is built) and speed, and why it stopped or paused, if it says. */
    private ServerMessage.State state() {
        return new ServerMessage.State(run.state.key(), run.live == null ? 0 : run.live.step(), run.pacing.speed().text(), run.reason);
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
}
