package bnlab.web.lab;

import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Who watches a run, and in which role. A <em>controller</em> drives the run (the lab's own page, the
 * instructor, a student in their fork); a <em>watcher</em> only sees it (a student following the
 * instructor): its commands are refused and change nothing.
 *
 * <p>A viewer's role holds from {@link #attach} on (Jetty threads ask it). It starts to receive messages
 * only when the run's tick has {@link #admit admitted} it, after the tick has sent it what a late joiner
 * needs (ready, history, state): so no frame reaches it before the run it belongs to.
 */
public final class Audience {
    public enum Role { CONTROLLER, WATCHER }

    private final Map<Viewer, Role> roles = new ConcurrentHashMap<>();
    private final Set<Viewer> present = new CopyOnWriteArraySet<>(); // admitted: they get every message
    private final Queue<Viewer> joining = new ConcurrentLinkedQueue<>();

    void attach(Viewer v, Role role) {
        roles.put(v, role);
        joining.add(v);
    }

    /** @return whether no one is left */
    boolean detach(Viewer v) {
        roles.remove(v);
        present.remove(v);
        return roles.isEmpty();
    }

    /** The viewer's role, or null when it does not watch this run. */
    Role role(Viewer v) { return roles.get(v); }

    /** On the tick: greets each viewer that joined since the last tick, then lets it receive messages. */
    void admit(Consumer<Viewer> greet) {
        for (Viewer v; (v = joining.poll()) != null; ) {
            if (!roles.containsKey(v)) continue; // left before it was admitted
            greet.accept(v);
            present.add(v);
        }
    }

    /** A control message to everyone admitted. */
    void send(String text) {
        for (Viewer v : present) v.send(text);
    }

    /**
     * A frame: the full text to controllers, the thin one (made only when a watcher is there, once for all
     * of them) to watchers.
     */
    void offerFrame(String full, Supplier<String> thin) {
        String thinText = null;
        for (Viewer v : present) {
            if (roles.get(v) == Role.WATCHER) {
                if (thinText == null) thinText = thin.get();
                v.offerFrame(thinText);
            } else {
                v.offerFrame(full);
            }
        }
    }

    /** Whether some viewer's connection is still open (none: the clients are gone without a close). */
    boolean anyOpen() {
        for (Viewer v : roles.keySet()) if (v.isOpen()) return true;
        return false;
    }

    boolean isEmpty() { return roles.isEmpty(); }

    int size() { return roles.size(); }

    void clear() {
        roles.clear();
        present.clear();
        joining.clear();
    }
}
