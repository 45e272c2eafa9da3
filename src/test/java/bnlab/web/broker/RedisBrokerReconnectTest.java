package bnlab.web.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Redis broker outlives its Redis: the server is stopped and started again on the same port
 * (as a restarted Redis service would be), and the brokers reconnect by themselves, their
 * subscriptions restored. Each test has its own server.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RedisBrokerReconnectTest {
    /** From Redis answering again to a message getting through: reconnect delays are at most 1 s. */
    private static final Duration BACK_WITHIN = Duration.ofSeconds(5);

    private RedisServerProcess server;
    private RedisBroker publisher, subscriber;

    @BeforeEach
    void start() throws Exception {
        server = RedisServerProcess.start();
        publisher = RedisBroker.connect(server.uri());
        subscriber = RedisBroker.connect(server.uri());
    }

    @AfterEach
    void stop() {
        if (publisher != null) publisher.close();
        if (subscriber != null) subscriber.close();
        if (server != null) server.close();
    }

    @Test
    void a_message_published_after_redis_restarted_reaches_a_listener_subscribed_before() throws Exception {
        Inbox inbox = new Inbox();
        subscriber.subscribe("bnlab:test:frames", inbox);
        publisher.publish("bnlab:test:frames", "before");
        inbox.awaitMessage("before");

        restartRedis(() -> {
            publisher.publish("bnlab:test:frames", "while down");
            assertTrue(publisher.dropped() >= 1, "a message published while Redis is down is dropped");
        });

        publishUntilHeard("bnlab:test:frames", inbox);
        assertFalse(inbox.messages().contains("while down"), "a message dropped while down is not sent late");
        assertTrue(publisher.claim("bnlab:test:room", "instance-a", Duration.ofSeconds(30)), "the directory works again");
        assertEquals(Optional.of("instance-a"), subscriber.owner("bnlab:test:room"));
    }

    @Test
    void a_subscription_made_while_redis_is_down_takes_effect_when_it_is_back() throws Exception {
        Inbox inbox = new Inbox();
        restartRedis(() -> subscriber.subscribe("bnlab:test:late", inbox)); // waits its 2 s, then returns
        publishUntilHeard("bnlab:test:late", inbox);
    }

    @Test
    void a_subscription_closed_while_redis_is_down_is_not_restored() throws Exception {
        Inbox inbox = new Inbox();
        Broker.Subscription subscription = subscriber.subscribe("bnlab:test:gone", inbox);
        Inbox keep = new Inbox();
        subscriber.subscribe("bnlab:test:kept", keep);
        restartRedis(subscription::close);
        publishUntilHeard("bnlab:test:kept", keep); // the subscriber is back and resubscribed
        RedisClient client = RedisClient.create(server.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            // Lettuce resubscribes what Redis had confirmed, then sends the UNSUBSCRIBE made while down.
            Inbox.await(() -> connection.sync().pubsubNumsub("bnlab:test:gone").equals(Map.of("bnlab:test:gone", 0L)),
                    Duration.ofSeconds(5), "the closed subscription to be gone from Redis");
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        assertEquals(0, inbox.messages().size());
    }

    @Test
    void a_directory_call_while_redis_is_down_fails_within_its_timeout() throws Exception {
        restartRedis(() -> {
            long start = System.nanoTime();
            assertThrows(BrokerException.class, () -> publisher.owner("bnlab:test:room"));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "bounded by the broker's timeout");
        });
    }

    /** Stops Redis, waits until both brokers have noticed, runs {@code whileDown}, and starts Redis again. */
    private void restartRedis(ThrowingRunnable whileDown) throws Exception {
        server.stop();
        // Both connections of both brokers: the commands connection may notice after the pub/sub one, and a publish
        // made while it still counts as open is not dropped (seen once in a full run under load).
        Inbox.await(() -> publisher.disconnected() && subscriber.disconnected(), Duration.ofSeconds(5),
                "both brokers to notice that Redis is gone");
        whileDown.run();
        server.startAgain();
    }

    /**
     * Publishes numbered messages every 50 ms until the listener hears one: the first few may be
     * dropped while the brokers reconnect. Fails if nothing gets through within {@link #BACK_WITHIN}.
     */
    private void publishUntilHeard(String channel, Inbox inbox) {
        long deadline = System.nanoTime() + BACK_WITHIN.toNanos();
        for (int i = 0; System.nanoTime() < deadline; i++) {
            publisher.publish(channel, "after " + i);
            if (inbox.within(Duration.ofMillis(50), got -> got.stream().anyMatch(m -> m.startsWith("after ")))) return;
        }
        throw new AssertionError("Nothing published got through within " + BACK_WITHIN.toSeconds() + " s of Redis being back");
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
