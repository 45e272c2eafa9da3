package bnlab.web.classroom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bnlab.experiments.RunConfig;
import bnlab.experiments.live.Frame;
import bnlab.web.lab.ClientMessage;
import bnlab.web.lab.LabClient;
import bnlab.web.lab.ServerMessage;
import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The room protocol over real sockets: roles, the room's life, late joiners, forks, the dashboard, caps. */
class ClassroomProtocolTest {
    private ClassroomServer server;

    private ClassroomServer start(ClassroomOptions options) {
        server = new ClassroomServer(options);
        return server;
    }

    private ClassroomServer start() { return start(ClassroomOptions.defaults()); }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    private static void startRun(LabClient instructor, boolean paused) throws Exception {
        instructor.send(new ClientMessage.Start(null, "100", paused, null));
        instructor.next(ServerMessage.Ready.class);
    }

    @Test
    void the_instructors_socket_needs_the_token() {
        ClassroomServer s = start();
        for (String query : new String[]{"", "?token=", "?token=wrong-token-0123456789", "?token=" + ClassroomServer.TOKEN + "x"}) {
            var failed = assertThrows(Exception.class, () -> s.http.newWebSocketBuilder()
                    .buildAsync(URI.create("ws://localhost:" + s.port() + ClassroomEndpoint.TEACH + query), new WebSocket.Listener() {})
                    .get(5, TimeUnit.SECONDS), query);
            var handshake = assertInstanceOf(java.net.http.WebSocketHandshakeException.class, failed.getCause(), query);
            assertEquals(403, handshake.getResponse().statusCode(), query);
        }
    }

    @Test
    void a_page_of_another_origin_may_not_open_the_classroom_sockets() throws Exception {
        ClassroomServer s = start();
        String code;
        try (LabClient t = s.instructor()) {
            code = s.openRoom(t).code();
            for (String path : new String[]{ClassroomEndpoint.TEACH + "?token=" + ClassroomServer.TOKEN, ClassroomEndpoint.JOIN + code}) {
                var failed = assertThrows(Exception.class, () -> s.http.newWebSocketBuilder().header("Origin", "https://evil.example")
                        .buildAsync(URI.create("ws://localhost:" + s.port() + path), new WebSocket.Listener() {})
                        .get(5, TimeUnit.SECONDS), path);
                var handshake = assertInstanceOf(java.net.http.WebSocketHandshakeException.class, failed.getCause(), path);
                assertEquals(403, handshake.getResponse().statusCode(), path);
            }
            LabClient same = LabClient.connect(s.http, s.port(), ClassroomEndpoint.JOIN + code);
            same.next(ServerMessage.Hello.class); // no Origin (not a browser) or this server's own: allowed, as on /ws/lab
        }
    }

    @Test
    void an_instructor_opens_a_room_with_a_readable_code_and_join_links() throws Exception {
        ClassroomServer s = start();
        try (LabClient t = s.instructor()) {
            ServerMessage.Room room = s.openRoom(t);
            assertTrue(JoinCode.normalize(room.code()).isPresent(), room.code());
            assertEquals("instructor", room.role());
            assertEquals("BN 101", room.name());
            assertTrue(room.locked(), "students start by watching");
            assertEquals(1, room.joinUrls().size());
            assertTrue(room.joinUrls().get(0).endsWith("/join/" + room.code()), room.joinUrls().toString());
            assertEquals(1, s.classroom.rooms());
        }
    }

    @Test
    void a_student_sees_the_instructors_run_live_and_their_commands_change_nothing() throws Exception {
        ClassroomServer s = start();
        try (LabClient t = s.instructor()) {
            String code = s.openRoom(t).code();
            ClassroomServer.Student st = s.student(code);
            assertEquals("student", st.room().role());
            assertEquals("class", st.room().view());
            assertEquals(1, st.room().number());
            startRun(t, false);
            LabClient c = st.client();
            c.next(ServerMessage.Ready.class);
            long first = c.nextFrame(f -> f.step() > 0).step();
            c.send(new ClientMessage.Pause());
            ServerMessage.Error refused = c.next(ServerMessage.Error.class);
            assertEquals("watcher", refused.rule());
            c.send(new ClientMessage.Lock());
            assertEquals("instructorOnly", c.next(ServerMessage.Error.class).rule());
            long later = c.nextFrame(f -> f.step() > first + 20).step();
            assertTrue(later > first, "the class run went on: " + first + " -> " + later);
            assertFalse(c.takeAll().stream().anyMatch(m -> m instanceof ServerMessage.State st2 && st2.state().equals("paused")),
                    "a watcher's pause paused nothing");
        }
    }

    @Test
    void a_late_joiner_gets_the_run_its_history_and_its_state_before_any_frame() throws Exception {
        ClassroomServer s = start();
        try (LabClient t = s.instructor()) {
            String code = s.openRoom(t).code();
            startRun(t, false);
            t.nextFrame(f -> f.step() >= 150);
            t.send(new ClientMessage.Pause());
            t.next(ServerMessage.State.class, m -> m.state().equals("paused"));
            t.send(new ClientMessage.SetLearningRate(0.25));
            t.send(new ClientMessage.Step(null));
            Frame last = t.nextFrame(f -> f.net("plain").learningRate() == 0.25 && f.net("plain").series().first().length > 0);
            ClassroomServer.Student st = s.student(code);
            LabClient c = st.client();
            List<ServerMessage> first = List.of(c.next(ServerMessage.class), c.next(ServerMessage.class), c.next(ServerMessage.class));
            assertTrue(first.get(0) instanceof ServerMessage.Ready, first.toString());
            ServerMessage.History h = (ServerMessage.History) first.get(1);
            ServerMessage.State state = (ServerMessage.State) first.get(2);
            assertEquals("paused", state.state());
            assertEquals(last.step(), state.step());
            // A paused run sends no frame: the status line's numbers come with the history, as of the last frame.
            assertEquals(last.step(), h.step());
            assertEquals(last.epoch(), h.epoch());
            assertEquals(java.util.Map.of("plain", last.net("plain").learningRate(), "bn", last.net("bn").learningRate()), h.learningRates());
            assertEquals(List.of("plain", "bn"), List.copyOf(h.learningRates().keySet()), "in the run's order");
            for (var net : List.of(h.net("plain"), h.net("bn"))) {
                Frame.Series series = net.series();
                assertEquals(1, series.first()[0], "the history starts at the first iteration");
                assertEquals(last.step(), series.last()[series.last().length - 1], "and ends where the run is");
                for (int b = 1; b < series.first().length; b++) assertEquals(series.last()[b - 1] + 1, series.first()[b], "no gap");
                assertFalse(net.validations().isEmpty(), "validations so far");
                assertNotNull(series.percentiles());
            }
        }
    }

    @Test
    void watchers_get_compact_frames_of_one_bucket_while_the_instructor_gets_full_ones() throws Exception {
        ClassroomServer s = start();
        try (LabClient t = s.instructor()) {
            String code = s.openRoom(t).code();
            LabClient c = s.student(code).client();
            t.send(new ClientMessage.Start(null, "max", null, null));
            t.next(ServerMessage.Ready.class);
            Frame full = t.nextFrame(f -> f.net("plain").series().first().length > 8);
            Frame compact = c.nextFrame(f -> f.step() > 0 && f.step() >= full.step());
            assertEquals(1, compact.net("plain").series().first().length, "a watcher's frame has one bucket per network");
            assertTrue(c.compactTexts().stream().anyMatch(m -> m.startsWith("{\"type\":\"wf\"")), "as a compact frame");
            assertTrue(t.compactTexts().isEmpty(), "the instructor gets full frames");
        }
    }

    @Test
    void a_fork_is_refused_while_locked_and_continues_exactly_where_the_class_is_once_released() throws Exception {
        ClassroomServer s = start();
        try (LabClient t = s.instructor()) {
            String code = s.openRoom(t).code();
            startRun(t, false);
            t.nextFrame(f -> f.step() >= 60);
            t.send(new ClientMessage.Pause());
            long at = t.next(ServerMessage.State.class, m -> m.state().equals("paused")).step();
            LabClient c = s.student(code).client();
            c.next(ServerMessage.State.class);
            c.send(new ClientMessage.Fork());
            assertEquals("locked", c.next(ServerMessage.Error.class).rule());
            t.send(new ClientMessage.Release());
            assertFalse(c.next(ServerMessage.Room.class).locked());
            c.send(new ClientMessage.Fork());
            assertEquals("fork", c.next(ServerMessage.Room.class).view());
            c.next(ServerMessage.Ready.class);
            c.next(ServerMessage.History.class);
            ServerMessage.State forkState = c.next(ServerMessage.State.class);
            assertEquals("paused", forkState.state());
            assertEquals(at, forkState.step(), "the fork starts where the class is");

            t.drain();
            t.send(new ClientMessage.Step(5));
            t.send(new ClientMessage.Evaluate());
            c.send(new ClientMessage.Step(5));
            c.send(new ClientMessage.Evaluate());
            Frame forkNext = c.nextFrame(f -> f.step() == at + 5);
            assertEquals(at + 1, forkNext.net("plain").series().first()[0], "the student's frame holds the fork's five steps");
            // The student's page gets the compact frames; the dashboard carries both runs' validations at full precision.
            assertBitForBit(t, at + 5);
            c.send(new ClientMessage.Unfork());
            assertEquals("class", c.next(ServerMessage.Room.class).view());
        }
    }

    @Test
    void nicknames_and_room_names_arrive_without_control_format_and_bidi_characters() throws Exception {
        ClassroomServer s = start();
        try (LabClient t = s.instructor()) {
            t.send("{\"type\":\"openRoom\",\"name\":\"\\u202eBN\\u2066 101\\u0085\"}");
            ServerMessage.Room room = t.next(ServerMessage.Room.class);
            assertEquals("BN 101", room.name());
            LabClient c = s.student(room.code()).client();
            c.send("{\"type\":\"nickname\",\"name\":\"\\u200fZo\\u00eb\\u202e\\u009b31m\\u00ad\\ufeff \\u0645\\u062d\\u0645\\u062f\"}");
            assertEquals("Zoë31m محمد", c.next(ServerMessage.Room.class, r -> r.nickname() != null).nickname());
            c.send("{\"type\":\"nickname\",\"name\":\"" + "\\ud83e\\udd8a".repeat(30) + "\"}");
            String fox = c.next(ServerMessage.Room.class, r -> r.nickname() != null && r.nickname().startsWith("🦊")).nickname();
            assertEquals("🦊".repeat(Room.MAX_NICKNAME), fox, "capped at 24 characters, none cut in half");
        }
    }

    @Test
    void the_dashboard_lists_each_fork_with_its_nickname_and_what_it_changed() throws Exception {
        ClassroomServer s = start();
        try (LabClient t = s.instructor()) {
            String code = s.openRoom(t).code();
            startRun(t, true);
            t.send(new ClientMessage.Release());
            LabClient c = s.student(code).client();
            c.send("{\"type\":\"nickname\",\"name\":\"  <b>Ada</b>\\u0007 \"}");
            assertEquals("<b>Ada</b>", c.next(ServerMessage.Room.class, r -> r.nickname() != null).nickname(),
                    "kept as typed (the page escapes it), control characters and spaces dropped");
            c.send(new ClientMessage.Fork());
            c.next(ServerMessage.Room.class, r -> "fork".equals(r.view()));
            c.next(ServerMessage.Ready.class);
            c.send(new ClientMessage.SetLearningRate(2.5));
            c.next(ServerMessage.Rates.class);
            ServerMessage.Dashboard d = t.next(ServerMessage.Dashboard.class, m -> m.forks().size() == 1
                    && m.forks().get(0).changes().stream().anyMatch(ch -> ch.field().equals("learningRate")));
            ServerMessage.DashboardRow row = d.forks().get(0);
            assertEquals("<b>Ada</b>", row.student());
            assertEquals(1, row.number());
            assertTrue(row.connected());
            ServerMessage.Change change = row.changes().stream().filter(ch -> ch.field().equals("learningRate")).findFirst().orElseThrow();
            assertEquals("2.5", change.value());
            assertEquals(1, row.changes().size(), "only what differs (a list such as layers compares by value): " + row.changes());
            assertEquals(2.5, row.nets().get("plain").baseLearningRate(), 0, "each network's base rate, from the server");
            var cls = d.classRun().nets();
            assertEquals(2.5 * cls.get("bn").baseLearningRate() / cls.get("plain").baseLearningRate(), row.nets().get("bn").baseLearningRate(), 1e-12,
                    "the BN network keeps its ratio to the plain one's rate");
            assertEquals(1, d.students());
            assertNull(d.classRun().id());
        }
    }

    /**
     * The class run and the one fork, both validated at {@code step}, have the same validation loss and accuracy
     * to the last bit (same weights), as the instructor's dashboard reports them.
     */
    static void assertBitForBit(LabClient instructor, long step) throws Exception {
        ServerMessage.Dashboard d = instructor.next(ServerMessage.Dashboard.class, x -> x.forks().size() == 1
                && validatedAt(x.classRun(), step) && validatedAt(x.forks().get(0), step));
        for (String net : List.of("plain", "bn")) {
            ServerMessage.NetStatus cls = d.classRun().nets().get(net), fork = d.forks().get(0).nets().get(net);
            assertEquals(cls.loss(), fork.loss(), net + ": the fork's steps are the class's, bit for bit");
            assertEquals(cls.accuracy(), fork.accuracy(), net);
        }
    }

    private static boolean validatedAt(ServerMessage.DashboardRow row, long step) {
        return row.nets().values().stream().allMatch(n -> n.validatedAt() != null && n.validatedAt() == step);
    }

    /** The x30 set-up (spiral, three ReLU layers of 32): plain at {@code rate}, the BN network at 30 times it. */
    private static ClientMessage x30(double rate, boolean paused) { return x30(rate, paused, null); }

    /** ... stopping by itself at {@code stopAt} (null: going on). */
    private static ClientMessage x30(double rate, boolean paused, Long stopAt) {
        return new ClientMessage.Start(RunConfig.defaults().with("dataset", "spiral", "points", 600, "layers", new int[]{32, 32, 32},
                "activation", "relu", "init", "he", "learningRate", rate, "bnNetLearningRate", 30 * rate, "batchSize", 16),
                "100", paused, stopAt);
    }

    @Test
    void a_class_run_that_blows_up_is_marked_with_its_kind_for_watchers_late_joiners_and_the_dashboard() throws Exception {
        ClassroomServer s = start();
        try (LabClient t = s.instructor()) {
            String code = s.openRoom(t).code();
            LabClient watcher = s.student(code).client();
            t.send(x30(1.5, false));
            ServerMessage.Diverged d = watcher.next(ServerMessage.Diverged.class, m -> m.network().equals("bn"));
            assertEquals("exploded", d.kind());
            assertEquals(45, d.learningRate(), 1e-9);
            assertTrue(Math.abs(d.value()) >= 1e4, d.toString());
            watcher.nextFrame(f -> f.step() > d.step()); // a watcher's compact frames leave the mark to the diverged message
            LabClient late = s.student(code).client();
            ServerMessage.History h = late.next(ServerMessage.History.class);
            assertEquals(d.step(), h.net("bn").diverged().step(), "a late joiner's history keeps it");
            assertEquals("exploded", h.net("bn").diverged().kind());
            ServerMessage.Dashboard dash = t.next(ServerMessage.Dashboard.class, m -> m.classRun().nets().get("bn").diverged());
            ServerMessage.NetStatus bn = dash.classRun().nets().get("bn");
            assertEquals("exploded", bn.divergedKind());
            assertEquals(d.step(), bn.divergedStep());
        }
    }

    /** A released student forks the class run, types a learning rate into the fork and starts it. */
    static void forkAtRate(LabClient c, double rate) throws Exception {
        c.send(new ClientMessage.Fork());
        c.next(ServerMessage.Room.class, r -> "fork".equals(r.view()));
        c.next(ServerMessage.Ready.class);
        c.send(new ClientMessage.SetLearningRate(rate));
        c.next(ServerMessage.Rates.class);
        c.send(new ClientMessage.Resume());
    }

    @Test
    void a_fork_that_blows_up_shows_its_kind_and_every_networks_rate_on_the_dashboard() throws Exception {
        ClassroomServer s = start();
        try (LabClient t = s.instructor()) {
            String code = s.openRoom(t).code();
            // The class pauses at iteration 20 exactly, so that the fork, and how it blows up, is the same every time.
            t.send(x30(0.02, false, 20L));
            t.next(ServerMessage.State.class, m -> m.state().equals("paused") && m.step() == 20);
            t.send(new ClientMessage.Release());
            LabClient c = s.student(code).client();
            forkAtRate(c, 1.5);
            // At 45 the BN network's inputs explode, or its loss turns NaN first: either way it blew up.
            java.util.Set<String> blownUp = java.util.Set.of("exploded", "nonFinite");
            String told = c.next(ServerMessage.Diverged.class, m -> m.network().equals("bn")).kind();
            assertTrue(blownUp.contains(told), "the student is told: " + told);
            ServerMessage.Dashboard d = t.next(ServerMessage.Dashboard.class, m -> m.forks().size() == 1
                    && m.forks().get(0).nets().get("bn").diverged());
            ServerMessage.DashboardRow row = d.forks().get(0);
            assertTrue(blownUp.contains(row.nets().get("bn").divergedKind()), row.toString());
            assertFalse(d.classRun().nets().get("bn").diverged(), "the class run is healthy");
            assertNull(d.classRun().nets().get("bn").divergedKind());
            List<ServerMessage.Change> rates = row.changes().stream().filter(ch -> ch.field().equals("learningRate")).toList();
            assertEquals(List.of(new ServerMessage.Change("learningRate", "1.5", "0.02", "plain"),
                    new ServerMessage.Change("learningRate", "45", "0.6", "bn")), rates,
                    "the BN network's rate follows at 30 times: a change of its own, named");
        }
    }

    @Test
    void locking_brings_forked_students_back_to_the_class() throws Exception {
        ClassroomServer s = start();
        try (LabClient t = s.instructor()) {
            String code = s.openRoom(t).code();
            startRun(t, true);
            t.send(new ClientMessage.Release());
            LabClient c = s.student(code).client();
            c.send(new ClientMessage.Fork());
            c.next(ServerMessage.Room.class, r -> "fork".equals(r.view()));
            c.next(ServerMessage.Ready.class);
            c.send(new ClientMessage.SetLearningRate(2.5));
            c.send(new ClientMessage.Step(3));
            c.nextFrame(f -> f.step() == 3);
            t.send(new ClientMessage.Lock());
            ServerMessage.Room back = c.next(ServerMessage.Room.class, r -> r.locked());
            assertEquals("class", c.next(ServerMessage.Room.class, r -> "class".equals(r.view()) || r == back).view());
            // Back in the class run, paused at 0: its own numbers for the status line, not the fork's.
            c.next(ServerMessage.Ready.class);
            ServerMessage.History h = c.next(ServerMessage.History.class);
            assertEquals(0, h.step());
            assertEquals(0.5, h.learningRates().get("plain"), 0);
            c.send(new ClientMessage.Step(null));
            assertEquals("watcher", c.next(ServerMessage.Error.class).rule());
        }
    }

    @Test
    void the_preset_a_start_names_comes_back_in_every_pages_ready_a_forks_too_and_only_for_its_own_set_up() throws Exception {
        ClassroomServer s = start();
        try (LabClient t = s.instructor()) {
            String code = s.openRoom(t).code();
            t.send(new ClientMessage.Start(RunConfig.defaults().with("batchSize", 8), null, true, 3000L, "batch8"));
            assertEquals("batch8", t.next(ServerMessage.Ready.class).preset(), "the lecture's set-up, started as batches of 8");
            t.send(new ClientMessage.Release());
            LabClient c = s.student(code).client();
            assertEquals("batch8", c.next(ServerMessage.Ready.class).preset(), "a student who joins marks the same preset");
            c.send(new ClientMessage.Fork());
            c.next(ServerMessage.Room.class, r -> "fork".equals(r.view()));
            assertEquals("batch8", c.next(ServerMessage.Ready.class).preset(), "and so does their fork");
            t.send(new ClientMessage.Start(RunConfig.defaults().with("batchSize", 2), null, true, null, "batch8"));
            assertNull(t.next(ServerMessage.Ready.class).preset(), "a key names its own set-up only");
            t.send(new ClientMessage.Start(null, null, true, null, "no-such-preset"));
            assertNull(t.next(ServerMessage.Ready.class).preset());
            t.send(new ClientMessage.Start(null, null, true, null, "lecture"));
            assertEquals("lecture", t.next(ServerMessage.Ready.class).preset());
            // A page loaded before the keys became kebab-case names the preset by its former name: its current key comes back.
            t.send(new ClientMessage.Start(bnlab.experiments.Presets.RATE_X5.run(), null, true, null, "rateX5"));
            assertEquals("rate-x5", t.next(ServerMessage.Ready.class).preset());
        }
    }

    @Test
    void the_projector_is_told_the_shown_students_number_beside_their_nickname() throws Exception {
        ClassroomServer s = start();
        try (LabClient t = s.instructor()) {
            String code = s.openRoom(t).code();
            startRun(t, true);
            t.send(new ClientMessage.Release());
            s.student(code);
            ClassroomServer.Student st = s.student(code);
            LabClient c = st.client();
            c.send(new ClientMessage.Nickname("Anna"));
            c.next(ServerMessage.Room.class, r -> r.nickname() != null);
            c.send(new ClientMessage.Fork());
            c.next(ServerMessage.Room.class, r -> "fork".equals(r.view()));
            ServerMessage.DashboardRow row = t.next(ServerMessage.Dashboard.class, d -> d.forks().size() == 1).forks().get(0);
            t.send(new ClientMessage.Show(row.id()));
            ServerMessage.Room shown = t.next(ServerMessage.Room.class, r -> "shown".equals(r.view()));
            assertEquals(2, shown.shownNumber());
            assertEquals("Anna", shown.shown());
            t.send(new ClientMessage.Show(null));
            assertNull(t.next(ServerMessage.Room.class, r -> "class".equals(r.view())).shownNumber());
        }
    }

    @Test
    void a_student_who_comes_back_with_their_seat_is_the_same_student() throws Exception {
        ClassroomServer s = start();
        try (LabClient t = s.instructor()) {
            String code = s.openRoom(t).code();
            ClassroomServer.Student first = s.student(code);
            first.client().send(new ClientMessage.Nickname("Bo"));
            first.client().next(ServerMessage.Room.class);
            first.client().close();
            ClassroomServer.Student again = s.student(code, "?seat=" + first.room().seat());
            assertEquals(first.room().number(), again.room().number());
            assertEquals("Bo", again.room().nickname());
            ClassroomServer.Student other = s.student(code, "?seat=0123456789abcdef");
            assertNotEquals(first.room().number(), other.room().number(), "an unknown seat is a new one");
        }
    }

    @Test
    void the_room_survives_the_instructor_dropping_and_is_theirs_again_with_the_token() throws Exception {
        ClassroomServer s = start();
        LabClient t = s.instructor();
        String code = s.openRoom(t).code();
        startRun(t, true);
        ClassroomServer.Student st = s.student(code);
        t.close();
        Thread.sleep(300);
        assertTrue(s.classroom.find(code).isPresent(), "the room waits for its instructor");
        try (LabClient back = s.instructor("&room=" + code)) {
            ServerMessage.Room room = back.next(ServerMessage.Room.class);
            assertEquals(code, room.code());
            back.next(ServerMessage.Ready.class);
            back.send(new ClientMessage.Step(3));
            assertEquals(3, st.client().nextFrame(f -> f.step() == 3).step(), "students see the instructor's commands again");
        }
    }

    @Test
    void a_room_whose_instructor_does_not_come_back_ends_and_its_students_are_told() throws Exception {
        ClassroomServer s = start(ClassroomOptions.defaults().withTimes(Duration.ofSeconds(1), Duration.ofMinutes(15),
                Duration.ofMinutes(240), Duration.ofSeconds(90)));
        LabClient t = s.instructor();
        String code = s.openRoom(t).code();
        ClassroomServer.Student st = s.student(code);
        t.close();
        assertEquals("instructorGone", st.client().next(ServerMessage.RoomClosed.class).reason());
        assertTrue(st.client().awaitClosed(Duration.ofSeconds(5)), "and the connection closes");
        assertTrue(s.classroom.find(code).isEmpty());
        LabClient late = LabClient.connect(s.http, s.port(), ClassroomEndpoint.JOIN + code);
        late.next(ServerMessage.Hello.class, m -> true);
        assertEquals("noRoom", late.next(ServerMessage.RoomClosed.class).reason());
    }

    @Test
    void closing_the_room_ends_it_for_every_student() throws Exception {
        ClassroomServer s = start();
        try (LabClient t = s.instructor()) {
            String code = s.openRoom(t).code();
            ClassroomServer.Student a = s.student(code), b = s.student(code);
            t.send(new ClientMessage.CloseRoom());
            for (var st : List.of(a, b)) assertEquals("closed", st.client().next(ServerMessage.RoomClosed.class).reason());
            assertEquals(0, s.classroom.rooms());
            t.send(new ClientMessage.Lock());
            assertEquals("noRoom", t.next(ServerMessage.Error.class).rule(), "the instructor may open the next one");
        }
    }

    @Test
    void a_server_that_stops_tells_the_students_the_room_ended() throws Exception {
        ClassroomServer s = start();
        LabClient t = s.instructor();
        String code = s.openRoom(t).code();
        ClassroomServer.Student st = s.student(code);
        s.classroom.close();
        assertEquals("serverStopping", st.client().next(ServerMessage.RoomClosed.class).reason());
    }

    @Test
    void caps_refuse_with_their_rule_rooms_students_forks_and_joins() throws Exception {
        ClassroomServer s = start(new ClassroomOptions(1, 2, 1, 1, 6, Duration.ofSeconds(120), Duration.ofMinutes(15),
                Duration.ofMinutes(240), Duration.ofSeconds(90)));
        try (LabClient t = s.instructor(); LabClient t2 = s.instructor()) {
            String code = s.openRoom(t).code();
            t2.send(new ClientMessage.OpenRoom(null));
            assertEquals("rooms", t2.next(ServerMessage.Error.class).rule());
            startRun(t, true);
            t.send(new ClientMessage.Release());
            ClassroomServer.Student a = s.student(code), b = s.student(code);
            LabClient third = LabClient.connect(s.http, s.port(), ClassroomEndpoint.JOIN + code);
            third.next(ServerMessage.Hello.class);
            assertEquals("students", third.next(ServerMessage.Error.class).rule());
            assertTrue(third.awaitClosed(Duration.ofSeconds(5)));
            a.client().send(new ClientMessage.Fork());
            a.client().next(ServerMessage.Room.class, r -> "fork".equals(r.view()));
            b.client().send(new ClientMessage.Fork());
            assertEquals("forks", b.client().next(ServerMessage.Error.class).rule());
            a.client().send(new ClientMessage.Fork());
            assertEquals("forkRate", a.client().next(ServerMessage.Error.class).rule(), "one fork a second");
            // 3 joins so far from this address; the cap is 6 a minute.
            String rule = null;
            for (int i = 0; i < 6 && rule == null; i++) {
                LabClient c = LabClient.connect(s.http, s.port(), ClassroomEndpoint.JOIN + code);
                ServerMessage m = c.next(ServerMessage.class, x -> x instanceof ServerMessage.Error);
                rule = ((ServerMessage.Error) m).rule();
                if (!"joinRate".equals(rule)) rule = null;
            }
            assertEquals("joinRate", rule);
        }
    }

    @Test
    void a_student_who_vanishes_loses_their_fork_after_the_grace_period() throws Exception {
        ClassroomServer s = start(ClassroomOptions.defaults().withTimes(Duration.ofSeconds(120), Duration.ofMinutes(15),
                Duration.ofMinutes(240), Duration.ofSeconds(1)));
        try (LabClient t = s.instructor()) {
            String code = s.openRoom(t).code();
            startRun(t, true);
            t.send(new ClientMessage.Release());
            LabClient c = s.student(code).client();
            c.send(new ClientMessage.Fork());
            c.next(ServerMessage.Room.class, r -> "fork".equals(r.view()));
            int runs = s.lab.registry().size();
            c.close();
            t.next(ServerMessage.Dashboard.class, d -> d.forks().isEmpty() && d.students() == 0);
            assertEquals(runs - 1, s.lab.registry().size(), "the fork's run is freed");
        }
    }

    @Test
    void the_lab_socket_refuses_room_messages() throws Exception {
        ClassroomServer s = start();
        LabClient c = LabClient.connect(s.http, s.port(), bnlab.web.lab.LabEndpoint.PATH);
        c.next(ServerMessage.Hello.class);
        c.send(new ClientMessage.Fork());
        assertEquals("type", c.next(ServerMessage.Error.class).field());
    }
}
