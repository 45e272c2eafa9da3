package bnlab.web.classroom;

import bnlab.web.lab.ClientMessage;
import bnlab.web.lab.LabClient;
import bnlab.web.lab.LabEndpoint;
import bnlab.web.lab.LabRegistry;
import bnlab.web.lab.ServerMessage;
import io.javalin.Javalin;
import java.net.http.HttpClient;
import java.util.List;

/** The lab's and the classroom's sockets on a bare Javalin app, on 127.0.0.1 and a free port; close() stops all. */
final class ClassroomServer implements AutoCloseable {
    static final String TOKEN = "test-token-0123456789";

    final LabEndpoint lab;
    final Classroom classroom;
    final ClassroomEndpoint rooms;
    final Javalin app;
    final HttpClient http = HttpClient.newHttpClient();

    ClassroomServer(ClassroomOptions options) {
        this(options, LabEndpoint.Options.defaults());
    }

    ClassroomServer(ClassroomOptions options, LabEndpoint.Options labOptions) {
        this(options, labOptions, null);
    }

    /** @param broker shared with other instances (Redis), or null */
    ClassroomServer(ClassroomOptions options, LabEndpoint.Options labOptions, bnlab.web.broker.Broker broker) {
        lab = new LabEndpoint(new LabRegistry(), LabEndpoint.trainingExecutor(), null, labOptions);
        classroom = new Classroom(lab, options, InstructorToken.of(TOKEN), List.of(), broker);
        rooms = new ClassroomEndpoint(classroom, lab);
        app = Javalin.create(config -> {
            lab.register(config);
            rooms.register(config);
        }).start("127.0.0.1", 0);
    }

    int port() { return app.port(); }

    /** An instructor connection whose hello has arrived. */
    LabClient instructor() throws Exception { return instructor(""); }

    LabClient instructor(String query) throws Exception {
        LabClient c = LabClient.connect(http, port(), ClassroomEndpoint.TEACH + "?token=" + TOKEN + query);
        c.next(ServerMessage.Hello.class);
        return c;
    }

    /** An instructor who opened a room: its room message. */
    ServerMessage.Room openRoom(LabClient instructor) throws Exception {
        instructor.send(new ClientMessage.OpenRoom("BN 101"));
        return instructor.next(ServerMessage.Room.class);
    }

    /** A student connection to the room (with its hello and room message taken). */
    Student student(String code) throws Exception { return student(code, ""); }

    Student student(String code, String query) throws Exception {
        LabClient c = LabClient.connect(http, port(), ClassroomEndpoint.JOIN + code + query);
        c.next(ServerMessage.Hello.class);
        return new Student(c, c.next(ServerMessage.Room.class));
    }

    record Student(LabClient client, ServerMessage.Room room) {}

    @Override
    public void close() {
        app.stop();
        classroom.close();
        lab.close();
    }
}
