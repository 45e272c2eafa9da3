package bnlab.web.lab;

import static org.junit.jupiter.api.Assertions.*;

import bnlab.experiments.RunBudget;
import bnlab.experiments.RunConfig;
import bnlab.experiments.RateChange;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What one client can make the lab do is bounded, and every refusal says what is wrong in the protocol's words. */
class LabHardeningTest {
    static LabServer server;

    @BeforeAll
    static void startApp() {
        server = LabServer.start(new LabEndpoint.Options(RunBudget.defaults(), new OriginCheck(List.of("https://proxy.example"))));
    }

    @AfterAll
    static void stopApp() { server.close(); }

    LabClient client() throws Exception { return server.client(); }

    @Test
    void a_network_over_the_budget_is_refused_before_it_is_built_naming_the_limit() throws Exception {
        try (LabClient c = client()) {
            long t0 = System.nanoTime();
            int[] huge = new int[10];
            java.util.Arrays.fill(huge, 4096);
            c.send(new ClientMessage.Start(RunConfig.defaults().with("layers", huge), null, null, null));
            ServerMessage.Error e = c.next(ServerMessage.Error.class);
            assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "refused at once, not after building 150 million weights");
            assertEquals("layers", e.field());
            assertEquals("budgetParameters", e.rule());
            assertEquals(RunBudget.DEFAULT_MAX_PARAMETERS, ((Number) e.args().get(0)).longValue());
            assertTrue(e.message().contains("--max-parameters"), e.message());
            c.send(new ClientMessage.Start(RunConfig.defaults().with("dataset", "lecture", "layers", new int[]{100}, "batchSize", 10000),
                    null, null, null));
            ServerMessage.Error big = c.next(ServerMessage.Error.class);
            assertEquals("batchSize", big.field());
            assertEquals("budgetActivations", big.rule(), big.message());
            c.send(new ClientMessage.Start(RunConfig.defaults().with("dataset", "xor", "layers", new int[]{320, 320}, "batchSize", 10),
                    null, null, null));
            assertEquals("budgetEvaluation", c.next(ServerMessage.Error.class).rule(), "the 1,600 grid points of 2-D data count");
        }
    }

    @Test
    void a_long_step_is_taken_over_several_ticks_and_a_pause_stops_it_at_once() throws Exception {
        try (LabClient c = client()) {
            c.send(new ClientMessage.Start(RunConfig.defaults().with("dataset", "lecture", "layers", new int[]{480, 480}, "batchSize", 8),
                    null, true, null));
            c.next(ServerMessage.Ready.class);
            c.nextFrame();
            for (int i = 0; i < LabRun.MAX_QUEUED + 10; i++) c.send(new ClientMessage.Step(1000));
            ServerMessage.Error e = c.next(ServerMessage.Error.class);
            assertTrue(e.message().startsWith("too many messages waiting"), "the queue is bounded: " + e.message());
            var f = c.nextFrame(x -> x.step() > 0);
            assertTrue(f.step() < 2000, "spread over ticks, frames come while it works: " + f.step());
            long t0 = System.nanoTime();
            c.send(new ClientMessage.Pause());
            ServerMessage.State paused = c.next(ServerMessage.State.class, s -> s.state().equals("paused"));
            double ms = (System.nanoTime() - t0) / 1e6;
            assertTrue(ms < 1000, "the pause is confirmed within a tick or two, took " + ms + " ms");
            assertTrue(paused.step() < 2000, "the owed iterations were dropped: " + paused.step());
            List<ServerMessage> after = c.collect(Duration.ofMillis(400));
            for (ServerMessage m : after)
                if (m instanceof ServerMessage.FrameMessage fm) assertTrue(fm.frame().step() <= paused.step(), "no steps after the pause");
        }
    }

    @Test
    void step_then_set_learning_rate_records_the_change_after_that_step_and_the_plan_has_a_limit() throws Exception {
        try (LabClient c = client()) {
            c.send(new ClientMessage.Start(null, null, true, null));
            c.next(ServerMessage.Ready.class);
            for (int i = 1; i <= 3; i++) {
                c.send(new ClientMessage.Step(null));
                c.send(new ClientMessage.SetLearningRate(0.1 * i));
                ServerMessage.Rates r = c.next(ServerMessage.Rates.class);
                assertEquals(new RateChange(i, 0.1 * i), r.change(), "in the order sent, one answer per change");
            }
            for (int i = 4; i <= RateChange.MAX + 1; i++) {
                c.send(new ClientMessage.Step(null));
                c.send(new ClientMessage.SetLearningRate(0.5));
                final int made = i;
                if (i % 25 == 0 && i <= RateChange.MAX) // stay below the queue's bound: wait for the answers
                    c.next(ServerMessage.Rates.class, r -> r.change() != null && r.change().after() == made);
            }
            ServerMessage.Error e = c.next(ServerMessage.Error.class);
            assertEquals("rateChanges", e.rule());
            assertEquals(List.of(RateChange.MAX), e.args().stream().map(a -> ((Number) a).intValue()).toList());
            c.send(new ClientMessage.Reset());
            assertEquals(RateChange.MAX, c.next(ServerMessage.Ready.class).config().rateChanges().size(), "reset still works");
        }
    }

    @Test
    void a_fractional_count_and_wrong_kinds_are_refused_in_protocol_words() throws Exception {
        try (LabClient c = client()) {
            c.send(new ClientMessage.Start(null, null, true, null));
            c.next(ServerMessage.Ready.class);
            c.send("{\"type\":\"step\",\"count\":1.5}");
            ServerMessage.Error e = c.next(ServerMessage.Error.class);
            assertEquals("count", e.field());
            assertEquals("count: must be a whole number, was 1.5", e.message());
            c.send("{\"type\":\"start\",\"config\":[]}");
            assertTrue(c.next(ServerMessage.Error.class).message().startsWith("config: must be an object"));
            c.send("{\"type\":\"start\",\"config\":{\"layers\":\"x\"}}");
            String layers = c.next(ServerMessage.Error.class).message();
            assertTrue(layers.startsWith("layers: must be a list of whole numbers"), layers);
            c.send("{\"type\":\"start\",\"config\":{\"activation\":\"" + "z".repeat(5000) + "\"}}");
            ServerMessage.Error longName = c.next(ServerMessage.Error.class);
            assertTrue(longName.message().length() < 400, "a long value is not echoed whole");
            c.send("{\"type\":\"start\",\"config\":{\"" + "q".repeat(5000) + "\":1}}");
            assertTrue(c.next(ServerMessage.Error.class).field().length() <= 41);
            c.send("{\"type\":");
            String bad = c.next(ServerMessage.Error.class).message();
            assertTrue(bad.startsWith("not a JSON message (line 1"), bad);
            assertFalse(bad.contains("java") || bad.contains("Unexpected end-of-input"), bad);
        }
    }

    @Test
    void a_binary_frame_is_answered_with_an_error_frame() throws Exception {
        try (LabClient c = client()) {
            c.sendBinary(new byte[] {1, 2, 3});
            assertTrue(c.next(ServerMessage.Error.class).message().contains("binary frames are not part of the protocol"));
        }
    }

    @Test
    void a_foreign_origin_is_refused_the_own_and_the_listed_ones_connect() throws Exception {
        ExecutionException refused = assertThrows(ExecutionException.class, () -> connect("http://evil.example"));
        assertTrue(String.valueOf(refused.getCause()).contains("403") || refused.getCause() instanceof java.net.http.WebSocketHandshakeException,
                String.valueOf(refused.getCause()));
        assertThrows(ExecutionException.class, () -> connect("null"));
        connect("http://127.0.0.1:" + server.port()).abort();
        connect("https://proxy.example").abort();
    }

    @Test
    void run_ids_are_random_not_counted() throws Exception {
        try (LabClient a = server.connect(); LabClient b = server.connect()) {
            String ia = a.next(ServerMessage.Hello.class).run(), ib = b.next(ServerMessage.Hello.class).run();
            assertTrue(ia.matches("run-[0-9a-f]{16}") && ib.matches("run-[0-9a-f]{16}"), ia + " " + ib);
            assertNotEquals(ia, ib);
        }
    }

    @Test
    void a_message_over_64_kb_closes_the_connection() throws Exception {
        try (LabClient c = client()) {
            c.send("{\"type\":\"start\",\"config\":{\"x\":\"" + "y".repeat(LabEndpoint.MAX_MESSAGE_BYTES) + "\"}}");
            assertTrue(c.awaitClosed(Duration.ofSeconds(5)), "closed (1009)");
        }
    }

    private static WebSocket connect(String origin) throws Exception {
        return server.http.newWebSocketBuilder().header("Origin", origin)
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + LabEndpoint.PATH), new WebSocket.Listener() {})
                .get(5, TimeUnit.SECONDS);
    }
}
