package bnlab.web.classroom;

import bnlab.web.broker.Broker;
import bnlab.web.lab.Viewer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A room's side on the broker, on the instance that runs it (docs/classroom.md, "Several instances").
 * The room's run has one more watcher, a viewer that publishes what watchers get (the thin frames, ready,
 * history, state, ...) on the room's out channel, where every instance with students in the room relays
 * it to them. Messages on the channels are text with a one-letter kind:
 * <ul>
 *   <li>out: {@code m:} a server message for watchers, as they get it; {@code r:} the room's state
 *       ({@code locked} flag, then a tab, then the name); {@code l:} the plan's step as every student sees it (a
 *       {@code lesson} message without anyone's own answer); {@code x:} the room ended, and why.</li>
 *   <li>in: {@code s:} an instance asks for ready, history and state again (it has new students and no
 *       copy yet); {@code p:} an instance's student count, {@code p:INSTANCE:COUNT}; {@code t:} a student
 *       there forks, {@code t:TUNNEL<tab>INSTANCE<tab>NICKNAME}: from then on they are a student of this
 *       instance, over the tunnel's two channels (see {@link #tunnelViewer} and {@link #openTunnel}); {@code a:} a
 *       student there answers the open question, {@code a:INSTANCE<tab>SEAT<tab>STEP<tab>ROUND<tab>CHOICE}.</li>
 * </ul>
 */
final class RoomRelay implements AutoCloseable {
    /** Presence older than this is not counted (an instance that stopped saying it has students). */
    static final long PRESENCE_NANOS = TimeUnit.SECONDS.toNanos(5);

    static String key(String code) { return "bnlab:room:" + code; }

    static String out(String code) { return key(code) + ":out"; }

    static String in(String code) { return key(code) + ":in"; }

    private final Broker broker;
    private final String code;
    private final Map<String, long[]> presence = new ConcurrentHashMap<>(); // instance -> {students, nanoTime}
    private final Broker.Subscription subscription;
    private volatile Runnable onSync = () -> {};
    private volatile java.util.function.Consumer<String[]> onTunnel = t -> {};
    private volatile java.util.function.Consumer<String[]> onAnswer = a -> {};
    private final Map<String, Tunnel> tunnels = new ConcurrentHashMap<>();

    /** A student of another instance, tunnelled: their messages, and what ends them. */
    private record Tunnel(String instance, Broker.Subscription up, Runnable gone) {}

    static String down(String tunnel) { return "bnlab:tunnel:" + tunnel + ":down"; }

    static String up(String tunnel) { return "bnlab:tunnel:" + tunnel + ":up"; }

    RoomRelay(Broker broker, String code) {
        this.broker = broker;
        this.code = code;
        this.subscription = broker.subscribe(in(code), this::heard);
    }

    /** A new viewer for the room's run that publishes what it is sent (it never has anything waiting). */
    Viewer viewer() {
        String channel = out(code);
        return new Viewer("relay-" + code, new Viewer.Outbox() {
            @Override public void send(String text, Runnable done) {
                broker.publish(channel, "m:" + text);
                done.run();
            }

            @Override public boolean isOpen() { return true; }
        });
    }

    /** What to do when an instance asks for the run again (the room attaches a new relay viewer: it is greeted). */
    void onSync(Runnable r) { onSync = r; }

    /** What to do when a student of another instance forks: {tunnel, instance, nickname}. */
    void onTunnel(java.util.function.Consumer<String[]> t) { onTunnel = t; }

    /** What to do when a student of another instance answers: {instance, seat, step, round, choice}. */
    void onAnswer(java.util.function.Consumer<String[]> a) { onAnswer = a; }

    /** The plan's step as every student sees it, for the students of the other instances. */
    void lesson(String json) { broker.publish(out(code), "l:" + json); }

    /** A viewer whose messages go down a tunnel to a student of another instance. */
    Viewer tunnelViewer(String tunnel) {
        String channel = down(tunnel);
        return new Viewer("tunnel-" + tunnel, new Viewer.Outbox() {
            @Override public void send(String text, Runnable done) {
                broker.publish(channel, text);
                done.run();
            }

            @Override public boolean isOpen() { return tunnels.containsKey(tunnel); }
        });
    }

    /**
     * Listens to a tunnel's up channel: {@code handle} gets each message and answers whether it closed the
     * tunnel; {@code gone} runs when the student's instance stops saying it has students.
     */
    void openTunnel(String tunnel, String instance, java.util.function.Predicate<String> handle, Runnable gone) {
        Broker.Subscription[] sub = new Broker.Subscription[1];
        tunnels.put(tunnel, new Tunnel(instance, null, gone));
        sub[0] = broker.subscribe(up(tunnel), text -> {
            if (handle.test(text)) closeTunnel(tunnel);
        });
        tunnels.computeIfPresent(tunnel, (k, t) -> new Tunnel(t.instance(), sub[0], t.gone()));
    }

    private void closeTunnel(String tunnel) {
        Tunnel t = tunnels.remove(tunnel);
        if (t != null && t.up() != null) t.up().close();
    }

    /** Ends the tunnels of instances that stopped saying they have students (crashed, or cut off from Redis). */
    void sweepTunnels(long now) {
        for (Map.Entry<String, Tunnel> e : tunnels.entrySet()) {
            long[] p = presence.get(e.getValue().instance());
            if (p == null || now - p[1] > 3 * PRESENCE_NANOS) {
                closeTunnel(e.getKey());
                e.getValue().gone().run();
            }
        }
    }

    void room(boolean locked, String name) {
        broker.publish(out(code), "r:" + locked + "\t" + (name == null ? "" : name));
    }

    void closed(String reason) { broker.publish(out(code), "x:" + reason); }

    /** Students connected to other instances, as they last said. */
    int remoteStudents(long now) {
        int n = 0;
        for (long[] p : presence.values()) if (now - p[1] < PRESENCE_NANOS) n += (int) p[0];
        return n;
    }

    private void heard(String message) {
        if (message.startsWith("s:")) {
            onSync.run();
        } else if (message.startsWith("t:")) {
            String[] parts = message.substring(2).split("\t", 3);
            if (parts.length == 3 && parts[0].matches("[0-9a-f]{16}")) {
                presence.putIfAbsent(parts[1], new long[]{0, System.nanoTime()});
                onTunnel.accept(parts);
            }
        } else if (message.startsWith("a:")) {
            String[] parts = message.substring(2).split("\t", -1);
            if (parts.length == 5) onAnswer.accept(parts);
        } else if (message.startsWith("p:")) {
            int colon = message.lastIndexOf(':');
            if (colon <= 2) return;
            try {
                presence.put(message.substring(2, colon), new long[]{Integer.parseInt(message.substring(colon + 1)), System.nanoTime()});
            } catch (NumberFormatException ignored) { // not ours
            }
        }
    }

    @Override
    public void close() {
        subscription.close();
        for (String t : java.util.List.copyOf(tunnels.keySet())) closeTunnel(t);
    }
}
