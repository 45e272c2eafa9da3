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
        @JsonSubTypes.Type(value = ClientMessage.OpenRoom.class, name = "openRoom"),
        @JsonSubTypes.Type(value = ClientMessage.Lock.class, name = "lock"),
        @JsonSubTypes.Type(value = ClientMessage.Release.class, name = "release"),
        @JsonSubTypes.Type(value = ClientMessage.CloseRoom.class, name = "closeRoom"),
        @JsonSubTypes.Type(value = ClientMessage.Show.class, name = "show"),
        @JsonSubTypes.Type(value = ClientMessage.ClassChart.class, name = "classChart"),
        @JsonSubTypes.Type(value = ClientMessage.Fork.class, name = "fork"),
        @JsonSubTypes.Type(value = ClientMessage.Unfork.class, name = "unfork"),
        @JsonSubTypes.Type(value = ClientMessage.Nickname.class, name = "nickname"),
        @JsonSubTypes.Type(value = ClientMessage.Plan.class, name = "plan"),
        @JsonSubTypes.Type(value = ClientMessage.GoTo.class, name = "goTo"),
        @JsonSubTypes.Type(value = ClientMessage.PauseClass.class, name = "pauseClass"),
        @JsonSubTypes.Type(value = ClientMessage.ResumeClass.class, name = "resumeClass"),
        @JsonSubTypes.Type(value = ClientMessage.CloseVote.class, name = "closeVote"),
        @JsonSubTypes.Type(value = ClientMessage.ShowResults.class, name = "showResults"),
        @JsonSubTypes.Type(value = ClientMessage.VoteAgain.class, name = "voteAgain"),
        @JsonSubTypes.Type(value = ClientMessage.Answer.class, name = "answer"),
})
public sealed interface ClientMessage {
    /** The names accepted in "type", for error messages. */
    String TYPES = "start, pause, resume (or play), step, setLearningRate, setSpeed, watch, reset, evaluate;"
            + " in a room also openRoom, lock, release, closeRoom, show, classChart, plan, goTo, pauseClass, resumeClass,"
            + " closeVote, showResults, voteAgain (instructor), fork, unfork, nickname, answer (student)";

    /** The "type" name of a message, e.g. "setLearningRate". */
    static String typeOf(ClientMessage m) {
        for (JsonSubTypes.Type t : ClientMessage.class.getAnnotation(JsonSubTypes.class).value())
            if (t.value() == m.getClass()) return t.names().length > 0 ? t.names()[0] : t.name();
        return null;
    }

    /**
     * Builds a new run (its config's networks, by default the twin) and (unless paused) starts training it. Replaces a run this connection had.
     *
     * @param config the run description (its JSON form, {@link RunConfigJson}); missing fields take the lecture
     *               defaults; null for all defaults
     * @param speed  steps per second as a number, or "max"; null keeps the current speed (initially 100)
     * @param paused true to build the run without starting it
     * @param stopAt the iteration at which it pauses by itself (a preset's length), or null to go on; a
     *               resume after that stop goes on without one
     * @param preset the key of the preset this set-up is (e.g. "batch8"), or null; kept only when the config is that
     *               preset's run, and given back in {@code ready}, so that every page marks the same one of the
     *               presets that share a set-up
     */
    record Start(RunConfig config, String speed, Boolean paused, Long stopAt, String preset) implements ClientMessage {
        /** A start that names no preset. */
        public Start(RunConfig config, String speed, Boolean paused, Long stopAt) { this(config, speed, paused, stopAt, null); }
    }

    record Pause() implements ClientMessage {}

    record Resume() implements ClientMessage {}

    /** @param count iterations to take at once, 1..1000; null for 1 */
    record Step(Integer count) implements ClientMessage {}

    /** @param value the new base learning rate, (0, 100]; training continues from where it is */
    record SetLearningRate(Double value) implements ClientMessage {}

    /** @param stepsPerSecond a number in (0, 10,000], or "max" (as fast as the server's share of a core allows) */
    record SetSpeed(String stepsPerSecond) implements ClientMessage {}

    /**
     * @param layer  0-based hidden layer
     * @param neuron 0-based neuron in it
     * @param also   further neurons (at most 7) whose percentile means every frame carries too, or null to keep them
     */
    record Watch(Integer layer, Integer neuron, java.util.List<bnlab.experiments.live.Frame.Watch> also) implements ClientMessage {
        public Watch(Integer layer, Integer neuron) { this(layer, neuron, null); }
    }

    /** Back to step 0 with the same config (and the current learning rate), paused. */
    record Reset() implements ClientMessage {}

    /** The next frame carries validation loss and accuracy of every network. */
    record Evaluate() implements ClientMessage {}

    // ----- The classroom (docs/classroom.md): on /ws/teach (the instructor) and /ws/join/CODE (a student) only.

    /** Marks the messages that are about the room, not about a run; the lab's socket refuses them. */
    sealed interface RoomMessage extends ClientMessage {}

    /** Instructor: opens a room (one per instructor connection); its run is built by a start. @param name shown to the students, or null */
    record OpenRoom(String name) implements RoomMessage {}

    /** Instructor: students only watch; their forks pause and they are back in the class's view. */
    record Lock() implements RoomMessage {}

    /** Instructor: students may fork the class's run and drive their copies. */
    record Release() implements RoomMessage {}

    /** Instructor: ends the room for everyone. */
    record CloseRoom() implements RoomMessage {}

    /** Instructor: watch a student's fork on the projector; null returns to the class's run. @param fork a fork's id from the dashboard */
    record Show(String fork) implements RoomMessage {}

    /** Instructor: the iteration at which the class chart compares the forks (one of the checkpoints). */
    record ClassChart(Long step) implements RoomMessage {}

    /** Student: a private copy of the class's run as it is now (weights and optimizer state), driven like the lab. */
    record Fork() implements RoomMessage {}

    /** Student: back to the class's run (the fork pauses and is kept a while). */
    record Unfork() implements RoomMessage {}

    /** Student: the name the dashboard shows (at most 24 characters; empty for a number). */
    record Nickname(String name) implements RoomMessage {}

    // ----- A room's guided lecture (docs/classroom.md, "A lecture plan")

    /** Instructor: follow a plan (its key; null: none), from its first step. */
    record Plan(String key) implements RoomMessage {}

    /** Instructor: every screen to the plan's step {@code step} (from 0): next, back or a jump. */
    record GoTo(Integer step) implements RoomMessage {}

    /** Instructor: freeze the students' screens with a short message (null: the page's own words). */
    record PauseClass(String text) implements RoomMessage {}

    /** Instructor: lift the pause. */
    record ResumeClass() implements RoomMessage {}

    /** Instructor: no more answers to the current question. */
    record CloseVote() implements RoomMessage {}

    /** Instructor: the closed vote's results to every screen (anonymous counts). */
    record ShowResults() implements RoomMessage {}

    /** Instructor: a second vote on the same question, after the class discussed it. */
    record VoteAgain() implements RoomMessage {}

    /**
     * Student: an answer to the open question; a later one replaces it while the vote is open.
     *
     * @param step   the question's step (from 0), as the student's page shows it
     * @param round  the vote's round as the page shows it (1, or 2), or null for the current one
     * @param choice the answer, from 0
     */
    record Answer(Integer step, Integer round, Integer choice) implements RoomMessage {}
}
