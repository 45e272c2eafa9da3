package bnlab.web.classroom;

import bnlab.experiments.RunConfig;
import bnlab.web.lab.ClientMessage;
import bnlab.web.lab.Connections;
import bnlab.web.lab.LabEndpoint;
import bnlab.web.lab.LabJson;
import bnlab.web.lab.LabRun;
import bnlab.web.lab.ServerMessage;
import bnlab.web.lab.Viewer;
import io.javalin.config.JavalinConfig;
import io.javalin.http.ForbiddenResponse;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsMessageContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The classroom's two WebSockets (docs/classroom.md, "Protocol"), beside the lab's:
 * {@value #TEACH}{@code ?token=T[&room=CODE]} for the instructor (refused with 403 without the token) and
 * {@value #JOIN}{@code CODE[?seat=S]} for a student. Both speak the lab's protocol (the same frames, the same
 * commands) plus the room messages; the lab endpoint's Origin check, message limits and connection counts
 * apply to them too.
 */
public final class ClassroomEndpoint {
    public static final String TEACH = "/ws/teach", JOIN = "/ws/join/";

    private final Classroom classroom;
    private final LabEndpoint lab;
    private final LabJson json;
    private final Map<String, Conn> connections = new ConcurrentHashMap<>();

    /** A connection: the instructor's (student null) or a student's, in a room (null until the instructor opens one). */
    private static final class Conn {
        final Viewer viewer;
        final String address;
        volatile Room room;
        final Room.Student student;
        RemoteRoom remote; // a student of a room that runs on another instance (then room and student are null)
        List<String> bases = List.of(); // the instructor's: where the room's join links start

        Conn(Viewer viewer, String address, Room room, Room.Student student) {
            this.viewer = viewer;
            this.address = address;
            this.room = room;
            this.student = student;
        }

        boolean instructor() { return student == null && remote == null; }
    }

    public ClassroomEndpoint(Classroom classroom, LabEndpoint lab) {
        this.classroom = classroom;
        this.lab = lab;
        this.json = lab.json();
    }

    public void register(JavalinConfig config) {
        config.routes.wsBeforeUpgrade(TEACH, ctx -> {
            lab.options().origins().require(ctx);
            if (!classroom.token().matches(ctx.queryParam("token")))
                throw new ForbiddenResponse("the instructor's socket needs the instructor's link (printed when the server started)");
        });
        config.routes.wsBeforeUpgrade(JOIN + "{code}", ctx -> lab.options().origins().require(ctx));
        config.routes.ws(TEACH, ws -> handlers(ws, this::instructorConnected));
        config.routes.ws(JOIN + "{code}", ws -> handlers(ws, this::studentConnected));
    }

    private void handlers(WsConfig ws, Consumer<WsConnectContext> connected) {
        ws.onConnect(connected::accept);
        ws.onMessage(this::message);
        ws.onBinaryMessage(ctx -> {
            Conn c = connections.get(ctx.sessionId());
            if (c != null) c.viewer.sendError(json.write(Connections.BINARY_REFUSED));
        });
        ws.onClose(this::leave);
        ws.onError(this::leave);
    }

    private void hello(Viewer v, String run) {
        v.send(json.write(new ServerMessage.Hello(LabEndpoint.PROTOCOL, run, RunConfig.defaults(), RunConfig.datasets(),
                LabRun.MAX_FRAMES_PER_SECOND)));
    }

    private void instructorConnected(WsConnectContext ctx) {
        String address = Connections.address(ctx);
        if (!lab.limits().admit(ctx, address, json)) return;
        Viewer v = Connections.viewer(ctx);
        ctx.enableAutomaticPings(15, TimeUnit.SECONDS);
        Room room = classroom.find(ctx.queryParam("room")).orElse(null);
        Conn conn = new Conn(v, address, room, null);
        // The addresses serve printed; else the one the instructor's page came from (its Origin, checked above).
        String origin = ctx.header("Origin");
        conn.bases = !classroom.studentBases().isEmpty() ? classroom.studentBases()
                : origin != null && origin.startsWith("http") ? List.of(origin) : List.of("http://" + ctx.header("Host"));
        connections.put(ctx.sessionId(), conn);
        hello(v, room == null ? null : room.run.id());
        if (room != null) room.instructorIn(v, System.nanoTime()); // back with the token: the room is theirs again
        else if (ctx.queryParam("room") != null) v.send(json.write(new ServerMessage.RoomClosed("noRoom")));
    }

    private void studentConnected(WsConnectContext ctx) {
        String address = Connections.address(ctx);
        if (!lab.limits().admit(ctx, address, json)) return;
        Viewer v = Connections.viewer(ctx);
        if (classroom.lookUp(address) > 0) {
            refuseAndClose(ctx, v, address, new Room.Refusal("too many joins from this address this minute (at most "
                    + classroom.options().joinsPerMinute() + "): wait a minute", "joinRate", classroom.options().joinsPerMinute()));
            return;
        }
        Room room = classroom.find(ctx.pathParam("code")).orElse(null);
        RemoteRoom remote = room == null ? classroom.remote(ctx.pathParam("code")).orElse(null) : null;
        if (remote != null) {
            hello(v, null);
            try {
                remote.join(v, ctx.queryParam("seat"));
                Conn conn = new Conn(v, address, null, null);
                conn.remote = remote;
                connections.put(ctx.sessionId(), conn);
                ctx.enableAutomaticPings(15, TimeUnit.SECONDS);
            } catch (Room.Refusal r) {
                refuseAndClose(ctx, v, address, r);
            }
            return;
        }
        if (room == null) {
            hello(v, null);
            v.send(json.write(new ServerMessage.RoomClosed("noRoom")));
            lab.limits().release(address);
            ctx.closeSession(1000, "no such room");
            return;
        }
        hello(v, room.run.id());
        try {
            Room.Student s = room.join(v, ctx.queryParam("seat"));
            connections.put(ctx.sessionId(), new Conn(v, address, room, s));
            ctx.enableAutomaticPings(15, TimeUnit.SECONDS);
        } catch (Room.Refusal r) {
            refuseAndClose(ctx, v, address, r);
        }
    }

    private void refuseAndClose(WsConnectContext ctx, Viewer v, String address, Room.Refusal r) {
        v.send(json.write(r.toError(null)));
        lab.limits().release(address);
        ctx.closeSession(1013, "refused");
    }

    private void message(WsMessageContext ctx) {
        Conn c = connections.get(ctx.sessionId());
        if (c == null) return;
        ClientMessage m;
        try {
            m = json.readClient(ctx.message());
        } catch (LabJson.BadMessage e) {
            c.viewer.sendError(json.write(e.toError()));
            return;
        }
        String type = ClientMessage.typeOf(m);
        long now = System.nanoTime();
        try {
            if (c.instructor()) instructor(c, m, now);
            else student(c, m, ctx.message(), now);
        } catch (Room.Refusal r) {
            c.viewer.sendError(json.write(r.toError(type)));
        }
    }

    private void instructor(Conn c, ClientMessage m, long now) throws Room.Refusal {
        Room room = c.room;
        if (room != null && room.isClosed()) room = c.room = null;
        if (room != null && !room.isInstructor(c.viewer))
            throw new Room.Refusal("this room was taken over by another instructor page", "takenOver");
        if (m instanceof ClientMessage.OpenRoom o) {
            if (room != null) throw new Room.Refusal("this page has a room already (" + room.code + "): close it first", "roomOpen");
            Room opened = classroom.open(o.name(), c.bases, now);
            c.room = opened;
            opened.instructorIn(c.viewer, now);
            return;
        }
        if (m instanceof ClientMessage.Fork || m instanceof ClientMessage.Unfork || m instanceof ClientMessage.Nickname
                || m instanceof ClientMessage.Answer)
            throw new Room.Refusal("that is a student's message", "studentOnly");
        if (room == null) throw new Room.Refusal("open a room first", "noRoom");
        room.instructorActive(now);
        if (m instanceof ClientMessage.Lock) room.lock();
        else if (m instanceof ClientMessage.Release) room.release();
        else if (m instanceof ClientMessage.CloseRoom) { classroom.close(room, "closed"); c.room = null; }
        else if (m instanceof ClientMessage.Show s) room.show(s.fork());
        else if (m instanceof ClientMessage.ClassChart cc) {
            if (cc.step() == null) throw new Room.Refusal("step: missing", "incomplete");
            room.classChart(cc.step());
        } else if (m instanceof ClientMessage.Plan p) {
            room.plan(p.key() == null ? null : classroom.plans().byKey(p.key()).orElseThrow(() -> new Room.Refusal(
                    "no plan \"" + p.key() + "\"; there are " + String.join(", ", classroom.plans().all().stream().map(x -> x.key()).toList()),
                    "plan")));
        } else if (m instanceof ClientMessage.GoTo g) room.goTo(g.step());
        else if (m instanceof ClientMessage.PauseClass p) room.pauseClass(p.text());
        else if (m instanceof ClientMessage.ResumeClass) room.resumeClass();
        else if (m instanceof ClientMessage.CloseVote) room.closeVote();
        else if (m instanceof ClientMessage.ShowResults) room.showResults();
        else if (m instanceof ClientMessage.VoteAgain) room.voteAgain();
        else if (!room.run.submit(c.viewer, m)) {
            throw new Room.Refusal("too many messages waiting: wait for the answers", "queue");
        }
    }

    private void student(Conn c, ClientMessage m, String text, long now) throws Room.Refusal {
        if (c.remote != null) {
            remoteStudent(c, m, text);
            return;
        }
        c.room.act(c.student, c.viewer, m, now);
    }

    /**
     * A student of a room on another instance: watching, they are one of this instance's relayed students; a
     * fork is made on the room's instance, and from then on everything they send goes there (see RemoteRoom).
     */
    private void remoteStudent(Conn c, ClientMessage m, String text) throws Room.Refusal {
        if (c.remote.isClosed()) throw new Room.Refusal("this room has ended", "roomClosed");
        if (c.remote.tunnels(c.viewer)) c.remote.up(c.viewer, text);
        else if (m instanceof ClientMessage.Nickname n) c.remote.nickname(c.viewer, n.name());
        else if (m instanceof ClientMessage.Unfork) c.remote.info(c.viewer);
        else if (m instanceof ClientMessage.Fork) c.remote.fork(c.viewer);
        else if (m instanceof ClientMessage.Answer a) c.remote.answer(c.viewer, a);
        else if (m instanceof ClientMessage.RoomMessage) throw new Room.Refusal("only the instructor can do that", "instructorOnly");
        else throw new Room.Refusal("the instructor drives the class's run: fork it to try your own (when the class is released)",
                    "watcher");
    }

    private void leave(WsContext ctx) {
        ctx.disableAutomaticPings();
        Conn c = connections.remove(ctx.sessionId());
        if (c == null) return;
        lab.limits().release(c.address);
        if (c.remote != null) {
            c.remote.leave(c.viewer, System.nanoTime());
            return;
        }
        Room room = c.room;
        if (room == null) return;
        long now = System.nanoTime();
        if (c.instructor()) room.instructorOut(c.viewer, now);
        else room.leave(c.viewer, now);
    }

    /** Bytes handed to the classroom's connections and not yet written, over all of them (monitoring, tests). */
    public long bytesWaiting() {
        long n = 0;
        for (Conn c : connections.values()) n += c.viewer.bytesInFlight();
        return n;
    }

    /** Connections open on the classroom's sockets. */
    public int connections() { return connections.size(); }
}
