package bnlab.web.lab;

import bnlab.engine.Dataset;
import bnlab.engine.InvalidConfigException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Data sets uploaded as CSV for the lab, kept in memory under a random id for a while, so that a run
 * (or a copied link, while it lasts) can name them with {@code dataset: "csv", upload: ID}. Bounded:
 * at most {@link #MAX_UPLOADS} are kept (the oldest goes first) and each expires {@link #TTL} after its
 * last use. The ids are random (128 bits): knowing one's own id does not reveal others'.
 */
public final class CsvUploads {
    public static final int MAX_UPLOADS = 64;
    public static final Duration TTL = Duration.ofMinutes(60);
    /** Largest CSV text accepted, in bytes (UTF-8). */
    public static final int MAX_BYTES = 2 * 1024 * 1024;
    /** Most data rows accepted. */
    public static final int MAX_ROWS = 20_000;

    private record Entry(Dataset data, Instant created, Instant used) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public CsvUploads() { this(Clock.systemUTC()); }

    /** @param clock decides expiry (tests pass a fixed or moving clock) */
    public CsvUploads(Clock clock) { this.clock = clock; }

    /** Keeps a data set and returns its new id. */
    public synchronized String put(Dataset data) {
        purge();
        while (entries.size() >= MAX_UPLOADS) {
            entries.entrySet().stream().min(Map.Entry.comparingByValue(
                    (a, b) -> a.created().compareTo(b.created()))).ifPresent(e -> entries.remove(e.getKey()));
        }
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        Instant now = clock.instant();
        entries.put(id, new Entry(data, now, now));
        return id;
    }

    /** The data set with that id, if it is still kept; using it extends its life. */
    public synchronized Optional<Dataset> get(String id) {
        purge();
        if (id == null) return Optional.empty();
        Entry e = entries.get(id);
        if (e == null) return Optional.empty();
        entries.put(id, new Entry(e.data(), e.created(), clock.instant()));
        return Optional.of(e.data());
    }

    /** Like {@link #get}, but refuses a missing or expired id naming the config field "upload". */
    public Dataset require(String id) {
        if (id == null || id.isBlank())
            throw new InvalidConfigException("upload", "the data set 'csv' needs an uploaded CSV file: upload one first",
                    InvalidConfigException.Rule.CSV_NEEDED);
        return get(id).orElseThrow(() -> new InvalidConfigException("upload",
                "no uploaded CSV with id '" + id + "' (uploads are kept for " + TTL.toMinutes()
                        + " minutes after their last use, and not across server restarts): upload the file again",
                InvalidConfigException.Rule.CSV_UNKNOWN, TTL.toMinutes()));
    }

    public int size() { return entries.size(); }

    private void purge() {
        Instant oldest = clock.instant().minus(TTL);
        entries.values().removeIf(e -> e.used().isBefore(oldest));
    }
}
