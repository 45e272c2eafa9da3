package bnlab.web.broker;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** A listener that keeps what it hears, for tests to wait on (bounded waits, no fixed sleeps). */
final class Inbox implements Consumer<String> {
    static final Duration WAIT = Duration.ofSeconds(10);

    private final List<String> messages = new ArrayList<>();

    @Override
    public synchronized void accept(String message) {
        messages.add(message);
        notifyAll();
    }

    /** What has arrived so far, in order. */
    synchronized List<String> messages() { return List.copyOf(messages); }

    /** Waits until {@code n} messages have arrived and returns them all. */
    List<String> awaitCount(int n) {
        return awaitUntil(got -> got.size() >= n, "at least " + n + " messages");
    }

    /** Waits until {@code message} has arrived and returns everything so far. */
    List<String> awaitMessage(String message) {
        return awaitUntil(got -> got.contains(message), "the message " + abbreviate(message));
    }

    List<String> awaitUntil(Predicate<List<String>> done, String what) {
        if (!within(WAIT, done)) fail("Waited " + WAIT.toSeconds() + " s for " + what + "; got " + abbreviate(messages().toString()));
        return messages();
    }

    /** Waits at most {@code timeout} for what has arrived to satisfy {@code done}; true if it does. */
    synchronized boolean within(Duration timeout, Predicate<List<String>> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(messages)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return false;
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Polls {@code condition} every 20 ms until it holds, failing after {@code timeout}. */
    static void await(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail("Waited " + timeout.toMillis() + " ms for " + what);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "... (" + s.length() + " chars)";
    }
}
