package bnlab.web.broker;

import bnlab.web.broker.Listeners.Listener;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker of a single instance, the default: channels are lists of listeners in memory, the
 * directory is a map with expiry.
 *
 * <p>Delivery runs on one daemon thread per broker, as with Redis (where it is the connection's I/O
 * thread): the publishing training thread never runs a listener, listeners are never called two at
 * a time, and a listener sees the messages in the order they were queued. A message goes to the
 * listeners subscribed when it was published. At most {@link #QUEUE_CAPACITY} messages wait for the
 * delivery thread; beyond that {@link #publish} drops the message (logged): the listeners are too
 * slow, and a longer queue would only make every student later. The cost: the queue holds references
 * to up to that many published strings (about 50 MB of 50 KB frames) while listeners lag.
 */
public final class InProcessBroker implements Broker {
    private static final Logger LOG = LoggerFactory.getLogger(InProcessBroker.class);
    /** Messages waiting for the delivery thread before publish drops them. */
    static final int QUEUE_CAPACITY = 1024;

    /** A message and the listeners it goes to. */
    private record Delivery(List<Listener> to, String text) {}

    /** A claim: who holds the key until when ({@link System#nanoTime()}). */
    private record Lease(String owner, long expiresAt) {
        boolean expired(long now) { return now - expiresAt >= 0; }
    }

    private final Listeners listeners = new Listeners();
    private final BlockingQueue<Delivery> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Map<String, Lease> leases = new ConcurrentHashMap<>();
    private final Drops drops = new Drops(LOG, "in-process broker");
    private final Thread deliverer;
    private volatile boolean closed;

    public InProcessBroker() {
        deliverer = new Thread(this::deliverUntilClosed, "bnlab-broker-in-process");
        deliverer.setDaemon(true);
        deliverer.start();
    }

    private void deliverUntilClosed() {
        try {
            while (!closed) {
                Delivery next = queue.take();
                if (!closed) Listeners.deliver(next.to(), next.text());
            }
        } catch (InterruptedException e) {
            // close() stops the thread this way.
        }
    }

    @Override
    public void publish(String channel, String text) {
        Arguments.name(channel, "channel");
        if (text == null) throw new NullPointerException("text");
        if (closed) return;
        List<Listener> to = listeners.of(channel);
        if (to.isEmpty()) return;
        if (!queue.offer(new Delivery(to, text))) drops.drop(QUEUE_CAPACITY + " messages wait for slow listeners");
    }

    @Override
    public Subscription subscribe(String channel, Consumer<String> listener) {
        Listener registered = new Listener(Arguments.name(channel, "channel"), listener);
        if (closed) throw new IllegalStateException("broker is closed");
        listeners.add(registered);
        return () -> listeners.remove(registered);
    }

    @Override
    public boolean claim(String key, String owner, Duration ttl) {
        Arguments.name(key, "key");
        Arguments.name(owner, "owner");
        long now = System.nanoTime();
        Lease mine = new Lease(owner, now + TimeUnit.MILLISECONDS.toNanos(Arguments.ttlMillis(ttl)));
        leases.values().removeIf(lease -> lease.expired(now)); // rooms are few: sweeping on each claim is cheap
        Lease held = leases.compute(key,
                (k, lease) -> lease == null || lease.expired(now) || lease.owner().equals(owner) ? mine : lease);
        return held == mine;
    }

    @Override
    public Optional<String> owner(String key) {
        Lease lease = leases.get(Arguments.name(key, "key"));
        if (lease == null) return Optional.empty();
        if (lease.expired(System.nanoTime())) {
            leases.remove(key, lease);
            return Optional.empty();
        }
        return Optional.of(lease.owner());
    }

    @Override
    public void release(String key, String owner) {
        Arguments.name(key, "key");
        Arguments.name(owner, "owner");
        leases.computeIfPresent(key, (k, lease) -> lease.owner().equals(owner) ? null : lease);
    }

    @Override
    public String describe() { return "in-process"; }

    /** Messages dropped because listeners lagged (for tests and a future status page). */
    long dropped() { return drops.total(); }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        listeners.closeAll();
        queue.clear();
        deliverer.interrupt();
        if (Thread.currentThread() != deliverer) {
            try {
                deliverer.join(TimeUnit.SECONDS.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
