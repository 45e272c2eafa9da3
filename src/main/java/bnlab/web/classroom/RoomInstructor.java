package bnlab.web.classroom;

import bnlab.web.lab.Audience;
import bnlab.web.lab.ServerMessage;
import bnlab.web.lab.Viewer;

/**
 * The instructor's side of a {@link Room}: their page connects (new, or back with the token; an earlier page is
 * told and let go) and leaves (the room waits the grace for them), and their screen shows the class run, which they
 * drive, or a student's fork, which they watch.
 *
 * <p>Guarded by the room's lock: called only from the room's synchronized methods. The instructor's fields are the
 * room's ({@link Room#instructor}), since every part sends to them.
 */
final class RoomInstructor {
    private final Room room;

    RoomInstructor(Room room) { this.room = room; }

    /** The instructor's connection (new, or back with the token). An earlier one is told and let go. */
    void in(Viewer v, long now) {
        if (room.instructor != null && room.instructor != v) {
            detach();
            room.messages.send(room.instructor, new ServerMessage.RoomClosed("takenOver"));
        }
        room.instructor = v;
        room.instructorAway = 0;
        room.instructorActive = now;
        room.messages.info(v, null); // before the run's ready, which the run's next tick sends
        room.lesson.toInstructor(v);
        if (room.shown != null) room.shown.run.attach(v, Audience.Role.MIRROR);
        else room.run.attach(v, Audience.Role.CONTROLLER);
    }

    void out(Viewer v, long now) {
        if (room.instructor != v) return;
        detach();
        room.instructor = null;
        room.instructorAway = now;
    }

    private void detach() {
        room.run.detach(room.instructor);
        if (room.shown != null) room.shown.run.detach(room.instructor);
    }

    /** Puts a fork on the instructor's screen, or (null) the class's run back. */
    void show(String forkId) throws Room.Refusal {
        Fork f = null;
        if (forkId != null) {
            f = room.students.fork(forkId);
            if (f == null) throw new Room.Refusal("no such fork in this room (it may have ended)", "noFork");
        }
        if (f == room.shown) return;
        Viewer instructor = room.instructor;
        if (instructor != null) {
            if (room.shown != null) room.shown.run.detach(instructor); else room.run.detach(instructor);
        }
        room.shown = f;
        if (instructor != null) {
            room.messages.info(instructor, null);
            if (f != null) f.run.attach(instructor, Audience.Role.MIRROR);
            else room.run.attach(instructor, Audience.Role.CONTROLLER);
        }
    }
}
