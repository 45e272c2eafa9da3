package bnlab.web.classroom;

import bnlab.web.lab.Viewer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rooms on this server, by join code, with the classroom's limits. One instance is made with the app
 * and passed to whoever needs it. Once a second a daemon thread sweeps the rooms: it ends what was idle or
 * away too long and sends each instructor the dashboard.
 */
public final class Classroom implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Classroom.class);
    /** Connections of an ended room are dropped this long after they were told (the page closes them itself first). */
    static final long CLOSE_DELAY_MILLIS = 2000;

    private final Room.Runs runs;
    private final ClassroomOptions options;
    private final InstructorToken token;
    private volatile List<String> studentBases;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Room> rooms = new ConcurrentHashMap<>();
    private final JoinLimit joins;
    private final ScheduledExecutorService sweeper;
    private final bnlab.web.broker.Broker broker; // null: every room and student on this instance
    private final String instance;                // this instance's name in the broker's directory
    private final Map<String, RemoteRoom> remote = new ConcurrentHashMap<>();
    private volatile Recorder recorder = Recorder.NONE;
    private long sweeps;
    /** A room's entry in the directory lives this long unless its instance claims it again (every sweep). */
    static final java.time.Duration DIRECTORY_TTL = java.time.Duration.ofSeconds(15);
    /** A relayed room with no student here for this long is let go. */
    static final long REMOTE_IDLE_NANOS = TimeUnit.SECONDS.toNanos(60);

    /**
     * @param lab          where the rooms' runs are made: the lab's registry, data, budget and threads
     * @param token        the instructor's secret
     * @param studentBases the addresses students type, e.g. "http://192.168.1.20:7070" (serve prints them); empty:
     *                     the address the instructor's page was opened with
     */
    public Classroom(bnlab.web.lab.LabEndpoint lab, ClassroomOptions options, InstructorToken token, List<String> studentBases) {
        this(lab, options, token, studentBases, null);
    }

    /**
     * @param broker where rooms meet students on other instances (serve --broker), or null: all in this process
     */
    public Classroom(bnlab.web.lab.LabEndpoint lab, ClassroomOptions options, InstructorToken token, List<String> studentBases,
                     bnlab.web.broker.Broker broker) {
        this(lab, options, token, studentBases, broker, System::nanoTime);
    }

    /** @param clock the join limit's clock: {@link System#nanoTime}, or a test's */
    Classroom(bnlab.web.lab.LabEndpoint lab, ClassroomOptions options, InstructorToken token, List<String> studentBases,
              bnlab.web.broker.Broker broker, java.util.function.LongSupplier clock) {
        this.broker = broker;
        this.joins = new JoinLimit(options.joinsPerMinute(), clock);
        this.instance = "instance-" + HexFormat.of().formatHex(random.generateSeed(6));
        this.runs = new Room.Runs() {
            @Override public bnlab.web.lab.LabRun newRun(bnlab.web.lab.LabRun.Kind kind) { return lab.newRun(kind); }

            @Override public void schedule(bnlab.web.lab.LabRun run) { lab.schedule(run); }

            @Override public bnlab.web.lab.LabJson json() { return lab.json(); }
        };
        this.options = options;
        this.token = token;
        this.studentBases = List.copyOf(studentBases);
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "classroom-sweeper");
            t.setDaemon(true);
            return t;
        });
        pool.setRemoveOnCancelPolicy(true);
        this.sweeper = pool;
        sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    public InstructorToken token() { return token; }

    private volatile bnlab.lessons.plan.LecturePlans plans;

    /** The plans an instructor can follow: the built-in one, and those of serve --plans DIR. */
    public bnlab.lessons.plan.LecturePlans plans() {
        if (plans == null) {
            try {
                plans = bnlab.lessons.plan.LecturePlans.load(null);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return plans;
    }

    /** The plans of serve --plans DIR (loaded and checked before the server starts). */
    public void usePlans(bnlab.lessons.plan.LecturePlans plans) { this.plans = plans; }

    public ClassroomOptions options() { return options; }

    /** Writes the rooms opened from now on into the class's record (serve does, unless --no-record). */
    public void recordTo(Recorder r) { recorder = r; }

    /** Where the rooms are recorded ({@link Recorder#NONE}: nowhere). */
    public Recorder recorder() { return recorder; }

    /** The addresses students type, or empty (then the instructor page's own). */
    public List<String> studentBases() { return studentBases; }

    /** Sets them once the server knows its port, e.g. "http://192.168.1.20:7070". */
    public void studentBases(List<String> bases) { studentBases = List.copyOf(bases); }

    /**
     * Opens a room with a fresh join code.
     *
     * @param joinBases the addresses its join links start with
     * @throws Room.Refusal when the server has as many rooms as it may
     */
    Room open(String name, List<String> joinBases, long now) throws Room.Refusal {
        synchronized (rooms) {
            if (rooms.size() >= options.maxRooms())
                throw new Room.Refusal("this server has as many rooms as it may (" + options.maxRooms() + "): close one first",
                        "rooms", options.maxRooms());
            String code;
            do code = JoinCode.random(random);
            while (rooms.containsKey(code) || (broker != null && !broker.claim(RoomRelay.key(code), instance, DIRECTORY_TTL)));
            Room room = new Room(code, clean(name), runs, options, c -> seat(), joinBases, now,
                    broker == null ? null : new RoomRelay(broker, code));
            room.recordTo(recorder);
            rooms.put(code, room);
            LOG.info("room {} opened", code);
            return room;
        }
    }

    private static String clean(String name) { return Room.cleanText(name, 60); }

    /** A secret seat: 64 random bits, so that no one takes another student's seat (and fork) by guessing. */
    private String seat() {
        byte[] b = new byte[8];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** A room brought back after a restart: its code, and the forks that could not be replayed. */
    public record Restored(String code, long step, int forksLeftOut) {}

    /**
     * Brings back the rooms the record holds as open (the server stopped or crashed while they ran), with their codes
     * (unless another instance took one meanwhile: then that room's record ends there), their seats, plans and runs.
     */
    public List<Restored> restore() throws java.sql.SQLException {
        bnlab.record.ClassRecord record = recorder.record();
        List<Restored> back = new ArrayList<>();
        if (record == null) return back;
        for (bnlab.record.ClassRecord.Room r : record.openRooms()) {
            synchronized (rooms) {
                boolean free = !rooms.containsKey(r.code()) && rooms.size() < options.maxRooms()
                        && (broker == null || broker.claim(RoomRelay.key(r.code()), instance, DIRECTORY_TTL));
                if (!free) {
                    record.roomClosed(r.id(), "codeTaken", System.currentTimeMillis());
                    continue;
                }
                long now = System.nanoTime();
                Room room = new Room(r.code(), r.name(), runs, options, c -> seat(), studentBases, now,
                        broker == null ? null : new RoomRelay(broker, r.code()));
                recorder.resumed(r.code(), r.id());
                room.recordTo(recorder, false);
                List<bnlab.record.ClassRecord.Run> runsBack = record.runs(r.id());
                int left = room.restore(record.state(r.id()).orElse(new bnlab.record.ClassRecord.RoomState(true, null)), record.seats(r.id()),
                        runsBack, r.plan() == null ? null : plans().byKey(r.plan()).orElse(null), now);
                rooms.put(r.code(), room);
                back.add(new Restored(r.code(), runsBack.isEmpty() ? 0 : runsBack.get(0).step(), left));
                LOG.info("room {} back after a restart", r.code());
            }
        }
        return back;
    }

    /** The room a typed code names (normalized: spaces, case), if it is open. */
    public Optional<Room> find(String typed) {
        return JoinCode.normalize(typed).map(rooms::get).filter(r -> !r.isClosed());
    }

    /**
     * A room that runs on another instance, relayed to students here: with a broker, when the directory names
     * another instance for the code. Asks the directory (may wait a moment): not on a training thread.
     */
    Optional<RemoteRoom> remote(String typed) {
        if (broker == null) return Optional.empty();
        Optional<String> code = JoinCode.normalize(typed);
        if (code.isEmpty()) return Optional.empty();
        RemoteRoom known = remote.get(code.get());
        if (known != null && !known.isClosed()) return Optional.of(known);
        Optional<String> owner;
        try {
            owner = broker.owner(RoomRelay.key(code.get()));
        } catch (bnlab.web.broker.BrokerException e) {
            LOG.warn("the broker could not be asked for room {}: {}", code.get(), e.getMessage());
            return Optional.empty();
        }
        if (owner.isEmpty() || owner.get().equals(instance)) return Optional.empty();
        return Optional.of(remote.compute(code.get(), (c, old) -> old != null && !old.isClosed() ? old
                : new RemoteRoom(c, broker, runs.json(), this::seat, this::scheduleClose, instance, System.nanoTime())));
    }

    /**
     * Counts a look-up of a room code from this address (the join page, the QR image, the student's socket share
     * one limit, {@link JoinLimit}).
     *
     * @return 0 when it is allowed, else the seconds until the address may ask again
     */
    long lookUp(String address) { return joins.take(address); }

    /** Ends a room and drops its connections a moment later. */
    void close(Room room, String reason) {
        rooms.remove(room.code, room);
        List<Viewer> viewers = room.close(reason);
        releaseEntry(room.code);
        LOG.info("room {} ended: {}", room.code, reason);
        scheduleClose(viewers);
    }

    private void releaseEntry(String code) {
        if (broker == null) return;
        try {
            broker.release(RoomRelay.key(code), instance);
        } catch (bnlab.web.broker.BrokerException e) {
            LOG.warn("room {}: its directory entry could not be freed ({}); it expires by itself", code, e.getMessage());
        }
    }

    private void sweep() {
        try {
            long now = System.nanoTime();
            sweeps++;
            for (Room r : rooms.values()) {
                String end = r.sweep(now);
                if (end != null) close(r, end);
                else if (broker != null) broker.claim(RoomRelay.key(r.code), instance, DIRECTORY_TTL); // still here
            }
            if (broker != null) sweepRemote(now);
            joins.sweep();
        } catch (RuntimeException e) {
            LOG.error("classroom sweep failed", e); // the next one comes anyway
        }
    }

    /** Relayed rooms: tell their instances how many students are here; let go of those ended or empty. */
    private void sweepRemote(long now) {
        for (RemoteRoom r : remote.values()) {
            boolean gone = r.isClosed() || now - r.emptySince() > REMOTE_IDLE_NANOS;
            if (!gone && sweeps % 5 == 0 && broker.owner(RoomRelay.key(r.code)).isEmpty()) {
                List<Viewer> told = r.end("serverStopping"); // the instance that ran it is gone
                scheduleClose(told);
                gone = true;
            }
            if (gone) {
                remote.remove(r.code, r);
                r.close();
            } else {
                r.presence();
            }
        }
    }

    private void scheduleClose(List<Viewer> viewers) {
        if (!viewers.isEmpty() && !sweeper.isShutdown())
            sweeper.schedule(() -> viewers.forEach(v -> v.close(1000, "room ended")), CLOSE_DELAY_MILLIS, TimeUnit.MILLISECONDS);
    }

    public int rooms() { return rooms.size(); }

    public Collection<Room> all() { return new ArrayList<>(rooms.values()); }

    /**
     * The server stops. With a record, every room is kept there to come back at the next start (the pages connect
     * again by themselves); without one, each ends: students see that it ended and can join the next.
     */
    @Override
    public void close() {
        boolean comeBack = recorder.record() != null;
        for (Room r : all()) {
            rooms.remove(r.code, r);
            if (comeBack) r.suspend();
            else r.close("serverStopping");
            releaseEntry(r.code);
        }
        for (RemoteRoom r : remote.values()) {
            r.end("serverStopping");
            r.close();
        }
        remote.clear();
        sweeper.shutdownNow();
        recorder.close();
    }
}
