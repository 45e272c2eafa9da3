package bnlab.web.classroom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bnlab.lessons.plan.LecturePlan;
import bnlab.lessons.plan.LecturePlans;
import bnlab.web.lab.ClientMessage;
import bnlab.web.lab.LabClient;
import bnlab.web.lab.ServerMessage;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The guided lecture over real sockets (issue 24): only the instructor moves the plan, every screen follows, one
 * counted answer per student and round, a late joiner gets the current step, the open question and their own answer.
 */
class LessonProtocolTest {
    private ClassroomServer server;
    private LabClient teacher;
    private String code;
    /** The built-in plan and its first question's step. */
    private static final LecturePlan PLAN = LecturePlans.builtIn();
    private static final int QUESTION = firstQuestion();

    private static int firstQuestion() {
        for (int i = 0; i < PLAN.steps().size(); i++) if (PLAN.steps().get(i) instanceof LecturePlan.Question) return i;
        throw new AssertionError("no question");
    }

    @BeforeEach
    void open() throws Exception {
        server = new ClassroomServer(ClassroomOptions.defaults());
        teacher = server.instructor();
        code = server.openRoom(teacher).code();
    }

    @AfterEach
    void stop() throws Exception {
        teacher.close();
        server.close();
    }

    private ServerMessage.LessonState lesson(LabClient c, java.util.function.Predicate<ServerMessage.LessonState> wanted) throws Exception {
        return c.next(ServerMessage.LessonState.class, wanted);
    }

    private ServerMessage.Error refusal(LabClient c) throws Exception { return c.next(ServerMessage.Error.class); }

    @Test
    void only_the_instructor_moves_the_plan_and_every_screen_follows() throws Exception {
        var st = server.student(code);
        LabClient s = st.client();
        s.send(new ClientMessage.GoTo(1));
        assertEquals("instructorOnly", refusal(s).rule());
        teacher.send(new ClientMessage.GoTo(1));
        assertEquals("noPlan", refusal(teacher).rule());
        teacher.send(new ClientMessage.Plan("nope"));
        ServerMessage.Error e = refusal(teacher);
        assertEquals("plan", e.rule());
        assertTrue(e.message().contains("lecture"), e.message());

        teacher.send(new ClientMessage.Plan("lecture"));
        ServerMessage.LessonState t0 = lesson(teacher, x -> true);
        assertEquals(0, t0.step());
        assertEquals(PLAN.steps().size(), t0.outline().size(), "the instructor sees the whole plan");
        ServerMessage.LessonState s0 = lesson(s, x -> true);
        assertNull(s0.outline(), "a student sees the current step only");
        assertEquals("section", s0.current().type());
        assertEquals("example", s0.current().section());

        teacher.send(new ClientMessage.GoTo(QUESTION));
        ServerMessage.LessonState sq = lesson(s, x -> x.step() == QUESTION);
        assertEquals("question", sq.current().type());
        assertNull(sq.current().supports(), "which answer the run supports stays with the instructor");
        assertNull(sq.current().reveal());
        assertTrue(sq.vote().open());
        assertNull(sq.vote().counts(), "no counts on a student's screen before they are shown");
        assertNotNull(lesson(teacher, x -> x.step() == QUESTION).current().supports());

        teacher.send(new ClientMessage.GoTo(PLAN.steps().size()));
        assertEquals("planStep", refusal(teacher).rule());
        teacher.send(new ClientMessage.GoTo(null));
        assertEquals("incomplete", refusal(teacher).rule());
    }

    @Test
    void one_counted_answer_per_student_a_late_joiner_gets_the_open_question_and_their_answer_and_the_run_reveals() throws Exception {
        teacher.send(new ClientMessage.Plan("lecture"));
        lesson(teacher, x -> true);
        var a = server.student(code);
        var b = server.student(code);
        teacher.send(new ClientMessage.GoTo(QUESTION));
        lesson(a.client(), x -> x.step() == QUESTION);
        lesson(b.client(), x -> x.step() == QUESTION);

        // a flood: beyond five a second refused with a clear rule, and the student still counts once
        for (int i = 0; i < 20; i++) a.client().send(new ClientMessage.Answer(QUESTION, null, i % 2));
        ServerMessage.Error flood = refusal(a.client());
        assertEquals("answerRate", flood.rule());
        Thread.sleep(1100);
        a.client().send(new ClientMessage.Answer(QUESTION, null, 1));
        ServerMessage.LessonState mine = lesson(a.client(), x -> x.vote() != null && x.vote().mine() != null && x.vote().mine() == 1
                && x.vote().answered() == 1);
        assertEquals(1, mine.vote().answered(), "twenty-one answers of one student count once");
        b.client().send(new ClientMessage.Answer(QUESTION, null, 1));
        lesson(b.client(), x -> x.vote() != null && x.vote().mine() != null);

        // hostile: out of range, an old or unknown question, a missing field
        a.client().send(new ClientMessage.Answer(QUESTION, null, 7));
        assertEquals("answer", refusal(a.client()).rule());
        a.client().send(new ClientMessage.Answer(0, null, 0));
        assertEquals("noQuestion", refusal(a.client()).rule());
        a.client().send(new ClientMessage.Answer(QUESTION, null, null));
        assertEquals("incomplete", refusal(a.client()).rule());
        teacher.send(new ClientMessage.Answer(QUESTION, null, 0));
        assertEquals("studentOnly", refusal(teacher).rule());

        // the instructor's count follows within a second
        ServerMessage.LessonState counted = lesson(teacher, x -> x.vote() != null && x.vote().answered() == 2);
        assertArrayEquals(new int[]{0, 2, 0}, counted.vote().counts());

        // a late joiner, and a student back on their seat, get the step, the open question and their own answer
        var late = server.student(code);
        ServerMessage.LessonState lj = lesson(late.client(), x -> true);
        assertEquals(QUESTION, lj.step());
        assertTrue(lj.vote().open());
        assertNull(lj.vote().mine());
        a.client().close();
        var back = server.student(code, "?seat=" + a.room().seat());
        assertEquals(1, lesson(back.client(), x -> true).vote().mine(), "their answer is kept with their seat");

        teacher.send(new ClientMessage.ShowResults());
        assertEquals("voteOpen", refusal(teacher).rule());
        teacher.send(new ClientMessage.CloseVote());
        lesson(teacher, x -> !x.vote().open());
        late.client().send(new ClientMessage.Answer(QUESTION, null, 0));
        assertEquals("voteClosed", refusal(late.client()).rule());
        teacher.send(new ClientMessage.ShowResults());
        ServerMessage.LessonState shown = lesson(b.client(), x -> x.vote() != null && x.vote().shown());
        assertArrayEquals(new int[]{0, 2, 0}, shown.vote().counts(), "anonymous counts on every screen once shown");

        // the run after it: built paused on the class's run; its end reveals the answer the run supports
        teacher.send(new ClientMessage.GoTo(QUESTION + 1));
        ServerMessage.Ready ready = teacher.next(ServerMessage.Ready.class);
        assertEquals("figure1", ready.preset());
        assertEquals(3000L, ready.stopAt());
        ServerMessage.LessonState atRun = lesson(b.client(), x -> x.step() == QUESTION + 1);
        assertEquals("run", atRun.current().type());
        assertNotNull(atRun.question(), "the question stays in view at its run");
        assertFalse(atRun.vote().revealed(), "not before the run has shown it");
        teacher.send(new ClientMessage.Resume()); // at the preset's speed (max) to its end, iteration 3,000
        ServerMessage.LessonState revealed = b.client().next(ServerMessage.LessonState.class, x -> x.vote() != null && x.vote().revealed(),
                Duration.ofSeconds(60));
        assertEquals(((LecturePlan.Question) PLAN.steps().get(QUESTION)).supports(), revealed.vote().supports());
        assertNotNull(revealed.vote().reveal().en());
        assertNotNull(revealed.vote().reveal().de());
    }

    @Test
    void a_second_vote_after_discussion_is_shown_beside_the_first() throws Exception {
        int q = -1;
        for (int i = 0; i < PLAN.steps().size(); i++)
            if (PLAN.steps().get(i) instanceof LecturePlan.Question x && x.secondVote()) { q = i; break; }
        assertTrue(q > 0, "the built-in plan has a question voted on twice");
        teacher.send(new ClientMessage.Plan("lecture"));
        var a = server.student(code);
        teacher.send(new ClientMessage.GoTo(q));
        final int at = q;
        lesson(a.client(), x -> x.step() == at);
        a.client().send(new ClientMessage.Answer(q, null, 0));
        lesson(a.client(), x -> x.vote() != null && x.vote().mine() != null);
        teacher.send(new ClientMessage.VoteAgain());
        assertEquals("voteOpen", refusal(teacher).rule());
        teacher.send(new ClientMessage.CloseVote());
        teacher.send(new ClientMessage.VoteAgain());
        ServerMessage.LessonState second = lesson(a.client(), x -> x.vote() != null && x.vote().round() == 2);
        assertTrue(second.vote().open());
        assertNull(second.vote().mine());
        assertEquals(0, second.vote().mineFirst(), "their first answer stays beside");
        a.client().send(new ClientMessage.Answer(q, 1, 1));
        assertEquals("voteClosed", refusal(a.client()).rule(), "an answer to the first round after it closed");
        a.client().send(new ClientMessage.Answer(q, 2, 1));
        lesson(a.client(), x -> x.vote() != null && x.vote().mine() != null);
        teacher.send(new ClientMessage.CloseVote());
        teacher.send(new ClientMessage.ShowResults());
        ServerMessage.LessonState both = lesson(a.client(), x -> x.vote() != null && x.vote().shown());
        assertEquals(1, both.vote().counts()[1]);
        assertEquals(1, both.vote().first()[0]);
        teacher.send(new ClientMessage.VoteAgain());
        assertEquals("secondVote", refusal(teacher).rule());
    }

    @Test
    void pausing_the_class_freezes_the_students_screens_with_a_message_and_a_task_releases_them() throws Exception {
        teacher.send(new ClientMessage.Plan("lecture"));
        var a = server.student(code);
        lesson(a.client(), x -> true);
        teacher.send("{\"type\":\"pauseClass\",\"text\":\"Eyes on the projector\\u202e\"}");
        ServerMessage.LessonState p = lesson(a.client(), ServerMessage.LessonState::paused);
        assertEquals("Eyes on the projector", p.pauseText(), "format characters dropped");
        teacher.send(new ClientMessage.ResumeClass());
        lesson(a.client(), x -> !x.paused());

        int task = -1;
        for (int i = 0; i < PLAN.steps().size(); i++) if (PLAN.steps().get(i) instanceof LecturePlan.Task) { task = i; break; }
        teacher.send(new ClientMessage.GoTo(task));
        ServerMessage.Room released = a.client().next(ServerMessage.Room.class, r -> !r.locked());
        assertFalse(released.locked(), "a task releases the class to fork");
        long checkpoint = ((LecturePlan.Task) PLAN.steps().get(task)).checkpoint();
        // a dashboard sent before the step may still be on its way; the next ones compare at the task's iteration
        ServerMessage.Dashboard d = teacher.next(ServerMessage.Dashboard.class, x -> x.checkpoint() == checkpoint);
        assertArrayEquals(((LecturePlan.Task) PLAN.steps().get(task)).rates(), d.rates(), 1e-12, "and its rate axis");
        teacher.send(new ClientMessage.GoTo(task + 1));
        assertTrue(a.client().next(ServerMessage.Room.class, r -> r.locked()).locked(), "leaving the task brings everyone back");
        assertNull(teacher.next(ServerMessage.Dashboard.class, x -> x.rates() == null).rates(), "and the axis fits the forks again");
    }
}
