package bnlab.web.lab;

import bnlab.engine.InvalidConfigException;
import bnlab.experiments.RunConfig;
import bnlab.experiments.live.Frame;
import bnlab.experiments.live.LiveSettings;
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
     */
    record Ready(RunConfig config, Long stopAt, DataInfo data, int[] layers, Frame.Watch watch, double[] percentiles,
                 LiveSettings settings, Points points) implements ServerMessage {}

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

    /** A frame of the run: see {@link Frame}. */
    record FrameMessage(Frame frame) implements ServerMessage {}

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

        Error(String message, String field, String request) { this(message, field, request, null, null); }

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
     * One network's loss became NaN or infinite: it stopped at that step, the other trains on.
     *
     * @param network      "plain" (without BN) or "bn"
     * @param step         the iteration at which it happened
     * @param loss         "NaN" or "Infinity"
     * @param learningRate the rate of that step
     */
    record Diverged(String network, long step, String loss, double learningRate) implements ServerMessage {}
}
