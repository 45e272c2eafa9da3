package bnlab.web.classroom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bnlab.experiments.live.Frame;
import bnlab.lessons.plan.LecturePlan;
import bnlab.lessons.plan.LecturePlans;
import bnlab.web.broker.Broker;
import bnlab.web.broker.RedisServerProcess;
import bnlab.web.lab.ClientMessage;
import bnlab.web.lab.LabClient;
import bnlab.web.lab.LabEndpoint;
import bnlab.web.lab.ServerMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the server sharing rooms through a real redis-server on loopback: a room runs on the
 * instance its instructor opened it on, and students connected to the other one watch it live.
 */
class RedisClassroomTest {
    private static RedisServerProcess redis;
    private Broker brokerA, brokerB;
    private ClassroomServer a, b;

    @BeforeAll
    static void startRedis() throws Exception { redis = RedisServerProcess.start(); }

    @AfterAll
    static void stopRedis() { if (redis != null) redis.close(); }

    @BeforeEach
    void startInstances() {
        brokerA = Broker.of(redis.uri());
        brokerB = Broker.of(redis.uri());
        a = new ClassroomServer(ClassroomOptions.defaults(), LabEndpoint.Options.defaults(), brokerA);
        b = new ClassroomServer(ClassroomOptions.defaults(), LabEndpoint.Options.defaults(), brokerB);
    }

    @AfterEach
    void stopInstances() {
        for (ClassroomServer s : new ClassroomServer[]{a, b}) if (s != null) s.close();
        for (Broker x : new Broker[]{brokerA, brokerB}) if (x != null) x.close();
    }

    @Test
    void a_student_on_the_other_instance_watches_the_run_live_and_a_late_joiner_gets_its_history() throws Exception {
        try (LabClient t = a.instructor()) {
            String code = a.openRoom(t).code();
            ClassroomServer.Student early = b.student(code);
            assertEquals("student", early.room().role());
            t.send(new ClientMessage.Start(null, "100", null, null));
            t.next(ServerMessage.Ready.class);
            early.client().next(ServerMessage.Ready.class);
            long seen = early.client().nextFrame(f -> f.step() > 20).step();
            assertTrue(seen > 20);

            t.nextFrame(f -> f.step() >= 120);
            ClassroomServer.Student late = b.student(code);
            List<ServerMessage> first = List.of(late.client().next(ServerMessage.class), late.client().next(ServerMessage.class),
                    late.client().next(ServerMessage.class));
            assertTrue(first.get(0) instanceof ServerMessage.Ready, first.toString());
            ServerMessage.History h = (ServerMessage.History) first.get(1);
            Frame.Series s = h.net("plain").series();
            assertEquals(1, s.first()[0], "the relayed history starts at the first iteration");
            assertTrue(s.last()[s.last().length - 1] >= 100, "and reaches where the run is: " + s.last()[s.last().length - 1]);
            assertTrue(first.get(2) instanceof ServerMessage.State);
            long next = late.client().nextFrame().step();
            assertTrue(next > s.last()[s.last().length - 1] - 1, "frames go on from there");

            ServerMessage.Dashboard d = t.next(ServerMessage.Dashboard.class, x -> x.students() == 2);
            assertEquals(2, d.students(), "the instructor counts the students of both instances");

            t.send(new ClientMessage.Release());
            assertFalse(late.client().next(ServerMessage.Room.class, r -> !r.locked()).locked(), "the room's state is relayed");
            late.client().send(new ClientMessage.Pause());
            assertEquals("watcher", late.client().next(ServerMessage.Error.class).rule());

            var page = b.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + b.port() + "/join/" + code)).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertEquals(404, page.statusCode(), "this bare test server has no pages; the WebApp serves them");

            t.send(new ClientMessage.CloseRoom());
            for (var st : List.of(early, late)) assertEquals("closed", st.client().next(ServerMessage.RoomClosed.class).reason());
        }
    }

    @Test
    void a_room_restored_after_a_restart_takes_its_code_back_unless_another_instance_has_it(@org.junit.jupiter.api.io.TempDir
                                                                                           java.nio.file.Path data) throws Exception {
        // a record as an instance left it when it crashed: two rooms open, one of whose codes B holds meanwhile
        bnlab.record.ClassRecord record = bnlab.record.ClassRecord.open(data);
        String link = "/lab?" + bnlab.experiments.RunFields.toQuery(bnlab.experiments.Presets.LECTURE.run());
        long mine = record.roomOpened("QRST", "back", 1_000L), taken = record.roomOpened("WXYZ", "taken", 2_000L);
        for (long id : new long[]{mine, taken})
            record.snapshot(id, new bnlab.record.ClassRecord.RoomState(true, null), List.of(new bnlab.record.ClassRecord.Seat(
                    "0123456789abcdef", 1, "Grace", false)), List.of(new bnlab.record.ClassRecord.RunRows(
                    new bnlab.record.ClassRecord.Run("", null, null, link, 1_000L, 0, 300, "paused"), List.of(), List.of())));
        assertTrue(brokerB.claim(RoomRelay.key("WXYZ"), "instance-b", Classroom.DIRECTORY_TTL));
        a.classroom.recordTo(new Recorder(record));
        List<Classroom.Restored> back = a.classroom.restore();
        assertEquals(List.of("QRST"), back.stream().map(Classroom.Restored::code).toList(), "WXYZ is B's now");
        assertEquals("codeTaken", record.rooms().stream().filter(r -> r.id() == taken).findFirst().orElseThrow().closedReason());

        // the restored room is A's again: a student of B comes back through the relay to the class run, replayed to 300
        ClassroomServer.Student grace = b.student("QRST");
        assertEquals("student", grace.room().role());
        assertTrue(grace.client().nextFrame(f -> f.step() >= 300).step() >= 300, "the class run is back where it was");
        ClassroomServer.Student seat = a.student("QRST", "?seat=0123456789abcdef");
        assertEquals(1, seat.room().number(), "a page of A's own comes back to its seat");
        assertEquals("Grace", seat.room().nickname());
    }

    @Test
    void codes_are_unique_across_instances_and_a_code_of_neither_is_no_room() throws Exception {
        try (LabClient ta = a.instructor(); LabClient tb = b.instructor()) {
            String ca = a.openRoom(ta).code(), cb = b.openRoom(tb).code();
            assertFalse(ca.equals(cb));
            assertEquals("student", a.student(cb).room().role(), "B's room from A");
            assertEquals("student", b.student(ca).room().role(), "A's room from B");
            String none = "ZZZZ".equals(ca) || "ZZZZ".equals(cb) ? "YYYY" : "ZZZZ";
            LabClient c = LabClient.connect(b.http, b.port(), ClassroomEndpoint.JOIN + none);
            c.next(ServerMessage.Hello.class);
            assertEquals("noRoom", c.next(ServerMessage.RoomClosed.class).reason());
        }
    }

    @Test
    void a_student_on_the_other_instance_forks_drives_the_fork_and_is_on_the_dashboard() throws Exception {
        try (LabClient t = a.instructor()) {
            String code = a.openRoom(t).code();
            t.send(new ClientMessage.Start(null, "100", null, null));
            t.nextFrame(f -> f.step() >= 60);
            t.send(new ClientMessage.Pause());
            long at = t.next(ServerMessage.State.class, m -> m.state().equals("paused")).step();
            LabClient c = b.student(code).client();
            c.next(ServerMessage.State.class, m -> m.state().equals("paused"));
            c.send(new ClientMessage.Nickname("Grace"));
            c.next(ServerMessage.Room.class, r -> "Grace".equals(r.nickname()));
            c.send(new ClientMessage.Fork());
            assertEquals("locked", c.next(ServerMessage.Error.class).rule(), "the room's instance refuses it while locked");
            t.send(new ClientMessage.Release());
            c.next(ServerMessage.Room.class, r -> !r.locked());
            c.send(new ClientMessage.Fork());
            assertEquals("fork", c.next(ServerMessage.Room.class, r -> "fork".equals(r.view())).view());
            c.next(ServerMessage.Ready.class);
            assertEquals(at, c.next(ServerMessage.State.class).step(), "the fork starts where the class is");
            t.drain();
            t.send(new ClientMessage.Step(4));
            t.send(new ClientMessage.Evaluate());
            c.send(new ClientMessage.Step(4));
            c.send(new ClientMessage.Evaluate());
            assertEquals(at + 4, c.nextFrame(f -> f.step() == at + 4).step(), "the student drives the fork across instances");
            ClassroomProtocolTest.assertBitForBit(t, at + 4); // the fork on the room's instance continues the class exactly
            c.send(new ClientMessage.SetLearningRate(3.0));
            ServerMessage.Dashboard d = t.next(ServerMessage.Dashboard.class, x -> x.forks().size() == 1
                    && x.forks().get(0).changes().stream().anyMatch(ch -> ch.field().equals("learningRate")));
            assertEquals("Grace", d.forks().get(0).student(), "the nickname typed on the other instance");
            assertEquals(1, d.students(), "counted once");
            c.close();
            t.next(ServerMessage.Dashboard.class, x -> x.students() == 0);
        }
    }

    /** A guided lecture (issue 24): students on the other instance see the plan's step and vote in the same question. */
    @Test
    void students_on_two_instances_vote_in_one_question_and_count_once_each() throws Exception {
        LecturePlan plan = LecturePlans.builtIn();
        int question = 0;
        while (!(plan.steps().get(question) instanceof LecturePlan.Question)) question++;
        final int q = question;
        try (LabClient t = a.instructor()) {
            String code = a.openRoom(t).code();
            ClassroomServer.Student here = a.student(code);
            ClassroomServer.Student there = b.student(code);
            t.send(new ClientMessage.Plan("lecture"));
            t.send(new ClientMessage.GoTo(q));
            there.client().next(ServerMessage.LessonState.class, x -> x.step() == q);
            here.client().next(ServerMessage.LessonState.class, x -> x.step() == q);

            for (int i = 0; i < 5; i++) there.client().send(new ClientMessage.Answer(q, null, i % 3));
            ServerMessage.LessonState own = there.client().next(ServerMessage.LessonState.class,
                    x -> x.vote() != null && Integer.valueOf(1).equals(x.vote().mine()));
            assertEquals(1, own.vote().mine(), "their own answer, at once, on their instance");
            Thread.sleep(1100); // five answers a second at most
            there.client().send(new ClientMessage.Answer(q, null, 9));
            assertEquals("answer", there.client().next(ServerMessage.Error.class).rule(), "refused on their instance too");
            here.client().send(new ClientMessage.Answer(q, null, 1));

            ServerMessage.LessonState counted = t.next(ServerMessage.LessonState.class, x -> x.vote() != null && x.vote().answered() == 2);
            assertArrayEquals(new int[]{0, 2, 0}, counted.vote().counts(), "five answers from one student on the other instance count once");

            // back on their seat on the other instance: the step, the open question, their own answer
            there.client().close();
            ClassroomServer.Student back = b.student(code, "?seat=" + there.room().seat());
            ServerMessage.LessonState again = back.client().next(ServerMessage.LessonState.class, x -> true);
            assertEquals(q, again.step());
            assertEquals(1, again.vote().mine());
            assertNull(again.vote().counts(), "no counts before they are shown");

            t.send(new ClientMessage.CloseVote());
            t.send(new ClientMessage.ShowResults());
            ServerMessage.LessonState shown = back.client().next(ServerMessage.LessonState.class, x -> x.vote() != null && x.vote().shown());
            assertArrayEquals(new int[]{0, 2, 0}, shown.vote().counts(), "the results reach the other instance");
            back.client().send(new ClientMessage.Answer(q, null, 0));
            assertEquals("voteClosed", back.client().next(ServerMessage.Error.class).rule());
            t.send(new ClientMessage.PauseClass("Look up"));
            assertEquals("Look up", back.client().next(ServerMessage.LessonState.class, ServerMessage.LessonState::paused).pauseText());
        }
    }
}
