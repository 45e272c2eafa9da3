package bnlab.web.classroom;

import bnlab.experiments.RunConfig;
import bnlab.experiments.RunFields;
import bnlab.lessons.plan.LecturePlan;
import bnlab.record.ClassRecord;
import bnlab.web.lab.ClientMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the class's record keeps of a {@link Room} (through its {@link Recorder}: the room's opening and end, its plan,
 * every counted answer, and every few seconds its state, seats and runs), and the room brought back from the record
 * after a restart.
 *
 * <p>Guarded by the room's lock: called only from the room's synchronized methods.
 */
final class RoomRecord {
    /** Runs longer than this many iterations are not replayed after a restart: their record is kept, the student told. */
    static final long MAX_RESTORED_STEPS = 200_000;
    /** The record gets the room's runs every this many sweeps (seconds), and at a fork's and the room's end. */
    static final int RECORD_EVERY_SWEEPS = 5;

    private final Room room;
    private final long openedAt = System.currentTimeMillis();
    private Recorder recorder = Recorder.NONE;
    private int sweeps;
    /** The class run's iteration a restored room replays to; once reached its speed is set back to a preset's (-1: none). */
    private long restoringTo = -1;

    RoomRecord(Room room) { this.room = room; }

    /** @param opened whether the room is new (a room brought back after a restart writes on into its record) */
    void recordTo(Recorder r, boolean opened) {
        recorder = r;
        if (opened) r.opened(room.code, room.name, openedAt);
    }

    /**
     * Brings the room back as the record left it (after a restart or a crash): locked or released, the plan at its
     * step, every seat (so that the students' pages come back to them), the class run and each fork replayed from its
     * link to the iteration recorded (the engine is deterministic: the same weights and optimizer state), then paused.
     * A fork too long to replay is left out; its record stays.
     *
     * @return the forks left out
     */
    int restore(ClassRecord.RoomState state, List<ClassRecord.Seat> seatsBack, List<ClassRecord.Run> runsBack, LecturePlan plan,
                long now) {
        room.locked = state.locked();
        room.instructorAway = now; // the instructor's page comes back within the grace, as after a dropped connection
        room.instructorActive = now;
        room.lesson.restore(plan, state.planStep());
        Map<Integer, Room.Student> byNumber = new HashMap<>();
        for (ClassRecord.Seat s : seatsBack) {
            Room.Student st = room.students.back(s.seat(), s.number(), s.nickname(), s.inFork(), now);
            byNumber.put(st.number, st);
        }
        int left = 0;
        for (ClassRecord.Run r : runsBack) {
            RunConfig config = config(r.link());
            if (config == null) continue;
            if (r.runId().isEmpty()) {
                room.run.submit(Room.ROOM, new ClientMessage.Start(config, "max", false, r.step(), null)); // trains to there, pauses
                restoringTo = r.step();
                continue;
            }
            Room.Student owner = r.number() == null ? null : byNumber.get(r.number());
            if (owner == null) continue;
            if (r.step() > MAX_RESTORED_STEPS || room.forkCount() >= room.options.maxForks()) {
                owner.forkLost = true;
                left++;
                continue;
            }
            room.forks.replay(owner, config, r.step(), r.fromStep(), now);
        }
        return left;
    }

    /** A run's description from its link (/lab?...), or null when it cannot be read. */
    private static RunConfig config(String link) {
        try {
            int q = link.indexOf('?');
            return RunFields.fromQuery(q < 0 ? "" : link.substring(q + 1), new HashMap<>());
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /**
     * Once a second, at the sweep: a restored class run that reached its iteration goes on at a preset's pace when
     * started; every {@link #RECORD_EVERY_SWEEPS} sweeps the room's state, seats and runs are written.
     */
    void sweep() {
        if (restoringTo >= 0 && room.run.summary().step() >= restoringTo) { // replayed: on at a preset's pace when started
            room.run.submit(Room.ROOM, new ClientMessage.SetSpeed("100"));
            restoringTo = -1;
        }
        if (++sweeps % RECORD_EVERY_SWEEPS == 0) snapshot();
    }

    /** The room as it is now: its state, seats and runs. */
    void snapshot() {
        recorder.snapshot(room.code, state(), seats(), rows());
    }

    void plan(String key) { recorder.plan(room.code, key); }

    void answer(ClassRecord.Answer a) { recorder.answer(room.code, a); }

    void forkEnded(Fork f) { recorder.runs(room.code, List.of(forkRows(f))); }

    /** The room ends: its runs as they are last, then its end. */
    void closed(String reason) {
        recorder.runs(room.code, rows());
        recorder.closed(room.code, reason, System.currentTimeMillis());
    }

    private ClassRecord.RoomState state() {
        return new ClassRecord.RoomState(room.locked, room.lesson.step());
    }

    /** The seats of this instance's students, so that their pages come back to them after a restart. */
    private List<ClassRecord.Seat> seats() {
        List<ClassRecord.Seat> seats = new ArrayList<>();
        for (Room.Student s : room.students.all()) seats.add(new ClassRecord.Seat(s.seat, s.number, s.nickname, s.inFork));
        return seats;
    }

    /** Every run of the room as the record keeps it: the class run, then each student's forks. */
    private List<ClassRecord.RunRows> rows() {
        List<ClassRecord.RunRows> rows = new ArrayList<>();
        rows.add(Recorder.rows("", null, null, openedAt, 0, room.run.summary()));
        for (Room.Student s : room.students.all()) for (Fork f : s.forks) rows.add(forkRows(f));
        return rows;
    }

    private static ClassRecord.RunRows forkRows(Fork f) {
        return Recorder.rows(f.id, f.owner.number, f.owner.nickname, f.madeAt, f.fromStep, f.run.summary());
    }
}
