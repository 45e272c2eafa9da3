package bnlab.web.lab;

import bnlab.engine.InvalidConfigException;
import bnlab.experiments.RunConfig;
import bnlab.experiments.live.Frame;
import bnlab.experiments.live.LiveSettings;
import bnlab.experiments.live.RunHistory;
import bnlab.experiments.RateChange;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/** What the server sends on {@code /ws/lab}: one JSON object per message, its kind in "type". */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ServerMessage.Hello.class, name = "hello"),
        @JsonSubTypes.Type(value = ServerMessage.Ready.class, name = "ready"),
        @JsonSubTypes.Type(value = ServerMessage.FrameMessage.class, name = "frame"),
        @JsonSubTypes.Type(value = ServerMessage.State.class, name = "state"),
        @JsonSubTypes.Type(value = ServerMessage.Rates.class, name = "rates"),
        @JsonSubTypes.Type(value = ServerMessage.Error.class, name = "error"),
        @JsonSubTypes.Type(value = ServerMessage.Diverged.class, name = "diverged"),
        @JsonSubTypes.Type(value = ServerMessage.History.class, name = "history"),
        @JsonSubTypes.Type(value = ServerMessage.Room.class, name = "room"),
        @JsonSubTypes.Type(value = ServerMessage.RoomClosed.class, name = "roomClosed"),
        @JsonSubTypes.Type(value = ServerMessage.Dashboard.class, name = "dashboard"),
})
public sealed interface ServerMessage {

    /**
     * The first message on a new connection.
     *
     * @param protocol        version of this protocol
     * @param run             the id of this connection's run in the server's registry
     * @param defaults        the config a start without fields gets
     * @param datasets        the data set names allowed in a config
     * @param maxFramesPerSecond frames are sent at most this often
     */
    record Hello(int protocol, String run, RunConfig defaults, List<String> datasets, int maxFramesPerSecond)
            implements ServerMessage {}

    /**
     * A run was built (after start or reset); frames follow.
     *
     * @param config      the effective run description, defaults filled in, with the rate changes made and planned
     * @param stopAt      the iteration at which the run pauses by itself, or null
     * @param data        what is trained on
     * @param layers      hidden widths of both networks
     * @param watch       the neuron watched at first (a neuron of the last hidden layer)
     * @param percentiles the percentiles (0..100) in every frame's series, in order
     * @param settings    how frames summarize (buckets, bins, grid, evaluation cadence)
     * @param points      2-D data only: a sample of the training points, to draw over the decision boundary; else null
     * @param preset      the key of the preset the run was started as (start's {@code preset}), or null: presets that
     *                    share a set-up (the lecture's and batches of 8) are told apart by it
     */
    record Ready(RunConfig config, Long stopAt, DataInfo data, int[] layers, Frame.Watch watch, double[] percentiles,
                 LiveSettings settings, Points points, String preset) implements ServerMessage {
        /** A ready message of a run started as no preset. */
        public Ready(RunConfig config, Long stopAt, DataInfo data, int[] layers, Frame.Watch watch, double[] percentiles,
                     LiveSettings settings, Points points) {
            this(config, stopAt, data, layers, watch, percentiles, settings, points, null);
        }
    }

    /**
     * Training points of 2-D data, column-wise.
     *
     * @param x     (n) first feature
     * @param y     (n) second feature
     * @param value (n) the class index, or the regression target
     */
    record Points(float[] x, float[] y, float[] value) {}

    /**
     * @param name       data set name
     * @param features   inputs per example
     * @param classes    classes, 0 for regression
     * @param classNames one per class, or null
     * @param train      training examples
     * @param validation validation examples
     */
    record DataInfo(String name, int features, int classes, String[] classNames, int train, int validation) {}

    /**
     * A frame of the run: see {@link Frame}.
     *
     * @param sent when the server made the message, in milliseconds since 1970 (its clock): a client on the
     *             same clock (the load tool) measures how long frames take to arrive
     */
    record FrameMessage(Frame frame, Long sent) implements ServerMessage {
        public FrameMessage(Frame frame) { this(frame, System.currentTimeMillis()); }
    }

    /**
     * Play state, sent on every change.
     *
     * @param state  "running", "paused" or "stopped" (no run yet, or both networks diverged)
     * @param step   iterations done
     * @param speed  steps per second as text, or "max"
     * @param reason why it stopped or paused by itself: "diverged" (both networks), "done" (the iteration of
     *               {@code stopAt} was reached; a resume goes on); else null
     */
    record State(String state, long step, String speed, String reason) implements ServerMessage {}

    /**
     * The answer to a setLearningRate: the change just made, so that the page can keep what a new start
     * needs to replay the run exactly. The page's list of changes becomes: its changes before
     * {@code change.after} (a change by hand drops those planned later, and replaces one at the same
     * iteration), then {@code change}. The whole list is in {@code ready}'s config; it is not repeated here,
     * since an answer listing every change grew with each one (4,000 changes gave 211 MB of answers).
     *
     * @param learningRate the starting rate (a change before the first iteration replaces it)
     * @param change       the change made, or null when it came before the first iteration (then it is the
     *                     starting rate, and the run has no changes)
     */
    record Rates(double learningRate, RateChange change) implements ServerMessage {}

    /**
     * A message was refused; the connection stays open.
     *
     * @param message what was wrong, in English (the engine's message for config values)
     * @param field   the config or message field at fault, or null
     * @param request the "type" of the refused message, when known
     * @param rule    for a refused config value, the rule it broke in lower camel case (e.g. "aboveAtMost",
     *                see {@link InvalidConfigException.Rule}), so the page can say it in its language; else null
     * @param args    the rule's arguments (numbers as numbers), or null
     */
    record Error(String message, String field, String request, String rule, List<Object> args) implements ServerMessage {
        /** Longest message sent; an engine message may quote what the client sent, which may be long. */
        static final int MAX_MESSAGE = 300;

        public Error {
            if (message != null && message.length() > MAX_MESSAGE) message = message.substring(0, MAX_MESSAGE) + "…";
            field = LabJson.shorten(field);
            request = LabJson.shorten(request);
            if (args != null)
                args = args.stream().map(a -> a instanceof String t && t.length() > MAX_MESSAGE
                        ? (Object) (t.substring(0, MAX_MESSAGE) + "…") : a).toList();
        }

        public Error(String message, String field, String request) { this(message, field, request, null, null); }

        /** The refusal of a config value, with its rule when it has one. */
        static Error of(InvalidConfigException e, String request) {
            if (e.rule() == InvalidConfigException.Rule.OTHER) return new Error(e.getMessage(), e.field(), request);
            return new Error(e.getMessage(), e.field(), request, camel(e.rule().name()), e.args());
        }

        private static String camel(String constant) {
            StringBuilder b = new StringBuilder();
            for (String part : constant.toLowerCase(java.util.Locale.ROOT).split("_"))
                b.append(b.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
            return b.toString();
        }
    }

    /**
     * One network's loss became NaN or infinite: it stopped at that step, the others train on.
     *
     * @param network      its name, e.g. "plain" (without BN) or "bn"
     * @param step         the iteration at which it happened
     * @param loss         "NaN" or "Infinity"
     * @param learningRate the rate of that step
     */
    record Diverged(String network, long step, String loss, double learningRate) implements ServerMessage {}

    /**
     * What a page that joins a built run late needs to draw it so far; comes after {@code ready} and before
     * {@code state} and the next frames. The series are merged as the page merges them (at most 400 buckets per
     * network; see {@link RunHistory}).
     *
     * @param step          iterations done at the last frame
     * @param epoch         the last frame's epoch (what the page's status line shows until the next frame: a paused
     *                      run sends none)
     * @param learningRates the last frame's learning rate of each network, by name in the run's order (the status
     *                      line's rates); empty before the first frame
     * @param watch         the neuron the percentiles refer to
     * @param nets          per network, by name in the run's order: series, validations (oldest first), divergence, the
     *                      measure's points
     * @param histogram     the last frame's histogram, or null
     * @param boundary      the last decision boundary (2-D data), or null
     */
    record History(long step, long epoch, java.util.Map<String, Double> learningRates, Frame.Watch watch,
                   java.util.Map<String, RunHistory.Net> nets, Frame.Histogram histogram, Frame.Boundary boundary)
            implements ServerMessage {
        public History(RunHistory.Snapshot s) {
            this(s.step(), s.epoch(), s.learningRates(), s.watch(), s.nets(), s.histogram(), s.boundary());
        }

        /** The part of the network of that name, or null. */
        public RunHistory.Net net(String name) { return nets == null ? null : nets.get(name); }

        /** The snapshot this message carries. */
        public RunHistory.Snapshot snapshot() {
            return new RunHistory.Snapshot(step, epoch, learningRates == null ? java.util.Map.of() : learningRates, watch, nets,
                    histogram, boundary);
        }
    }

    // ----- The classroom (docs/classroom.md)

    /**
     * The room as this page sees it; sent when the page enters and whenever something in it changes.
     *
     * @param code     the join code
     * @param name     the room's name as the instructor typed it, or null
     * @param role     "instructor" or "student"
     * @param locked   whether students only watch (no forks)
     * @param students students connected now
     * @param forks    forks alive in the room
     * @param view     what this page shows now: "class" (the class's run), "fork" (the student's own copy) or
     *                 "shown" (the instructor watches a student's fork)
     * @param seat     a student's secret seat: the page passes it when it connects again, to be the same student
     *                 (nickname, fork); null for the instructor
     * @param nickname the student's name on the dashboard, or null (then the number)
     * @param number   the student's number in the room, from 1; 0 for the instructor
     * @param joinUrls the addresses students can open (instructor only), or null
     * @param shown    the nickname (or number) of the fork on the projector, or null
     * @param shownNumber the number of the student whose fork is on the projector, or null: what the projector says
     *                 unless the instructor turns names on
     */
    record Room(String code, String name, String role, boolean locked, int students, int forks, String view, String seat,
                String nickname, int number, List<String> joinUrls, String shown, Integer shownNumber) implements ServerMessage {
        /** A room message without a shown fork's number. */
        public Room(String code, String name, String role, boolean locked, int students, int forks, String view, String seat,
                    String nickname, int number, List<String> joinUrls, String shown) {
            this(code, name, role, locked, students, forks, view, seat, nickname, number, joinUrls, shown, null);
        }
    }

    /**
     * The room has ended; the connection closes after this.
     *
     * @param reason "closed" (by the instructor), "instructorGone" (not back within the grace period),
     *               "idle", "serverStopping", or "noRoom" (the code names no room: ended, or mistyped)
     */
    record RoomClosed(String reason) implements ServerMessage {}

    /**
     * The instructor's view of the class, about once a second.
     *
     * @param students   students connected
     * @param checkpoint the iteration at which the class chart compares the runs
     * @param checkpoints the iterations it can compare at
     * @param classRun   the class's run, as a row
     * @param forks      every fork alive, oldest first
     */
    record Dashboard(int students, long checkpoint, long[] checkpoints, DashboardRow classRun, List<DashboardRow> forks)
            implements ServerMessage {}

    /**
     * One run on the dashboard.
     *
     * @param id           the fork's id (for show), or null for the class's run
     * @param student      the student's nickname, or null
     * @param number       the student's number, 0 for the class's run
     * @param connected    whether its student is connected (and in the fork's view)
     * @param step         iterations done
     * @param state        "running", "paused" or "stopped"
     * @param learningRate the first network's base rate now
     * @param changes      what differs from the class's set-up, e.g. {field: "batchSize", value: "8", classValue: "60"}
     * @param nets         per network, by name in the run's order
     */
    record DashboardRow(String id, String student, int number, boolean connected, long step, String state,
                        double learningRate, List<Change> changes, java.util.Map<String, NetStatus> nets) {}

    /** @param field a run property; @param value the fork's, as in a link; @param classValue the class run's */
    record Change(String field, String value, String classValue) {}

    /**
     * @param accuracy  the validation accuracy last measured, or null
     * @param loss      the validation loss last measured, or null
     * @param atCheckpoint the validation at the dashboard's checkpoint, or null before the run got there
     * @param diverged  whether it diverged
     * @param learningRate its base learning rate now, or null before the run is built
     * @param validatedAt the iteration of the validation last measured ({@code accuracy}, {@code loss}), or null
     */
    record NetStatus(Double accuracy, Double loss, Frame.Validation atCheckpoint, boolean diverged, Double learningRate,
                     Long validatedAt) {
        /** A network's status without the iteration of its last validation. */
        public NetStatus(Double accuracy, Double loss, Frame.Validation atCheckpoint, boolean diverged, Double learningRate) {
            this(accuracy, loss, atCheckpoint, diverged, learningRate, null);
        }
    }
}
