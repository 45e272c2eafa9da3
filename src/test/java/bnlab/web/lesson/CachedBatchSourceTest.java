package bnlab.web.lesson;

import static org.junit.jupiter.api.Assertions.*;

import bnlab.lessons.BatchSource;
import bnlab.lessons.BatchView;
import bnlab.lessons.LectureExample;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachedBatchSourceTest {
    /** Counts calls and the most that ran at once. */
    static final class Counting implements BatchSource {
        final BatchSource real = new LectureExample();
        final AtomicInteger calls = new AtomicInteger(), running = new AtomicInteger(), most = new AtomicInteger();

        @Override public BatchView batchAt(long seed, int iteration) {
            calls.incrementAndGet();
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(20);
                return real.batchAt(seed, iteration);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                running.decrementAndGet();
            }
        }
    }

    @Test
    void a_repeated_batch_is_replayed_once_and_gives_the_same_numbers() {
        Counting source = new Counting();
        CachedBatchSource cached = new CachedBatchSource(source);
        BatchView a = cached.batchAt(1, 500), b = cached.batchAt(1, 500);
        assertSame(a, b);
        assertEquals(1, source.calls.get());
        assertArrayEquals(new LectureExample().batchAt(1, 500).z()[0], a.z()[0]);
    }

    @Test
    void many_clients_at_once_run_one_replay_at_a_time_and_share_the_same_one() throws Exception {
        Counting source = new Counting();
        CachedBatchSource cached = new CachedBatchSource(source);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<BatchView>> fs = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                int seed = i % 8;
                fs.add(pool.submit(() -> cached.batchAt(seed, 1000)));
            }
            for (Future<BatchView> f : fs) assertNotNull(f.get());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(8, source.calls.get(), "one replay per distinct seed and iteration");
        assertEquals(CachedBatchSource.CONCURRENT, source.most.get(), "never more replays at once than allowed");
    }

    @Test
    void a_refused_iteration_is_not_kept() {
        CachedBatchSource cached = new CachedBatchSource(new LectureExample());
        assertThrows(IllegalArgumentException.class, () -> cached.batchAt(1, -1));
        assertEquals(0, cached.size());
    }
}
