package bnlab.web.lab;

import bnlab.experiments.RunConfig;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What a browser sends to {@code /ws/lab}: one JSON object per message, its kind in "type".
 * See docs/protocol.md for examples.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ClientMessage.Start.class, name = "start"),
        @JsonSubTypes.Type(value = ClientMessage.Pause.class, name = "pause"),
        @JsonSubTypes.Type(value = ClientMessage.Resume.class, names = {"resume", "play"}),
        @JsonSubTypes.Type(value = ClientMessage.Step.class, name = "step"),
        @JsonSubTypes.Type(value = ClientMessage.SetLearningRate.class, name = "setLearningRate"),
        @JsonSubTypes.Type(value = ClientMessage.SetSpeed.class, name = "setSpeed"),
        @JsonSubTypes.Type(value = ClientMessage.Watch.class, name = "watch"),
        @JsonSubTypes.Type(value = ClientMessage.Reset.class, name = "reset"),
        @JsonSubTypes.Type(value = ClientMessage.Evaluate.class, name = "evaluate"),
})
public sealed interface ClientMessage {
    /** The names accepted in "type", for error messages. */
    String TYPES = "start, pause, resume (or play), step, setLearningRate, setSpeed, watch, reset, evaluate";

    /** The "type" name of a message, e.g. "setLearningRate". */
    static String typeOf(ClientMessage m) {
        for (JsonSubTypes.Type t : ClientMessage.class.getAnnotation(JsonSubTypes.class).value())
            if (t.value() == m.getClass()) return t.names().length > 0 ? t.names()[0] : t.name();
        return null;
    }

    /**
     * Builds a new twin run and (unless paused) starts training it. Replaces a run this connection had.
     *
     * @param config the run description (its JSON form, {@link RunConfigJson}); missing fields take the lecture
     *               defaults; null for all defaults
     * @param speed  steps per second as a number, or "max"; null keeps the current speed (initially 100)
     * @param paused true to build the run without starting it
     * @param stopAt the iteration at which it pauses by itself (a preset's length), or null to go on; a
     *               resume after that stop goes on without one
     */
    record Start(RunConfig config, String speed, Boolean paused, Long stopAt) implements ClientMessage {}

    record Pause() implements ClientMessage {}

    record Resume() implements ClientMessage {}

    /** @param count iterations to take at once, 1..1000; null for 1 */
    record Step(Integer count) implements ClientMessage {}

    /** @param value the new base learning rate, (0, 100]; training continues from where it is */
    record SetLearningRate(Double value) implements ClientMessage {}

    /** @param stepsPerSecond a number in (0, 10,000], or "max" (as fast as the server's share of a core allows) */
    record SetSpeed(String stepsPerSecond) implements ClientMessage {}

    /** @param layer 0-based hidden layer; @param neuron 0-based neuron in it */
    record Watch(Integer layer, Integer neuron) implements ClientMessage {}

    /** Back to step 0 with the same config (and the current learning rate), paused. */
    record Reset() implements ClientMessage {}

    /** The next frame carries validation loss and accuracy of both networks. */
    record Evaluate() implements ClientMessage {}
}
