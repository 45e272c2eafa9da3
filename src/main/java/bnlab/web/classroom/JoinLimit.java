package bnlab.web.classroom;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How often one network address may ask whether a room code exists: one counter per address and minute, shared by
 * every route that answers it (the join page, 200 or 404; the QR image; the student's socket), so that a guesser
 * learns nothing faster through one than through another. A join code has 20^4 = 160,000 values; at the default
 * 120 a minute one address needs about 11 hours to try half of them, where the page alone answered 720 a second.
 * A student needs 2 (the page and its socket) plus one per reconnect; the instructor's page asks for the QR
 * image once per room. The window starts with an address's first look-up and lasts a minute.
 */
final class JoinLimit {
    private static final Logger LOG = LoggerFactory.getLogger(JoinLimit.class);
    static final long WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final int perMinute;
    private final LongSupplier clock;
    private final Map<String, long[]> windows = new ConcurrentHashMap<>(); // address -> {window start, count}

    /** @param clock {@link System#nanoTime} but in tests */
    JoinLimit(int perMinute, LongSupplier clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    int perMinute() { return perMinute; }

    /**
     * Counts a look-up from the address.
     *
     * @return 0 when it is allowed, else the whole seconds (at least 1) until the address's window ends
     */
    long take(String address) {
        long now = clock.getAsLong();
        long[] w = windows.compute(key(address), (a, old) -> old == null || now - old[0] >= WINDOW_NANOS
                ? new long[]{now, 1} : new long[]{old[0], old[1] + 1});
        if (w[1] <= perMinute) return 0;
        if (w[1] == perMinute + 1)
            LOG.warn("{} asked for room codes more than {} times within a minute; behind a reverse proxy every student has"
                    + " the proxy's address: raise --max-joins-per-minute", address, perMinute);
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(w[0] + WINDOW_NANOS - now + TimeUnit.SECONDS.toNanos(1) - 1));
    }

    /** Forgets the windows that have ended (the classroom's sweep). */
    void sweep() {
        long now = clock.getAsLong();
        windows.values().removeIf(w -> now - w[0] >= WINDOW_NANOS);
    }

    /**
     * One spelling per address: an HTTP request names an IPv6 peer as "[::1]", a socket as "0:0:0:0:0:0:0:1".
     * Only IP literals are parsed (no name is looked up).
     */
    static String key(String address) {
        if (address == null) return "";
        String a = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        if (a.indexOf(':') < 0 && !a.matches("[0-9.]+")) return a;
        try {
            return InetAddress.getByName(a).getHostAddress();
        } catch (UnknownHostException e) {
            return a;
        }
    }
}
