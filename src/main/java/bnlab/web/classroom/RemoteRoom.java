package bnlab.web.classroom;

import bnlab.experiments.live.RunHistory;
import bnlab.web.broker.Broker;
import bnlab.web.lab.LabJson;
import bnlab.web.lab.ServerMessage;
import bnlab.web.lab.Viewer;
import bnlab.web.lab.WatcherFrames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A room that runs on another instance, as this instance relays it to its own students: it subscribes to
 * the room's out channel (see {@link RoomRelay}), where the room's run publishes what a controller gets, passes
 * the messages on in the watchers' form (the frames made compact here, once for all students of this instance:
 * {@link WatcherFrames}), and keeps what a student who joins here late needs (the run's ready, its history fed
 * from the frames, its state). A student here who
 * forks is tunnelled to the room's instance, where the weights are: from then on everything they send goes
 * up the tunnel and everything they are sent comes down it (see {@link RoomRelay}), so there they are a
 * student like the others (their fork, their row on the dashboard). Listener calls and joins take this
 * object's lock, briefly: nothing here waits.
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
    private final WatcherFrames watcherFrames = new WatcherFrames();
    private boolean locked = true;
    private String name;
    private ServerMessage.LessonState lesson; // the plan's step as the room's instance publishes it, or null
    private boolean closed;
    private int nextNumber = 1;
    private final Map<Viewer, Seat> students = new LinkedHashMap<>();
    private final Map<Viewer, Tunnel> tunnels = new LinkedHashMap<>(); // students who forked: on the room's instance
    private final String instance;

    /** A tunnelled student's id and their subscription to what comes down. */
    private record Tunnel(String id, Broker.Subscription down) {}
    private final Map<String, Seat> bySeat = new LinkedHashMap<>();
    private long emptySince;

    private static final class Seat {
        final String seat;
        final int number;
        String nickname;
        final Map<String, Integer> answers = new java.util.HashMap<>(); // "step/round" -> choice, as sent up
        final Room.AnswerRate rate = new Room.AnswerRate();

        Seat(String seat, int number) {
            this.seat = seat;
            this.number = number;
        }
    }

    private final java.util.function.Consumer<List<Viewer>> closer; // drops the connections of an ended room, a moment later

    RemoteRoom(String code, Broker broker, LabJson json, java.util.function.Supplier<String> seats,
               java.util.function.Consumer<List<Viewer>> closer, String instance, long now) {
        this.closer = closer;
        this.instance = instance;
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
        if (lesson != null) v.send(json.write(lessonFor(s)));
        if (ready != null) {
            v.send(ready);
            v.send(json.write(WatcherFrames.history(history.snapshot())));
            if (state != null) v.send(state);
        }
    }

    synchronized void leave(Viewer v, long now) {
        students.remove(v);
        Tunnel t = tunnels.remove(v);
        if (t != null) {
            broker.publish(RoomRelay.up(t.id()), "x:"); // the room's instance lets the student (and the fork) go
            t.down().close();
        }
        if (students.isEmpty() && tunnels.isEmpty()) emptySince = now;
    }

    /** Whether the student's messages go up a tunnel (they forked). */
    synchronized boolean tunnels(Viewer v) { return tunnels.containsKey(v); }

    /** Passes a tunnelled student's message on to the room's instance, as they sent it (it checks it). */
    void up(Viewer v, String text) {
        Tunnel t;
        synchronized (this) { t = tunnels.get(v); }
        if (t != null) broker.publish(RoomRelay.up(t.id()), text);
    }

    /**
     * The student forks: a tunnel to the room's instance, which seats them, makes the fork and answers down the
     * tunnel (the room's state, the fork's ready, history, state, frames; or a refusal such as "locked").
     */
    void fork(Viewer v) {
        Seat s;
        synchronized (this) {
            s = students.remove(v);
            if (s == null) return;
            // From the tunnel on, the room's instance counts the student itself: say first that they are no
            // longer here (under this lock, as presence() does, so no older count can follow this one), or they
            // would be counted twice until the next presence.
            presence();
        }
        String id = HexFormat.of().formatHex(java.security.SecureRandom.getSeed(8));
        // Not under this object's lock: subscribing waits for Redis to confirm, and the broker's thread, which
        // brings the confirmation, may be waiting for the lock to relay a frame.
        Broker.Subscription down = broker.subscribe(RoomRelay.down(id), text -> {
            if (text.startsWith("{\"type\":\"wf\"") || text.startsWith("{\"type\":\"frame\"")) v.offerFrame(text); else v.send(text);
        });
        synchronized (this) {
            if (closed) {
                down.close();
                return;
            }
            tunnels.put(v, new Tunnel(id, down));
        }
        broker.publish(RoomRelay.in(code), "t:" + id + "\t" + instance + "\t" + (s.nickname == null ? "" : s.nickname));
        if (!v.isOpen()) leave(v, System.nanoTime()); // gone while the tunnel was being made
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

    /** The plan's step with this student's own answers put in. */
    private ServerMessage.LessonState lessonFor(Seat s) {
        ServerMessage.Vote v = lesson.vote();
        if (v == null) return lesson;
        Integer mine = s.answers.get(v.step() + "/" + v.round());
        Integer first = v.round() == 2 ? s.answers.get(v.step() + "/1") : null;
        ServerMessage.Vote own = new ServerMessage.Vote(v.step(), v.round(), v.open(), v.answered(), v.counts(), v.first(), mine, first,
                v.shown(), v.revealed(), v.supports(), v.reveal());
        return new ServerMessage.LessonState(lesson.plan(), lesson.title(), lesson.step(), lesson.steps(), lesson.current(),
                lesson.question(), null, lesson.paused(), lesson.pauseText(), own);
    }

    /**
     * A student here answers: checked against the step as it was last published (the same refusals as on the room's
     * instance), sent up to be counted there, and their own answer shown to them at once.
     */
    synchronized void answer(Viewer viewer, bnlab.web.lab.ClientMessage.Answer a) throws Room.Refusal {
        Seat s = students.get(viewer);
        if (s == null) throw new Room.Refusal("the instructor drives the class's run: fork it to try your own (when the class is released)", "watcher");
        if (lesson == null) throw new Room.Refusal("choose a plan first", "noPlan");
        if (lesson.paused()) throw new Room.Refusal("the class is paused", "paused");
        s.rate.check(System.nanoTime());
        if (a.step() == null || a.choice() == null) throw new Room.Refusal("an answer needs step and choice", "incomplete");
        ServerMessage.Vote v = lesson.vote();
        if (v == null || v.step() != a.step() || lesson.step() != a.step()) throw new Room.Refusal("that question is not open now", "noQuestion");
        if (!v.open() || (a.round() != null && a.round() != v.round())) throw new Room.Refusal("the vote on this question is closed", "voteClosed");
        int answers = lesson.current().answers().size();
        if (a.choice() < 0 || a.choice() >= answers)
            throw new Room.Refusal("the answer must be one of the " + answers + " offered", "answer", answers);
        s.answers.put(v.step() + "/" + v.round(), a.choice());
        broker.publish(RoomRelay.in(code), "a:" + instance + "\t" + s.seat + "\t" + a.step() + "\t" + v.round() + "\t" + a.choice());
        viewer.send(json.write(lessonFor(s)));
    }

    /** Students here who watch through the relay (the tunnelled ones are counted on the room's instance). */
    synchronized int students() { return students.size(); }

    synchronized long emptySince() { return students.isEmpty() && tunnels.isEmpty() ? emptySince : Long.MAX_VALUE; }

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
            case 'l' -> {
                try {
                    lesson = (ServerMessage.LessonState) json.readServer(body);
                } catch (IOException | ClassCastException e) {
                    LOG.warn("room {}: a relayed lesson could not be read", code);
                    return;
                }
                for (Map.Entry<Viewer, Seat> e : students.entrySet()) e.getKey().send(json.write(lessonFor(e.getValue())));
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
            ServerMessage.WatcherFrame compact = watcherFrames.next(f.frame(), System.nanoTime());
            if (!students.isEmpty()) {
                String out = json.write(compact);
                for (Viewer v : students.keySet()) v.offerFrame(out);
            }
            return;
        }
        if (m instanceof ServerMessage.Ready r) {
            ready = text = json.writeThin(r);
            history = new RunHistory();
            watcherFrames.reset();
        } else if (m instanceof ServerMessage.History h) {
            history = RunHistory.from(h.snapshot());
            if (students.isEmpty()) return;
            text = json.write(WatcherFrames.history(history.snapshot()));
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
        for (Map.Entry<Viewer, Tunnel> e : tunnels.entrySet()) { // the room's instance tells them too; once is enough
            e.getValue().down().close();
            all.add(e.getKey());
            e.getKey().send(text);
        }
        students.clear();
        tunnels.clear();
        return all;
    }

    synchronized boolean isClosed() { return closed; }

    /** Tells the room's instance how many students are here (on this instance, the one it was made with). */
    synchronized void presence() { broker.publish(RoomRelay.in(code), "p:" + instance + ":" + students.size()); }

    @Override
    public synchronized void close() {
        subscription.close();
        for (Tunnel t : tunnels.values()) t.down().close();
    }
}
