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
 *       ({@code locked} flag, then a tab, then the name); {@code x:} the room ended, and why.</li>
 *   <li>in: {@code s:} an instance asks for ready, history and state again (it has new students and no
 *       copy yet); {@code p:} an instance's student count, {@code p:INSTANCE:COUNT}.</li>
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
    public void close() { subscription.close(); }
}
