package bnlab.web.classroom;

import bnlab.experiments.RunConfig;
import bnlab.web.lab.Audience;
import bnlab.web.lab.ClientMessage;
import bnlab.web.lab.ForkSource;
import bnlab.web.lab.LabRun;
import java.util.ArrayList;

/**
 * The students' forks in a {@link Room}: a student copies the class run when the class is released (at most one
 * fork a second, at most the room's number of forks), drives the copy in its view, goes back to the class run, and
 * the copy ends when it is idle too long, its student's seat is given up, or the room ends.
 *
 * <p>Guarded by the room's lock: called only from the room's synchronized methods. The copy itself is made on the
 * class run's tick and comes back through {@link Room#forked}, which takes the lock.
 */
final class RoomForks {
    /** A fork is made at most this often per student: each copies every network of the run. */
    static final long MIN_FORK_GAP_NANOS = 1_000_000_000L;

    private final Room room;

    RoomForks(Room room) { this.room = room; }

    /**
     * A student asks for a fork: once the class's run has copied itself (on its next tick), the student is in
     * the fork's view, paused where the class was.
     */
    void fork(Room.Student s, long now) throws Room.Refusal {
        if (room.locked) throw new Room.Refusal("the instructor has not released the class yet: watch for now", "locked");
        if (now - s.lastForkAt < MIN_FORK_GAP_NANOS) throw new Room.Refusal("one fork a second: wait a moment", "forkRate");
        int alive = room.forkCount();
        boolean replaces = s.forks.size() >= room.options.maxForksPerStudent();
        if (!replaces && alive >= room.options.maxForks())
            throw new Room.Refusal("this room has as many forks as it may (" + room.options.maxForks() + "): watch the class, or try later",
                    "forks", room.options.maxForks());
        s.lastForkAt = now;
        room.run.requestFork(source -> room.forked(s, source));
    }

    /** The copy is there (or null: no run yet); the student's oldest fork makes way when they have as many as they may. */
    void forked(Room.Student s, ForkSource source) {
        if (room.closed || !room.students.has(s)) return;
        if (source == null) {
            if (s.viewer != null) room.messages.refuse(s.viewer, new Room.Refusal(
                    "the class has no run yet: wait for the instructor to start one", "noRun").toError("fork"));
            return;
        }
        if (room.locked) return; // locked while the copy was made
        while (s.forks.size() >= room.options.maxForksPerStudent()) end(s.forks.peekFirst());
        LabRun copy = room.runs.newRun(LabRun.Kind.FORK);
        copy.adopt(source);
        Fork f = new Fork(copy, s, System.nanoTime(), source.summary().step());
        s.forks.addLast(f);
        s.inFork = true;
        if (s.viewer != null) {
            room.run.detach(s.viewer);
            room.messages.info(s.viewer, s); // the room first, then the fork's ready
            copy.attach(s.viewer, Audience.Role.STUDENT);
        }
        room.runs.schedule(copy);
    }

    /** A fork brought back after a restart: replayed from its description to the iteration recorded, then paused. */
    void replay(Room.Student owner, RunConfig config, long step, long fromStep, long now) {
        LabRun copy = room.runs.newRun(LabRun.Kind.FORK);
        copy.submit(Room.ROOM, new ClientMessage.Start(config, "max", false, step, null));
        owner.forks.addLast(new Fork(copy, owner, now, fromStep));
        room.runs.schedule(copy);
    }

    /** Back to the class's run; the fork pauses and is kept (the dashboard still lists it) until it is idle. */
    void unfork(Room.Student s) {
        if (s.inFork) toClass(s);
        else if (s.viewer != null) room.messages.info(s.viewer, s);
    }

    private void toClass(Room.Student s) {
        Fork f = s.fork();
        if (f != null && s.viewer != null) f.run.detach(s.viewer);
        if (f != null) f.run.submit(Room.ROOM, new ClientMessage.Pause());
        s.inFork = false;
        if (s.viewer != null) {
            room.messages.info(s.viewer, s);
            room.run.attach(s.viewer, Audience.Role.WATCHER);
        }
    }

    /** The room is locked: every student back in the class's view, every fork paused. */
    void pauseAll() {
        for (Room.Student s : room.students.all()) {
            if (s.inFork) toClass(s);
            for (Fork f : s.forks) f.run.submit(Room.ROOM, new ClientMessage.Pause());
        }
    }

    /** The run a student's lab commands go to: their fork while they are in it, else null (they only watch). */
    LabRun target(Room.Student s, long now) {
        if (!s.inFork || s.fork() == null) return null;
        s.fork().lastActive = now;
        return s.fork().run;
    }

    /** Once a second: a fork that trains is in use; one paused and untouched longer than the room allows ends. */
    void sweep(Room.Student s, long now) {
        for (Fork f : new ArrayList<>(s.forks)) {
            if (f.run.isTraining()) f.lastActive = now;
            if (now - f.lastActive > room.options.forkIdle().toNanos()) end(f);
        }
    }

    /** Ends a fork: its run stops, its student (if in it) is back in the class, the projector back on the class run. */
    void end(Fork f) {
        room.record.forkEnded(f);
        if (f.owner.inFork && f == f.owner.fork()) toClass(f.owner);
        f.owner.forks.remove(f);
        if (room.shown == f) {
            try { room.show(null); } catch (Room.Refusal impossible) { /* null always works */ }
        }
        f.run.close();
    }

    /** Ends a student's forks (their seat is given up). */
    void endAll(Room.Student s) {
        for (Fork f : new ArrayList<>(s.forks)) end(f);
    }

    /** The room stops: every fork's run stops (the record has them already). */
    void closeAll() {
        for (Room.Student s : room.students.all()) for (Fork f : s.forks) f.run.close();
    }
}
