package bnlab.web.broker;

import java.time.Duration;
import java.util.Objects;

/** The checks both brokers make on what they are given, so both refuse the same things. */
final class Arguments {
    private Arguments() {}

    /** A channel, key or owner: not null, not empty. */
    static String name(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty()) throw new IllegalArgumentException(what + " must not be empty");
        return value;
    }

    /** A claim's ttl in whole milliseconds (Redis's PX), at least 1. */
    static long ttlMillis(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException("ttl must be at least 1 ms, was " + ttl);
        }
        return ttl.toMillis();
    }
}
