package bnlab.web.broker;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Counts the messages a broker drops and says so in the log, at most once every {@link #LOG_EVERY_SECONDS}
 * seconds: at 20 frames a second per room, one line per drop would bury everything else.
 */
final class Drops {
    static final long LOG_EVERY_SECONDS = 10;

    private final Logger log;
    private final String broker;
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong loggedAt = new AtomicLong(System.nanoTime() - TimeUnit.SECONDS.toNanos(LOG_EVERY_SECONDS));

    Drops(Logger log, String broker) {
        this.log = log;
        this.broker = broker;
    }

    /** One message was not sent; {@code why} ends up in the log line if it is time for one. */
    void drop(String why) {
        long n = total.incrementAndGet();
        long now = System.nanoTime(), last = loggedAt.get();
        if (now - last >= TimeUnit.SECONDS.toNanos(LOG_EVERY_SECONDS) && loggedAt.compareAndSet(last, now)) {
            log.warn("{}: dropped a message ({} dropped in all): {}", broker, n, why);
        }
    }

    long total() { return total.get(); }
}
