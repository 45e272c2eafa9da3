package bnlab.web.broker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who listens on which channel, for both brokers. Each channel's list is immutable and replaced on
 * every change: subscribing is rare, delivering is 20 times a second per room, and {@link #of} hands
 * out a snapshot without copying or locking.
 */
final class Listeners {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    /** One listener on one channel; {@code open} turns false for good when its subscription closes. */
    static final class Listener {
        final String channel;
        final Consumer<String> consumer;
        volatile boolean open = true;

        Listener(String channel, Consumer<String> consumer) {
            this.channel = channel;
            this.consumer = Objects.requireNonNull(consumer, "listener");
        }
    }

    private final Map<String, List<Listener>> byChannel = new ConcurrentHashMap<>();

    /** Adds a listener; true if it is the first one on its channel. */
    synchronized boolean add(Listener listener) {
        List<Listener> list = new ArrayList<>(of(listener.channel));
        list.add(listener);
        byChannel.put(listener.channel, List.copyOf(list));
        return list.size() == 1;
    }

    /** Closes and removes a listener; true if its channel has none left (false if it was closed already). */
    synchronized boolean remove(Listener listener) {
        if (!listener.open) return false;
        listener.open = false;
        List<Listener> list = new ArrayList<>(of(listener.channel));
        if (!list.remove(listener)) return false;
        if (!list.isEmpty()) {
            byChannel.put(listener.channel, List.copyOf(list));
            return false;
        }
        byChannel.remove(listener.channel);
        return true;
    }

    /** The channel's listeners now, in the order they subscribed (empty if none); later changes do not show in it. */
    List<Listener> of(String channel) {
        List<Listener> list = byChannel.get(channel);
        return list == null ? List.of() : list;
    }

    /** Closes every listener (the broker is closing). */
    synchronized void closeAll() {
        byChannel.values().forEach(list -> list.forEach(l -> l.open = false));
        byChannel.clear();
    }

    /**
     * Calls each listener that is still open with {@code text}, in order. A listener that throws is
     * logged and the others still get the message.
     */
    static void deliver(List<Listener> listeners, String text) {
        for (Listener listener : listeners) {
            if (!listener.open) continue;
            try {
                listener.consumer.accept(text);
            } catch (RuntimeException e) {
                LOG.error("A listener on channel {} failed", listener.channel, e);
            }
        }
    }
}
