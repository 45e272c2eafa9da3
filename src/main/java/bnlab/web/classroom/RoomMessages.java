package bnlab.web.classroom;

import bnlab.web.lab.LabJson;
import bnlab.web.lab.ServerMessage;
import bnlab.web.lab.Viewer;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link Room} tells the pages in it, and the one place it turns a {@link ServerMessage} record into text
 * (through {@link LabJson}) and sends it: the room as each page sees it, refusals, the room's end, the lesson's
 * views, the dashboard. (The runs' own messages are sent by the runs.)
 *
 * <p>{@link #info} and {@link #announce} read the room's state: they are called with the room's lock held. The others
 * touch nothing of the room (the viewers are thread-safe and queue what they are sent), so nothing here waits.
 */
final class RoomMessages {
    private final LabJson json;
    private final Room room;
    private final List<String> joinBases; // where students join: each base + "/join/" + the room's code

    RoomMessages(LabJson json, Room room, List<String> joinBases) {
        this.json = json;
        this.room = room;
        this.joinBases = List.copyOf(joinBases);
    }

    void send(Viewer to, ServerMessage m) {
        to.send(json.write(m));
    }

    /** The same message to every viewer, written once. */
    void sendAll(List<Viewer> to, ServerMessage m) {
        String text = json.write(m);
        for (Viewer v : to) v.send(text);
    }

    /** A refusal, to the page whose request it answers. */
    void refuse(Viewer to, ServerMessage.Error e) {
        to.sendError(json.write(e));
    }

    /** A message as text, for the relay (it publishes text to the students of the other instances). */
    String text(ServerMessage m) {
        return json.write(m);
    }

    /** The room as {@code s} sees it (null: the instructor), to {@code to}. */
    void info(Viewer to, Room.Student s) {
        send(to, info(s));
    }

    /** Tells everyone (instructor, students, other instances) how the room is now. */
    void announce() {
        if (room.relay != null) room.relay.room(room.locked, room.name);
        if (room.instructor != null) info(room.instructor, null);
        for (Room.Student s : room.students.all()) if (s.viewer != null) info(s.viewer, s);
    }

    private ServerMessage.Room info(Room.Student s) {
        Fork shown = room.shown;
        if (s == null) // the instructor
            return new ServerMessage.Room(room.code, room.name, "instructor", room.locked, room.studentCount(), room.forkCount(),
                    shown != null ? "shown" : "class", null, null, 0, joinUrls(), shown == null ? null : shown.owner.label(),
                    shown == null ? null : shown.owner.number);
        return new ServerMessage.Room(room.code, room.name, "student", room.locked, 0, 0, s.inFork ? "fork" : "class", s.seat, s.nickname,
                s.number, null, null);
    }

    private List<String> joinUrls() {
        List<String> urls = new ArrayList<>();
        for (String base : joinBases) urls.add(base + "/join/" + room.code);
        return urls;
    }
}
