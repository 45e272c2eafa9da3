package bnlab.web.classroom;

import bnlab.experiments.live.RunHistory;
import bnlab.web.broker.Broker;
import bnlab.web.lab.LabJson;
import bnlab.web.lab.ServerMessage;
import bnlab.web.lab.Viewer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A room that runs on another instance, as this instance relays it to its own students: it subscribes to
 * the room's out channel (see {@link RoomRelay}), passes every message on, and keeps what a student who
 * joins here late needs (the run's ready, its history fed from the frames, its state). Students here watch;
 * forks are made on the instance that runs the room. Listener calls and joins take this object's lock,
 * briefly: nothing here waits.
 */
final class RemoteRoom implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteRoom.class);

    final String code;
    private final Broker broker;
    private final LabJson json;
    private final Broker.Subscription subscription;
    private final java.util.function.Supplier<String> seats;
    private String ready, state;
    private RunHistory history = new RunHistory();
    private boolean locked = true;
    private String name;
    private boolean closed;
    private int nextNumber = 1;
    private final Map<Viewer, Seat> students = new LinkedHashMap<>();
    private final Map<String, Seat> bySeat = new LinkedHashMap<>();
    private long emptySince;

    private static final class Seat {
        final String seat;
        final int number;
        String nickname;

        Seat(String seat, int number) {
            this.seat = seat;
            this.number = number;
        }
    }

    private final java.util.function.Consumer<List<Viewer>> closer; // drops the connections of an ended room, a moment later

    RemoteRoom(String code, Broker broker, LabJson json, java.util.function.Supplier<String> seats,
               java.util.function.Consumer<List<Viewer>> closer, long now) {
        this.closer = closer;
        this.code = code;
        this.broker = broker;
        this.json = json;
        this.seats = seats;
        this.emptySince = now;
        this.subscription = broker.subscribe(RoomRelay.out(code), this::heard);
        broker.publish(RoomRelay.in(code), "s:"); // the room's instance greets its relay again: ready, history, state
    }

    /** A student here: the room as they see it, then the run so far (if this instance has it yet). */
    synchronized void join(Viewer v, String seat) throws Room.Refusal {
        if (closed) throw new Room.Refusal("this room has ended", "roomClosed");
        Seat s = seat == null ? null : bySeat.get(seat);
        if (s == null) {
            s = new Seat(seats.get(), nextNumber++);
            bySeat.put(s.seat, s);
        }
        students.put(v, s);
        v.send(json.write(info(s)));
        if (ready != null) {
            v.send(ready);
            v.send(json.write(new ServerMessage.History(history.snapshot())));
            if (state != null) v.send(state);
        }
    }

    synchronized void leave(Viewer v, long now) {
        students.remove(v);
        if (students.isEmpty()) emptySince = now;
    }

    synchronized void nickname(Viewer v, String typed) {
        Seat s = students.get(v);
        if (s == null) return;
        s.nickname = Room.cleanNickname(typed);
        v.send(json.write(info(s)));
    }

    synchronized void info(Viewer v) {
        Seat s = students.get(v);
        if (s != null) v.send(json.write(info(s)));
    }

    synchronized int students() { return students.size(); }

    synchronized long emptySince() { return students.isEmpty() ? emptySince : Long.MAX_VALUE; }

    private ServerMessage.Room info(Seat s) {
        return new ServerMessage.Room(code, name, "student", locked, 0, 0, "class", s.seat, s.nickname, s.number, null, null);
    }

    /** On the broker's thread. */
    private synchronized void heard(String message) {
        if (closed || message.length() < 2) return;
        String body = message.substring(2);
        switch (message.charAt(0)) {
            case 'm' -> relay(body);
            case 'r' -> {
                int tab = body.indexOf('\t');
                locked = Boolean.parseBoolean(tab < 0 ? body : body.substring(0, tab));
                name = tab < 0 || tab == body.length() - 1 ? null : body.substring(tab + 1);
                for (Map.Entry<Viewer, Seat> e : students.entrySet()) e.getKey().send(json.write(info(e.getValue())));
            }
            case 'x' -> closer.accept(end(body));
            default -> { }
        }
    }

    private void relay(String text) {
        ServerMessage m;
        try {
            m = json.readServer(text);
        } catch (IOException e) {
            LOG.warn("room {}: a relayed message could not be read", code);
            return;
        }
        if (m instanceof ServerMessage.FrameMessage f) {
            history.add(f.frame());
            for (Viewer v : students.keySet()) v.offerFrame(text);
            return;
        }
        if (m instanceof ServerMessage.Ready) {
            ready = text;
            history = new RunHistory();
        } else if (m instanceof ServerMessage.History h) {
            history = RunHistory.from(new RunHistory.Snapshot(h.step(), h.watch(), h.plain(), h.bn(), h.histogram(), h.boundary()));
        } else if (m instanceof ServerMessage.State) {
            state = text;
        }
        for (Viewer v : students.keySet()) v.send(text);
    }

    /** The room ended on its instance (or that instance is gone): the students here are told. */
    synchronized List<Viewer> end(String reason) {
        if (closed) return List.of();
        closed = true;
        String text = json.write(new ServerMessage.RoomClosed(reason));
        List<Viewer> all = new ArrayList<>(students.keySet());
        for (Viewer v : all) v.send(text);
        students.clear();
        return all;
    }

    synchronized boolean isClosed() { return closed; }

    /** Tells the room's instance how many students are here. */
    void presence(String instance) { broker.publish(RoomRelay.in(code), "p:" + instance + ":" + students()); }

    @Override
    public void close() { subscription.close(); }
}
