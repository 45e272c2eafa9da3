package bnlab.experiments;

import bnlab.engine.Batch;
import bnlab.engine.BatchSampler;
import bnlab.engine.BnPlacement;
import bnlab.engine.Dataset;
import bnlab.engine.Network;
import bnlab.engine.NetworkSpec;
import bnlab.engine.Trainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Training speed of the Figure 1 network without and with batch normalization. Rounds alternate the
 * two models (the machine is noisy) and the median round is reported. With T threads, T independent
 * trainings run at once, as T students' runs would on a server, and their steps per second add up;
 * the engine itself is single-threaded.
 */
public final class Benchmark {
    public record Result(String model, int threads, double stepsPerSecond, double[] rounds) {}

    private final Dataset train;
    private final int steps, threads, rounds;

    public Benchmark(Dataset train, int steps, int threads, int rounds) {
        this.train = train;
        this.steps = steps;
        this.threads = threads;
        this.rounds = rounds;
    }

    /** Runs both models and returns [plain, bn]. */
    public List<Result> run() throws Exception {
        NetworkSpec bn = Figure1.network(train.features(), train.classes());
        NetworkSpec plain = bn.withBn(BnPlacement.NONE);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            measure(pool, plain, Math.max(200, steps / 5)); // warm-up: compile the hot loops
            measure(pool, bn, Math.max(200, steps / 5));
            double[] p = new double[rounds], b = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                p[r] = measure(pool, plain, steps);
                b[r] = measure(pool, bn, steps);
            }
            return List.of(new Result("plain", threads, median(p), p), new Result("bn", threads, median(b), b));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Total steps per second of {@code threads} independent trainings of {@code n} steps each. */
    private double measure(ExecutorService pool, NetworkSpec spec, int n) throws Exception {
        List<Future<?>> jobs = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            long seed = t + 1;
            jobs.add(pool.submit(() -> {
                Trainer trainer = new Trainer(new Network(spec, seed), Figure1.training(seed), true);
                BatchSampler sampler = new BatchSampler(train, Figure1.BATCH, seed);
                Batch batch = new Batch(train, Figure1.BATCH);
                for (int s = 0; s < n; s++) {
                    sampler.next(batch);
                    trainer.train(batch);
                }
            }));
        }
        for (Future<?> f : jobs) f.get();
        return (double) n * threads / ((System.nanoTime() - start) / 1e9);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
