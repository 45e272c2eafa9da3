package bnlab.experiments.live;

import bnlab.experiments.Datasets;
import bnlab.experiments.RunConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Twin iterations per second of a live run at the paper's Figure 1 set-up (784-100-100-100-10, batches of 60,
 * the lab's Figure 1 link), on a training pool like the lab's (one thread per core), with a frame cut and
 * serialized every 50 ms, alone and with the pool as the helper that trains the second network of each step
 * (LiveRun's Executor). Rounds alternate the two; each is a new run, so it includes PairRunner's probes (256
 * iterations serially, 256 with the helper: about half a second): give longer rounds for the steady state of a
 * lab run. Not a test: run it by hand,
 * <pre>
 *   mvn -B -o test-compile
 *   J=~/.m2/repository/com/fasterxml/jackson/core
 *   java --add-modules jdk.incubator.vector -cp target/classes:target/test-classes:$J/jackson-databind/2.22.1/jackson-databind-2.22.1.jar:$J/jackson-core/2.22.1/jackson-core-2.22.1.jar:$J/jackson-annotations/2.22/jackson-annotations-2.22.jar bnlab.experiments.live.LiveSpeed [rounds] [seconds per round, default 1]
 * </pre>
 * The lab trains for at most 40 ms of each 50 ms tick, so a page sees about 80% of the figures.
 */
public final class LiveSpeed {
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("first")) {
            first(args.length > 1 && args[1].equals("warm"));
            return;
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        long nanos = (long) ((args.length > 1 ? Double.parseDouble(args[1]) : 1) * 1e9);
        RunConfig c = bnlab.experiments.Presets.FIGURE1.run();
        var data = Datasets.load(c, null, null);
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(Runtime.getRuntime().availableProcessors());
        ObjectMapper json = new ObjectMapper();
        try {
            double[] alone = new double[rounds], helped = new double[rounds];
            measure(pool, c, data, json, false, nanos);
            measure(pool, c, data, json, true, nanos); // warm-up
            for (int r = 0; r < rounds; r++) {
                alone[r] = measure(pool, c, data, json, false, nanos);
                helped[r] = measure(pool, c, data, json, true, nanos);
            }
            System.out.printf(java.util.Locale.ROOT, "Figure 1 set-up, %d cores, rounds of %.1f s with frames every 50 ms%n",
                    Runtime.getRuntime().availableProcessors(), nanos / 1e9);
            System.out.println("one thread:        " + Arrays.toString(Arrays.stream(alone).mapToLong(Math::round).toArray()));
            System.out.println("with a helper:     " + Arrays.toString(Arrays.stream(helped).mapToLong(Math::round).toArray()));
            System.out.printf("median twin iterations/s: one thread %.0f, with a helper %.0f; at the lab's duty cycle (40/50 ms) %.0f and %.0f%n",
                    median(alone), median(helped), median(alone) * 0.8, median(helped) * 0.8);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * {@code LiveSpeed first [warm]}: the twin iterations per second of this JVM's first lab run in its first
     * second and its first 3 s, as a server's first Figure 1 run would see them, with a helper; with
     * {@code warm}, after the warm-up that {@code serve} starts (given 6 s, as a server that has been up a while).
     */
    static void first(boolean warm) throws Exception {
        RunConfig c = bnlab.experiments.Presets.FIGURE1.run();
        if (warm) {
            var f = bnlab.experiments.Presets.FIGURE1;
            try (var w = bnlab.experiments.WarmUp.during(c, f.watchLayer(), f.watchNeuron())) {  // as serve starts it
                Thread.sleep(6000);
            }
        }
        var data = Datasets.load(c, null, null);
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            ObjectMapper json = new ObjectMapper();
            double one = measure(pool, c, data, json, true, 1_000_000_000L);
            double three = measure(pool, c, data, json, true, 3_000_000_000L);
            System.out.printf(java.util.Locale.ROOT, "first lab run%s: %.0f twin iterations/s in its first second, then %.0f in the next 3 s%n",
                    warm ? " after the server's warm-up" : "", one, three);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A round of training on one of the pool's threads, as a lab run's tick would. */
    static double measure(ScheduledExecutorService pool, RunConfig c, bnlab.engine.Dataset.Split data, ObjectMapper json,
                          boolean helper, long nanos) throws Exception {
        return pool.submit(() -> {
            LiveRun run = new LiveRun(c, data, LiveSettings.defaults(), List.of(), helper ? pool : null);
            long start = System.nanoTime(), end = start + nanos, nextFrame = start + 50_000_000L;
            while (true) {
                long now = System.nanoTime();
                if (now >= end) break;
                run.advance(1);
                if (now >= nextFrame) {
                    json.writeValueAsString(run.frame());
                    nextFrame += 50_000_000L;
                }
            }
            return run.step() / ((System.nanoTime() - start) / 1e9);
        }).get(30 + nanos / 1_000_000_000L, TimeUnit.SECONDS);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
