package bnlab.web.lab;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connection watching a run. Control messages (ready, state, error, diverged) are always sent;
 * frames are dropped for this viewer while {@link #MAX_FRAMES_IN_FLIGHT} of its frames are still being
 * written, so a slow client gets fewer frames instead of an ever longer queue. The cost: the steps
 * summarized in a skipped frame are missing from that viewer's charts; it sees the gap in the frame
 * numbers and in the series' step ranges (docs/protocol.md, "Slow clients").
 */
public final class Viewer {
    /** A frame handed to the socket and not yet written counts as in flight. */
    public static final int MAX_FRAMES_IN_FLIGHT = 2;

    /** Where the text goes; {@code done} runs once the text is written or the send failed. */
    public interface Outbox {
        void send(String text, Runnable done);

        boolean isOpen();
    }

    private final String id;
    private final Outbox outbox;
    private final AtomicInteger framesInFlight = new AtomicInteger();
    private final AtomicLong framesSent = new AtomicLong(), framesSkipped = new AtomicLong();

    public Viewer(String id, Outbox outbox) {
        this.id = id;
        this.outbox = outbox;
    }

    public String id() { return id; }

    public boolean isOpen() { return outbox.isOpen(); }

    /** Sends a control message (never skipped). */
    public void send(String json) {
        if (outbox.isOpen()) outbox.send(json, () -> {});
    }

    /**
     * Sends a frame unless too many of this viewer's frames are still on their way.
     *
     * @return whether it was sent
     */
    public boolean offerFrame(String json) {
        if (!outbox.isOpen()) return false;
        if (framesInFlight.incrementAndGet() > MAX_FRAMES_IN_FLIGHT) {
            framesInFlight.decrementAndGet();
            framesSkipped.incrementAndGet();
            return false;
        }
        framesSent.incrementAndGet();
        outbox.send(json, framesInFlight::decrementAndGet);
        return true;
    }

    public long framesSent() { return framesSent.get(); }

    public long framesSkipped() { return framesSkipped.get(); }
}
