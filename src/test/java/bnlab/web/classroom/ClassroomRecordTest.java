package bnlab.web.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bnlab.lessons.plan.LecturePlan;
import bnlab.lessons.plan.LecturePlans;
import bnlab.record.ClassRecord;
import bnlab.web.lab.ClientMessage;
import bnlab.web.lab.LabClient;
import bnlab.web.lab.ServerMessage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lecture over real sockets, written into a real record (SQLite in a temporary data directory): what the server
 * recorded is read back by a second opening of the record after the server stopped.
 */
class ClassroomRecordTest {
    @TempDir Path data;

    @Test
    void a_lecture_leaves_its_room_class_run_forks_with_checkpoints_and_answers_in_the_record() throws Exception {
        LecturePlan plan = LecturePlans.builtIn();
        int question = 0;
        while (!(plan.steps().get(question) instanceof LecturePlan.Question)) question++;
        String code;
        try (ClassroomServer server = new ClassroomServer(ClassroomOptions.defaults())) {
            server.classroom.recordTo(new Recorder(ClassRecord.open(data)));
            try (LabClient t = server.instructor()) {
                code = server.openRoom(t).code();
                t.send(new ClientMessage.Start(null, "200", null, null));
                t.nextFrame(f -> f.step() >= 250);
                t.send(new ClientMessage.Pause()); // the forks start where the class stands, before checkpoint 500
                long at = t.next(ServerMessage.State.class, m -> m.state().equals("paused")).step();
                assertTrue(at < 500, "paused at " + at);
                t.send(new ClientMessage.Release());
                ClassroomServer.Student grace = server.student(code), other = server.student(code);
                grace.client().send(new ClientMessage.Nickname("Grace"));
                grace.client().send(new ClientMessage.Fork());
                grace.client().next(ServerMessage.Room.class, r -> "fork".equals(r.view()));
                grace.client().send(new ClientMessage.SetLearningRate(3.0));
                grace.client().send(new ClientMessage.SetSpeed("max"));
                grace.client().send(new ClientMessage.Resume());
                // past 1,100, and validated at 1,000 or later: the live run validates every few frames, so the step alone
                // does not say that the checkpoints 500 and 1,000 are in the run's summary yet
                grace.client().nextFrame(f -> f.step() >= 1100 && f.nets().values().stream()
                        .anyMatch(n -> n.validation() != null && n.validation().step() >= 1000));

                t.send(new ClientMessage.Plan("lecture"));
                t.send(new ClientMessage.GoTo(question));
                int q = question;
                grace.client().next(ServerMessage.LessonState.class, x -> x.step() == q);
                other.client().next(ServerMessage.LessonState.class, x -> x.step() == q);
                grace.client().send(new ClientMessage.Answer(question, null, 1));
                other.client().send(new ClientMessage.Answer(question, null, 0));
                t.next(ServerMessage.LessonState.class, x -> x.vote() != null && x.vote().answered() == 2);
                t.send(new ClientMessage.CloseRoom());
                t.next(ServerMessage.RoomClosed.class);
                grace.client().close();
                other.client().close();
            }
        } // the server stops: the record's last writes are made, and it is closed

        try (ClassRecord record = ClassRecord.open(data)) {
            List<ClassRecord.Room> rooms = record.rooms();
            assertEquals(1, rooms.size());
            ClassRecord.Room room = rooms.get(0);
            assertEquals(code, room.code());
            assertEquals("BN 101", room.name());
            assertEquals("closed", room.closedReason());
            assertEquals("lecture", room.plan());
            assertEquals(1, room.forks());

            List<ClassRecord.Run> runs = record.runs(room.id());
            ClassRecord.Run cls = runs.get(0), fork = runs.get(1);
            assertEquals("", cls.runId());
            assertTrue(cls.step() >= 250 && cls.step() < 500, "the class run stood at " + cls.step());
            assertTrue(cls.link().startsWith("/lab?"), cls.link());
            assertEquals("Grace", fork.nickname());
            assertNotNull(fork.number());
            assertTrue(fork.fromStep() >= 250 && fork.fromStep() < 500 && fork.step() >= 1100, fork.toString());
            assertTrue(fork.link().contains("&rateChanges=" + fork.fromStep() + ":3&"),
                    "the fork's link replays the class run, then the student's rate from where they forked: " + fork.link());

            List<ClassRecord.Checkpoint> checkpoints = record.checkpoints(room.id());
            assertTrue(checkpoints.stream().anyMatch(c -> c.runId().isEmpty() && c.step() == 200 && c.net().equals("bn")), checkpoints.toString());
            assertTrue(checkpoints.stream().noneMatch(c -> c.runId().equals(fork.runId()) && c.step() <= fork.fromStep()),
                    "a fork's checkpoints are its own, after it was made: " + checkpoints);
            for (long step : new long[]{500, 1000})
                assertTrue(checkpoints.stream().anyMatch(c -> c.runId().equals(fork.runId()) && c.step() == step), checkpoints.toString());
            assertEquals(4, record.nets(room.id()).size(), "two networks each");

            List<ClassRecord.Answer> answers = record.answers(room.id());
            assertEquals(2, answers.size(), answers.toString());
            assertEquals(List.of(question), answers.stream().map(ClassRecord.Answer::step).distinct().toList());
            assertEquals(java.util.Set.of(0, 1), answers.stream().map(ClassRecord.Answer::choice).collect(java.util.stream.Collectors.toSet()));
            assertNull(record.runs(room.id()).get(0).number(), "the class run has no student");
        }
    }
}
