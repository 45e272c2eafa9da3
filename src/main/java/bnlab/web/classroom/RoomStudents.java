package bnlab.web.classroom;

import bnlab.web.lab.Audience;
import bnlab.web.lab.ClientMessage;
import bnlab.web.lab.LabJson;
import bnlab.web.lab.LabRun;
import bnlab.web.lab.ServerMessage;
import bnlab.web.lab.Viewer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A {@link Room}'s students: each has a seat, numbered in the order they came, with a secret id that brings a
 * reloaded page back to it; a seat is kept a while after its student went away. Here a student joins, leaves,
 * names themselves, a seat away too long is given up, and a student's message is sent where it belongs
 * ({@link #act}), also for a student of another instance ({@link #tunnel}).
 *
 * <p>Guarded by the room's lock: called only from the room's synchronized methods, except {@link #act} and
 * {@link #tunnel}, which take it call by call through the room's methods (a lab command is queued on a fork's run
 * outside it).
 */
final class RoomStudents {
    private final Room room;
    private final Function<String, String> seatIds; // a fresh secret seat id, unique in the room
    private final Map<String, Room.Student> bySeat = new LinkedHashMap<>();
    private final Map<Viewer, Room.Student> byViewer = new LinkedHashMap<>();
    private int nextNumber = 1;

    RoomStudents(Room room, Function<String, String> seatIds) {
        this.room = room;
        this.seatIds = seatIds;
    }

    /**
     * A student's connection: back on their seat when {@code seat} is theirs, else on a new one.
     *
     * @throws Room.Refusal when the room is full
     */
    Room.Student join(Viewer v, String seat) throws Room.Refusal {
        if (room.closed) throw new Room.Refusal("this room has ended", "roomClosed");
        Room.Student s = seat == null ? null : bySeat.get(seat);
        if (s == null) {
            // Those connected count, not the seats kept a while for students who left (a reload, a class that comes and goes).
            if (connected() >= room.options.maxStudents())
                throw new Room.Refusal("this room is full (at most " + room.options.maxStudents() + " students)", "students",
                        room.options.maxStudents());
            s = new Room.Student(seatIds.apply(room.code), nextNumber++);
            bySeat.put(s.seat, s);
        } else if (s.viewer != null) { // the same seat from a second page: the older page lets go
            byViewer.remove(s.viewer);
            detach(s);
            room.messages.send(s.viewer, new ServerMessage.RoomClosed("takenOver"));
        }
        s.viewer = v;
        s.awaySince = 0;
        byViewer.put(v, s);
        if (s.inFork && (room.locked || s.fork() == null)) s.inFork = false;
        room.messages.info(v, s); // the room first, then the run's ready (on its next tick)
        room.lesson.toStudent(v, s.seat);
        if (s.inFork) s.fork().run.attach(v, Audience.Role.STUDENT);
        else room.run.attach(v, Audience.Role.WATCHER);
        if (s.forkLost) {
            s.forkLost = false;
            room.messages.refuse(v, new Room.Refusal("your copy had run too long to be brought back after the server restarted;"
                    + " its record is kept: fork the class run again", "forkNotRestored").toError("fork"));
        }
        return s;
    }

    void leave(Viewer v, long now) {
        Room.Student s = byViewer.remove(v);
        if (s == null || s.viewer != v) return;
        detach(s);
        s.viewer = null;
        s.awaySince = now;
    }

    private void detach(Room.Student s) {
        room.run.detach(s.viewer);
        for (Fork f : s.forks) f.run.detach(s.viewer);
    }

    /** What a student's message does: room messages to the room, lab commands to their fork (refused while they watch). */
    void act(Room.Student s, Viewer from, ClientMessage m, long now) throws Room.Refusal {
        if (room.isClosed()) throw new Room.Refusal("this room has ended", "roomClosed");
        if (m instanceof ClientMessage.Fork) room.fork(s, now);
        else if (m instanceof ClientMessage.Unfork) room.unfork(s);
        else if (m instanceof ClientMessage.Nickname n) room.nickname(s, n.name());
        else if (m instanceof ClientMessage.Answer a) room.answer(s, a);
        else if (m instanceof ClientMessage.RoomMessage) throw new Room.Refusal("only the instructor can do that", "instructorOnly");
        else {
            LabRun target = room.target(s, now);
            if (target == null)
                throw new Room.Refusal("the instructor drives the class's run: fork it to try your own (when the class is released)",
                        "watcher");
            if (!target.submit(from, m)) throw new Room.Refusal("too many messages waiting: wait for the answers", "queue");
        }
    }

    /**
     * A student of another instance who forks (see RemoteRoom): their messages arrive on the tunnel's up channel
     * and what they are sent goes down it, so that on this instance they are a student like any other, the fork
     * and the dashboard included. They leave when their instance says so, or stops saying it has students.
     */
    void tunnel(String id, String instance, String nickname) {
        RoomRelay relay = room.relay;
        if (relay == null || room.isClosed()) return;
        Viewer down = relay.tunnelViewer(id);
        Room.Student[] s = new Room.Student[1];
        relay.openTunnel(id, instance, text -> { // open before the join, so that the join's answers go down it
            if (text.startsWith("x:")) {
                room.leave(down, System.nanoTime());
                return true; // closed
            }
            if (s[0] == null) return false;
            try {
                act(s[0], down, room.runs.json().readClient(text), System.nanoTime());
            } catch (LabJson.BadMessage e) {
                room.messages.refuse(down, e.toError());
            } catch (Room.Refusal r) {
                room.messages.refuse(down, r.toError(null));
            }
            return false;
        }, () -> room.leave(down, System.nanoTime()));
        try {
            s[0] = room.join(down, null);
            room.nickname(s[0], nickname);
            room.fork(s[0], System.nanoTime());
        } catch (Room.Refusal r) {
            room.messages.refuse(down, r.toError("fork"));
        }
    }

    Room.Student of(Viewer v) { return byViewer.get(v); }

    void nickname(Room.Student s, String typed) {
        s.nickname = Room.cleanNickname(typed);
        if (s.viewer != null) room.messages.info(s.viewer, s);
    }

    /** A seat as the record kept it, its student away (after a restart: their page comes back to it within the grace). */
    Room.Student back(String seat, int number, String nickname, boolean inFork, long now) {
        Room.Student st = new Room.Student(seat, number);
        st.nickname = nickname;
        st.inFork = inFork; // back in their copy if it comes back (join checks)
        st.awaySince = now; // kept as long as a student who went away
        bySeat.put(st.seat, st);
        nextNumber = Math.max(nextNumber, st.number + 1);
        return st;
    }

    /** Once a second: a seat away longer than the grace is given up, its forks ended; the others' idle forks end. */
    void sweep(long now) {
        for (var it = bySeat.values().iterator(); it.hasNext(); ) {
            Room.Student s = it.next();
            if (s.viewer == null && now - s.awaySince > room.options.studentGrace().toNanos()) {
                room.forks.endAll(s);
                it.remove();
                continue;
            }
            room.forks.sweep(s, now);
        }
    }

    /** Every seat, in the order they were taken. */
    Collection<Room.Student> all() { return bySeat.values(); }

    boolean has(Room.Student s) { return bySeat.containsKey(s.seat); }

    /** The students' pages connected now. */
    List<Viewer> viewers() { return new ArrayList<>(byViewer.keySet()); }

    /** Students connected now, on this instance. */
    int connected() {
        int n = 0;
        for (Room.Student s : bySeat.values()) if (s.viewer != null) n++;
        return n;
    }

    int forkCount() {
        int n = 0;
        for (Room.Student s : bySeat.values()) n += s.forks.size();
        return n;
    }

    /** A fork of this room by its id, or null. */
    Fork fork(String id) {
        for (Room.Student s : bySeat.values()) for (Fork f : s.forks) if (f.id.equals(id)) return f;
        return null;
    }

    void clear() {
        bySeat.clear();
        byViewer.clear();
    }
}
