package bnlab.web.lab;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViewerTest {

    /** An outbox whose sends complete only when the test says so, like a client that reads slowly. */
    static final class SlowOutbox implements Viewer.Outbox {
        final List<String> sent = new ArrayList<>();
        final List<Runnable> pending = new ArrayList<>();

        @Override public synchronized void send(String text, Runnable done) { sent.add(text); pending.add(done); }
        boolean closed;

        @Override public boolean isOpen() { return !closed; }

        @Override public synchronized void close(int code, String reason) { closed = true; }

        synchronized void completeAll() { pending.forEach(Runnable::run); pending.clear(); }
    }

    @Test
    void frames_are_skipped_for_a_viewer_whose_earlier_frames_are_still_being_written() {
        SlowOutbox out = new SlowOutbox();
        Viewer v = new Viewer("a", out);
        assertTrue(v.offerFrame("f1"));
        assertTrue(v.offerFrame("f2"));
        assertFalse(v.offerFrame("f3"), "two frames in flight: the third is dropped, not queued");
        assertFalse(v.offerFrame("f4"));
        assertEquals(List.of("f1", "f2"), out.sent);
        out.completeAll();
        assertTrue(v.offerFrame("f5"), "once written, frames flow again");
        assertEquals(3, v.framesSent());
        assertEquals(2, v.framesSkipped());
    }

    @Test
    void control_messages_are_never_skipped() {
        SlowOutbox out = new SlowOutbox();
        Viewer v = new Viewer("a", out);
        v.offerFrame("f1");
        v.offerFrame("f2");
        v.send("{\"type\":\"state\"}");
        assertEquals(3, out.sent.size());
    }

    @Test
    void a_client_that_does_not_read_is_disconnected_once_a_megabyte_waits() {
        SlowOutbox out = new SlowOutbox();
        Viewer v = new Viewer("a", out);
        String state = "{\"type\":\"state\",\"pad\":\"" + "x".repeat(100_000) + "\"}";
        int sent = 0;
        while (v.isOpen() && sent < 100) { v.send(state); sent++; }
        assertTrue(out.closed, "closed past the limit");
        assertEquals(11, sent, "ten messages of 100 KB fit in a megabyte, the eleventh closes");
        assertTrue(v.bytesInFlight() <= Viewer.MAX_BYTES_IN_FLIGHT);
        assertFalse(v.offerFrame("f"), "nothing more is sent to a closed viewer");
    }

    @Test
    void frames_are_skipped_while_many_bytes_wait_and_errors_beyond_four_are_dropped() {
        SlowOutbox out = new SlowOutbox();
        Viewer v = new Viewer("a", out);
        v.send("x".repeat((int) Viewer.FRAME_BYTES_IN_FLIGHT + 1));
        assertFalse(v.offerFrame("f1"), "a big backlog of control messages: frames wait");
        for (int i = 0; i < 10; i++) v.sendError("{\"type\":\"error\"}");
        assertEquals(1 + Viewer.MAX_ERRORS_IN_FLIGHT, out.sent.size());
        assertEquals(10 - Viewer.MAX_ERRORS_IN_FLIGHT, v.dropped());
        out.completeAll();
        assertEquals(0, v.bytesInFlight());
        assertTrue(v.offerFrame("f2"));
    }
}
