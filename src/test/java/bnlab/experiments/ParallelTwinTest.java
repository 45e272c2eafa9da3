package bnlab.experiments;

import bnlab.engine.Variant;
import bnlab.engine.VariantRun;

import static org.junit.jupiter.api.Assertions.*;

import bnlab.data.MnistLike;
import bnlab.engine.Dataset;
import bnlab.experiments.live.LiveRun;
import bnlab.experiments.live.LiveSettings;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A run's networks on two threads give exactly what they give on one. */
class ParallelTwinTest {
    /** The Figure 1 experiment on another seed, watching another neuron, with validations every {@code every} steps. */
    static Experiment figure1(long seed, Dataset.Split data, int neuron, int every) {
        return new Experiment(Presets.FIGURE1.withSeed(seed).withNeuron(neuron).withEvery(every), data);
    }

    private final ThreadPoolExecutor helper = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
        Thread t = new Thread(r, "test-helper");
        t.setDaemon(true);
        return t;
    });

    @AfterEach
    void stop() { helper.shutdownNow(); }

    @Test
    @Timeout(120)
    void the_figure_1_experiment_writes_the_same_csv_byte_for_byte_with_the_networks_on_two_threads() throws Exception {
        Dataset.Split data = MnistLike.bundled(MnistLike.ALL, 1).split();
        var exp = figure1(1, data, 3, 70);
        StringWriter serial = new StringWriter(), parallel = new StringWriter();
        int steps = 7 * Lanes.CHUNK + 17; // past the chunk probed serially and the one probed with the helper
        exp.run(steps, serial, null, null);
        exp.run(steps, parallel, null, helper);
        // The helper is one task serving step after step; it completes (and is counted) only once it has given its
        // thread back, up to half a millisecond after the last step, later on a loaded machine: wait for it.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (helper.getCompletedTaskCount() == 0 && System.nanoTime() < deadline) Thread.sleep(5);
        assertTrue(helper.getCompletedTaskCount() > 0, "the helper trained chunks");
        assertEquals(2 * steps + 1, parallel.toString().lines().count());
        assertEquals(serial.toString(), parallel.toString());
    }

    @Test
    void the_chunked_experiment_trains_as_the_twin_run_steps_both_networks_on_one_batch() throws Exception {
        Dataset.Split data = MnistLike.bundled(MnistLike.ALL, 1).split();
        var spec = Figure1.network(784, 10);
        var exp = figure1(2, data, 0, 1000);
        StringWriter csv = new StringWriter();
        exp.run(Lanes.CHUNK + 30, csv, null, helper);
        List<String> rows = csv.toString().lines().skip(1).toList();
        VariantRun twin = new VariantRun(Variant.twin(spec, Figure1.training(2)), data.train());
        for (int s = 1; s <= Lanes.CHUNK + 30; s++) {
            twin.step();
            assertEquals(String.format(java.util.Locale.ROOT, "%.6g", twin.trainer("plain").lastLoss()), rows.get(2 * (s - 1)).split(",")[3], "plain, step " + s);
            assertEquals(String.format(java.util.Locale.ROOT, "%.6g", twin.trainer("bn").lastLoss()), rows.get(2 * s - 1).split(",")[3], "bn, step " + s);
        }
    }

    @Test
    @Timeout(120)
    void three_networks_and_a_measure_every_step_give_the_same_csv_on_two_threads_at_each_batch_size() throws Exception {
        // noisy-bn's networks (plain and noisy-bn on the helper, bn on the caller) with the input shift, at two batch sizes
        Dataset.Split data = MnistLike.bundled(2000, 1).split();
        Preset p = Presets.NOISY_BN.withEvery(40).atBatchSizes(60, 30);
        var exp = new Experiment(p, data);
        StringWriter serial = new StringWriter(), parallel = new StringWriter();
        int steps = Lanes.CHUNK + 21;
        exp.run(steps, serial, null, null);
        exp.run(steps, parallel, null, helper);
        assertEquals(1 + 3 * (steps + 2 * steps), parallel.toString().lines().count());
        assertEquals(serial.toString(), parallel.toString());
        List<String> header = List.of(parallel.toString().lines().findFirst().orElseThrow().split(","));
        assertEquals(List.of(Experiment.SHARED.split(",")), header.subList(0, 11));
        assertEquals(Measure.INPUT_SHIFT.columns(3), header.subList(11, header.size()));
    }

    @Test
    void a_live_run_cuts_the_same_frames_with_a_helper_thread() throws Exception {
        ObjectMapper json = new ObjectMapper();
        RunConfig c = RunConfig.defaults();
        var data = Datasets.load(c, null, null);
        LiveRun alone = new LiveRun(c, data, LiveSettings.defaults());
        LiveRun helped = new LiveRun(c, data, LiveSettings.defaults(), List.of(), helper);
        for (int k : new int[] {1, 7, 300, 2, 1000}) {
            alone.advance(k);
            helped.advance(k);
            assertEquals(json.writeValueAsString(alone.frame()), json.writeValueAsString(helped.frame()), "after " + k);
        }
    }

    @Test
    void with_a_free_thread_the_second_task_runs_on_the_helper() {
        PairRunner pair = new PairRunner(helper);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        long[] sums = new long[2];
        double[] work = new double[2];
        for (int i = 0; i < 2000; i++) {
            int v = i;
            // tasks of some tens of microseconds, as a network's step (trivial ones are done before the helper looks)
            pair.run(() -> { sums[0] += v; work[0] += busy(v); },
                    () -> { sums[1] += 2L * v; work[1] += busy(v); threads.add(Thread.currentThread().getName()); });
        }
        assertEquals(work[0], work[1]);
        assertEquals(1999L * 2000 / 2, sums[0]);
        assertEquals(1999L * 2000, sums[1], "every second task ran once, and its writes are seen");
        assertTrue(threads.contains("test-helper"), "ran on " + threads);
    }

    @Test
    @Timeout(120)  // a lane waiting for the other for ever fails here instead of hanging the build
    void validations_at_every_step_give_the_same_csv_on_two_threads() throws Exception {
        Dataset.Split data = MnistLike.bundled(2000, 1).split();
        var exp = figure1(3, data, 1, 1);
        StringWriter serial = new StringWriter(), parallel = new StringWriter();
        int steps = 2 * Lanes.CHUNK + 3;
        exp.run(steps, serial, null, null);
        exp.run(steps, parallel, null, helper);
        assertEquals(2 * steps + 1, parallel.toString().lines().count());
        assertTrue(parallel.toString().lines().skip(1).noneMatch(l -> l.contains(",,,")), "every row has its validation");
        assertEquals(serial.toString(), parallel.toString());
    }

    @Test
    @Timeout(120)
    void a_helper_that_never_starts_or_starts_late_or_refuses_leaves_the_csv_as_it_is() throws Exception {
        Dataset.Split data = MnistLike.bundled(2000, 1).split();
        var exp = figure1(4, data, 0, 150);
        int steps = 11 * Lanes.CHUNK + 11;  // past the probes, serial and with the helper, into the chosen mode
        StringWriter serial = new StringWriter();
        exp.run(steps, serial, null, null);
        Executor never = task -> { };  // takes the task and never runs it
        Executor refusing = task -> { throw new RejectedExecutionException("full"); };
        Executor late = task -> {
            Thread t = new Thread(() -> {
                try { Thread.sleep(200); } catch (InterruptedException e) { return; }
                task.run();
            }, "late-helper");
            t.setDaemon(true);
            t.start();
        };
        for (Executor e : new Executor[] {never, refusing, late}) {
            StringWriter csv = new StringWriter();
            exp.run(steps, csv, null, e);
            assertEquals(serial.toString(), csv.toString());
        }
    }

    private static double busy(int seed) {
        double x = seed;
        for (int k = 0; k < 20_000; k++) x = x * 0.999 + 1;
        return x;
    }

    @Test
    void when_every_thread_of_the_pool_is_busy_both_tasks_run_on_the_caller_and_nothing_piles_up() throws Exception {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        CountDownLatch release = new CountDownLatch(1), started = new CountDownLatch(1);
        pool.execute(() -> { started.countDown(); try { release.await(); } catch (InterruptedException e) { /* end */ } });
        try {
            started.await();
            PairRunner pair = new PairRunner(pool);
            List<String> threads = new ArrayList<>();
            for (int i = 0; i < 1000; i++) pair.run(() -> {}, () -> threads.add(Thread.currentThread().getName()));
            assertEquals(1000, threads.size());
            assertTrue(threads.stream().allMatch(Thread.currentThread().getName()::equals), "all on the caller");
            assertEquals(0, pool.getQueue().size(), "no helper was queued behind the busy thread");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void an_exception_of_either_task_comes_out_of_run_and_the_runner_goes_on() {
        PairRunner pair = new PairRunner(helper);
        for (int i = 0; i < PairRunner.PROBE; i++) { // through the serial probe and into the one with the helper
            assertThrows(ArithmeticException.class, () -> pair.run(() -> {}, () -> { throw new ArithmeticException("second"); }));
            assertThrows(IllegalStateException.class, () -> pair.run(() -> { throw new IllegalStateException("first"); }, () -> {}));
        }
        int[] n = {0, 0};
        pair.run(() -> n[0]++, () -> n[1] += 10);
        assertArrayEquals(new int[] {1, 10}, n);
    }
}
