package bnlab.web.broker;

import bnlab.web.broker.Listeners.Listener;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.MaintNotificationsConfig;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker of several instances, through one Redis server (Lettuce): channels are Redis pub/sub
 * channels, the directory is Redis keys with a ttl ({@code PX}), claimed and released by Lua scripts
 * so that "is it mine?" and the change are one step.
 *
 * <p>Two connections, each with its own Lettuce client so each has the options it needs:
 * <ul>
 *   <li>Commands (PUBLISH, the directory). {@link #publish} is asynchronous: it hands the command to
 *       Lettuce and returns. While the connection is down it drops the message instead; PUBLISHes
 *       that were sent but unanswered when the connection broke are not sent again after the
 *       reconnect (a late frame is worth less than none); and while {@link #MAX_CHARS_WAITING}
 *       characters of published text wait for Redis to answer, publish drops. Bounded in bytes as
 *       {@code Viewer} is: 32 MB is about 650 frames of 50 KB, half a minute of one room's frames.
 *       Directory calls wait for Redis at most {@link #TIMEOUT}, then throw {@link BrokerException}:
 *       do not call them from a listener. Lettuce sends them again if the connection broke before
 *       the answer came, which is why both scripts may safely run twice.</li>
 *   <li>Pub/sub (SUBSCRIBE, UNSUBSCRIBE, and the messages). Its commands have no timeout, so a
 *       subscribe made while Redis is away is sent when it is back; Lettuce subscribes again to every
 *       channel Redis had confirmed after each reconnect. Listeners run on this connection's Netty
 *       I/O thread, one message at a time, in the order Redis sends them, which for messages of one
 *       publishing instance is the order they were published.</li>
 * </ul>
 *
 * <p>Both reconnect by themselves (Lettuce's default), trying again every 100 ms at first and at
 * least every second, and each logs one line when it is lost and one when it is back. What is lost
 * meanwhile: messages published while either connection is down. Redis itself disconnects a
 * subscriber whose unread messages pass its {@code client-output-buffer-limit pubsub} (32 MB by
 * default); that is a reconnect like any other.
 */
public final class RedisBroker implements Broker {
    private static final Logger LOG = LoggerFactory.getLogger(RedisBroker.class);
    /** How long a directory call, the connecting at startup, and a subscribe wait for Redis. */
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** Characters of published text that may wait for Redis (sent and not yet answered) before publish drops. */
    static final long MAX_CHARS_WAITING = 32L << 20;
    /** Commands of any kind that may wait for Redis: Lettuce's own bound, behind {@link #MAX_CHARS_WAITING}. */
    static final int MAX_WAITING_COMMANDS = 10_000;

    /** Takes the key if it is free, or refreshes the ttl if the owner has it: 1 if the owner holds it now. */
    private static final String CLAIM = """
            local held = redis.call('GET', KEYS[1])
            if held == ARGV[1] then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
              return 1
            elseif held == false then
              redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
              return 1
            end
            return 0
            """;
    /** Deletes the key only if the owner still holds it. */
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """;

    private final RedisAddress address;
    private final ClientResources resources;
    private final RedisClient commandClient, pubSubClient;
    private final StatefulRedisConnection<String, String> commands;
    private final StatefulRedisPubSubConnection<String, String> pubSub;
    private final Listeners listeners = new Listeners();
    /** Per channel with listeners: its SUBSCRIBE, done once Redis confirmed it. Guarded by {@code lock}. */
    private final Map<String, CompletableFuture<Void>> subscriptions = new HashMap<>();
    private final Object lock = new Object();
    private final Drops drops;
    private final AtomicLong charsWaiting = new AtomicLong();
    /** True on the pub/sub I/O thread while it calls listeners: a subscribe made there must not wait for Redis. */
    private final ThreadLocal<Boolean> inListener = ThreadLocal.withInitial(() -> false);
    private volatile boolean closed;

    /**
     * Connects to the Redis at {@code uri} ({@code redis://host:port}).
     *
     * @throws IllegalArgumentException if the URI is not of that form
     * @throws BrokerException if Redis cannot be reached within {@link #TIMEOUT}
     */
    public static RedisBroker connect(String uri) {
        return new RedisBroker(RedisAddress.parse(uri));
    }

    private RedisBroker(RedisAddress address) {
        this.address = address;
        this.drops = new Drops(LOG, "Redis broker " + address);
        resources = DefaultClientResources.builder()
                .reconnectDelay(() -> Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
        RedisURI uri = RedisURI.builder().withHost(address.host()).withPort(address.port())
                .withTimeout(TIMEOUT).withClientName("bnlab").build();
        ClientOptions common = ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(TIMEOUT).build())
                .maintNotificationsConfig(MaintNotificationsConfig.disabled()) // a feature of Redis Cloud
                .build();
        commandClient = RedisClient.create(resources, uri);
        commandClient.setOptions(common.mutate()
                .requestQueueSize(MAX_WAITING_COMMANDS)
                .replayFilter(command -> command.getType() == CommandType.PUBLISH)
                .build());
        pubSubClient = RedisClient.create(resources, uri);
        pubSubClient.setOptions(common.mutate().timeoutOptions(TimeoutOptions.create()).build());
        commandClient.addListener(new ConnectionLog("command"));
        pubSubClient.addListener(new ConnectionLog("pub/sub"));
        try {
            commands = commandClient.connect();
            pubSub = pubSubClient.connectPubSub();
        } catch (RedisException e) {
            shutDown();
            throw new BrokerException("Cannot reach Redis at " + address + ": " + e.getMessage(), e);
        }
        pubSub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                inListener.set(true);
                try {
                    Listeners.deliver(listeners.of(channel), message);
                } finally {
                    inListener.set(false);
                }
            }
        });
    }

    @Override
    public void publish(String channel, String text) {
        Arguments.name(channel, "channel");
        if (text == null) throw new NullPointerException("text");
        if (closed) return;
        if (!commands.isOpen()) {
            drops.drop("not connected");
            return;
        }
        long size = text.length();
        if (charsWaiting.addAndGet(size) > MAX_CHARS_WAITING) {
            charsWaiting.addAndGet(-size);
            drops.drop(MAX_CHARS_WAITING + " characters wait for Redis");
            return;
        }
        commands.async().publish(channel, text).whenComplete((receivers, error) -> {
            charsWaiting.addAndGet(-size);
            if (error != null) drops.drop(error.getMessage());
        });
    }

    @Override
    public Subscription subscribe(String channel, Consumer<String> listener) {
        Listener registered = new Listener(Arguments.name(channel, "channel"), listener);
        CompletableFuture<Void> confirmed;
        synchronized (lock) {
            if (closed) throw new IllegalStateException("broker is closed");
            if (listeners.add(registered)) {
                subscriptions.put(channel, pubSub.async().subscribe(channel).toCompletableFuture());
            }
            confirmed = subscriptions.get(channel);
        }
        // From a listener, waiting would block the very thread that reads Redis's confirmation.
        if (!inListener.get()) awaitConfirmation(channel, confirmed);
        return () -> unsubscribe(registered);
    }

    /** Waits for Redis to confirm a SUBSCRIBE; if it does not in time, the command stays queued for the reconnect. */
    private void awaitConfirmation(String channel, CompletableFuture<Void> confirmed) {
        try {
            confirmed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("{} has not confirmed the subscription to {} within {} s; it takes effect once the connection is back",
                    address, channel, TIMEOUT.toSeconds());
        } catch (ExecutionException e) {
            LOG.error("{} refused the subscription to {}", address, channel, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void unsubscribe(Listener listener) {
        synchronized (lock) {
            if (listeners.remove(listener) && !closed) {
                subscriptions.remove(listener.channel);
                pubSub.async().unsubscribe(listener.channel);
            }
        }
    }

    @Override
    public boolean claim(String key, String owner, Duration ttl) {
        Arguments.name(key, "key");
        Arguments.name(owner, "owner");
        String px = Long.toString(Arguments.ttlMillis(ttl));
        Long held = call("claim " + key, () -> commands.sync().eval(CLAIM, ScriptOutputType.INTEGER, new String[] {key}, owner, px));
        return held != null && held == 1L;
    }

    @Override
    public Optional<String> owner(String key) {
        Arguments.name(key, "key");
        return Optional.ofNullable(call("look up " + key, () -> commands.sync().get(key)));
    }

    @Override
    public void release(String key, String owner) {
        Arguments.name(key, "key");
        Arguments.name(owner, "owner");
        call("release " + key, () -> commands.sync().eval(RELEASE, ScriptOutputType.INTEGER, new String[] {key}, owner));
    }

    /** Runs a directory command, turning Lettuce's exceptions (timeouts included) into {@link BrokerException}. */
    private <T> T call(String what, Supplier<T> command) {
        if (closed) throw new IllegalStateException("broker is closed");
        try {
            return command.get();
        } catch (RedisException e) {
            throw new BrokerException("Could not " + what + " on " + address + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() { return address.toString(); }

    /** Messages publish dropped (for tests and a future status page). */
    long dropped() { return drops.total(); }

    /** Both connections are up (for tests that wait for a reconnect). */
    boolean connected() { return commands.isOpen() && pubSub.isOpen(); }

    /** Both connections are down (for tests that wait until Redis is noticed gone: one may notice before the other). */
    boolean disconnected() { return !commands.isOpen() && !pubSub.isOpen(); }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) return;
            closed = true;
            listeners.closeAll();
            subscriptions.clear();
        }
        shutDown();
    }

    /** Closes the connections (if any) and stops Lettuce's threads, waiting a few seconds at most. */
    private void shutDown() {
        closed = true;
        pubSubClient.shutdown(Duration.ZERO, TIMEOUT);
        commandClient.shutdown(Duration.ZERO, TIMEOUT);
        try {
            resources.shutdown(0, TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(2 * TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Lettuce's threads for {} did not stop in time", address, e);
        }
    }

    /** One log line when a connection is lost and one when it is back (not on the first connect, nor on close). */
    private final class ConnectionLog implements RedisConnectionStateListener {
        private final String name;
        private final AtomicBoolean lost = new AtomicBoolean();

        ConnectionLog(String name) { this.name = name; }

        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            if (!closed && lost.compareAndSet(false, true)) {
                LOG.warn("Lost the {} connection to {}; reconnecting (messages published meanwhile are dropped)", name, address);
            }
        }

        @Override
        public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress remote) {
            if (lost.compareAndSet(true, false)) LOG.info("The {} connection to {} is back", name, address);
        }
    }
}
