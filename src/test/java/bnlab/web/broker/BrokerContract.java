package bnlab.web.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link Broker} promises, run against each implementation by a subclass. The subclass
 * opens two brokers as two instances would have them ({@link #publisher} and {@link #other}): for
 * Redis, two brokers on one server; in process, the same broker twice. Each test uses channels and
 * keys of its own, so the brokers are shared by the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
abstract class BrokerContract {
    /** The brokers of two instances; for the in-process broker both are the same one. */
    protected Broker publisher, other;
    private final AtomicInteger names = new AtomicInteger();

    /** Opens the two brokers, {publisher, other}. */
    protected abstract Broker[] openBrokers() throws Exception;

    /** After both brokers are closed (e.g. to stop a server). */
    protected void afterBrokersClosed() {}

    @BeforeAll
    void open() throws Exception {
        Broker[] brokers = openBrokers();
        publisher = brokers[0];
        other = brokers[1];
    }

    @AfterAll
    void close() {
        if (publisher != null) publisher.close();
        if (other != null) other.close();
        afterBrokersClosed();
    }

    /** A channel or key no other test uses. */
    String unique(String what) {
        return "bnlab:test:" + what + ":" + names.incrementAndGet();
    }

    @Test
    void a_message_published_on_one_instance_reaches_a_listener_on_another() {
        String channel = unique("frames");
        Inbox inbox = new Inbox();
        other.subscribe(channel, inbox);
        publisher.publish(channel, "{\"frame\":1}");
        assertEquals(List.of("{\"frame\":1}"), inbox.awaitCount(1));
    }

    @Test
    void a_listener_hears_what_its_own_broker_publishes() {
        String channel = unique("own");
        Inbox inbox = new Inbox();
        publisher.subscribe(channel, inbox);
        publisher.publish(channel, "mine");
        assertEquals(List.of("mine"), inbox.awaitCount(1));
    }

    @Test
    void a_thousand_messages_all_arrive_in_the_order_they_were_published() {
        String channel = unique("order");
        Inbox inbox = new Inbox();
        other.subscribe(channel, inbox);
        List<String> sent = IntStream.range(0, 1000).mapToObj(Integer::toString).collect(Collectors.toList());
        sent.forEach(m -> publisher.publish(channel, m));
        assertEquals(sent, inbox.awaitCount(1000));
    }

    @Test
    void two_listeners_on_one_channel_both_get_every_message() {
        String channel = unique("two");
        Inbox first = new Inbox(), second = new Inbox();
        other.subscribe(channel, first);
        publisher.subscribe(channel, second);
        publisher.publish(channel, "a");
        publisher.publish(channel, "b");
        assertEquals(List.of("a", "b"), first.awaitCount(2));
        assertEquals(List.of("a", "b"), second.awaitCount(2));
    }

    @Test
    void a_closed_subscription_gets_nothing_more_while_the_others_go_on() {
        String channel = unique("closed");
        Inbox closed = new Inbox(), open = new Inbox();
        Broker.Subscription subscription = other.subscribe(channel, closed);
        other.subscribe(channel, open);
        publisher.publish(channel, "before");
        closed.awaitMessage("before");
        open.awaitMessage("before");

        subscription.close();
        subscription.close(); // a second close does nothing
        publisher.publish(channel, "after");
        // The same broker delivers to both listeners of a channel in turn: once the open one has
        // "after", the closed one would have had it too.
        open.awaitMessage("after");
        assertEquals(List.of("before"), closed.messages());
    }

    @Test
    void a_channel_whose_last_listener_left_can_be_subscribed_again() {
        String channel = unique("again");
        Inbox gone = new Inbox(), back = new Inbox();
        other.subscribe(channel, gone).close();
        other.subscribe(channel, back);
        publisher.publish(channel, "hello again");
        assertEquals(List.of("hello again"), back.awaitCount(1));
        assertEquals(List.of(), gone.messages());
    }

    @Test
    void channels_are_separate() {
        String a = unique("a"), b = unique("b");
        Inbox onA = new Inbox(), onB = new Inbox();
        other.subscribe(a, onA);
        other.subscribe(b, onB);
        publisher.publish(a, "for a");
        publisher.publish(b, "for b");
        publisher.publish(a, "end a");
        publisher.publish(b, "end b");
        assertEquals(List.of("for a", "end a"), onA.awaitMessage("end a"));
        assertEquals(List.of("for b", "end b"), onB.awaitMessage("end b"));
    }

    @Test
    void a_100_KB_message_passes_unchanged() {
        String channel = unique("large");
        Inbox inbox = new Inbox();
        other.subscribe(channel, inbox);
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 100_000; i++) text.append("{\"step\":").append(i).append(",\"μ\":\"ä€\"},");
        publisher.publish(channel, text.toString());
        assertEquals(text.toString(), inbox.awaitCount(1).get(0));
    }

    @Test
    void a_listener_that_throws_does_not_stop_the_other_listeners_or_later_messages() {
        String channel = unique("throws");
        Inbox inbox = new Inbox();
        other.subscribe(channel, m -> { throw new IllegalStateException("a broken listener (expected in this test)"); });
        other.subscribe(channel, inbox);
        publisher.publish(channel, "1");
        publisher.publish(channel, "2");
        assertEquals(List.of("1", "2"), inbox.awaitCount(2));
    }

    @Test
    void a_listener_may_subscribe_and_close_subscriptions_from_inside_its_call() {
        String control = unique("control"), data = unique("data");
        Inbox inbox = new Inbox();
        AtomicReference<Broker.Subscription> self = new AtomicReference<>();
        AtomicInteger calls = new AtomicInteger();
        AtomicLong subscribeNanos = new AtomicLong(-1);
        self.set(other.subscribe(control, m -> {
            calls.incrementAndGet();
            long start = System.nanoTime();
            other.subscribe(data, inbox);
            subscribeNanos.set(System.nanoTime() - start);
            self.get().close();
        }));
        publisher.publish(control, "go");
        Inbox.await(() -> subscribeNanos.get() >= 0, Inbox.WAIT, "the listener to subscribe");
        assertTrue(subscribeNanos.get() < TimeUnit.SECONDS.toNanos(1), "a subscribe from a listener does not wait");
        // It did not wait for Redis to confirm either: publish until the new subscription hears.
        long deadline = System.nanoTime() + Inbox.WAIT.toNanos();
        while (!inbox.within(Duration.ofMillis(50), got -> !got.isEmpty())) {
            assertTrue(System.nanoTime() < deadline, "the subscription made in a listener never heard anything");
            publisher.publish(data, "on data");
        }
        publisher.publish(control, "go again"); // the control listener closed itself: it is not called
        publisher.publish(data, "end");
        inbox.awaitMessage("end");
        assertEquals(1, calls.get());
    }

    @Test
    void the_first_owner_gets_a_key_and_a_second_owner_is_refused() {
        String key = unique("room");
        assertTrue(publisher.claim(key, "instance-a", Duration.ofSeconds(30)));
        assertFalse(other.claim(key, "instance-b", Duration.ofSeconds(30)));
        assertEquals(Optional.of("instance-a"), publisher.owner(key));
        assertEquals(Optional.of("instance-a"), other.owner(key));
    }

    @Test
    void of_many_owners_claiming_a_free_key_at_once_exactly_one_gets_it() throws Exception {
        String key = unique("race");
        int owners = 8;
        ExecutorService pool = Executors.newFixedThreadPool(owners);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> claims = new ArrayList<>();
            for (int i = 0; i < owners; i++) {
                String owner = "instance-" + i;
                Broker broker = i % 2 == 0 ? publisher : other;
                claims.add(pool.submit(() -> {
                    go.await();
                    return broker.claim(key, owner, Duration.ofSeconds(30));
                }));
            }
            go.countDown();
            int granted = 0;
            for (Future<Boolean> claim : claims) if (claim.get(10, TimeUnit.SECONDS)) granted++;
            assertEquals(1, granted);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void the_holder_claiming_again_keeps_the_key_with_the_new_ttl() {
        String key = unique("refresh");
        assertTrue(publisher.claim(key, "instance-a", Duration.ofSeconds(60)));
        assertTrue(publisher.claim(key, "instance-a", Duration.ofSeconds(1)));
        // The second claim set the ttl to 1 s: the key is free long before the first claim's minute.
        Inbox.await(() -> other.owner(key).isEmpty(), Duration.ofSeconds(5), "the refreshed claim to expire");
    }

    @Test
    void an_unrefreshed_claim_expires_after_its_ttl_and_another_owner_may_take_it() {
        String key = unique("expire");
        long start = System.nanoTime();
        assertTrue(publisher.claim(key, "crashed-instance", Duration.ofSeconds(1)));
        Inbox.await(() -> other.owner(key).isEmpty(), Duration.ofSeconds(5), "the claim to expire");
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(1000), "expired before its ttl");
        assertTrue(other.claim(key, "instance-b", Duration.ofSeconds(30)));
        assertEquals(Optional.of("instance-b"), publisher.owner(key));
    }

    @Test
    void a_release_by_another_owner_does_nothing() {
        String key = unique("not-yours");
        assertTrue(publisher.claim(key, "instance-a", Duration.ofSeconds(30)));
        other.release(key, "instance-b");
        assertEquals(Optional.of("instance-a"), other.owner(key));
        assertFalse(other.claim(key, "instance-b", Duration.ofSeconds(30)));
    }

    @Test
    void a_release_by_the_holder_frees_the_key_for_another_owner() {
        String key = unique("released");
        assertTrue(publisher.claim(key, "instance-a", Duration.ofSeconds(30)));
        publisher.release(key, "instance-a");
        assertEquals(Optional.empty(), other.owner(key));
        assertTrue(other.claim(key, "instance-b", Duration.ofSeconds(30)));
        publisher.release(key, "instance-a"); // no longer the holder: nothing happens
        assertEquals(Optional.of("instance-b"), publisher.owner(key));
    }

    @Test
    void a_key_nobody_claimed_has_no_owner_and_releasing_it_does_nothing() {
        String key = unique("never");
        assertEquals(Optional.empty(), publisher.owner(key));
        publisher.release(key, "instance-a");
        assertEquals(Optional.empty(), publisher.owner(key));
    }

    @Test
    void a_ttl_under_a_millisecond_or_empty_names_are_refused() {
        String key = unique("bad");
        assertThrows(IllegalArgumentException.class, () -> publisher.claim(key, "a", Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> publisher.claim(key, "a", Duration.ofNanos(999_999)));
        assertThrows(IllegalArgumentException.class, () -> publisher.claim(key, "a", Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> publisher.claim(key, "", Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> publisher.publish("", "text"));
        assertEquals(Optional.empty(), publisher.owner(key));
    }
}
