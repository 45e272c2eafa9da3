package bnlab.web.classroom;

import bnlab.lessons.plan.LecturePlan;
import bnlab.record.ClassRecord;
import bnlab.web.lab.Audience;
import bnlab.web.lab.ClientMessage;
import bnlab.web.lab.ForkSource;
import bnlab.web.lab.LabJson;
import bnlab.web.lab.LabRun;
import bnlab.web.lab.RunSummary;
import bnlab.web.lab.ServerMessage;
import bnlab.web.lab.Viewer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * One room of a class: the instructor's run that every student watches, the students (each on a seat that
 * survives a reload), and their forks. Every change goes through this object's lock; nothing here trains
 * or waits (the runs train on the training executor, messages are queued on the viewers), so the lock is
 * held for microseconds.
 *
 * <p>Roles: the instructor is the class run's controller; a student is a watcher of it (their lab commands are
 * refused, see {@link #act}) and the controller of their own fork while they are in its view.
 *
 * <p>This class holds what the whole room shares (its run, the instructor, whether it is locked, what the projector
 * shows) and the room's upkeep (sweep, suspend, close), and is the door to its parts, each in a file of its own:
 * <ul>
 * <li>{@link RoomInstructor}: the instructor's page, and what their screen shows;
 * <li>{@link RoomStudents}: the students' seats; a student joins, leaves, names themselves, and what their messages do;
 * <li>{@link RoomForks}: the students' copies of the class run ({@link Fork});
 * <li>{@link RoomLesson}: the guided lecture: the plan's steps and the class's votes;
 * <li>{@link RoomDashboard}: the instructor's dashboard and the class chart's iteration;
 * <li>{@link RoomRecord}: what the class's record keeps of the room, and the room brought back from it;
 * <li>{@link RoomMessages}: what the room tells each page: the one place that writes a message as text and sends it.
 * </ul>
 * Locking: every way in is a method of this class synchronized on the room, the callbacks included (a fork made on
 * the class run's tick, the relay's messages); the parts take no lock of their own and are called with it held.
 * A student's message ({@link #act}, {@link RoomStudents#tunnel}) takes it call by call, so that a lab command is
 * queued on a fork's run outside it, and its refusals are sent outside it (see {@link RoomMessages}).
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

    /** A seat in the room: a student, connected or back in a moment (see {@link RoomStudents}); guarded by the room's lock. */
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

    static final int MAX_NICKNAME = 24;
    /** Does nothing: commands the room gives a run (a fork's pause) are answered to no one. */
    static final Viewer ROOM = new Viewer("room", new Viewer.Outbox() {
        @Override public void send(String text, Runnable done) { done.run(); }

        @Override public boolean isOpen() { return false; }
    });

    final String code;
    final String name;
    final LabRun run;
    final Runs runs;
    final ClassroomOptions options;
    final RoomRelay relay;        // null without a broker
    private Viewer relayViewer;   // the relay's watcher of the run
    // Guarded by this room's lock, like everything in the parts.
    Viewer instructor;
    long instructorAway;          // nanoTime since the instructor is away; 0 while present
    long instructorActive;
    boolean locked = true;
    Fork shown;                   // the fork on the instructor's screen, or null: the class run
    boolean closed;
    final RoomMessages messages;
    final RoomStudents students;
    final RoomForks forks = new RoomForks(this);
    private final RoomInstructor instructorPart = new RoomInstructor(this);
    final RoomLesson lesson = new RoomLesson(this);
    final RoomDashboard dashboard = new RoomDashboard(this);
    final RoomRecord record = new RoomRecord(this);

    /** @param relay publishes the room for students on other instances, or null */
    Room(String code, String name, Runs runs, ClassroomOptions options, Function<String, String> seats, List<String> joinUrls,
         long now, RoomRelay relay) {
        this.relay = relay;
        this.code = code;
        this.name = name;
        this.runs = runs;
        this.options = options;
        this.students = new RoomStudents(this, seats);
        this.messages = new RoomMessages(runs.json(), this, joinUrls);
        this.run = runs.newRun(LabRun.Kind.CLASS);
        this.instructorActive = now;
        if (relay != null) {
            relayViewer = relay.viewer();
            run.attach(relayViewer, Audience.Role.MIRROR);
            relay.onSync(this::resync);
            relay.onTunnel(t -> students.tunnel(t[0], t[1], t[2]));
            relay.onAnswer(this::remoteAnswer);
            relay.room(locked, name);
        }
        runs.schedule(run);
    }

    // ----- the record

    /** Brings this room back as the record left it (see {@link RoomRecord#restore}); @return the forks left out */
    synchronized int restore(ClassRecord.RoomState state, List<ClassRecord.Seat> seatsBack, List<ClassRecord.Run> runsBack,
                             LecturePlan plan, long now) {
        return record.restore(state, seatsBack, runsBack, plan, now);
    }

    /** Writes this room into the class's record from now on (its opening first). */
    synchronized void recordTo(Recorder r) { recordTo(r, true); }

    /** @param opened whether the room is new (a room brought back after a restart writes on into its record) */
    synchronized void recordTo(Recorder r, boolean opened) { record.recordTo(r, opened); }

    /** Another instance asks for the run: a new relay viewer is greeted (ready, history, state) on the next tick. */
    private synchronized void resync() {
        if (closed) return;
        run.detach(relayViewer);
        relayViewer = relay.viewer();
        run.attach(relayViewer, Audience.Role.MIRROR);
        relay.room(locked, name);
        lesson.toRelay();
    }

    // ----- the instructor

    /** The instructor's connection (see {@link RoomInstructor#in}). */
    synchronized void instructorIn(Viewer v, long now) { instructorPart.in(v, now); }
    synchronized void instructorOut(Viewer v, long now) { instructorPart.out(v, now); }
    synchronized boolean isInstructor(Viewer v) { return v != null && v == instructor; }
    synchronized void instructorActive(long now) { instructorActive = now; }

    /** Students only watch: those in a fork are back in the class's view, and the forks pause. */
    synchronized void lock() {
        locked = true;
        forks.pauseAll();
        messages.announce();
    }

    synchronized void release() {
        locked = false;
        messages.announce();
    }

    /** Puts a fork on the instructor's screen, or (null) the class's run back. */
    synchronized void show(String forkId) throws Refusal { instructorPart.show(forkId); }

    synchronized void classChart(long step) throws Refusal { dashboard.classChart(step); }

    /** The class chart's iteration until the instructor chooses one (see {@link RoomDashboard#autoCheckpoint}). */
    static long autoCheckpoint(RunSummary cls, List<RunSummary> forks) { return RoomDashboard.autoCheckpoint(cls, forks); }

    // ----- the guided lecture (see RoomLesson)

    synchronized void plan(LecturePlan plan) { lesson.plan(plan); }
    synchronized void goTo(Integer step) throws Refusal { lesson.goTo(step); }
    synchronized void pauseClass(String text) throws Refusal { lesson.pauseClass(text); }
    synchronized void resumeClass() throws Refusal { lesson.resumeClass(); }
    synchronized void closeVote() throws Refusal { lesson.closeVote(); }
    synchronized void showResults() throws Refusal { lesson.showResults(); }
    synchronized void voteAgain() throws Refusal { lesson.voteAgain(); }
    synchronized void answer(Student s, ClientMessage.Answer a) throws Refusal { lesson.answer(s, a); }

    /** A student of another instance answers, through the relay (see {@link RoomLesson#remoteAnswer}). */
    private synchronized void remoteAnswer(String[] a) {
        if (closed) return;
        lesson.remoteAnswer(a);
    }

    // ----- students

    /** A student's connection (see {@link RoomStudents#join}). @throws Refusal when the room is full or has ended */
    synchronized Student join(Viewer v, String seat) throws Refusal { return students.join(v, seat); }
    synchronized void leave(Viewer v, long now) { students.leave(v, now); }
    synchronized void nickname(Student s, String typed) { students.nickname(s, typed); }

    /** A student's message (see {@link RoomStudents#act}); takes the lock call by call. */
    void act(Student s, Viewer from, ClientMessage m, long now) throws Refusal { students.act(s, from, m, now); }

    /** The run a student's lab commands go to: their fork while they are in it, else null (they only watch). */
    synchronized LabRun target(Student s, long now) { return forks.target(s, now); }

    /** A student asks for a fork (see {@link RoomForks#fork}). */
    synchronized void fork(Student s, long now) throws Refusal { forks.fork(s, now); }

    /** On the class run's tick: the copy is there (or null: no run yet). */
    synchronized void forked(Student s, ForkSource source) { forks.forked(s, source); }

    synchronized void unfork(Student s) { forks.unfork(s); }

    /**
     * A typed nickname as the room keeps it ({@link bnlab.web.TypedText#name}): control and format characters
     * dropped, trimmed, at most {@link #MAX_NICKNAME} characters (code points); null when nothing is left (then the
     * student's number). Kept as typed otherwise: pages show it as text, never as markup.
     */
    static String cleanNickname(String typed) { return cleanText(typed, MAX_NICKNAME); }

    /**
     * Typed text (a nickname, a room's name) as the room keeps it: no control or format characters (bidi overrides
     * included), trimmed, at most {@code max} code points; null if empty.
     */
    static String cleanText(String typed, int max) { return bnlab.web.TypedText.name(typed, max); }

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
        students.sweep(now);
        if (instructor != null) messages.send(instructor, dashboard.dashboard());
        record.sweep();
        lesson.sweep(run.summary().step());
        return null;
    }

    /**
     * The server stops, and the room is to come back at its next start: its last state goes into the record (not its
     * end), its runs stop, and nobody is told it ended, so that the pages connect again by themselves.
     */
    synchronized void suspend() {
        if (closed) return;
        record.snapshot();
        closed = true;
        if (relay != null) relay.close();
        forks.closeAll();
        run.close();
    }

    /** Ends the room for everyone (the connections are closed by the endpoint). */
    synchronized List<Viewer> close(String reason) {
        if (closed) return List.of();
        record.closed(reason);
        closed = true;
        if (relay != null) {
            relay.closed(reason);
            relay.close();
        }
        List<Viewer> all = students.viewers();
        if (instructor != null) all.add(instructor);
        messages.sendAll(all, new ServerMessage.RoomClosed(reason));
        forks.closeAll();
        students.clear();
        instructor = null;
        run.close();
        return all;
    }

    synchronized boolean isClosed() { return closed; }

    /** Students connected now, on this instance and (with a broker) on the others. */
    synchronized int studentCount() {
        int n = relay == null ? 0 : relay.remoteStudents(System.nanoTime());
        return n + students.connected();
    }

    synchronized int forkCount() { return students.forkCount(); }
}
