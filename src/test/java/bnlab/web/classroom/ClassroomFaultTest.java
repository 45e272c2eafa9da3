package bnlab.web.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bnlab.experiments.RunConfig;
import bnlab.web.lab.ClientMessage;
import bnlab.web.lab.LabClient;
import bnlab.web.lab.LabJson;
import bnlab.web.lab.ServerMessage;
import bnlab.web.lab.Viewer;
import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a room must survive: students who stop reading, vanish, send garbage; a run that diverges. */
class ClassroomFaultTest {
    private static final LabJson JSON = new LabJson();
    private ClassroomServer server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    @Test
    void a_student_who_stops_reading_costs_bounded_memory_and_the_others_keep_their_frames() throws Exception {
        server = new ClassroomServer(ClassroomOptions.defaults());
        try (LabClient t = server.instructor()) {
            String code = server.openRoom(t).code();
            WebSocket stuck = server.http.newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + ClassroomEndpoint.JOIN + code), new WebSocket.Listener() {
                        @Override public void onOpen(WebSocket w) { /* never requests a message: never reads */ }
                    }).get(5, TimeUnit.SECONDS);
            LabClient other = server.student(code).client();
            t.send(new ClientMessage.Start(null, "max", null, null));
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
            long maxWaiting = 0;
            while (System.nanoTime() < end) {
                maxWaiting = Math.max(maxWaiting, server.rooms.bytesWaiting());
                Thread.sleep(20);
            }
            assertTrue(maxWaiting <= 2 * Viewer.MAX_BYTES_IN_FLIGHT, "bytes waiting for the stuck student: " + maxWaiting);
            other.drain();
            long frames = other.collect(Duration.ofSeconds(1)).stream().filter(m -> m instanceof ServerMessage.FrameMessage).count();
            assertTrue(frames >= 10, "the reading student still gets frames: " + frames + " in 1 s");
            stuck.abort();
        }
    }

    @Test
    void a_student_who_vanishes_without_a_close_frame_is_let_go_and_their_fork_freed() throws Exception {
        server = new ClassroomServer(ClassroomOptions.defaults().withTimes(Duration.ofSeconds(120), Duration.ofMinutes(15),
                Duration.ofMinutes(240), Duration.ofMillis(500)));
        try (LabClient t = server.instructor()) {
            String code = server.openRoom(t).code();
            t.send(new ClientMessage.Start(null, null, true, null));
            t.next(ServerMessage.Ready.class);
            t.send(new ClientMessage.Release());
            WebSocket ws = server.http.newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + ClassroomEndpoint.JOIN + code), new WebSocket.Listener() {
                        @Override public void onOpen(WebSocket w) { w.request(Long.MAX_VALUE); }
                    }).get(5, TimeUnit.SECONDS);
            ws.sendText(JSON.writeClient(new ClientMessage.Fork()), true).get(5, TimeUnit.SECONDS);
            t.next(ServerMessage.Dashboard.class, d -> d.forks().size() == 1);
            ws.abort(); // the TCP connection goes, no close frame
            t.next(ServerMessage.Dashboard.class, d -> d.forks().isEmpty() && d.students() == 0);
            assertEquals(1, server.lab.registry().size(), "only the class run is left");
        }
    }

    @Test
    void thousands_of_hostile_messages_get_error_answers_and_the_class_goes_on() throws Exception {
        server = new ClassroomServer(ClassroomOptions.defaults());
        try (LabClient t = server.instructor()) {
            String code = server.openRoom(t).code();
            LabClient attacker = server.student(code).client(), student = server.student(code).client();
            t.send(new ClientMessage.Start(null, "100", null, null));
            // Garbage no record can be (not JSON, a number for the type, a list for a name, an unknown field) stays
            // text; among it, well-formed messages a student may not send, and a rate and a name far too big.
            String[] bad = {"", "{", "[]", "null", "{\"type\":7}", JSON.writeClient(new ClientMessage.OpenRoom(null)),
                    JSON.writeClient(new ClientMessage.CloseRoom()), JSON.writeClient(new ClientMessage.Show("run-0")),
                    "{\"type\":\"nickname\",\"name\":[1,2]}", JSON.writeClient(new ClientMessage.Start(null, null, null, null)),
                    "{\"type\":\"fork\",\"x\":1}", JSON.writeClient(new ClientMessage.SetLearningRate(1e308)),
                    JSON.writeClient(new ClientMessage.Lock()), JSON.writeClient(new ClientMessage.Nickname("x".repeat(60_000)))};
            for (int i = 0; i < 3000; i++) attacker.send(bad[i % bad.length]);
            assertTrue(server.classroom.find(code).isPresent(), "the room is still open");
            student.drain();
            long frames = student.collect(Duration.ofSeconds(1)).stream().filter(m -> m instanceof ServerMessage.FrameMessage).count();
            assertTrue(frames >= 10, "the other student still gets frames: " + frames + " in 1 s");
            ServerMessage.Dashboard d = t.next(ServerMessage.Dashboard.class);
            assertEquals(2, d.students());
            assertTrue(d.forks().isEmpty(), "no fork was made: the class is locked");
            attacker.drain();
            attacker.send(new ClientMessage.Nickname("y".repeat(60_000)));
            assertEquals(Room.MAX_NICKNAME, attacker.next(ServerMessage.Room.class, r -> r.nickname() != null).nickname().length());
        }
    }

    @Test
    void a_diverging_class_run_tells_every_student_and_the_room_stays_usable() throws Exception {
        server = new ClassroomServer(ClassroomOptions.defaults());
        try (LabClient t = server.instructor()) {
            String code = server.openRoom(t).code();
            LabClient s = server.student(code).client();
            // ReLU at learning rate 20 with momentum 0.9 (as in the lab's protocol test): the plain network blows up.
            t.send(new ClientMessage.Start(RunConfig.defaults().with("dataset", "xor", "points", 200, "noise", 0.05,
                    "validationFraction", 0.25, "layers", new int[]{6}, "activation", "relu", "learningRate", 20,
                    "momentum", 0.9, "seed", 3L), "max", null, null));
            assertEquals("plain", s.next(ServerMessage.Diverged.class).network(), "the network without BN blows up first");
            t.send(new ClientMessage.Start(null, "100", null, null));
            s.next(ServerMessage.Ready.class);
            assertTrue(s.nextFrame(f -> f.step() > 5).step() > 5, "a new start trains again");
        }
    }
}
