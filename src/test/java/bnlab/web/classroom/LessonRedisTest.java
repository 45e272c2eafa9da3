package bnlab.web.classroom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import bnlab.lessons.plan.LecturePlan;
import bnlab.lessons.plan.LecturePlans;
import bnlab.web.broker.Broker;
import bnlab.web.broker.RedisServerProcess;
import bnlab.web.lab.LabClient;
import bnlab.web.lab.LabEndpoint;
import bnlab.web.lab.ServerMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A guided lecture across two instances sharing a real redis-server (issue 24): students on the other instance see
 * the plan's step and vote in the same question, each counted once; one who comes back gets their own answer.
 */
class LessonRedisTest {
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
    void students_on_two_instances_vote_in_one_question_and_count_once_each() throws Exception {
        LecturePlan plan = LecturePlans.builtIn();
        int question = 0;
        while (!(plan.steps().get(question) instanceof LecturePlan.Question)) question++;
        final int q = question;
        try (LabClient t = a.instructor()) {
            String code = a.openRoom(t).code();
            ClassroomServer.Student here = a.student(code);
            ClassroomServer.Student there = b.student(code);
            t.send("{\"type\":\"plan\",\"key\":\"lecture\"}");
            t.send("{\"type\":\"goTo\",\"step\":" + q + "}");
            there.client().next(ServerMessage.LessonState.class, x -> x.step() == q);
            here.client().next(ServerMessage.LessonState.class, x -> x.step() == q);

            for (int i = 0; i < 5; i++) there.client().send("{\"type\":\"answer\",\"step\":" + q + ",\"choice\":" + (i % 3) + "}");
            ServerMessage.LessonState own = there.client().next(ServerMessage.LessonState.class,
                    x -> x.vote() != null && Integer.valueOf(1).equals(x.vote().mine()));
            assertEquals(1, own.vote().mine(), "their own answer, at once, on their instance");
            Thread.sleep(1100); // five answers a second at most
            there.client().send("{\"type\":\"answer\",\"step\":" + q + ",\"choice\":9}");
            assertEquals("answer", there.client().next(ServerMessage.Error.class).rule(), "refused on their instance too");
            here.client().send("{\"type\":\"answer\",\"step\":" + q + ",\"choice\":1}");

            ServerMessage.LessonState counted = t.next(ServerMessage.LessonState.class, x -> x.vote() != null && x.vote().answered() == 2);
            assertArrayEquals(new int[]{0, 2, 0}, counted.vote().counts(), "five answers from one student on the other instance count once");

            // back on their seat on the other instance: the step, the open question, their own answer
            there.client().close();
            ClassroomServer.Student back = b.student(code, "?seat=" + there.room().seat());
            ServerMessage.LessonState again = back.client().next(ServerMessage.LessonState.class, x -> true);
            assertEquals(q, again.step());
            assertEquals(1, again.vote().mine());
            assertNull(again.vote().counts(), "no counts before they are shown");

            t.send("{\"type\":\"closeVote\"}");
            t.send("{\"type\":\"showResults\"}");
            ServerMessage.LessonState shown = back.client().next(ServerMessage.LessonState.class, x -> x.vote() != null && x.vote().shown());
            assertArrayEquals(new int[]{0, 2, 0}, shown.vote().counts(), "the results reach the other instance");
            back.client().send("{\"type\":\"answer\",\"step\":" + q + ",\"choice\":0}");
            assertEquals("voteClosed", back.client().next(ServerMessage.Error.class).rule());
            t.send("{\"type\":\"pauseClass\",\"text\":\"Look up\"}");
            assertEquals("Look up", back.client().next(ServerMessage.LessonState.class, ServerMessage.LessonState::paused).pauseText());
        }
    }
}
