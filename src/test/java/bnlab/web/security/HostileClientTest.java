package bnlab.web.security;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 8's attacks, scaled to run in seconds, against a real server with real WebSocket clients: each
 * attack checks what must hold (it throws otherwise), and while it runs a second client watching the
 * lecture's example at speed 100 must keep its frames and have its pause confirmed promptly. The margins
 * are generous (10 frames/s, or half of what the watcher gets alone when the shared machine is loaded;
 * 1 s for a pause); the goals of docs/security.md (15 frames/s, 200 ms) are measured with
 * {@link HostileClient}'s main at full scale.
 */
class HostileClientTest {
    static HostileClient target;
    static final double SCALE = 0.05;
    static final Duration DURATION = Duration.ofSeconds(3);

    /** The watcher's frames a second with no attack, on this machine now (other builds may share its cores). */
    static double baseline;

    @BeforeAll static void start() throws Exception {
        target = new HostileClient();
        baseline = target.measure("none", HostileClient.attacks().get("none"), SCALE, DURATION).watcherFps();
        System.out.println("baseline: the watcher alone gets " + baseline + " frames/s");
    }

    @AfterAll static void stop() { target.close(); }

    void holds(String attack) throws Exception {
        HostileClient.Result r = target.measure(attack, HostileClient.attacks().get(attack), SCALE, DURATION);
        System.out.println(r.line());
        // At least 10 frames a second, or, on a machine so loaded that the watcher alone gets fewer than 20,
        // half of what it gets alone: an attack that starves it still fails.
        double wanted = Math.min(10, baseline / 2);
        assertTrue(r.watcherFps() >= wanted, "the watcher keeps at least " + wanted + " frames/s: " + r.line());
        assertTrue(r.watcherPauseMs() < 1000, "the watcher's pause is confirmed within 1 s: " + r.line());
        assertEquals(0, r.errors5xx(), "no 5xx: " + r.line());
    }

    @Test void one_message_cannot_fill_the_heap() throws Exception { holds("memory"); }

    @Test void a_long_step_is_spread_over_ticks_and_stops_with_a_pause_or_when_its_client_leaves() throws Exception { holds("long-step"); }

    @Test void a_client_that_does_not_read_has_a_bounded_backlog() throws Exception { holds("not-reading"); }

    @Test void rate_answers_do_not_grow_with_the_changes_and_the_plan_has_a_limit() throws Exception { holds("rate-changes"); }

    @Test void a_foreign_origin_is_refused_and_every_response_has_the_security_headers() throws Exception { holds("foreign-origin"); }

    @Test void the_lesson_batch_endpoint_keeps_its_replays() throws Exception { holds("lesson-batch"); }

    @Test void refusals_are_in_protocol_words_never_java() throws Exception { holds("garbage"); }
}
