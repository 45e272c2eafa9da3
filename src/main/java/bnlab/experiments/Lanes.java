package bnlab.experiments;

import bnlab.engine.Batch;
import bnlab.engine.BatchSampler;
import bnlab.engine.Dataset;
import bnlab.engine.Evaluation;
import bnlab.engine.Network;
import bnlab.engine.Stats;
import bnlab.engine.Trainer;
import bnlab.engine.TrainSpec;
import bnlab.engine.VariantRun;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * One batch size's run of an {@link Experiment}, its networks in two lanes as the lab splits a step (odd places in the
 * run's order on the caller, even ones on a helper thread: for the twin BN and plain) through the same
 * {@link PairRunner}. Each lane draws its batches from a sampler of its own with the run's seed (the very same
 * batches) and trains {@value #CHUNK} steps at a time, validating where a validation falls; the lanes meet once a
 * chunk, and the caller hands on the chunk's rows in order. Each lane computes exactly what it computes alone, so the
 * rows are the same bits with and without a helper.
 */
final class Lanes {
    /** Steps per chunk: the lanes meet once a chunk (the lab meets once a step, to cut frames between steps). */
    static final int CHUNK = 100;

    private final Preset preset;
    private final Dataset.Split data;
    private final Measure measure;
    private final int measureWidth;      // the measure's columns
    private final int batchSize;
    private final long steps;
    private final int every;
    private final Consumer<Experiment.Row> sink;
    private final Experiment.Progress progress;
    private final Lane[] lanes;

    Lanes(Preset preset, Dataset.Split data, int batchSize, long steps, int every, Consumer<Experiment.Row> sink,
          Experiment.Progress progress) {
        this.preset = preset;
        this.data = data;
        this.measure = preset.measure();
        this.measureWidth = measure.columns(preset.run().layers().length).size();
        this.batchSize = batchSize;
        this.steps = steps;
        this.every = every;
        this.sink = sink;
        this.progress = progress;
        Dataset train = data.train();
        RunConfig config = preset.run().with("batchSize", batchSize);
        VariantRun run = config.variantRun(train);
        double[] factors = run.rateFactors();
        this.lanes = new Lane[] {
                new Lane(run, 1, factors, run.sampler(), run.batch(), config),
                new Lane(run, 0, factors, new BatchSampler(train, batchSize, config.seed()), new Batch(train, batchSize), config)};
    }

    /** Trains both lanes to the end, a chunk at a time, handing on every row; on two threads if {@code helper} is given. */
    void run(Executor helper) {
        PairRunner pair = helper == null || lanes[0].trainers.length == 0 || lanes[1].trainers.length == 0
                ? PairRunner.serial() : new PairRunner(helper, 1, 64);
        Experiment.Row[] out = new Experiment.Row[lanes[0].trainers.length + lanes[1].trainers.length];
        for (long from = 1; from <= steps; from += CHUNK) {
            long first = from, last = Math.min(steps, from + CHUNK - 1);
            pair.run(() -> lanes[0].chunk(first, last), () -> lanes[1].chunk(first, last));
            for (int i = 0; i <= last - first; i++) {
                for (Lane l : lanes) for (int k = 0; k < l.trainers.length; k++) out[l.networks[k]] = l.rows[i][k];
                for (Experiment.Row r : out) sink.accept(r);
                if (progress != null) progress.update(first + i, steps);
            }
        }
    }

    /** Some networks' training: a chunk at a time, each step's rows. Touched by one thread at a time. */
    private final class Lane {
        final int[] networks;       // their places in the run's order
        final String[] names;
        final Trainer[] trainers;
        final double[] rateFactors; // each network's rate over the first network's, for the plan's changes
        final InputShift[] shifts;  // for Measure.INPUT_SHIFT, else null
        final BatchSampler sampler;
        final Batch batch;
        final float[] column;
        final List<RateChange> plan;
        final Experiment.Row[][] rows; // (CHUNK, networks) the last chunk's
        final boolean classification = data.train().isClassification();
        int nextChange;             // the first change of the plan not yet made

        /** The networks at places {@code parity}, {@code parity + 2}, ... of the run. */
        Lane(VariantRun run, int parity, double[] factors, BatchSampler sampler, Batch batch, RunConfig config) {
            int n = Math.max(0, (run.size() - parity + 1) / 2);
            this.networks = new int[n];
            this.names = new String[n];
            this.trainers = new Trainer[n];
            this.rateFactors = new double[n];
            this.shifts = measure == Measure.INPUT_SHIFT ? new InputShift[n] : null;
            for (int k = 0; k < n; k++) {
                int i = parity + 2 * k;
                networks[k] = i;
                names[k] = run.variants().get(i).name();
                trainers[k] = run.trainer(i);
                rateFactors[k] = factors[i];
                if (shifts != null) shifts[k] = new InputShift(data.train(), preset.watchLayer(), preset.watchNeuron());
            }
            this.sampler = sampler;
            this.batch = batch;
            this.column = new float[batchSize];
            this.plan = config.rateChanges();
            this.rows = new Experiment.Row[CHUNK][n];
        }

        /** Trains steps {@code from} to {@code to} (at most a chunk), keeping their rows. */
        void chunk(long from, long to) {
            if (trainers.length == 0) return;
            for (long s = from; s <= to; s++) {
                while (nextChange < plan.size() && plan.get(nextChange).after() == s - 1) {
                    double rate = plan.get(nextChange++).rate();
                    for (int k = 0; k < trainers.length; k++)
                        trainers[k].setBaseLearningRate(TrainSpec.scaledLearningRate(rate, rateFactors[k]));
                }
                sampler.next(batch);
                boolean point = s % every == 0 || s == steps;
                for (int k = 0; k < trainers.length; k++) {
                    Trainer t = trainers[k];
                    double[] before = point && measure.beforeUpdate() && !t.diverged() ? measure.take(t, batch, classification) : null;
                    t.train(batch);
                    rows[(int) (s - from)][k] = row(k, s, point, before);
                }
            }
        }

        /** Network k's row after step {@code step}: before the validation, which passes other batches through it. */
        private Experiment.Row row(int k, long step, boolean point, double[] before) {
            Trainer t = trainers[k];
            Network net = t.network();
            int m = net.activationInput(preset.watchLayer(), preset.watchNeuron(), column);
            double[] p = Stats.percentiles(m == column.length ? column : Arrays.copyOf(column, m), Stats.PAPER);
            double[] measured = switch (measure) {
                case NONE -> new double[0];
                case INPUT_SHIFT -> shifts[k].after(net, t.diverged());
                case GRADIENT_SHIFT, LANDSCAPE -> before != null ? before : nan(measureWidth);
            };
            Evaluation e = point && !t.diverged() ? Evaluation.of(net, data.validation()) : null;
            return new Experiment.Row(step, names[k], batchSize, t.lastLoss(), t.lastAccuracy(), t.lastStats().learningRate(),
                    e == null ? Double.NaN : e.loss(), e == null ? Double.NaN : e.accuracy(), p, measured);
        }
    }

    private static double[] nan(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }
}
