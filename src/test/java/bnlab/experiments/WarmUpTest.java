package bnlab.experiments;

import static org.junit.jupiter.api.Assertions.*;

import bnlab.data.MnistLike;
import bnlab.engine.Dataset;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The warm-up trains only while asked to, and a run beside it gives the bits it gives alone. */
class WarmUpTest {
    private static final RunConfig FIGURE1 = Presets.FIGURE1.run();

    @Test
    @Timeout(120)
    void the_figure_1_experiment_writes_the_same_csv_while_a_warm_up_trains_beside_it() throws Exception {
        Dataset.Split data = MnistLike.bundled(MnistLike.ALL, 1).split();
        var exp = ParallelTwinTest.figure1(1, data, 3, 40);
        int steps = 2 * Lanes.CHUNK + 11;
        StringWriter alone = new StringWriter(), beside = new StringWriter();
        exp.run(steps, alone, null, null);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger warmSteps = new AtomicInteger();
        CompletableFuture<Integer> warm = CompletableFuture.supplyAsync(() ->
                WarmUp.train(FIGURE1, 784, 10, 2, 3, Integer.MAX_VALUE, () -> {
                    warmSteps.incrementAndGet();
                    return stop.get();
                }));
        // the warm-up has trained before the run starts and trains on while it runs
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (warmSteps.get() < 3 && System.nanoTime() < deadline) Thread.sleep(1);
        int before = warmSteps.get();
        exp.run(steps, beside, null, null);
        int during = warmSteps.get() - before;
        stop.set(true);
        int trained = warm.get(60, TimeUnit.SECONDS);
        assertTrue(before >= 3 && during > 0, "the warm-up trained " + before + " steps before the run and " + during + " during it");
        assertTrue(trained >= before + during - 1, "it says how many steps it trained: " + trained);
        assertEquals(alone.toString(), beside.toString());
    }

    @Test
    void it_stops_when_told_and_after_its_most_steps() {
        int[] asked = {0};
        int trained = WarmUp.train(FIGURE1, 50, 3, 0, 0, 1000, () -> ++asked[0] > 5);
        assertEquals(5, trained, "asked before each step, it stops at the sixth question");
        assertEquals(WarmUp.VALIDATE_EVERY + 1, WarmUp.train(FIGURE1, 50, 3, 2, 99, WarmUp.VALIDATE_EVERY + 1, () -> false));
    }

    @Test
    void a_run_on_other_data_or_closed_at_once_leaves_no_thread_behind() {
        Set<Thread> before = liveWarmUps();  // another test's warm-up may still be ending: only new ones count
        WarmUp none = WarmUp.during(RunConfig.defaults(), 0, 0);  // the lecture's points: nothing to warm up
        none.close();
        WarmUp w = WarmUp.during(FIGURE1, 2, 0);
        w.close();
        Set<Thread> left = liveWarmUps();
        left.removeAll(before);
        assertEquals(Set.of(), left, "close() waits for the warm-up's thread");
    }

    private static Set<Thread> liveWarmUps() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("warm-up") && t.isAlive())
                .collect(Collectors.toCollection(HashSet::new));
    }
}
