package bnlab.web.classroom;

import bnlab.experiments.RunFields;
import bnlab.lessons.plan.LecturePlan;
import bnlab.web.lab.ServerMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A room's guided lecture (issue 24): the plan the instructor follows, the step every student's screen shows, a
 * paused class, and the class's votes on each question. It belongs to its {@link Room} and is changed under the
 * room's lock only; it sends nothing itself, it says what each page should see ({@link #view}).
 */
final class Lesson {
    /** The pause text as typed is cut to this many characters. */
    static final int MAX_PAUSE_TEXT = 80;

    /** The votes of one question: per round (1, then 2 after discussion), one answer per seat. */
    static final class Votes {
        final int answers;
        int round = 1;
        boolean open = true, shown, revealed;
        final List<Map<String, Integer>> byRound = new ArrayList<>(List.of(new LinkedHashMap<>()));

        Votes(int answers) { this.answers = answers; }

        Map<String, Integer> current() { return byRound.get(round - 1); }

        int[] counts(int round) {
            int[] c = new int[answers];
            for (int a : byRound.get(round - 1).values()) c[a]++;
            return c;
        }
    }

    final LecturePlan plan;
    private int step;
    private boolean paused;
    private String pauseText;
    private final Map<Integer, Votes> votes = new HashMap<>();

    Lesson(LecturePlan plan) {
        this.plan = plan;
        enter(0);
    }

    int step() { return step; }

    LecturePlan.Step current() { return plan.steps().get(step); }

    boolean paused() { return paused; }

    /** Moves to step {@code to} (0-based); a question opens its vote the first time. */
    void goTo(int to) throws Room.Refusal {
        if (to < 0 || to >= plan.steps().size())
            throw new Room.Refusal("the plan has steps 1 to " + plan.steps().size(), "planStep", plan.steps().size());
        enter(to);
    }

    /** Back at step {@code to} after a restart: as if the plan had been followed there (a question's vote open again). */
    void jumpTo(int to) { enter(to); }

    private void enter(int to) {
        step = to;
        if (current() instanceof LecturePlan.Question q) votes.computeIfAbsent(step, k -> new Votes(q.answers().size()));
    }

    void pause(String text) {
        paused = true;
        pauseText = text;
    }

    void resume() {
        paused = false;
        pauseText = null;
    }

    /** The question of the current step with its votes, or a refusal. */
    private Votes votesHere(String what) throws Room.Refusal {
        Votes v = votes.get(step);
        if (v == null) throw new Room.Refusal("the current step of the plan asks no question: nothing to " + what, "noQuestion");
        return v;
    }

    /**
     * A student's answer: counts once per seat and round (a later answer replaces an earlier one while the vote is
     * open).
     *
     * @param atStep the step the student's page answers (0-based), so that an answer to an old question is refused
     * @return the round it counts in
     */
    int answer(String seat, Integer atStep, Integer round, Integer choice) throws Room.Refusal {
        if (atStep == null || choice == null) throw new Room.Refusal("an answer needs step and choice", "incomplete");
        Votes v = votes.get(atStep);
        if (v == null || atStep != step) throw new Room.Refusal("that question is not open now", "noQuestion");
        if (!v.open || (round != null && round != v.round)) throw new Room.Refusal("the vote on this question is closed", "voteClosed");
        if (choice < 0 || choice >= v.answers)
            throw new Room.Refusal("the answer must be one of the " + v.answers + " offered", "answer", v.answers);
        v.current().put(seat, choice);
        return v.round;
    }

    void closeVote() throws Room.Refusal {
        votesHere("close").open = false;
    }

    void showResults() throws Room.Refusal {
        Votes v = votesHere("show");
        if (v.open) throw new Room.Refusal("close the vote first: then its results go on the projector", "voteOpen");
        v.shown = true;
    }

    /** A second vote on the same question after the class discussed it (peer instruction). */
    void voteAgain() throws Room.Refusal {
        Votes v = votesHere("vote on again");
        LecturePlan.Question q = (LecturePlan.Question) current();
        if (!q.secondVote()) throw new Room.Refusal("this question has one vote only (the plan's secondVote)", "secondVote");
        if (v.round == 2) throw new Room.Refusal("this question was voted on twice already", "secondVote");
        if (v.open) throw new Room.Refusal("close the first vote first", "voteOpen");
        v.round = 2;
        v.open = true;
        v.shown = false;
        v.byRound.add(new LinkedHashMap<>());
    }

    /**
     * At the run after a question tied to it, once the class's run has reached the step's end: which answer the run
     * supports, for everyone (once).
     *
     * @param classStep the class run's iteration now
     * @return whether it was revealed now
     */
    boolean revealAt(long classStep) {
        if (step == 0 || !(current() instanceof LecturePlan.Run r) || !(plan.steps().get(step - 1) instanceof LecturePlan.Question q)
                || q.supports() == null || classStep < r.length()) return false;
        Votes v = votes.get(step - 1);
        if (v == null || v.revealed) return false;
        v.open = false;
        v.revealed = true;
        return true;
    }

    /** What a page sees: the instructor everything, a student the current step, their own answer, results once shown. */
    ServerMessage.LessonState view(boolean instructor, String seat) {
        List<ServerMessage.PlanStep> outline = null;
        if (instructor) {
            outline = new ArrayList<>();
            for (int i = 0; i < plan.steps().size(); i++) outline.add(stepView(i, true));
        }
        // At a run that answers the question before it, the question's votes (and, once revealed, its answer) stay in view.
        int q = votes.containsKey(step) ? step : step > 0 && votes.containsKey(step - 1) ? step - 1 : -1;
        ServerMessage.Vote vote = null;
        if (q >= 0) {
            Votes v = votes.get(q);
            boolean results = instructor || v.shown || v.revealed;
            Integer mine = seat == null ? null : v.current().get(seat);
            Integer mineBefore = seat == null || v.round == 1 ? null : v.byRound.get(0).get(seat);
            vote = new ServerMessage.Vote(q, v.round, v.open, v.current().size(), results ? v.counts(v.round) : null,
                    v.round == 2 && results ? v.counts(1) : null, mine, mineBefore, v.shown, v.revealed,
                    v.revealed ? ((LecturePlan.Question) plan.steps().get(q)).supports() : null,
                    v.revealed ? ((LecturePlan.Question) plan.steps().get(q)).reveal() : null);
        }
        return new ServerMessage.LessonState(plan.key(), plan.title(), step, plan.steps().size(), stepView(step, instructor),
                q >= 0 && q != step ? stepView(q, instructor) : null, outline, paused, pauseText, vote);
    }

    /** A step as a page shows it; what a question supports stays with the instructor until it is revealed. */
    private ServerMessage.PlanStep stepView(int i, boolean instructor) {
        LecturePlan.Step s = plan.steps().get(i);
        if (s instanceof LecturePlan.Section x) return new ServerMessage.PlanStep(i, "section", x.text(), x.section(), null, null, null, null,
                null, null, null, null, false, null);
        if (s instanceof LecturePlan.Run r) return new ServerMessage.PlanStep(i, "run", r.text(), null, null, null, null, null,
                r.preset() == null ? null : r.preset().key(), RunFields.toQuery(r.run()), r.length(), null, false, null);
        if (s instanceof LecturePlan.Question q) return new ServerMessage.PlanStep(i, "question", q.text(), null, q.prompt(), q.answers(),
                instructor ? q.supports() : null, instructor ? q.reveal() : null, null, null, null, null, q.secondVote(), null);
        LecturePlan.Task t = (LecturePlan.Task) s;
        return new ServerMessage.PlanStep(i, "task", t.text(), null, null, null, null, null, t.preset() == null ? null : t.preset().key(),
                RunFields.toQuery(t.run()), null, t.checkpoint(), false, t.rates());
    }
}
