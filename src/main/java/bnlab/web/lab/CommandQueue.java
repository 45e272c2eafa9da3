package bnlab.web.lab;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The commands waiting for a run's next tick: Jetty threads add them, the tick takes them in order. Bounded:
 * at most {@link #MAX_QUEUED} wait (the client sends faster than the run can carry out); a pause, reset or
 * start may come on top of them (up to {@link #MAX_QUEUED_STOPS} more), so that a client whose queue is full
 * of steps can still stop them. The queue also answers what the tick asks about what waits: whether a later
 * start makes the head's build useless, whether a command that ends owed iterations waits.
 */
final class CommandQueue {
    static final int MAX_QUEUED = 64, MAX_QUEUED_STOPS = 16;

    /** A message and the viewer it came from (refusals go back to it). */
    record Command(Viewer from, ClientMessage message) {}

    private final Queue<Command> commands = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();

    /** @return false if the queue is full: the message is dropped */
    boolean offer(Viewer from, ClientMessage message) {
        if (queued.incrementAndGet() > (stops(message) ? MAX_QUEUED + MAX_QUEUED_STOPS : MAX_QUEUED)) {
            queued.decrementAndGet();
            return false;
        }
        commands.add(new Command(from, message));
        return true;
    }

    Command peek() { return commands.peek(); }

    Command poll() {
        Command c = commands.poll();
        if (c != null) queued.decrementAndGet();
        return c;
    }

    void clear() {
        commands.clear();
        queued.set(0);
    }

    /**
     * Whether a start waits behind the head of the queue: then the head (a start or reset) is dropped unbuilt
     * and unanswered, since the later start replaces its run anyway. A client that sends starts faster than
     * the run can build them gets the last one built, not every one.
     */
    boolean supersededByLaterStart() {
        boolean first = true;
        for (Command c : commands) {
            if (!first && c.message() instanceof ClientMessage.Start) return true;
            first = false;
        }
        return false;
    }

    /** Whether a command that stops owed iterations (pause, reset, start) is waiting. */
    boolean stopWaiting() {
        for (Command c : commands) if (stops(c.message())) return true;
        return false;
    }

    /** A pause, reset or start is waiting: the steps queued before it are dropped. */
    void dropStepsBeforeStop() {
        for (var it = commands.iterator(); it.hasNext(); ) {
            ClientMessage m = it.next().message();
            if (stops(m)) break;
            if (m instanceof ClientMessage.Step) {
                it.remove();
                queued.decrementAndGet();
            }
        }
    }

    /** Pause, reset and start end a step's owed iterations. */
    static boolean stops(ClientMessage m) {
        return m instanceof ClientMessage.Pause || m instanceof ClientMessage.Reset || m instanceof ClientMessage.Start;
    }
}
