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
        @Override public boolean isOpen() { return true; }

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
}
