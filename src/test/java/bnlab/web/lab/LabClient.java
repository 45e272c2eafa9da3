package bnlab.web.lab;

import bnlab.experiments.live.Frame;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A test client for /ws/lab (and the classroom's sockets) on java.net.http's WebSocket: collects server messages,
 * parsed, in order. A watcher's compact messages ("wf", "wh") are read as the frames and history they stand for,
 * as the page reads them ({@link WatcherDecoder}); how many came, and their text, are kept too.
 */
public final class LabClient implements WebSocket.Listener, AutoCloseable {
    public static final Duration WAIT = Duration.ofSeconds(5);

    private final LabJson json = new LabJson();
    private final BlockingQueue<ServerMessage> inbox = new LinkedBlockingQueue<>();
    private final List<Long> frameArrivals = new ArrayList<>(); // nanoTime of each frame
    private final WatcherDecoder decoder = new WatcherDecoder();
    private final List<String> compact = java.util.Collections.synchronizedList(new ArrayList<>()); // "wf"/"wh" texts
    private final StringBuilder partial = new StringBuilder();
    private final CountDownLatch closed = new CountDownLatch(1);
    private WebSocket ws;

    static LabClient connect(HttpClient http, int port) throws Exception { return connect(http, port, LabEndpoint.PATH); }

    /** A connection to another of the server's sockets, e.g. "/ws/join/K7PX?seat=..." (the classroom's). */
    public static LabClient connect(HttpClient http, int port, String pathAndQuery) throws Exception {
        LabClient c = new LabClient();
        c.ws = http.newWebSocketBuilder().buildAsync(URI.create("ws://localhost:" + port + pathAndQuery), c)
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return c;
    }

    /** Sends a client message as the protocol's JSON. */
    public void send(ClientMessage m) throws Exception { send(json.writeClient(m)); }

    @Override public void onOpen(WebSocket webSocket) { webSocket.request(1); }

    @Override public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                ServerMessage m = json.readServer(partial.toString());
                if (m instanceof ServerMessage.Ready r) decoder.ready(r);
                if (m instanceof ServerMessage.WatcherFrame w) {
                    compact.add(partial.toString());
                    m = new ServerMessage.FrameMessage(decoder.frame(w), null);
                } else if (m instanceof ServerMessage.WatcherHistory w) {
                    compact.add(partial.toString());
                    m = decoder.history(w);
                }
                if (m instanceof ServerMessage.FrameMessage) synchronized (frameArrivals) { frameArrivals.add(System.nanoTime()); }
                inbox.add(m);
            } catch (Exception e) {
                throw new AssertionError("unreadable server message: " + partial, e);
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.countDown();
        return null;
    }

    public void send(String text) throws Exception { ws.sendText(text, true).get(WAIT.toSeconds(), TimeUnit.SECONDS); }

    void sendBinary(byte[] data) throws Exception {
        ws.sendBinary(java.nio.ByteBuffer.wrap(data), true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Whether the server closed the connection within the given time. */
    public boolean awaitClosed(Duration within) throws InterruptedException {
        return closed.await(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next message of that kind; messages of other kinds before it are passed over. */
    public <T extends ServerMessage> T next(Class<T> type) throws InterruptedException { return next(type, m -> true); }

    public <T extends ServerMessage> T next(Class<T> type, Predicate<T> wanted) throws InterruptedException {
        return next(type, wanted, WAIT);
    }

    /** The next message of that type that is wanted, waiting at most {@code wait} (a long run's end). */
    public <T extends ServerMessage> T next(Class<T> type, Predicate<T> wanted, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            ServerMessage m = inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (m == null) throw new AssertionError("no " + type.getSimpleName() + " within " + wait);
            if (type.isInstance(m) && wanted.test(type.cast(m))) return type.cast(m);
        }
    }

    public Frame nextFrame() throws InterruptedException { return next(ServerMessage.FrameMessage.class).frame(); }

    public Frame nextFrame(Predicate<Frame> wanted) throws InterruptedException {
        return next(ServerMessage.FrameMessage.class, f -> wanted.test(f.frame())).frame();
    }

    /** Every message that arrives within the given time. */
    public List<ServerMessage> collect(Duration during) throws InterruptedException {
        List<ServerMessage> out = new ArrayList<>();
        long deadline = System.nanoTime() + during.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            ServerMessage m = inbox.poll(left, TimeUnit.NANOSECONDS);
            if (m != null) out.add(m);
        }
        return out;
    }

    public void drain() { inbox.clear(); }

    /** The watchers' compact messages received so far ("wf" and "wh"), as text. */
    public List<String> compactTexts() { synchronized (compact) { return List.copyOf(compact); } }

    /** Every message received so far and not yet taken, without waiting. */
    public List<ServerMessage> takeAll() {
        List<ServerMessage> out = new ArrayList<>();
        inbox.drainTo(out);
        return out;
    }

    /**
     * Closes the connection. One the server closed already (a refused connection) is closed: its close may arrive
     * here after the server's side is gone, so a close that finds the output closed is not an error.
     */
    @Override public void close() throws Exception {
        if (closed.getCount() == 0 || ws.isOutputClosed()) return;
        try {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof java.io.IOException) || !ws.isOutputClosed()) throw e;
            return; // the server closed it first
        }
        closed.await(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
}
