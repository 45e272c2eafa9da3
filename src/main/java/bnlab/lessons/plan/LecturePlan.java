package bnlab.lessons.plan;

import bnlab.experiments.Preset;
import bnlab.experiments.RunConfig;
import java.util.List;

/**
 * A guided lecture as data: an ordered list of steps the instructor moves through, every student's screen following
 * the current one. One JSON file per plan, in German and English ({@link PlanReader}); the built-in plan follows the
 * lecture's sequence ({@code plans/lecture.json} in the jar).
 *
 * @param key   short name, kebab-case, as in a link and a file name
 * @param title what the instructor picks it by
 * @param steps at least one, at most {@link #MAX_STEPS}
 */
public record LecturePlan(String key, Text title, List<Step> steps) {
    public static final int MAX_STEPS = 60;

    public LecturePlan {
        steps = List.copyOf(steps);
    }

    /** A text in both languages of the app. */
    public record Text(String de, String en) {
        public String inLanguage(String language) { return "de".equals(language) ? de : en; }
    }

    /** One step of a plan. Every step may carry what the instructor says or the students read there. */
    public sealed interface Step permits Section, Run, Question, Task {
        /** The step's kind, as the JSON names it. */
        String type();

        /** What the students read at this step, or null. */
        Text text();
    }

    /** The students' screens show this part of the lesson (its section's id, e.g. "batch" for the batch matrices). */
    public record Section(String section, Text text) implements Step {
        /** The lesson's sections, in order (the ids of templates/lesson.html). */
        public static final List<String> SECTIONS = List.of("example", "problem", "idea", "batch", "next", "effects", "today");

        @Override public String type() { return "section"; }
    }

    /**
     * A run on every screen: a preset (its key, or null) or any run description, stopping at {@code length}.
     *
     * @param preset the preset, or null for a run of its own
     * @param run    what is trained (the preset's run, or the plan's)
     */
    public record Run(Preset preset, RunConfig run, long length, Text text) implements Step {
        @Override public String type() { return "run"; }
    }

    /**
     * A question to the class, 2 to 5 answers. When it is tied to the next run ({@code supports} not null), that run's
     * end reveals which answer it supports, with {@code reveal} saying what the run shows (no more).
     *
     * @param secondVote whether the class votes again after discussing (peer instruction)
     */
    public record Question(Text prompt, List<Text> answers, Integer supports, Text reveal, boolean secondVote, Text text)
            implements Step {
        public static final int MIN_ANSWERS = 2, MAX_ANSWERS = 5;

        public Question {
            answers = List.copyOf(answers);
        }

        @Override public String type() { return "question"; }
    }

    /**
     * A task for the students' forks of a run, e.g. "find the largest rate at which the network without BN still
     * trains": it sets the class chart's iteration of comparison and, if given, the range of its rate axis.
     *
     * @param checkpoint one of {@code Checkpoints.STEPS}
     * @param rates      the class chart's learning-rate axis {from, to}, or null for one that fits the forks
     */
    public record Task(Text text, Preset preset, RunConfig run, long checkpoint, double[] rates) implements Step {
        @Override public String type() { return "task"; }
    }
}
