package bnlab.web.lab;

import io.javalin.websocket.WsContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;

/**
 * The WebSocket connections of this server, counted over all its sockets (the lab's, the instructor's, the
 * students'), with the limits of serve --max-connections and --max-connections-per-address, and what
 * every socket does the same way: a client's address, a {@link Viewer} over a Jetty session.
 */
public final class Connections {
    private final int max, maxPerAddress;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();

    public Connections(int max, int maxPerAddress) {
        if (max < 1 || maxPerAddress < 1) throw new IllegalArgumentException("connection limits must be at least 1");
        this.max = max;
        this.maxPerAddress = maxPerAddress;
    }

    /**
     * Counts a new connection from {@code address}, unless a limit is reached.
     *
     * @return null when it is admitted (then {@link #release} it when it ends), else the refusal to send
     *         before closing it (1013, try again later)
     */
    public ServerMessage.Error admit(String address) {
        AtomicInteger fromThere = perAddress.computeIfAbsent(address, a -> new AtomicInteger());
        int here = fromThere.incrementAndGet();
        int all = open.incrementAndGet();
        if (all <= max && here <= maxPerAddress) return null;
        open.decrementAndGet();
        release(address, fromThere);
        boolean server = all > max;
        int limit = server ? max : maxPerAddress;
        // Said in the protocol's words (the page words the rule in its language).
        return new ServerMessage.Error("too many lab connections " + (server ? "on this server" : "from one address")
                + " (at most " + limit + "): close another lab page, or try again later", null, null,
                server ? "connections" : "connectionsPerAddress", List.of(limit));
    }

    /** A connection admitted from {@code address} ended. */
    public void release(String address) {
        open.decrementAndGet();
        AtomicInteger n = perAddress.get(address);
        if (n != null) release(address, n);
    }

    private void release(String address, AtomicInteger n) {
        perAddress.computeIfPresent(address, (a, c) -> c == n && c.decrementAndGet() <= 0 ? null : c);
    }

    /** Connections open now. */
    public int open() { return open.get(); }

    /**
     * Counts a new socket from {@code address}; over a limit, it is sent the refusal and closed (1013: try again
     * later).
     *
     * @return whether it was admitted (then {@link #release} it when it ends)
     */
    public boolean admit(WsContext ctx, String address, LabJson json) {
        ServerMessage.Error refused = admit(address);
        if (refused == null) return true;
        ctx.send(json.write(refused));
        ctx.closeSession(1013, "too many connections");
        return false;
    }

    /** The answer to a binary frame on any socket: the protocol is JSON text. */
    public static final ServerMessage.Error BINARY_REFUSED =
            new ServerMessage.Error("binary frames are not part of the protocol: send each message as JSON text", null, null);

    /** The client's network address (its host, without the port). */
    public static String address(WsContext ctx) {
        java.net.SocketAddress a = ctx.session.getRemoteSocketAddress();
        return a instanceof java.net.InetSocketAddress i && i.getAddress() != null ? i.getAddress().getHostAddress() : String.valueOf(a);
    }

    /** A viewer writing to the connection (its id the session's). */
    public static Viewer viewer(WsContext ctx) { return new Viewer(ctx.sessionId(), outbox(ctx)); }

    private static Viewer.Outbox outbox(WsContext ctx) {
        return new Viewer.Outbox() {
            @Override public void send(String text, Runnable done) {
                try {
                    ctx.session.sendText(text, Callback.from(done, failure -> done.run()));
                } catch (RuntimeException e) { // closed under our feet
                    done.run();
                }
            }

            @Override public boolean isOpen() { return ctx.session.isOpen(); }

            /** A client that does not read would not read a close frame either: the connection is dropped. */
            @Override public void close(int code, String reason) {
                try {
                    ctx.session.disconnect();
                } catch (RuntimeException e) { // already closed
                }
            }
        };
    }
}
