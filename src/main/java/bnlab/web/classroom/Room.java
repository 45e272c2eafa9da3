package bnlab.web.classroom;

import bnlab.experiments.live.Checkpoints;
import bnlab.web.lab.Audience;
import bnlab.web.lab.ClientMessage;
import bnlab.web.lab.LabJson;
import bnlab.web.lab.LabRun;
import bnlab.web.lab.RunSummary;
import bnlab.web.lab.ServerMessage;
import bnlab.web.lab.Viewer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One room of a class: the instructor's run that every student watches, the students (each on a seat that
 * survives a reload), and their forks. Every change goes through this object's lock; nothing here trains
 * or waits (the runs train on the training executor, messages are queued on the viewers), so the lock is
 * held for microseconds.
 *
 * <p>Roles: the instructor is the class run's controller; a student is a watcher of it (their commands are
 * refused by the endpoint) and the controller of their own fork while they are in its view.
 */
final class Room {
    /** Where a room's runs are made and started (the lab endpoint's registry, data and threads). */
    interface Runs {
        LabRun newRun(LabRun.Kind kind);

        void schedule(LabRun run);

        LabJson json();
    }

    /** A refusal in the protocol's words; the page says it in its language by its rule. */
    static final class Refusal extends Exception {
        final String rule;
        final List<Object> args;

        Refusal(String message, String rule, Object... args) {
            super(message);
            this.rule = rule;
            this.args = List.of(args);
        }

        ServerMessage.Error toError(String request) {
            return new ServerMessage.Error(getMessage(), null, request, rule, args);
        }
    }

    /** A student's copy of the class run. */
    static final class Fork {
        final String id;
        final LabRun run;
        final Student owner;
        final long madeAt;   // ms since 1970, for the record
        final long fromStep; // the class run's iteration it was copied at
        long lastActive;

        Fork(LabRun run, Student owner, long now, long fromStep) {
            this.id = run.id();
            this.run = run;
            this.owner = owner;
            this.lastActive = now;
            this.madeAt = System.currentTimeMillis();
            this.fromStep = fromStep;
        }
    }

    /** A seat in the room: a student, connected or back in a moment. */
    static final class Student {
        final String seat;
        final int number;
        String nickname;
        Viewer viewer;        // null while away
        long awaySince;
        boolean inFork;       // the view: the own fork, or the class run
        final Deque<Fork> forks = new ArrayDeque<>(); // oldest first
        long lastForkAt = Long.MIN_VALUE / 2;
        final AnswerRate rate = new AnswerRate();
        boolean forkLost;     // after a restart: their copy was too long to replay; told when they come back

        Student(String seat, int number) {
            this.seat = seat;
            this.number = number;
        }

        Fork fork() { return forks.peekLast(); }

        String label() { return nickname != null ? nickname : "#" + number; }
    }

    /** A student may answer at most this often a second (a page sends one per tap; a flood is refused, not counted). */
    static final int ANSWERS_PER_SECOND = 5;

    /** One student's answers in the current second, against {@link #ANSWERS_PER_SECOND}. */
    static final class AnswerRate {
        private long window = Long.MIN_VALUE / 2;
        private int count;

        /** Refuses the answer that is one too many in this second. */
        void check(long now) throws Refusal {
            if (now - window >= 1_000_000_000L) {
                window = now;
                count = 0;
            }
            if (++count > ANSWERS_PER_SECOND)
                throw new Refusal("at most " + ANSWERS_PER_SECOND + " answers a second: your last one counts", "answerRate", ANSWERS_PER_SECOND);
        }
    }

    /** A fork is made at most this often per student: each copies both networks. */
    static final long MIN_FORK_GAP_NANOS = 1_000_000_000L;
    static final int MAX_NICKNAME = 24;
    /** Does nothing: commands the room gives a run (a fork's pause) are answered to no one. */
    private static final Viewer ROOM = new Viewer("room", new Viewer.Outbox() {
        @Override public void send(String text, Runnable done) { done.run(); }

        @Override public boolean isOpen() { return false; }
    });

    final String code;
    final String name;
    final LabRun run;
    private final Runs runs;
    private final ClassroomOptions options;
    private final Function<String, String> seats; // a fresh secret seat id, unique in the room
    private final List<String> joinUrls;
    private final RoomRelay relay;        // null without a broker
    private Viewer relayViewer;           // the relay's watcher of the run
    private Viewer instructor;
    private long instructorAway;          // nanoTime since the instructor is away; 0 while present
    private long instructorActive;
    private boolean locked = true;
    private Fork shown;
    private Long checkpoint;              // the class chart's iteration as the instructor chose it; null: automatic
    private double[] rates;               // the class chart's rate axis a plan's task set; null: fit to the forks
    private boolean closed;
    private Recorder recorder = Recorder.NONE;
    private final long openedAt = System.currentTimeMillis();
    private int sweeps;
    /** Students of other instances who answered, by instance and seat: numbered -1, -2, ... for the record. */
    private final Map<String, Integer> remoteNumbers = new HashMap<>();
    private Lesson lesson;                // the plan the class follows, or null
    private boolean lessonChanged;        // votes came in since the instructor's last lesson message
    private int nextNumber = 1;
    private final Map<String, Student> bySeat = new LinkedHashMap<>();
    private final Map<Viewer, Student> byViewer = new LinkedHashMap<>();

    /** @param relay publishes the room for students on other instances, or null */
    Room(String code, String name, Runs runs, ClassroomOptions options, Function<String, String> seats, List<String> joinUrls,
         long now, RoomRelay relay) {
        this.relay = relay;
        this.code = code;
        this.name = name;
        this.runs = runs;
        this.options = options;
        this.seats = seats;
        this.joinUrls = List.copyOf(joinUrls);
        this.run = runs.newRun(LabRun.Kind.CLASS);
        this.instructorActive = now;
        if (relay != null) {
            relayViewer = relay.viewer();
            run.attach(relayViewer, Audience.Role.MIRROR);
            relay.onSync(this::resync);
            relay.onTunnel(t -> tunnel(t[0], t[1], t[2]));
            relay.onAnswer(this::remoteAnswer);
            relay.room(locked, name);
        }
        runs.schedule(run);
    }

    /** Runs longer than this many iterations are not replayed after a restart: their record is kept, the student told. */
    static final long MAX_RESTORED_STEPS = 200_000;
    /** The class run's iteration a restored room replays to; once reached its speed is set back to a preset's (-1: none). */
    private long restoringTo = -1;

    /**
     * Brings this room back as the record left it (after a restart or a crash): locked or released, the plan at its
     * step, every seat (so that the students' pages come back to them), the class run and each fork replayed from its
     * link to the iteration recorded (the engine is deterministic: the same weights and optimizer state), then paused.
     * A fork too long to replay is left out; its record stays.
     *
     * @return the forks left out
     */
    synchronized int restore(bnlab.record.ClassRecord.RoomState state, List<bnlab.record.ClassRecord.Seat> seatsBack,
                             List<bnlab.record.ClassRecord.Run> runsBack, bnlab.lessons.plan.LecturePlan plan, long now) {
        locked = state.locked();
        instructorAway = now; // the instructor's page comes back within the grace, as after a dropped connection
        instructorActive = now;
        if (plan != null) {
            lesson = new Lesson(plan);
            if (state.planStep() != null && state.planStep() >= 0 && state.planStep() < plan.steps().size()) lesson.jumpTo(state.planStep());
        }
        Map<Integer, Student> byNumber = new HashMap<>();
        for (bnlab.record.ClassRecord.Seat s : seatsBack) {
            Student st = new Student(s.seat(), s.number());
            st.nickname = s.nickname();
            st.inFork = s.inFork(); // back in their copy if it comes back (join checks)
            st.awaySince = now; // kept as long as a student who went away
            bySeat.put(st.seat, st);
            byNumber.put(st.number, st);
            nextNumber = Math.max(nextNumber, st.number + 1);
        }
        int left = 0;
        for (bnlab.record.ClassRecord.Run r : runsBack) {
            bnlab.experiments.RunConfig config = config(r.link());
            if (config == null) continue;
            if (r.runId().isEmpty()) {
                run.submit(ROOM, new ClientMessage.Start(config, "max", false, r.step(), null)); // trains to there, pauses
                restoringTo = r.step();
                continue;
            }
            Student owner = r.number() == null ? null : byNumber.get(r.number());
            if (owner == null) continue;
            if (r.step() > MAX_RESTORED_STEPS || forkCount() >= options.maxForks()) {
                owner.forkLost = true;
                left++;
                continue;
            }
            LabRun copy = runs.newRun(LabRun.Kind.FORK);
            copy.submit(ROOM, new ClientMessage.Start(config, "max", false, r.step(), null));
            owner.forks.addLast(new Fork(copy, owner, now, r.fromStep()));
            runs.schedule(copy);
        }
        return left;
    }

    /** A run's description from its link (/lab?...), or null when it cannot be read. */
    private static bnlab.experiments.RunConfig config(String link) {
        try {
            int q = link.indexOf('?');
            return bnlab.experiments.RunFields.fromQuery(q < 0 ? "" : link.substring(q + 1), new java.util.HashMap<>());
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /** Writes this room into the class's record from now on (its opening first). */
    synchronized void recordTo(Recorder r) { recordTo(r, true); }

    /** @param opened whether the room is new (a room brought back after a restart writes on into its record) */
    synchronized void recordTo(Recorder r, boolean opened) {
        recorder = r;
        if (opened) r.opened(code, name, openedAt);
    }

    private bnlab.record.ClassRecord.RoomState recordState() {
        return new bnlab.record.ClassRecord.RoomState(locked, lesson == null ? null : lesson.step());
    }

    /** The seats of this instance's students, so that their pages come back to them after a restart. */
    private List<bnlab.record.ClassRecord.Seat> recordSeats() {
        List<bnlab.record.ClassRecord.Seat> seats = new ArrayList<>();
        for (Student s : bySeat.values()) seats.add(new bnlab.record.ClassRecord.Seat(s.seat, s.number, s.nickname, s.inFork));
        return seats;
    }

    /** Every run of the room as the record keeps it: the class run, then each student's forks. */
    private List<bnlab.record.ClassRecord.RunRows> recordRows() {
        List<bnlab.record.ClassRecord.RunRows> rows = new ArrayList<>();
        rows.add(Recorder.rows("", null, null, openedAt, 0, run.summary()));
        for (Student s : bySeat.values()) for (Fork f : s.forks) rows.add(forkRows(f));
        return rows;
    }

    private static bnlab.record.ClassRecord.RunRows forkRows(Fork f) {
        return Recorder.rows(f.id, f.owner.number, f.owner.nickname, f.madeAt, f.fromStep, f.run.summary());
    }

    /** Another instance asks for the run: a new relay viewer is greeted (ready, history, state) on the next tick. */
    private synchronized void resync() {
        if (closed) return;
        run.detach(relayViewer);
        relayViewer = relay.viewer();
        run.attach(relayViewer, Audience.Role.MIRROR);
        relay.room(locked, name);
        if (lesson != null) relay.lesson(runs.json().write(lesson.view(false, null)));
    }

    // ----- the instructor

    /** The instructor's connection (new, or back with the token). An earlier one is told and let go. */
    synchronized void instructorIn(Viewer v, long now) {
        if (instructor != null && instructor != v) {
            detachInstructor();
            instructor.send(runs.json().write(new ServerMessage.RoomClosed("takenOver")));
        }
        instructor = v;
        instructorAway = 0;
        instructorActive = now;
        v.send(runs.json().write(info(v, null))); // before the run's ready, which the run's next tick sends
        if (lesson != null) v.send(runs.json().write(lesson.view(true, null)));
        if (shown != null) shown.run.attach(v, Audience.Role.MIRROR);
        else run.attach(v, Audience.Role.CONTROLLER);
    }

    synchronized void instructorOut(Viewer v, long now) {
        if (instructor != v) return;
        detachInstructor();
        instructor = null;
        instructorAway = now;
    }

    private void detachInstructor() {
        run.detach(instructor);
        if (shown != null) shown.run.detach(instructor);
    }

    synchronized boolean isInstructor(Viewer v) { return v != null && v == instructor; }

    synchronized void instructorActive(long now) { instructorActive = now; }

    /** Students only watch: those in a fork are back in the class's view, and the forks pause. */
    synchronized void lock() {
        locked = true;
        for (Student s : bySeat.values()) {
            if (s.inFork) toClass(s);
            for (Fork f : s.forks) f.run.submit(ROOM, new ClientMessage.Pause());
        }
        announce();
    }

    synchronized void release() {
        locked = false;
        announce();
    }

    /** Puts a fork on the instructor's screen, or (null) the class's run back. */
    synchronized void show(String forkId) throws Refusal {
        Fork f = null;
        if (forkId != null) {
            f = fork(forkId);
            if (f == null) throw new Refusal("no such fork in this room (it may have ended)", "noFork");
        }
        if (f == shown) return;
        if (instructor != null) {
            if (shown != null) shown.run.detach(instructor); else run.detach(instructor);
        }
        shown = f;
        if (instructor != null) {
            instructor.send(runs.json().write(info(instructor, null)));
            if (shown != null) shown.run.attach(instructor, Audience.Role.MIRROR);
            else run.attach(instructor, Audience.Role.CONTROLLER);
        }
    }

    synchronized void classChart(long step) throws Refusal {
        if (Checkpoints.index(step) < 0)
            throw new Refusal("the class chart compares at one of " + java.util.Arrays.toString(Checkpoints.STEPS), "checkpoint",
                    (Object) Checkpoints.STEPS.length);
        checkpoint = step;
    }

    /**
     * The class chart's iteration until the instructor chooses one: the latest checkpoint that at least half of the
     * forks have reached (a fork counts only those after its fork point), else the first one after the class run's
     * iteration, which forks made now reach first.
     *
     * @param cls   the class run's summary
     * @param forks the forks' summaries
     */
    static long autoCheckpoint(RunSummary cls, List<RunSummary> forks) {
        long[] steps = Checkpoints.STEPS;
        for (int i = steps.length - 1; i >= 0 && !forks.isEmpty(); i--) {
            int reached = 0;
            for (RunSummary f : forks) if (reachedCheckpoint(f, steps[i])) reached++;
            if (reached > 0 && 2 * reached >= forks.size()) return steps[i];
        }
        for (long s : steps) if (s > cls.step()) return s;
        return steps[steps.length - 1];
    }

    private static boolean reachedCheckpoint(RunSummary run, long step) {
        for (String net : run.validations().keySet()) if (run.checkpoints().at(net, step) != null) return true;
        return false;
    }

    // ----- students

    /**
     * A student's connection: back on their seat when {@code seat} is theirs, else on a new one.
     *
     * @throws Refusal when the room is full
     */
    synchronized Student join(Viewer v, String seat) throws Refusal {
        if (closed) throw new Refusal("this room has ended", "roomClosed");
        Student s = seat == null ? null : bySeat.get(seat);
        if (s == null) {
            // Those connected count, not the seats kept a while for students who left (a reload, a class that comes and goes).
            if (connected() >= options.maxStudents())
                throw new Refusal("this room is full (at most " + options.maxStudents() + " students)", "students",
                        options.maxStudents());
            s = new Student(seats.apply(code), nextNumber++);
            bySeat.put(s.seat, s);
        } else if (s.viewer != null) { // the same seat from a second page: the older page lets go
            byViewer.remove(s.viewer);
            detach(s);
            s.viewer.send(runs.json().write(new ServerMessage.RoomClosed("takenOver")));
        }
        s.viewer = v;
        s.awaySince = 0;
        byViewer.put(v, s);
        if (s.inFork && (locked || s.fork() == null)) s.inFork = false;
        v.send(runs.json().write(info(v, s))); // the room first, then the run's ready (on its next tick)
        if (lesson != null) v.send(runs.json().write(lesson.view(false, s.seat)));
        if (s.inFork) s.fork().run.attach(v, Audience.Role.STUDENT);
        else run.attach(v, Audience.Role.WATCHER);
        if (s.forkLost) {
            s.forkLost = false;
            v.sendError(runs.json().write(new Refusal("your copy had run too long to be brought back after the server restarted;"
                    + " its record is kept: fork the class run again", "forkNotRestored").toError("fork")));
        }
        return s;
    }

    synchronized void leave(Viewer v, long now) {
        Student s = byViewer.remove(v);
        if (s == null || s.viewer != v) return;
        detach(s);
        s.viewer = null;
        s.awaySince = now;
    }

    private void detach(Student s) {
        run.detach(s.viewer);
        for (Fork f : s.forks) f.run.detach(s.viewer);
    }

    synchronized Student student(Viewer v) { return byViewer.get(v); }

    /** What a student's message does: room messages to the room, lab commands to their fork (refused while they watch). */
    void act(Student s, Viewer from, ClientMessage m, long now) throws Refusal {
        if (isClosed()) throw new Refusal("this room has ended", "roomClosed");
        if (m instanceof ClientMessage.Fork) fork(s, now);
        else if (m instanceof ClientMessage.Unfork) unfork(s);
        else if (m instanceof ClientMessage.Nickname n) nickname(s, n.name());
        else if (m instanceof ClientMessage.Answer a) answer(s, a);
        else if (m instanceof ClientMessage.RoomMessage) throw new Refusal("only the instructor can do that", "instructorOnly");
        else {
            LabRun target = target(s, now);
            if (target == null)
                throw new Refusal("the instructor drives the class's run: fork it to try your own (when the class is released)",
                        "watcher");
            if (!target.submit(from, m)) throw new Refusal("too many messages waiting: wait for the answers", "queue");
        }
    }

    /**
     * A student of another instance who forks (see RemoteRoom): their messages arrive on the tunnel's up channel
     * and what they are sent goes down it, so that on this instance they are a student like any other, the fork
     * and the dashboard included. They leave when their instance says so, or stops saying it has students.
     */
    void tunnel(String id, String instance, String nickname) {
        if (relay == null || isClosed()) return;
        Viewer down = relay.tunnelViewer(id);
        Student[] s = new Student[1];
        relay.openTunnel(id, instance, text -> { // open before the join, so that the join's answers go down it
            if (text.startsWith("x:")) {
                leave(down, System.nanoTime());
                return true; // closed
            }
            if (s[0] == null) return false;
            try {
                act(s[0], down, runs.json().readClient(text), System.nanoTime());
            } catch (LabJson.BadMessage e) {
                down.sendError(runs.json().write(e.toError()));
            } catch (Refusal r) {
                down.sendError(runs.json().write(r.toError(null)));
            }
            return false;
        }, () -> leave(down, System.nanoTime()));
        try {
            s[0] = join(down, null);
            nickname(s[0], nickname);
            fork(s[0], System.nanoTime());
        } catch (Refusal r) {
            down.sendError(runs.json().write(r.toError("fork")));
        }
    }

    /** The run a student's lab commands go to: their fork while they are in it, else null (they only watch). */
    synchronized LabRun target(Student s, long now) {
        if (!s.inFork || s.fork() == null) return null;
        s.fork().lastActive = now;
        return s.fork().run;
    }

    /**
     * A student asks for a fork: once the class's run has copied itself (on its next tick), the student is in
     * the fork's view, paused where the class was.
     */
    synchronized void fork(Student s, long now) throws Refusal {
        if (locked) throw new Refusal("the instructor has not released the class yet: watch for now", "locked");
        if (now - s.lastForkAt < MIN_FORK_GAP_NANOS) throw new Refusal("one fork a second: wait a moment", "forkRate");
        int alive = forkCount();
        boolean replaces = s.forks.size() >= options.maxForksPerStudent();
        if (!replaces && alive >= options.maxForks())
            throw new Refusal("this room has as many forks as it may (" + options.maxForks() + "): watch the class, or try later",
                    "forks", options.maxForks());
        s.lastForkAt = now;
        run.requestFork(source -> forked(s, source));
    }

    /** On the class run's tick: the copy is there (or null: no run yet). */
    private synchronized void forked(Student s, bnlab.web.lab.ForkSource source) {
        if (closed || !bySeat.containsKey(s.seat)) return;
        if (source == null) {
            if (s.viewer != null) s.viewer.sendError(runs.json().write(new Refusal(
                    "the class has no run yet: wait for the instructor to start one", "noRun").toError("fork")));
            return;
        }
        if (locked) return; // locked while the copy was made
        while (s.forks.size() >= options.maxForksPerStudent()) end(s.forks.peekFirst());
        LabRun copy = runs.newRun(LabRun.Kind.FORK);
        copy.adopt(source);
        Fork f = new Fork(copy, s, System.nanoTime(), source.summary().step());
        s.forks.addLast(f);
        s.inFork = true;
        if (s.viewer != null) {
            run.detach(s.viewer);
            s.viewer.send(runs.json().write(info(s.viewer, s))); // the room first, then the fork's ready
            copy.attach(s.viewer, Audience.Role.STUDENT);
        }
        runs.schedule(copy);
    }

    /** Back to the class's run; the fork pauses and is kept (the dashboard still lists it) until it is idle. */
    synchronized void unfork(Student s) {
        if (s.inFork) toClass(s);
        else if (s.viewer != null) s.viewer.send(runs.json().write(info(s.viewer, s)));
    }

    private void toClass(Student s) {
        Fork f = s.fork();
        if (f != null && s.viewer != null) f.run.detach(s.viewer);
        if (f != null) f.run.submit(ROOM, new ClientMessage.Pause());
        s.inFork = false;
        if (s.viewer != null) {
            s.viewer.send(runs.json().write(info(s.viewer, s)));
            run.attach(s.viewer, Audience.Role.WATCHER);
        }
    }

    synchronized void nickname(Student s, String typed) {
        s.nickname = cleanNickname(typed);
        if (s.viewer != null) s.viewer.send(runs.json().write(info(s.viewer, s)));
    }

    /**
     * A typed nickname as the room keeps it ({@link bnlab.web.TypedText#name}): control and format characters
     * dropped, trimmed, at most {@link #MAX_NICKNAME} characters (code points); null when nothing is left (then the student's number). Kept as typed otherwise: pages show it
     * as text, never as markup.
     */
    static String cleanNickname(String typed) { return cleanText(typed, MAX_NICKNAME); }

    /**
     * Typed text (a nickname, a room's name) as the room keeps it: no control or format characters (bidi overrides
     * included), trimmed, at most {@code max} code points; null if empty.
     */
    static String cleanText(String typed, int max) { return bnlab.web.TypedText.name(typed, max); }

    // ----- the guided lecture (issue 24)

    /** Follows {@code plan} from its first step (null: no plan); every page is told. */
    synchronized void plan(bnlab.lessons.plan.LecturePlan plan) {
        int from = lesson == null ? -1 : lesson.step();
        bnlab.lessons.plan.LecturePlan.Step before = lesson == null ? null : lesson.current();
        lesson = plan == null ? null : new Lesson(plan);
        recorder.plan(code, plan == null ? null : plan.key());
        stepChanged(before, from);
        sendLesson();
    }

    private Lesson lesson() throws Refusal {
        if (lesson == null) throw new Refusal("choose a plan first", "noPlan");
        return lesson;
    }

    /** Every screen to step {@code step} of the plan (from 0). */
    synchronized void goTo(Integer step) throws Refusal {
        if (step == null) throw new Refusal("step: missing", "missing");
        Lesson l = lesson();
        int from = l.step();
        var before = l.current();
        l.goTo(step);
        if (from != step) stepChanged(before, from);
        sendLesson();
    }

    /**
     * What moving from step {@code before} does to the room: leaving a task locks the class again (students back to the
     * class run); entering a task releases it and sets the class chart's iteration; entering a run builds it on the
     * class's run, paused, to be started by the instructor.
     */
    private void stepChanged(bnlab.lessons.plan.LecturePlan.Step before, int from) {
        var now = lesson == null ? null : lesson.current();
        if (before instanceof bnlab.lessons.plan.LecturePlan.Task && !(now instanceof bnlab.lessons.plan.LecturePlan.Task)) {
            lock();
            rates = null;
        }
        if (now instanceof bnlab.lessons.plan.LecturePlan.Task t) {
            start(t.run(), t.preset() == null ? "100" : t.preset().speed(), null, t.preset() == null ? null : t.preset().key());
            checkpoint = t.checkpoint();
            rates = t.rates();
            if (locked) release();
        } else if (now instanceof bnlab.lessons.plan.LecturePlan.Run r) {
            start(r.run(), r.preset() == null ? "100" : r.preset().speed(), r.length(), r.preset() == null ? null : r.preset().key());
        }
    }

    /** Builds a run on the class's run, paused: the instructor starts it when the class is ready. */
    private void start(bnlab.experiments.RunConfig config, String speed, Long stopAt, String preset) {
        run.submit(instructor != null ? instructor : ROOM, new ClientMessage.Start(config, speed, true, stopAt, preset));
    }

    synchronized void pauseClass(String text) throws Refusal {
        lesson().pause(cleanText(text, Lesson.MAX_PAUSE_TEXT));
        sendLesson();
    }

    synchronized void resumeClass() throws Refusal {
        lesson().resume();
        sendLesson();
    }

    synchronized void closeVote() throws Refusal {
        lesson().closeVote();
        sendLesson();
    }

    synchronized void showResults() throws Refusal {
        lesson().showResults();
        sendLesson();
    }

    synchronized void voteAgain() throws Refusal {
        lesson().voteAgain();
        sendLesson();
    }

    /** A student's answer: they are told what counts now; the instructor's count follows within a second. */
    synchronized void answer(Student s, ClientMessage.Answer a) throws Refusal {
        Lesson l = lesson();
        if (l.paused()) throw new Refusal("the class is paused", "paused");
        s.rate.check(System.nanoTime());
        int round = l.answer(s.seat, a.step(), a.round(), a.choice());
        recorder.answer(code, new bnlab.record.ClassRecord.Answer(a.step(), round, s.number, a.choice(), System.currentTimeMillis()));
        lessonChanged = true;
        if (s.viewer != null) s.viewer.send(runs.json().write(l.view(false, s.seat)));
    }

    /** Everyone's view of the lesson (each student with their own answers; those of other instances through the relay). */
    private void sendLesson() {
        lessonChanged = false;
        if (lesson == null) return; // a page keeps its last plan until told otherwise: rare, a plan is chosen once
        if (instructor != null) instructor.send(runs.json().write(lesson.view(true, null)));
        for (Student s : bySeat.values()) if (s.viewer != null) s.viewer.send(runs.json().write(lesson.view(false, s.seat)));
        if (relay != null) relay.lesson(runs.json().write(lesson.view(false, null)));
    }

    /**
     * A student of another instance answers (their instance checked it against the step it shows): counted under
     * their instance and seat, so that each counts once; a refusal here (the vote closed meanwhile) is dropped.
     */
    private synchronized void remoteAnswer(String[] a) {
        if (closed || lesson == null) return;
        try {
            int round = lesson.answer(a[0] + "/" + a[1], Integer.valueOf(a[2]), Integer.valueOf(a[3]), Integer.valueOf(a[4]));
            int number = remoteNumbers.computeIfAbsent(a[0] + "/" + a[1], k -> -(remoteNumbers.size() + 1));
            recorder.answer(code, new bnlab.record.ClassRecord.Answer(Integer.parseInt(a[2]), round, number,
                    Integer.parseInt(a[4]), System.currentTimeMillis()));
            lessonChanged = true;
        } catch (Refusal | NumberFormatException ignored) { // closed meanwhile, or not a number: not counted
        }
    }

    // ----- upkeep

    /**
     * Once a second: ends what has been idle or away too long, and gives the instructor the dashboard.
     *
     * @return why the room should end now, or null
     */
    synchronized String sweep(long now) {
        if (closed) return null;
        if (relay != null) relay.sweepTunnels(now);
        if (instructor == null && now - instructorAway > options.instructorGrace().toNanos()) return "instructorGone";
        if (now - instructorActive > options.roomIdle().toNanos()) return "idle";
        for (var it = bySeat.values().iterator(); it.hasNext(); ) {
            Student s = it.next();
            if (s.viewer == null && now - s.awaySince > options.studentGrace().toNanos()) {
                for (Fork f : new ArrayList<>(s.forks)) end(f);
                it.remove();
                continue;
            }
            for (Fork f : new ArrayList<>(s.forks)) {
                if (f.run.isTraining()) f.lastActive = now; // a fork that trains is in use; one paused and untouched is not
                if (now - f.lastActive > options.forkIdle().toNanos()) end(f);
            }
        }
        if (instructor != null) instructor.send(runs.json().write(dashboard()));
        if (restoringTo >= 0 && run.summary().step() >= restoringTo) { // replayed: on at a preset's pace when started
            run.submit(ROOM, new ClientMessage.SetSpeed("100"));
            restoringTo = -1;
        }
        if (++sweeps % RECORD_EVERY_SWEEPS == 0) recorder.snapshot(code, recordState(), recordSeats(), recordRows());
        if (lesson != null && lesson.revealAt(run.summary().step())) sendLesson(); // the run has answered the question
        if (lessonChanged && lesson != null && instructor != null) instructor.send(runs.json().write(lesson.view(true, null)));
        lessonChanged = false;
        return null;
    }

    /** The record gets the room's runs every this many sweeps (seconds), and at a fork's and the room's end. */
    static final int RECORD_EVERY_SWEEPS = 5;

    /** Ends a fork: its run stops, its student (if in it) is back in the class. */
    private void end(Fork f) {
        recorder.runs(code, List.of(forkRows(f)));
        if (f.owner.inFork && f == f.owner.fork()) toClass(f.owner);
        f.owner.forks.remove(f);
        if (shown == f) {
            try { show(null); } catch (Refusal impossible) { /* null always works */ }
        }
        f.run.close();
    }

    /**
     * The server stops, and the room is to come back at its next start: its last state goes into the record (not its
     * end), its runs stop, and nobody is told it ended, so that the pages connect again by themselves.
     */
    synchronized void suspend() {
        if (closed) return;
        recorder.snapshot(code, recordState(), recordSeats(), recordRows());
        closed = true;
        if (relay != null) relay.close();
        for (Student s : bySeat.values()) for (Fork f : s.forks) f.run.close();
        run.close();
    }

    /** Ends the room for everyone (the connections are closed by the endpoint). */
    synchronized List<Viewer> close(String reason) {
        if (closed) return List.of();
        recorder.runs(code, recordRows());
        recorder.closed(code, reason, System.currentTimeMillis());
        closed = true;
        String text = runs.json().write(new ServerMessage.RoomClosed(reason));
        if (relay != null) {
            relay.closed(reason);
            relay.close();
        }
        List<Viewer> all = new ArrayList<>(byViewer.keySet());
        if (instructor != null) all.add(instructor);
        for (Viewer v : all) v.send(text);
        for (Student s : bySeat.values()) for (Fork f : s.forks) f.run.close();
        bySeat.clear();
        byViewer.clear();
        instructor = null;
        run.close();
        return all;
    }

    synchronized boolean isClosed() { return closed; }

    private int connected() {
        int n = 0;
        for (Student s : bySeat.values()) if (s.viewer != null) n++;
        return n;
    }

    /** Students connected now, on this instance and (with a broker) on the others. */
    synchronized int students() {
        int n = relay == null ? 0 : relay.remoteStudents(System.nanoTime());
        for (Student s : bySeat.values()) if (s.viewer != null) n++;
        return n;
    }

    synchronized int forkCount() {
        int n = 0;
        for (Student s : bySeat.values()) n += s.forks.size();
        return n;
    }

    private Fork fork(String id) {
        for (Student s : bySeat.values()) for (Fork f : s.forks) if (f.id.equals(id)) return f;
        return null;
    }

    /** Tells everyone (instructor and students) how the room is now. */
    private void announce() {
        if (relay != null) relay.room(locked, name);
        if (instructor != null) instructor.send(runs.json().write(info(instructor, null)));
        for (Student s : bySeat.values()) if (s.viewer != null) s.viewer.send(runs.json().write(info(s.viewer, s)));
    }

    private ServerMessage.Room info(Viewer v, Student s) {
        if (s == null) // the instructor
            return new ServerMessage.Room(code, name, "instructor", locked, students(), forkCount(),
                    shown != null ? "shown" : "class", null, null, 0, joinUrls(), shown == null ? null : shown.owner.label(),
                    shown == null ? null : shown.owner.number);
        return new ServerMessage.Room(code, name, "student", locked, 0, 0, s.inFork ? "fork" : "class", s.seat, s.nickname,
                s.number, null, null);
    }

    private List<String> joinUrls() {
        List<String> urls = new ArrayList<>();
        for (String base : joinUrls) urls.add(base + "/join/" + code);
        return urls;
    }

    // ----- the dashboard

    ServerMessage.Dashboard dashboard() {
        RunSummary cls = run.summary();
        List<RunSummary> summaries = new ArrayList<>();
        for (Student s : bySeat.values()) for (Fork f : s.forks) summaries.add(f.run.summary());
        long at = checkpoint != null ? checkpoint : autoCheckpoint(cls, summaries);
        List<ServerMessage.DashboardRow> rows = new ArrayList<>();
        int i = 0;
        for (Student s : bySeat.values())
            for (Fork f : s.forks)
                rows.add(DashboardRows.row(f.id, s.nickname, s.number, s.viewer != null && s.inFork && f == s.fork(),
                        summaries.get(i++), cls, at));
        return new ServerMessage.Dashboard(students(), at, Checkpoints.STEPS,
                DashboardRows.row(null, null, 0, instructor != null, cls, cls, at), rows, rates);
    }
}
