package bnlab.web.broker;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What lets a room span several server instances: channels that carry text to every instance, and
 * a small directory in which the instances agree where a room lives. A room's training run lives on
 * exactly one instance; it publishes the room's frames on a channel, and every instance with
 * students in that room subscribes to it. Without a broker ({@link #of(String)} with null)
 * everything stays in this process.
 *
 * <p>Names are the caller's: keys and channels are namespaced by it (e.g. {@code "bnlab:room:K7PX"}),
 * the broker does not interpret them.
 *
 * <p>Threads: every method may be called from any thread. Listeners are called on a broker thread,
 * one message at a time per broker (never two listener calls at once), so a listener must not block:
 * while it runs, no other message of this broker is delivered. An exception thrown by a listener is
 * logged and does not stop the others.
 *
 * <p>Losing messages: {@link #publish} is fire and forget. A message is dropped (and the drops are
 * logged, at most every few seconds) rather than queued without bound: while the broker cannot
 * reach its server, or when too many messages wait. Frames are live pictures of a run; a late one
 * is worth less than a missing one, and a backlog would be memory the lecture hall pays for.
 */
public interface Broker extends AutoCloseable {

    /**
     * Sends {@code text} to every listener of {@code channel} on every instance, this one included.
     * Returns at once: it never waits for the network or for the listeners (the caller is a training
     * thread publishing about 20 frames a second per room, each up to about 50 KB of JSON). Messages
     * of one publishing thread reach each listener in the order they were published. Does nothing
     * after {@link #close()}.
     */
    void publish(String channel, String text);

    /**
     * Calls {@code listener} with every message published on {@code channel} by any instance,
     * including messages this broker publishes itself, in publish order per publisher, on a broker
     * thread (see the class comment: it must not block). Several listeners on one channel each get
     * every message. When this returns the subscription is in place: what is published afterwards is
     * delivered. (With Redis: if the server is unreachable, this waits a few seconds for it, then
     * returns anyway, and the subscription takes effect when the connection is back. Called from a
     * listener it returns at once, as waiting there would hold up the delivery it waits for.)
     */
    Subscription subscribe(String channel, Consumer<String> listener);

    /**
     * Takes {@code key} for {@code owner} unless another owner holds it, atomically. True if the
     * owner now holds the key: it was free (or expired), or this owner already held it; in both cases
     * the key now expires {@code ttl} from now unless claimed again, so an owner keeps a key by
     * claiming it again well within the ttl, and a crashed instance's keys expire. False if another
     * owner holds it (its ttl is left alone).
     *
     * <p>This and the other directory methods wait for the directory (with Redis, up to a few seconds):
     * do not call them from a listener.
     *
     * @param ttl at least 1 ms
     * @throws BrokerException if the directory cannot be reached in time
     */
    boolean claim(String key, String owner, Duration ttl);

    /**
     * The current owner of {@code key}, or empty if nobody holds it (never claimed, released or
     * expired).
     *
     * @throws BrokerException if the directory cannot be reached in time
     */
    Optional<String> owner(String key);

    /**
     * Frees {@code key} if {@code owner} still holds it, atomically; does nothing if the key is free
     * or held by someone else (e.g. it expired and another owner claimed it).
     *
     * @throws BrokerException if the directory cannot be reached in time
     */
    void release(String key, String owner);

    /** For the startup log: {@code "in-process"} or {@code "redis://host:port"}. */
    String describe();

    /**
     * Stops delivering, drops what is still waiting and frees the connections and threads (waiting a
     * few seconds at most). Not to be called from a listener.
     */
    @Override
    void close();

    /** A listener's registration on a channel. */
    interface Subscription extends AutoCloseable {
        /**
         * Stops the listener: once this returns it is not called again (a call already running on
         * the broker thread may finish). Closing twice does nothing.
         */
        @Override
        void close();
    }

    /**
     * The broker for a {@code --broker} setting: null gives the in-process broker, anything else is
     * a Redis URI {@code redis://host:port}.
     *
     * @throws IllegalArgumentException if the URI is not of that form
     * @throws BrokerException if Redis cannot be reached at startup
     */
    static Broker of(String uriOrNull) {
        return uriOrNull == null ? new InProcessBroker() : RedisBroker.connect(uriOrNull);
    }
}
