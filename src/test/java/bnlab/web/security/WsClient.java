package bnlab.web.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A /ws/lab client that knows nothing of the server's classes: it sends text as given and reads every
 * answer as a JSON tree, so that it can also behave as no page would (never read, send binary, send
 * garbage). Loopback only.
 */
final class WsClient implements WebSocket.Listener, AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean reading;
    private final BlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private final List<Long> frameArrivals = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final AtomicLong bytesIn = new AtomicLong();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private WebSocket ws;

    private WsClient(boolean reading) { this.reading = reading; }

    /**
     * @param origin  the Origin header to send, or null for none
     * @param reading false for a client that never reads what the server sends
     */
    static WsClient connect(HttpClient http, int port, String origin, boolean reading) throws Exception {
        WsClient c = new WsClient(reading);
        WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(WAIT);
        if (origin != null) b.header("Origin", origin);
        c.ws = b.buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/lab"), c).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return c;
    }

    static WsClient connect(HttpClient http, int port) throws Exception { return connect(http, port, null, true); }

    @Override public void onOpen(WebSocket webSocket) { if (reading) webSocket.request(1); }

    @Override public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        bytesIn.addAndGet(data.length());
        partial.append(data);
        if (last) {
            try {
                JsonNode m = JSON.readTree(partial.toString());
                if ("frame".equals(m.path("type").asText())) synchronized (frameArrivals) { frameArrivals.add(System.nanoTime()); }
                inbox.add(m);
            } catch (Exception e) {
                inbox.add(JSON.createObjectNode().put("type", "unreadable").put("text", partial.toString()));
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override public void onError(WebSocket webSocket, Throwable error) { closed.complete(-1); }

    boolean isClosed() { return closed.isDone(); }

    void send(String text) throws Exception { ws.sendText(text, true).get(WAIT.toSeconds(), TimeUnit.SECONDS); }

    void sendBinary(byte[] bytes) throws Exception {
        ws.sendBinary(ByteBuffer.wrap(bytes), true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Characters received so far (the messages are ASCII JSON, so about bytes). */
    long bytesIn() { return bytesIn.get(); }

    /** The next message of that type; others before it are passed over. */
    JsonNode next(String type) throws InterruptedException { return next(type, m -> true, WAIT); }

    JsonNode next(String type, Predicate<JsonNode> wanted, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            JsonNode m = inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (m == null) throw new AssertionError("no " + type + " within " + within);
            if (type.equals(m.path("type").asText()) && wanted.test(m)) return m;
        }
    }

    /** Every message received so far and not yet taken. */
    List<JsonNode> takeAll() {
        List<JsonNode> out = new ArrayList<>();
        inbox.drainTo(out);
        return out;
    }

    /** Frames received in the last {@code window}, per second. */
    double framesPerSecond(Duration window) {
        long since = System.nanoTime() - window.toNanos();
        int n = 0;
        synchronized (frameArrivals) {
            for (long t : frameArrivals) if (t >= since) n++;
        }
        return n / (window.toNanos() / 1e9);
    }

    /** Frames received between two nanoTime instants, per second. */
    double framesPerSecond(long from, long to) {
        int n = 0;
        synchronized (frameArrivals) {
            for (long t : frameArrivals) if (t >= from && t < to) n++;
        }
        return n / ((to - from) / 1e9);
    }

    /** The step of the last confirmed pause. */
    volatile long pausedAt = -1;

    /** Sends a pause and returns the milliseconds until the server confirms it (its step in {@link #pausedAt}). */
    double pauseMillis() throws Exception {
        long t0 = System.nanoTime();
        send("{\"type\":\"pause\"}");
        pausedAt = next("state", m -> "paused".equals(m.path("state").asText()), WAIT).path("step").asLong();
        return (System.nanoTime() - t0) / 1e6;
    }

    void abort() { ws.abort(); }

    @Override public void close() {
        if (closed.isDone()) return;
        try {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
            closed.get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            ws.abort();
        }
    }
}
