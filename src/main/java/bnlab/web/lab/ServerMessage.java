package bnlab.web.lab;

import bnlab.engine.InvalidConfigException;
import bnlab.experiments.RunConfig;
import bnlab.experiments.live.Frame;
import bnlab.experiments.live.LiveSettings;
import bnlab.experiments.live.RunHistory;
import bnlab.experiments.RateChange;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
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
        @JsonSubTypes.Type(value = ServerMessage.WatcherFrame.class, name = "wf"),
        @JsonSubTypes.Type(value = ServerMessage.WatcherHistory.class, name = "wh"),
        @JsonSubTypes.Type(value = ServerMessage.LessonState.class, name = "lesson"),
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
     * @param layers      hidden widths of every network
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

        /** The names of the values of the run's measure points, in order ({@link bnlab.experiments.Measure#columns}); empty without a measure. */
        @com.fasterxml.jackson.annotation.JsonProperty(value = "measureColumns", access = com.fasterxml.jackson.annotation.JsonProperty.Access.READ_ONLY)
        public java.util.List<String> measureColumns() {
            return config == null || layers == null ? java.util.List.of() : config.measureOrNone().columns(layers.length);
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
     * @param state  "running", "paused" or "stopped" (no run yet, or every network diverged)
     * @param step   iterations done
     * @param speed  steps per second as text, or "max"
     * @param reason why it stopped or paused by itself: "diverged" (every network), "done" (the iteration of
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

        /**
         * The refusal of a config value, with its rule when it has one: the rule's one wire name (a page's text for it
         * is the message js.config.RULE).
         */
        public static Error of(InvalidConfigException e, String request) {
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
     * One network diverged or blew up ({@link Frame.Divergence}): sent once per network, and once more for a network
     * that blew up and later became non-finite. A "nonFinite" network stopped at that step, the others train on; one
     * of the other kinds trains on, marked.
     *
     * @param network      its name, e.g. "plain" (without BN) or "bn"
     * @param step         the iteration at which it was found
     * @param kind         "nonFinite", "exploded", "worseThanGuessing" or "collapsed"; a message without one (before
     *                     2026-12) is "nonFinite"
     * @param value        what tripped it (the neuron input, the mean training loss, the validation accuracy); null
     *                     for nonFinite
     * @param limit        the bound it crossed (the input bound, the loss bound, chance); null for nonFinite
     * @param best         collapsed only: the best validation accuracy before
     * @param loss         nonFinite only: "NaN" or "Infinity"
     * @param learningRate the rate of that step
     */
    record Diverged(String network, long step, String kind, Double value, Double limit, Double best, String loss,
                    double learningRate) implements ServerMessage {
        public static Diverged of(Frame.Divergence d) {
            return new Diverged(d.network(), d.step(), d.kind(), d.value(), d.limit(), d.best(), d.loss(), d.learningRate());
        }
    }

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
     * @param rates      the class chart's learning-rate axis {from, to} a lecture plan's task set, or null: fit to the forks
     */
    record Dashboard(int students, long checkpoint, long[] checkpoints, DashboardRow classRun, List<DashboardRow> forks,
                     double[] rates) implements ServerMessage {
        public Dashboard(int students, long checkpoint, long[] checkpoints, DashboardRow classRun, List<DashboardRow> forks) {
            this(students, checkpoint, checkpoints, classRun, forks, null);
        }
    }

    /**
     * One run on the dashboard.
     *
     * @param id           the fork's id (for show), or null for the class's run
     * @param student      the student's nickname, or null
     * @param number       the student's number, 0 for the class's run
     * @param connected    whether its student is connected (and in the fork's view)
     * @param step         iterations done
     * @param state        "running", "paused" or "stopped"
     * @param baseLearningRate the first network's base rate now
     * @param changes      what differs from the class's set-up, e.g. {field: "batchSize", value: "8", classValue: "60"}
     * @param nets         per network, by name in the run's order
     */
    record DashboardRow(String id, String student, int number, boolean connected, long step, String state,
                        double baseLearningRate, List<Change> changes, java.util.Map<String, NetStatus> nets) {}

    /**
     * @param field      a run property
     * @param value      the fork's, as in a link
     * @param classValue the class run's
     * @param network    for a "learningRate": the network whose base rate this is (each network's rate that differs
     *                   from the class run's same network is a change of its own); null for the other properties
     */
    record Change(String field, String value, String classValue, String network) {
        public Change(String field, String value, String classValue) { this(field, value, classValue, null); }
    }

    /**
     * @param accuracy      the validation accuracy last measured, or null
     * @param loss          the validation loss last measured, or null
     * @param atCheckpoint  the validation at the dashboard's checkpoint, or null before the run got there
     * @param diverged      whether it diverged or blew up (any kind)
     * @param divergedKind  how: "nonFinite", "exploded", "worseThanGuessing" or "collapsed"; null while healthy
     * @param divergedStep  the iteration at which it was found; null while healthy
     * @param baseLearningRate its base learning rate now, or null before the run is built
     * @param validatedAt   the iteration of the validation last measured ({@code accuracy}, {@code loss}), or null
     */
    record NetStatus(Double accuracy, Double loss, Frame.Validation atCheckpoint, boolean diverged, String divergedKind,
                     Long divergedStep, Double baseLearningRate, Long validatedAt) {}

    // ----- What a watcher receives (docs/protocol.md, "Watchers"): compact, made once for all watchers

    /**
     * A frame as a watcher (a student following the class) receives it: only what the watcher's charts draw,
     * numbers quantized to what a chart can show, made and serialized once for all watchers of a run. Every
     * network's steps since the previous frame are one bucket. The page decodes it into a {@link Frame}
     * (static/js/watcher-frames.js). The short names keep 20 frames a second within 4 KB/s per student.
     *
     * @param step       iterations done ("s")
     * @param steps      iterations the frame's bucket covers, the last of them {@code step} ("k"); left out (null) when
     *                   they are the iterations since the previous frame
     * @param epoch      passes over the training data ("e"), sent when it changed and every 20th frame; else null
     * @param rates      each network's learning rate for its next step, in the run's order ("r"), same rule
     * @param watch      the watched neuron ("w"), same rule
     * @param nets       per network in the run's order its bucket, or null when it took no step ("n")
     * @param validation per network its validation at {@code step}, or null; null when none was measured ("v")
     * @param histogram  the current batch's histogram, a few times a second ("h"), or null
     * @param boundary   the decision boundaries (2-D data), about every second when they changed ("b"), or null
     * @param measure    per network the run's measure points since the previous frame ("m"), or null when none
     */
    record WatcherFrame(@JsonProperty("s") long step, @JsonProperty("k") Long steps, @JsonProperty("e") Long epoch,
                        @JsonProperty("r") double[] rates, @JsonProperty("w") Frame.Watch watch,
                        @JsonProperty("n") List<Bucket> nets, @JsonProperty("v") List<Checked> validation,
                        @JsonProperty("h") Counts histogram, @JsonProperty("b") Boundary boundary,
                        @JsonProperty("m") List<List<Measured>> measure) implements ServerMessage {

        /**
         * One network's steps as a bucket, written as an array: [scale, loss, accuracy, percentiles].
         *
         * @param scale       the percentiles' unit: {1, 2, 5}[scale mod 3] x 10^floor(scale / 3)
         * @param loss        mean training loss, 2 significant digits
         * @param accuracy    mean training accuracy, 2 decimals; null for regression
         * @param percentiles the watched neuron's percentiles (Frame's order) in units of {@code scale}: the first
         *                    as it is, each further one as its difference to the one before (never negative),
         *                    written as a Base64 VLQ as in source maps (one to three characters a number); null when
         *                    the bucket has none
         */
        @JsonFormat(shape = JsonFormat.Shape.ARRAY)
        @JsonPropertyOrder({"scale", "loss", "accuracy", "percentiles"})
        public record Bucket(int scale, Double loss, Double accuracy, String percentiles) {}

        /** A validation, written as [loss, accuracy]: 3 significant digits, 3 decimals (null for regression). */
        @JsonFormat(shape = JsonFormat.Shape.ARRAY)
        @JsonPropertyOrder({"loss", "accuracy"})
        public record Checked(Double loss, Double accuracy) {}

        /**
         * The histogram, written as [lo, hi, counts]: bins equal on [lo, hi] (4 significant digits), counts per
         * network in the run's order (null for a network that has diverged), each bin's count one character of
         * {@link bnlab.web.lab.WatcherFrames#LEVELS} (its index), or two (64 x first + second) when a count
         * reaches 64.
         */
        @JsonFormat(shape = JsonFormat.Shape.ARRAY)
        @JsonPropertyOrder({"lo", "hi", "counts"})
        public record Counts(double lo, double hi, List<String> counts) {}

        /** A measure point, written as [step, values]: values 4 significant digits, null where undefined. */
        @JsonFormat(shape = JsonFormat.Shape.ARRAY)
        @JsonPropertyOrder({"step", "values"})
        public record Measured(long step, double[] values) {}

        /**
         * Decision boundaries, written as [step, size, xMin, xMax, yMin, yMax, value, lo, hi, cells]: as
         * {@link Frame.Boundary}, each cell a level 0..63 written as one character of
         * {@link bnlab.web.lab.WatcherFrames#LEVELS}, row-major; a level means the probability level/63, the class
         * of that index, or the output lo + (hi - lo) level/63. Cells per network in the run's order (null for one
         * that has diverged).
         */
        @JsonFormat(shape = JsonFormat.Shape.ARRAY)
        @JsonPropertyOrder({"step", "size", "xMin", "xMax", "yMin", "yMax", "value", "lo", "hi", "cells"})
        public record Boundary(long step, int size, double xMin, double xMax, double yMin, double yMax, String value, double lo,
                          double hi, List<String> cells) {}
    }

    /**
     * What a watcher who joins late needs to draw the run so far, in the watcher's compact form (comes after
     * {@code ready} and before {@code state} and the next frames): the history ({@link History}) with each
     * network's series merged into fewer buckets, so that a joiner's whole set-up stays under 50 KB.
     *
     * @param step      iterations done at the last frame ("s")
     * @param epoch     passes over the training data ("e")
     * @param rates     each network's learning rate for its next step ("r")
     * @param watch     the neuron the percentiles refer to ("w")
     * @param nets      per network in the run's order ("n")
     * @param histogram the last histogram ("h"), or null
     * @param boundary  the last decision boundary ("b"), or null
     */
    record WatcherHistory(@JsonProperty("s") long step, @JsonProperty("e") long epoch, @JsonProperty("r") double[] rates,
                          @JsonProperty("w") Frame.Watch watch, @JsonProperty("n") List<Trail> nets,
                          @JsonProperty("h") WatcherFrame.Counts histogram, @JsonProperty("b") WatcherFrame.Boundary boundary)
            implements ServerMessage {

        /**
         * One network's run so far.
         *
         * @param first       the first step of the first bucket ("f"); the buckets are consecutive
         * @param widths      iterations per bucket ("k")
         * @param scale       the percentiles' unit, as in {@link WatcherFrame.Bucket} ("x")
         * @param loss        per bucket, 3 significant digits ("l")
         * @param accuracy    per bucket, 3 decimals, null for regression ("a")
         * @param percentiles per bucket as in {@link WatcherFrame.Bucket}, null for a bucket without ("p")
         * @param validations its validations, oldest first ("v")
         * @param diverged    its divergence, or null ("d")
         * @param measure     the measure's points, oldest first, or null ("m")
         */
        public record Trail(@JsonProperty("f") long first, @JsonProperty("k") long[] widths, @JsonProperty("x") int scale,
                            @JsonProperty("l") Double[] loss, @JsonProperty("a") Double[] accuracy,
                            @JsonProperty("p") String[] percentiles, @JsonProperty("v") List<Checked> validations,
                            @JsonProperty("d") Frame.Divergence diverged, @JsonProperty("m") List<WatcherFrame.Measured> measure) {}

        /** A validation, written as [step, loss, accuracy]: 3 significant digits, 3 decimals (null for regression). */
        @JsonFormat(shape = JsonFormat.Shape.ARRAY)
        @JsonPropertyOrder({"step", "loss", "accuracy"})
        public record Checked(long step, Double loss, Double accuracy) {}
    }

    // ----- A room's guided lecture (docs/classroom.md, "A lecture plan")

    /**
     * Where the class is in the room's plan, to every page of the room whenever it changes (and to a page that joins).
     *
     * @param plan       the plan's key
     * @param title      its title in both languages
     * @param step       the current step, from 0
     * @param steps      how many steps the plan has
     * @param current    the current step
     * @param question   at a run that answers the question before it: that question, else null
     * @param outline    the instructor's page only: every step, for the plan's outline
     * @param paused     the class is paused: students' screens show {@code pauseText} and nothing else
     * @param pauseText  what a paused screen says (null: the page's own words)
     * @param vote       the votes of the current question (or of the one before this run), else null
     */
    record LessonState(String plan, bnlab.lessons.plan.LecturePlan.Text title, int step, int steps, PlanStep current,
                       PlanStep question, List<PlanStep> outline, boolean paused, String pauseText, Vote vote)
            implements ServerMessage {}

    /**
     * One step of a plan as a page shows it; fields that its type does not have are null. A question's
     * {@code supports} and {@code reveal} reach students only with the {@link Vote} that reveals them.
     *
     * @param supports the answer (from 0) the next run supports
     */
    record PlanStep(int index, String type, bnlab.lessons.plan.LecturePlan.Text text, String section,
                    bnlab.lessons.plan.LecturePlan.Text prompt, List<bnlab.lessons.plan.LecturePlan.Text> answers,
                    Integer supports, bnlab.lessons.plan.LecturePlan.Text reveal, String preset, String run, Long length,
                    Long checkpoint, boolean secondVote, double[] rates) {}

    /**
     * The class's votes on a question.
     *
     * @param step      the question's step
     * @param round     1, or 2 for the vote after discussion
     * @param open      answers are taken
     * @param answered  how many students answered in this round
     * @param counts    per answer, this round: to the instructor always, to students once shown or revealed
     * @param first     per answer, round 1, beside round 2's (when counts are given)
     * @param mine      this student's answer in this round, or null
     * @param mineFirst this student's answer in round 1, in round 2
     * @param shown     the results are on the projector
     * @param revealed  the run after the question has answered it
     * @param supports  once revealed: the answer the run supports
     * @param reveal    once revealed: what the run shows
     */
    record Vote(int step, int round, boolean open, int answered, int[] counts, int[] first, Integer mine, Integer mineFirst,
                boolean shown, boolean revealed, Integer supports, bnlab.lessons.plan.LecturePlan.Text reveal) {}
}
