package bnlab.web.lab;

import static org.junit.jupiter.api.Assertions.*;

import bnlab.experiments.RunConfig;
import bnlab.experiments.live.Frame;
import bnlab.experiments.RateChange;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The /ws/lab protocol, spoken by a real WebSocket client to an app that has only this endpoint. */
class LabProtocolTest {
    static LabServer server;

    @BeforeAll
    static void startApp() { server = LabServer.start(LabEndpoint.Options.defaults()); }

    @AfterAll
    static void stopApp() { server.close(); }

    LabClient client() throws Exception { return server.client(); }

    /** Starts the lecture's 5-8-3 network (batches of 8) at the given speed and waits for frame 0. */
    static void startLecture(LabClient c, String speed) throws Exception {
        c.send(new ClientMessage.Start(null, speed, null, null));
        c.next(ServerMessage.Ready.class);
        c.nextFrame();
    }

    static long lastStep(Frame.Series s) { return s.last().length == 0 ? -1 : s.last()[s.last().length - 1]; }

    @Test
    void a_new_connection_is_greeted_with_its_run_id_and_the_defaults() throws Exception {
        try (LabClient c = server.connect()) {
            ServerMessage.Hello h = c.next(ServerMessage.Hello.class);
            assertEquals(LabEndpoint.PROTOCOL, h.protocol());
            assertEquals("lecture", h.defaults().dataset());
            assertEquals(20, h.maxFramesPerSecond());
            assertTrue(server.lab.registry().get(h.run()).isPresent());
        }
    }

    @Test
    void start_sends_the_effective_config_then_frames_whose_steps_grow_for_both_networks() throws Exception {
        try (LabClient c = client()) {
            c.send(new ClientMessage.Start(RunConfig.defaults().with("dataset", "xor", "layers", new int[]{6}), null, null, null));
            ServerMessage.Ready r = c.next(ServerMessage.Ready.class);
            assertEquals("xor", r.config().dataset());
            assertEquals(bnlab.engine.Activation.SIGMOID, r.config().activation(), "missing fields take the defaults");
            assertEquals(2, r.data().features());
            assertEquals(11, r.percentiles().length, "TensorBoard's nine and the paper's 15th and 85th");
            assertEquals("running", c.next(ServerMessage.State.class).state());
            Frame first = c.nextFrame();
            assertEquals(0, first.step());
            assertNotNull(first.boundary(), "2-D data: a decision boundary in the first frame");
            Frame later = c.nextFrame(f -> f.step() >= 10);
            assertTrue(lastStep(later.net("plain").series()) > 0 && lastStep(later.net("bn").series()) > 0);
            assertEquals(later.step(), lastStep(later.net("bn").series()));
            assertNotNull(later.histogram().counts("plain"));
            assertNotNull(later.histogram().counts("bn"));
        }
    }

    @Test
    void a_run_of_three_networks_and_a_measure_streams_each_by_name_and_bad_nets_are_refused_by_field() throws Exception {
        try (LabClient c = client()) {
            c.send(new ClientMessage.Start(RunConfig.defaults().with("dataset", "xor", "layers", new int[]{6, 6},
                    "nets", List.of("plain", "bn", "ln"), "measure", "landscape"), "max", null, null));
            ServerMessage.Ready r = c.next(ServerMessage.Ready.class);
            assertEquals(List.of("plain", "bn", "ln"), r.config().netNames());
            Frame later = c.nextFrame(f -> f.step() >= 60);
            assertEquals(List.of("plain", "bn", "ln"), List.copyOf(later.nets().keySet()));
            assertEquals(List.of("plain", "bn", "ln"), List.copyOf(later.boundary() != null ? later.boundary().cells().keySet()
                    : later.histogram().counts().keySet()));
            Frame withMeasure = c.nextFrame(f -> f.net("ln").measure() != null);
            assertEquals(6, withMeasure.net("ln").measure().get(0).values().length,
                    "loss range, predictiveness, beta, and the ends of the loss and gradient bands");
            for (String bad : new String[]{"[\"plain\"]", "[\"plain\",\"plain\"]", "[\"plain\",\"gn\"]", "\"plain,bn\""}) {
                c.send("{\"type\":\"start\",\"config\":{\"nets\":" + bad + "}}");
                ServerMessage.Error e = c.next(ServerMessage.Error.class);
                assertEquals("nets", e.field(), bad);
            }
        }
    }

    @Test
    void after_pause_no_frame_shows_more_steps() throws Exception {
        try (LabClient c = client()) {
            startLecture(c, "200");
            c.nextFrame(f -> f.step() > 5);
            c.send(new ClientMessage.Pause());
            ServerMessage.State paused = c.next(ServerMessage.State.class, s -> s.state().equals("paused"));
            for (ServerMessage m : c.collect(Duration.ofMillis(400)))
                if (m instanceof ServerMessage.FrameMessage f) assertEquals(paused.step(), f.frame().step());
        }
    }

    @Test
    void step_while_paused_adds_exactly_one_iteration_to_both_networks() throws Exception {
        try (LabClient c = client()) {
            c.send(new ClientMessage.Start(null, null, true, null));
            c.next(ServerMessage.Ready.class);
            assertEquals("paused", c.next(ServerMessage.State.class).state());
            assertEquals(0, c.nextFrame().step());
            c.send(new ClientMessage.Step(null));
            Frame f = c.nextFrame();
            assertEquals(1, f.step());
            assertArrayEquals(new long[]{1}, f.net("plain").series().first());
            assertArrayEquals(new long[]{1}, f.net("bn").series().last());
            c.send(new ClientMessage.Step(5));
            Frame g = c.nextFrame();
            assertEquals(6, g.step());
            assertArrayEquals(new long[]{2, 3, 4, 5, 6}, g.net("bn").series().first());
        }
    }

    @Test
    void a_new_learning_rate_shows_in_the_next_frames_and_training_goes_on_from_where_it_was() throws Exception {
        try (LabClient c = client()) {
            startLecture(c, "200");
            long before = c.nextFrame(f -> f.step() > 10).step();
            c.send(new ClientMessage.SetLearningRate(1.25));
            Frame f = c.nextFrame(x -> x.baseLearningRate() == 1.25);
            assertEquals(1.25, f.learningRate());
            assertTrue(f.step() >= before, "no reset: " + f.step() + " after " + before);
            c.send(new ClientMessage.SetLearningRate(-1.0));
            ServerMessage.Error e = c.next(ServerMessage.Error.class);
            assertEquals("learningRate", e.field());
            assertEquals("setLearningRate", e.request());
        }
    }

    @Test
    void a_rate_set_before_the_first_iteration_is_the_starting_rate_and_reset_keeps_it() throws Exception {
        try (LabClient c = client()) {
            c.send(new ClientMessage.Start(null, null, true, null));
            c.next(ServerMessage.Ready.class);
            c.send(new ClientMessage.SetLearningRate(0.75));
            ServerMessage.Rates r = c.next(ServerMessage.Rates.class);
            assertEquals(0.75, r.learningRate());
            assertNull(r.change(), "before the first iteration the rate is the starting rate, not a change");
            c.send(new ClientMessage.Reset());
            ServerMessage.Ready ready = c.next(ServerMessage.Ready.class);
            assertEquals(0.75, ready.config().learningRate());
            assertEquals(List.of(), ready.config().rateChanges());
            ServerMessage.State s = c.next(ServerMessage.State.class, x -> x.state().equals("paused"));
            assertEquals(0, s.step());
            assertEquals(0, c.nextFrame(x -> x.frame() == 0).step());
        }
    }

    @Test
    void a_rate_changed_during_the_run_is_recorded_and_reset_replays_it_at_the_same_iteration() throws Exception {
        try (LabClient c = client()) {
            c.send(new ClientMessage.Start(null, null, true, null));
            c.next(ServerMessage.Ready.class);
            c.send(new ClientMessage.Step(5));
            c.nextFrame(f -> f.step() == 5);
            c.send(new ClientMessage.SetLearningRate(0.75));
            ServerMessage.Rates r = c.next(ServerMessage.Rates.class);
            assertEquals(RunConfig.defaults().learningRate(), r.learningRate(), "the starting rate stays");
            assertEquals(new RateChange(5, 0.75), r.change(), "the answer carries the change just made");

            c.send(new ClientMessage.Reset());
            ServerMessage.Ready ready = c.next(ServerMessage.Ready.class);
            assertEquals(RunConfig.defaults().learningRate(), ready.config().learningRate());
            assertEquals(List.of(new RateChange(5, 0.75)), ready.config().rateChanges());
            c.send(new ClientMessage.Step(4));
            assertEquals(RunConfig.defaults().learningRate(), c.nextFrame(f -> f.step() == 4).baseLearningRate());
            c.send(new ClientMessage.Step(2));
            assertEquals(0.75, c.nextFrame(f -> f.step() == 6).baseLearningRate());

            // A start with the changes (what a copied link sends) does the same; a bad plan is refused.
            c.send(new ClientMessage.Start(RunConfig.defaults().with("rateChanges", List.of(new RateChange(3, 2))), null, true, null));
            assertEquals(List.of(new RateChange(3, 2)), c.next(ServerMessage.Ready.class).config().rateChanges());
            c.send("{\"type\":\"start\",\"config\":{\"rateChanges\":[{\"after\":3,\"rate\":2},{\"after\":2,\"rate\":1}]}}");
            ServerMessage.Error e = c.next(ServerMessage.Error.class);
            assertEquals("rateChanges", e.field());
            assertTrue(e.message().contains("must increase"), e.message());
        }
    }

    @Test
    void garbage_gets_an_error_and_the_connection_stays_usable() throws Exception {
        try (LabClient c = client()) {
            c.send("this is not json");
            assertTrue(c.next(ServerMessage.Error.class).message().startsWith("not a JSON message"));
            c.send("{\"type\":\"step\",\"count\":\"many\"}");
            assertEquals("count", c.next(ServerMessage.Error.class).field());
            startLecture(c, "100");
            assertTrue(c.nextFrame(f -> f.step() > 0).step() > 0);
        }
    }

    @Test
    void an_unknown_message_type_gets_an_error_listing_the_known_ones() throws Exception {
        try (LabClient c = client()) {
            c.send("{\"type\":\"launch\"}");
            ServerMessage.Error e = c.next(ServerMessage.Error.class);
            assertEquals("type", e.field());
            assertTrue(e.message().contains("'launch'") && e.message().contains("setLearningRate"), e.message());
        }
    }

    @Test
    void an_invalid_config_is_refused_with_the_engines_message_and_field() throws Exception {
        try (LabClient c = client()) {
            // Values the run description refuses to hold, so sent as text as a page could.
            c.send("{\"type\":\"start\",\"config\":{\"learningRate\":500}}");
            ServerMessage.Error e = c.next(ServerMessage.Error.class);
            assertEquals("learningRate", e.field());
            assertEquals("learningRate: must be above 0 and at most 100, was 500", e.message());
            assertEquals("start", e.request());
            // The rule and its arguments, for the page to say it in German or English.
            assertEquals("aboveAtMost", e.rule());
            assertEquals(List.of(0.0, 100.0, 500.0), e.args());
            c.send("{\"type\":\"start\",\"config\":{\"bn\":\"sideways\"}}");
            ServerMessage.Error bn = c.next(ServerMessage.Error.class);
            assertEquals("bn", bn.field());
            assertEquals("choice", bn.rule());
            assertEquals(List.of("sideways", "none, before, after"), bn.args());
            c.send("{\"type\":\"start\",\"config\":{\"batchSize\":100000}}");
            ServerMessage.Error batch = c.next(ServerMessage.Error.class);
            assertEquals("batchSize", batch.field());
            assertEquals("range", batch.rule());
            assertEquals(List.of(1, 10000, 100000), batch.args());
            c.send(new ClientMessage.Watch(0, 0));
            assertTrue(c.next(ServerMessage.Error.class).message().contains("send start first"));
        }
    }

    @Test
    void a_watch_change_shows_in_later_frames_and_a_missing_neuron_is_refused() throws Exception {
        try (LabClient c = client()) {
            startLecture(c, "100");
            c.send(new ClientMessage.Watch(0, 7));
            Frame f = c.nextFrame(x -> x.watch().neuron() == 7 && x.histogram() != null);
            assertEquals(8, java.util.Arrays.stream(f.histogram().counts("bn")).sum(), "a batch of 8");
            c.send(new ClientMessage.Watch(0, 8));
            assertEquals("neuron", c.next(ServerMessage.Error.class).field());
        }
    }

    @Test
    void evaluate_brings_validation_numbers_for_both_networks_in_the_next_frame() throws Exception {
        try (LabClient c = client()) {
            c.send(new ClientMessage.Start(null, null, true, null));
            c.nextFrame();
            c.send(new ClientMessage.Step(3));
            c.nextFrame(f -> f.step() == 3);
            c.send(new ClientMessage.Evaluate());
            Frame f = c.nextFrame();
            assertEquals(3, f.net("plain").validation().step());
            assertTrue(f.net("bn").validation().accuracy() >= 0);
        }
    }

    @Test
    void a_network_that_diverges_stops_and_the_message_names_it() throws Exception {
        try (LabClient c = client()) {
            // ReLU at learning rate 20 with momentum 0.9: the plain network's loss overflows, the BN one's does not.
            c.send(new ClientMessage.Start(RunConfig.defaults().with("dataset", "xor", "points", 200, "noise", 0.05,
                    "validationFraction", 0.25, "layers", new int[]{6}, "activation", "relu", "learningRate", 20,
                    "momentum", 0.9, "seed", 3L), "max", null, null));
            ServerMessage.Diverged exploded = c.next(ServerMessage.Diverged.class);
            assertEquals("exploded", exploded.kind(), "its neurons' inputs explode first, and it trains on");
            ServerMessage.Diverged d = c.next(ServerMessage.Diverged.class, m -> "nonFinite".equals(m.kind()));
            assertEquals("plain", d.network());
            assertEquals("plain", exploded.network());
            assertTrue(exploded.step() < d.step());
            assertEquals(20, d.learningRate());
            assertEquals("NaN", d.loss());
            Frame f = c.nextFrame(x -> x.net("plain").diverged() != null);
            assertEquals(d.step(), f.net("plain").diverged().step());
            assertEquals("nonFinite", f.net("plain").diverged().kind());
            assertFalse(f.net("bn").diverged() != null && f.net("bn").diverged().stopped(), "the BN network's loss stays finite");
            assertTrue(lastStep(f.net("plain").series()) < d.step(), "no plain step at or after the divergence");
            Frame g = c.nextFrame(x -> x.frame() > f.frame());
            assertEquals(0, g.net("plain").series().first().length, "the plain network no longer trains");
            assertTrue(g.net("bn").series().first().length > 0, "the BN network trains on");
        }
    }

    @Test
    void a_network_that_blows_up_is_named_with_its_kind_and_both_train_on() throws Exception {
        try (LabClient c = client()) {
            // The x30 set-up (spiral, three ReLU layers of 32) with 1.5 typed in: the BN network's rate follows at 45.
            c.send(new ClientMessage.Start(RunConfig.defaults().with("dataset", "spiral", "points", 600,
                    "layers", new int[]{32, 32, 32}, "activation", "relu", "init", "he", "learningRate", 1.5,
                    "bnNetLearningRate", 45, "batchSize", 16), "100", null, null));
            java.util.Map<String, ServerMessage.Diverged> marked = new java.util.HashMap<>();
            while (marked.size() < 2) {
                ServerMessage.Diverged d = c.next(ServerMessage.Diverged.class);
                marked.putIfAbsent(d.network(), d);
            }
            for (ServerMessage.Diverged d : marked.values()) {
                assertEquals("exploded", d.kind(), d.toString());
                assertTrue(Math.abs(d.value()) >= 1e4 && d.limit() == 1e4, d.toString());
                assertNull(d.loss());
            }
            assertEquals(45, marked.get("bn").learningRate(), 1e-9);
            Frame f = c.nextFrame(x -> x.net("bn").diverged() != null && x.step() > marked.get("bn").step() + 5);
            assertEquals("exploded", f.net("bn").diverged().kind());
            assertTrue(f.net("bn").series().first().length > 0, "a blown-up network trains on");
        }
    }

    @Test
    void closing_the_connection_frees_the_run_within_seconds() throws Exception {
        LabClient c = server.connect();
        String id = c.next(ServerMessage.Hello.class).run();
        startLecture(c, "max");
        assertTrue(server.lab.registry().get(id).isPresent());
        LabRun run = server.lab.registry().get(id).orElseThrow();
        c.close();
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (server.lab.registry().get(id).isPresent() && System.nanoTime() < deadline) Thread.sleep(20);
        assertTrue(server.lab.registry().get(id).isEmpty(), "the registry let go of the run");
        assertTrue(run.isClosed());
        Thread.sleep(2 * LabRun.TICK_MILLIS); // a tick under way when the socket closed ends its loop
        long step = run.step();
        Thread.sleep(4 * LabRun.TICK_MILLIS);
        assertEquals(step, run.step(), "training stopped");
    }

    @Test
    void at_max_speed_at_most_about_twenty_frames_a_second_arrive_and_they_cover_every_step() throws Exception {
        try (LabClient c = client()) {
            startLecture(c, "max");
            c.nextFrame(f -> f.step() > 0);
            List<ServerMessage> during = c.collect(Duration.ofMillis(1500));
            List<Frame> frames = during.stream().filter(m -> m instanceof ServerMessage.FrameMessage)
                    .map(m -> ((ServerMessage.FrameMessage) m).frame()).toList();
            assertTrue(frames.size() <= 33, frames.size() + " frames in 1.5 s"); // 20/s, plus one for timing slack
            assertTrue(frames.size() >= 5, "frames keep coming: " + frames.size());
            for (int i = 1; i < frames.size(); i++) {
                Frame a = frames.get(i - 1), b = frames.get(i);
                if (b.frame() != a.frame() + 1) continue; // a skipped frame leaves a gap, by design
                Frame.Series s = b.net("bn").series();
                assertEquals(a.step() + 1, s.first()[0], "the next frame starts where the last ended");
                assertEquals(b.step(), lastStep(s));
                assertTrue(s.first().length <= 32);
            }
            long steps = frames.get(frames.size() - 1).step() - frames.get(0).step();
            System.out.printf("lab at max speed through the socket: %d frames, %.0f iterations/s%n", frames.size(),
                    steps / 1.5);
        }
    }
}
