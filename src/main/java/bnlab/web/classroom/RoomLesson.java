package bnlab.web.classroom;

import bnlab.experiments.RunConfig;
import bnlab.lessons.plan.LecturePlan;
import bnlab.record.ClassRecord;
import bnlab.web.lab.ClientMessage;
import bnlab.web.lab.Viewer;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@link Room}'s guided lecture (docs/classroom.md, "A lecture plan"): the plan the class follows ({@link Lesson}
 * keeps its step, pause and votes), what moving to a step does to the room (a task releases the class, a run is
 * built on the class run), the students' answers (also those of other instances, through the relay), and every
 * page's view of it.
 *
 * <p>Guarded by the room's lock: called only from the room's synchronized methods.
 */
final class RoomLesson {
    private final Room room;
    private Lesson lesson;         // the plan the class follows, or null
    private boolean changed;       // votes came in since the instructor's last lesson message
    /** Students of other instances who answered, by instance and seat: numbered -1, -2, ... for the record. */
    private final Map<String, Integer> remoteNumbers = new HashMap<>();

    RoomLesson(Room room) { this.room = room; }

    /** The plan's step as the record keeps it, or null without a plan. */
    Integer step() { return lesson == null ? null : lesson.step(); }

    /** Back at the recorded step of {@code plan} after a restart (null: no plan), as if the plan had been followed there. */
    void restore(LecturePlan plan, Integer step) {
        if (plan == null) return;
        lesson = new Lesson(plan);
        if (step != null && step >= 0 && step < plan.steps().size()) lesson.jumpTo(step);
    }

    /** Follows {@code plan} from its first step (null: no plan); every page is told. */
    void plan(LecturePlan plan) {
        int from = lesson == null ? -1 : lesson.step();
        LecturePlan.Step before = lesson == null ? null : lesson.current();
        lesson = plan == null ? null : new Lesson(plan);
        room.record.plan(plan == null ? null : plan.key());
        stepChanged(before, from);
        send();
    }

    private Lesson lesson() throws Room.Refusal {
        if (lesson == null) throw new Room.Refusal("choose a plan first", "noPlan");
        return lesson;
    }

    /** Every screen to step {@code step} of the plan (from 0). */
    void goTo(Integer step) throws Room.Refusal {
        if (step == null) throw new Room.Refusal("step: missing", "incomplete");
        Lesson l = lesson();
        int from = l.step();
        var before = l.current();
        l.goTo(step);
        if (from != step) stepChanged(before, from);
        send();
    }

    /**
     * What moving from step {@code before} does to the room: leaving a task locks the class again (students back to the
     * class run); entering a task releases it and sets the class chart's iteration; entering a run builds it on the
     * class's run, paused, to be started by the instructor.
     */
    private void stepChanged(LecturePlan.Step before, int from) {
        var now = lesson == null ? null : lesson.current();
        if (before instanceof LecturePlan.Task && !(now instanceof LecturePlan.Task)) {
            room.lock();
            room.dashboard.taskLeft();
        }
        if (now instanceof LecturePlan.Task t) {
            start(t.run(), t.preset() == null ? "100" : t.preset().speed(), null, t.preset() == null ? null : t.preset().key());
            room.dashboard.task(t.checkpoint(), t.rates());
            if (room.locked) room.release();
        } else if (now instanceof LecturePlan.Run r) {
            start(r.run(), r.preset() == null ? "100" : r.preset().speed(), r.length(), r.preset() == null ? null : r.preset().key());
        }
    }

    /** Builds a run on the class's run, paused: the instructor starts it when the class is ready. */
    private void start(RunConfig config, String speed, Long stopAt, String preset) {
        room.run.submit(room.instructor != null ? room.instructor : Room.ROOM, new ClientMessage.Start(config, speed, true, stopAt, preset));
    }

    void pauseClass(String text) throws Room.Refusal {
        lesson().pause(Room.cleanText(text, Lesson.MAX_PAUSE_TEXT));
        send();
    }

    void resumeClass() throws Room.Refusal {
        lesson().resume();
        send();
    }

    void closeVote() throws Room.Refusal {
        lesson().closeVote();
        send();
    }

    void showResults() throws Room.Refusal {
        lesson().showResults();
        send();
    }

    void voteAgain() throws Room.Refusal {
        lesson().voteAgain();
        send();
    }

    /** A student's answer: they are told what counts now; the instructor's count follows within a second. */
    void answer(Room.Student s, ClientMessage.Answer a) throws Room.Refusal {
        Lesson l = lesson();
        if (l.paused()) throw new Room.Refusal("the class is paused", "paused");
        s.rate.check(System.nanoTime());
        int round = l.answer(s.seat, a.step(), a.round(), a.choice());
        room.record.answer(new ClassRecord.Answer(a.step(), round, s.number, a.choice(), System.currentTimeMillis()));
        changed = true;
        if (s.viewer != null) room.messages.send(s.viewer, l.view(false, s.seat));
    }

    /**
     * A student of another instance answers (their instance checked it against the step it shows): counted under
     * their instance and seat, so that each counts once; a refusal here (the vote closed meanwhile) is dropped.
     */
    void remoteAnswer(String[] a) {
        if (lesson == null) return;
        try {
            int round = lesson.answer(a[0] + "/" + a[1], Integer.valueOf(a[2]), Integer.valueOf(a[3]), Integer.valueOf(a[4]));
            int number = remoteNumbers.computeIfAbsent(a[0] + "/" + a[1], k -> -(remoteNumbers.size() + 1));
            room.record.answer(new ClassRecord.Answer(Integer.parseInt(a[2]), round, number, Integer.parseInt(a[4]),
                    System.currentTimeMillis()));
            changed = true;
        } catch (Room.Refusal | NumberFormatException ignored) { // closed meanwhile, or not a number: not counted
        }
    }

    /** The instructor's view of the lesson, to a page of theirs that connects. */
    void toInstructor(Viewer v) {
        if (lesson != null) room.messages.send(v, lesson.view(true, null));
    }

    /** A student's view of the lesson (with their own answers), to their page that connects. */
    void toStudent(Viewer v, String seat) {
        if (lesson != null) room.messages.send(v, lesson.view(false, seat));
    }

    /** A student's view without answers, to the other instances (a new relay, or a change). */
    void toRelay() {
        if (lesson != null) room.relay.lesson(room.messages.text(lesson.view(false, null)));
    }

    /**
     * Once a second, at the sweep: when the class run has answered the question everyone is told; else the instructor
     * gets the votes that came in since.
     */
    void sweep(long classStep) {
        if (lesson != null && lesson.revealAt(classStep)) send(); // the run has answered the question
        if (changed && lesson != null && room.instructor != null) room.messages.send(room.instructor, lesson.view(true, null));
        changed = false;
    }

    /** Everyone's view of the lesson (each student with their own answers; those of other instances through the relay). */
    private void send() {
        changed = false;
        if (lesson == null) return; // a page keeps its last plan until told otherwise: rare, a plan is chosen once
        if (room.instructor != null) room.messages.send(room.instructor, lesson.view(true, null));
        for (Room.Student s : room.students.all()) if (s.viewer != null) room.messages.send(s.viewer, lesson.view(false, s.seat));
        if (room.relay != null) toRelay();
    }
}
