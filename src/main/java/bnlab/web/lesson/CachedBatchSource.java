package bnlab.web.lesson;

import bnlab.lessons.BatchSource;
import bnlab.lessons.BatchView;
import bnlab.web.api.ApiError;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The lesson's batches, priced for a server that many students share. A batch at iteration N is
 * replayed from the seed (about 0.25 s of CPU at N = 100,000), so: answers are kept (the most recently
 * used {@link #MAX_ENTRIES}; the same seed and iteration always give the same numbers, so a kept answer
 * is the answer), a request for a batch that is being computed waits for that computation instead of
 * starting its own, and at most {@link #CONCURRENT} replays run at once (so twenty clients asking for
 * large iterations fill one core, not both, and the lab keeps the other). A request that cannot start
 * its replay within {@link #WAIT_SECONDS} seconds is refused with 429.
 */
public final class CachedBatchSource implements BatchSource {
    public static final int MAX_ENTRIES = 4096;
    public static final int CONCURRENT = 1;
    public static final long WAIT_SECONDS = 10;

    private record Key(long seed, int iteration) {}

    private final BatchSource source;
    private final Semaphore replays = new Semaphore(CONCURRENT, true);
    private final Map<Key, CompletableFuture<BatchView>> entries = new LinkedHashMap<>(256, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<Key, CompletableFuture<BatchView>> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    public CachedBatchSource(BatchSource source) { this.source = source; }

    @Override
    public BatchView batchAt(long seed, int iteration) {
        Key key = new Key(seed, iteration);
        CompletableFuture<BatchView> mine = new CompletableFuture<>(), known;
        synchronized (entries) {
            known = entries.putIfAbsent(key, mine);
        }
        if (known != null) return join(known);
        try {
            if (!replays.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) throw ApiError.busy();
            try {
                mine.complete(source.batchAt(seed, iteration));
            } finally {
                replays.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(key, mine, ApiError.busy());
        } catch (RuntimeException e) {
            fail(key, mine, e);
        }
        return join(mine);
    }

    /** Number of kept answers (tests). */
    int size() {
        synchronized (entries) { return entries.size(); }
    }

    /** A failed computation is not kept: the next request tries again. */
    private void fail(Key key, CompletableFuture<BatchView> f, RuntimeException e) {
        synchronized (entries) { entries.remove(key, f); }
        f.completeExceptionally(e);
        throw e;
    }

    private static BatchView join(CompletableFuture<BatchView> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiError.busy();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException("replay failed", e.getCause());
        }
    }
}
