package bnlab.web.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Who watches a run, and in which role. A <em>controller</em> drives the run (the lab's own page, the
 * instructor); a <em>student</em> drives it too (a student in their fork) but receives, like every student's
 * page on the lecture hall's one Wi-Fi, the compact messages ({@link WatcherFrames}); a <em>watcher</em> only
 * sees it (a student following the instructor): its commands are refused and change nothing, and it receives
 * the compact messages; a <em>mirror</em> receives what a controller receives but does not drive (the relay
 * that publishes a room's run to the other instances, the instructor watching a student's fork).
 *
 * <p>A viewer's role holds from {@link #attach} on (Jetty threads ask it). It starts to receive messages only
 * once it has been sent what a late joiner needs (ready, history, state), so no frame reaches it before the
 * run it belongs to. That greeting is not made on the run's tick: the tick takes a snapshot of the run (cheap)
 * for everyone who joined since the last tick, and the {@code greeter} thread serializes it once per role and
 * sends it to the whole group, then the messages the run sent meanwhile, in their order. So a class of 300
 * that joins within a second costs the run's training nothing but the snapshots.
 *
 * <p>Everything but {@link #attach}, {@link #detach} and {@link #role} is called by the run's tick only.
 */
public final class Audience {
    public enum Role {
        CONTROLLER, STUDENT, WATCHER, MIRROR;

        /** Whether this role receives the compact messages (what a student's page gets). */
        boolean compact() { return this == STUDENT || this == WATCHER; }
    }

    /**
     * What a group that joins is sent first, made from a snapshot of the run taken on its tick.
     *
     * @param full    the messages for controllers and mirrors, in order
     * @param compact the messages for watchers, in order
     */
    public record Greeting(Supplier<List<String>> full, Supplier<List<String>> compact) {}

    /** At most this many frames are held for a group while its greeting is made (older ones are dropped, as for a slow client). */
    static final int MAX_HELD_FRAMES = 60;

    private final Map<Viewer, Role> roles = new ConcurrentHashMap<>();
    private final Set<Viewer> present = new CopyOnWriteArraySet<>(); // greeted: they get every message
    private final Queue<Viewer> joining = new ConcurrentLinkedQueue<>();
    private final List<Group> greeting = new CopyOnWriteArrayList<>(); // groups whose greeting is on its way

    /** Viewers greeted together, and what the run sent while their greeting was made (guarded by the group). */
    private final class Group {
        final List<Viewer> viewers;
        final List<Object> held = new ArrayList<>(); // String (a control message) or Frames
        int heldFrames;
        boolean greeted;

        Group(List<Viewer> viewers) { this.viewers = viewers; }

        /** On the greeter: the greeting once per role, to every viewer still here, then what was held. */
        void greet(Greeting g) {
            List<String> full = null, compact = null;
            for (Viewer v : viewers) {
                Role r = roles.get(v);
                if (r == null) continue; // left, or moved to another run
                List<String> texts;
                if (r.compact()) texts = compact != null ? compact : (compact = g.compact().get());
                else texts = full != null ? full : (full = g.full().get());
                for (String t : texts) v.send(t);
            }
            synchronized (this) {
                for (Object m : held) deliver(m);
                held.clear();
                greeted = true;
            }
        }

        /** On the tick: held until the greeting is sent, else sent at once. */
        synchronized void pass(Object m) {
            if (greeted) {
                deliver(m);
                return;
            }
            if (m instanceof Frames) {
                if (heldFrames == MAX_HELD_FRAMES) { // the oldest frame goes, as for a client that does not keep up
                    for (int i = 0; i < held.size(); i++) if (held.get(i) instanceof Frames) { held.remove(i); break; }
                } else {
                    heldFrames++;
                }
            }
            held.add(m);
        }

        private void deliver(Object m) {
            for (Viewer v : viewers) {
                Role r = roles.get(v);
                if (r == null) continue;
                if (m instanceof Frames f) v.offerFrame(r.compact() ? f.compact() : f.full());
                else v.send((String) m);
            }
        }
    }

    /** A frame for both kinds of viewer; the compact text is made once, when the first watcher needs it. */
    private static final class Frames {
        private final String full;
        private final Supplier<String> make;
        private String compact;

        Frames(String full, Supplier<String> make) {
            this.full = full;
            this.make = make;
        }

        String full() { return full; }

        synchronized String compact() {
            if (compact == null) compact = make.get();
            return compact;
        }
    }

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

    /**
     * On the tick: lets the groups whose greeting was sent receive messages directly from now on, and greets
     * those who joined since the last tick: {@code snapshot} (called here, on the tick) gives their greeting, or
     * null when there is no run yet (then they simply receive what comes); the {@code greeter} makes and sends it.
     */
    void admit(Supplier<Greeting> snapshot, Executor greeter) {
        greeting.removeIf(g -> {
            synchronized (g) {
                if (!g.greeted) return false;
                for (Viewer v : g.viewers) if (roles.containsKey(v)) present.add(v);
                return true;
            }
        });
        List<Viewer> joined = new ArrayList<>();
        for (Viewer v; (v = joining.poll()) != null; ) if (roles.containsKey(v)) joined.add(v);
        if (joined.isEmpty()) return;
        Greeting g = snapshot.get();
        if (g == null) {
            present.addAll(joined);
            return;
        }
        Group group = new Group(joined);
        greeting.add(group);
        greeter.execute(() -> group.greet(g));
    }

    /** A control message to everyone (those being greeted get it after their greeting). */
    void send(String text) {
        for (Viewer v : present) v.send(text);
        for (Group g : greeting) g.pass(text);
    }

    /**
     * A frame: the full text to controllers and mirrors, the compact one (made only when a watcher is there, once
     * for all of them) to watchers.
     */
    void offerFrame(String full, Supplier<String> compact) {
        Frames f = new Frames(full, compact);
        for (Viewer v : present) {
            Role r = roles.get(v);
            if (r == null) continue;
            v.offerFrame(r.compact() ? f.compact() : full);
        }
        for (Group g : greeting) g.pass(f);
    }

    /** Whether some viewer's connection is still open (none: the clients are gone without a close). */
    boolean anyOpen() {
        for (Viewer v : roles.keySet()) if (v.isOpen()) return true;
        return false;
    }

    boolean isEmpty() { return roles.isEmpty(); }

    void clear() {
        roles.clear();
        present.clear();
        joining.clear();
        greeting.clear();
    }
}
