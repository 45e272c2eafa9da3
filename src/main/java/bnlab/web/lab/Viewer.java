package bnlab.web.lab;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connection watching a run, and what may be waiting to be written to it. Bounded in bytes: a
 * client that does not read gets fewer messages, never an ever longer queue, and past a limit it is
 * disconnected.
 *
 * <ul>
 *   <li>Frames are dropped for this viewer while {@link #MAX_FRAMES_IN_FLIGHT} of its frames are still
 *       being written, or while more than {@link #FRAME_BYTES_IN_FLIGHT} bytes are. The cost: the steps
 *       summarized in a skipped frame are missing from that viewer's charts; it sees the gap in the frame
 *       numbers and in the series' step ranges (docs/protocol.md, "Slow clients").</li>
 *   <li>Error answers are dropped while {@link #MAX_ERRORS_IN_FLIGHT} are being written: a client that
 *       sends bad messages and does not read the answers only needs to be told once.</li>
 *   <li>Other control messages (ready, state, rates, diverged) are sent while fewer than
 *       {@link #MAX_BYTES_IN_FLIGHT} bytes are waiting; a message that would pass that closes the
 *       connection (1008, "not reading"): the client is not reading, and the server will not hold its backlog.</li>
 * </ul>
 */
public final class Viewer {
    /** A frame handed to the socket and not yet written counts as in flight. */
    public static final int MAX_FRAMES_IN_FLIGHT = 2;
    /** Frames are skipped while this many bytes of any kind are waiting. */
    public static final long FRAME_BYTES_IN_FLIGHT = 256 * 1024;
    /** Errors are dropped while this many are waiting. */
    public static final int MAX_ERRORS_IN_FLIGHT = 4;
    /** A message that would make more bytes than this wait closes the connection. */
    public static final long MAX_BYTES_IN_FLIGHT = 1024 * 1024;
    /** The close code for a client that does not read (RFC 6455: policy violation). */
    public static final int CLOSE_NOT_READING = 1008;

    /** Where the text goes; {@code done} runs once the text is written or the send failed. */
    public interface Outbox {
        void send(String text, Runnable done);

        boolean isOpen();

        /** Closes the connection with a status code and reason (no-op where there is no connection). */
        default void close(int code, String reason) {}
    }

    private final String id;
    private final Outbox outbox;
    private final AtomicInteger framesInFlight = new AtomicInteger(), errorsInFlight = new AtomicInteger();
    private final AtomicLong bytesInFlight = new AtomicLong();
    private final AtomicLong framesSent = new AtomicLong(), framesSkipped = new AtomicLong(), dropped = new AtomicLong();
    private final AtomicBoolean closedForBacklog = new AtomicBoolean();

    public Viewer(String id, Outbox outbox) {
        this.id = id;
        this.outbox = outbox;
    }

    public String id() { return id; }

    public boolean isOpen() { return !closedForBacklog.get() && outbox.isOpen(); }

    /** Sends a control message: not skipped, but the connection is closed if too much is already waiting. */
    public void send(String json) {
        if (!isOpen()) return;
        long size = bytes(json);
        if (bytesInFlight.addAndGet(size) > MAX_BYTES_IN_FLIGHT) {
            bytesInFlight.addAndGet(-size);
            dropped.incrementAndGet();
            if (closedForBacklog.compareAndSet(false, true)) outbox.close(CLOSE_NOT_READING, "not reading");
            return;
        }
        outbox.send(json, () -> bytesInFlight.addAndGet(-size));
    }

    /** Sends an error answer, unless {@link #MAX_ERRORS_IN_FLIGHT} are still waiting (then it is dropped). */
    public void sendError(String json) {
        if (!isOpen()) return;
        if (errorsInFlight.incrementAndGet() > MAX_ERRORS_IN_FLIGHT) {
            errorsInFlight.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        long size = bytes(json);
        bytesInFlight.addAndGet(size);
        outbox.send(json, () -> { bytesInFlight.addAndGet(-size); errorsInFlight.decrementAndGet(); });
    }

    /**
     * Sends a frame unless too many of this viewer's frames, or too many bytes, are still on their way.
     *
     * @return whether it was sent
     */
    public boolean offerFrame(String json) {
        if (!isOpen()) return false;
        if (bytesInFlight.get() > FRAME_BYTES_IN_FLIGHT) {
            framesSkipped.incrementAndGet();
            return false;
        }
        if (framesInFlight.incrementAndGet() > MAX_FRAMES_IN_FLIGHT) {
            framesInFlight.decrementAndGet();
            framesSkipped.incrementAndGet();
            return false;
        }
        long size = bytes(json);
        bytesInFlight.addAndGet(size);
        framesSent.incrementAndGet();
        outbox.send(json, () -> { bytesInFlight.addAndGet(-size); framesInFlight.decrementAndGet(); });
        return true;
    }

    /** Closes the connection (a room that ended lets go of its pages). */
    public void close(int code, String reason) { outbox.close(code, reason); }

    public long framesSent() { return framesSent.get(); }

    public long framesSkipped() { return framesSkipped.get(); }

    /** Control and error messages not sent because the client was not reading. */
    public long dropped() { return dropped.get(); }

    /** Bytes handed to the connection and not yet written. */
    public long bytesInFlight() { return bytesInFlight.get(); }

    /** The text's size on the wire (UTF-8); ASCII, as most messages are, costs no copy. */
    private static long bytes(String s) {
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) >= 0x80) return s.getBytes(StandardCharsets.UTF_8).length;
        return s.length();
    }
}
