package bnlab.web.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The contract for the default broker (both "instances" are the one broker), and what only it does. */
class InProcessBrokerTest extends BrokerContract {

    @Override
    protected Broker[] openBrokers() {
        Broker broker = new InProcessBroker();
        return new Broker[] {broker, broker};
    }

    @Test
    void without_a_broker_setting_the_broker_is_in_process() {
        try (Broker broker = Broker.of(null)) {
            assertInstanceOf(InProcessBroker.class, broker);
            assertEquals("in-process", broker.describe());
        }
    }

    @Test
    void a_listener_that_falls_behind_makes_publish_drop_instead_of_wait() throws Exception {
        try (InProcessBroker broker = new InProcessBroker()) {
            CountDownLatch entered = new CountDownLatch(1), resume = new CountDownLatch(1);
            Inbox inbox = new Inbox();
            broker.subscribe("slow", m -> {
                if (m.equals("first")) {
                    entered.countDown();
                    try {
                        resume.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                inbox.accept(m);
            });
            broker.publish("slow", "first");
            assertTrue(entered.await(10, TimeUnit.SECONDS)); // the delivery thread is now stuck in the listener
            for (int i = 0; i < InProcessBroker.QUEUE_CAPACITY + 10; i++) broker.publish("slow", Integer.toString(i));
            assertEquals(10, broker.dropped(), "beyond the queue's capacity, messages are dropped");
            resume.countDown();
            List<String> got = inbox.awaitCount(1 + InProcessBroker.QUEUE_CAPACITY);
            assertEquals("first", got.get(0));
            assertEquals(Integer.toString(InProcessBroker.QUEUE_CAPACITY - 1), got.get(InProcessBroker.QUEUE_CAPACITY));
        }
    }

    @Test
    void a_message_goes_to_the_listeners_subscribed_when_it_was_published() {
        try (InProcessBroker broker = new InProcessBroker()) {
            Inbox early = new Inbox(), late = new Inbox();
            broker.subscribe("c", early);
            broker.publish("c", "1");
            broker.subscribe("c", late);
            broker.publish("c", "2");
            assertEquals(List.of("1", "2"), early.awaitCount(2));
            assertEquals(List.of("2"), late.awaitCount(1));
        }
    }

    @Test
    void after_close_publish_does_nothing_and_subscribe_is_refused() {
        Broker broker = new InProcessBroker();
        broker.close();
        broker.publish("c", "ignored");
        assertThrows(IllegalStateException.class, () -> broker.subscribe("c", m -> {}));
        broker.close(); // twice is fine
    }
}
