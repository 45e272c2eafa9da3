package bnlab.experiments;

import bnlab.engine.Batch;
import bnlab.engine.BatchSampler;
import bnlab.engine.Evaluation;
import bnlab.engine.Network;
import bnlab.engine.Stats;
import bnlab.engine.Trainer;
import bnlab.engine.TwinRun;
import bnlab.engine.Dataset;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * A headless twin run written as CSV, one row per step and model:
 * <pre>
 *   step,model,train_loss,train_accuracy,learning_rate,val_loss,val_accuracy,p15,p50,p85
 * </pre>
 * model is "plain" or "bn"; val_* are filled every {@code evalEvery} steps and at the last step,
 * empty elsewhere; p15/p50/p85 are percentiles over the current mini-batch of the input to one fixed
 * neuron (by default of the last hidden layer; with BN before the activation: zHat), taken before the update.
 * The run is any {@link RunConfig}, so every preset runs headless too.
 */
public final class TwinExperiment {
    public static final String HEADER = "step,model,train_loss,train_accuracy,learning_rate,val_loss,val_accuracy,p15,p50,p85";

    /** Told about progress now and then. */
    public interface Progress { void update(long step, long total, TwinRun run); }

    private final RunConfig config;
    private final Dataset.Split data;
    private final int layer, neuron;
    private final int evalEvery;

    /** The paper's Figure 1 ({@link Presets#FIGURE1}) with another seed, on the given data. */
    public static TwinExperiment figure1(long seed, Dataset.Split data, int neuron, int evalEvery) {
        return new TwinExperiment(Presets.FIGURE1.run().with("seed", seed), data, Figure1.HIDDEN.length - 1, neuron, evalEvery);
    }

    /**
     * @param layer  the hidden layer of the tracked neuron, from 0
     * @param neuron the tracked neuron, from 0
     */
    public TwinExperiment(RunConfig config, Dataset.Split data, int layer, int neuron, int evalEvery) {
        int[] widths = config.layers();
        if (layer < 0 || layer >= widths.length)
            throw new IllegalArgumentException("layer must be between 0 and " + (widths.length - 1));
        if (neuron < 0 || neuron >= widths[layer])
            throw new IllegalArgumentException("neuron must be between 0 and " + (widths[layer] - 1));
        if (evalEvery < 1) throw new IllegalArgumentException("evalEvery must be at least 1");
        this.config = config;
        this.data = data;
        this.layer = layer;
        this.neuron = neuron;
        this.evalEvery = evalEvery;
    }

    /** Trains both networks for {@code steps} steps, writing rows as it goes (rate changes of the plan included), on this thread only. */
    public void run(long steps, Writer out, Progress progress) throws IOException {
        run(steps, out, progress, null);
    }

    /**
     * Steps per chunk: the two networks run a chunk each, independently, then their rows are merged. One
     * meeting per chunk, not per step: on a busy machine a network's thread is sometimes taken off its core
     * for milliseconds, and meeting every step made the other wait each time (a run of 50,000 steps took
     * 1.7x as long as on one thread when the host was loaded).
     */
    static final int CHUNK = 100;

    /**
     * Trains both networks for {@code steps} steps, writing rows as it goes (a chunk of {@value #CHUNK} steps at
     * a time). With a helper executor the plain network trains (and makes its rows, validation included) on the
     * helper while the BN network trains on the caller, where that measured faster (see {@link PairRunner}). The plain network then draws its batches from its own
     * sampler with the twin's seed, which gives the very same batches, so the CSV is byte for byte the same.
     *
     * @param helper where the plain network may run, or null
     */
    public void run(long steps, Writer out, Progress progress, Executor helper) throws IOException {
        TwinRun run = config.twin(data.train());
        Dataset train = data.train();
        Lane bn = new Lane("bn", run.bn(), run.sampler(), run.batch(), config.bnNetRateFactor());
        Lane plain = new Lane("plain", run.plain(), new BatchSampler(train, config.batchSize(), config.seed()),
                new Batch(train, config.batchSize()), 1);
        out.write(HEADER);
        out.write('\n');
        // chunks of 60 ms or so: probe 3 serially and 3 helped, keep the faster for 30 (PairRunner)
        PairRunner pair = new PairRunner(helper, 3, 30);
        for (long s0 = 1; s0 <= steps; s0 += CHUNK) {
            long s1 = Math.min(steps, s0 + CHUNK - 1);
            plain.prepare(s0, s1, steps);
            bn.prepare(s0, s1, steps);
            pair.run(bn, plain);
            for (int i = 0; i < plain.rows.size(); i++) {
                out.write(plain.rows.get(i));
                out.write(bn.rows.get(i));
                if (progress != null) progress.update(s0 + i, steps, run);
            }
        }
        out.flush();
    }

    /** One network's part of a chunk: per step, draw the batch, train, make its CSV row. */
    private final class Lane implements Runnable {
        final String model;
        final Trainer trainer;
        final BatchSampler sampler;
        final Batch batch;
        final float[] column = new float[config.batchSize()];
        final List<String> rows = new ArrayList<>(CHUNK);
        final StringBuilder row = new StringBuilder(160);
        final List<RateChange> plan = config.rateChanges();
        final double rateFactor; // this network's rate over the plain one's, for the plan's changes
        int next;                // the first change of the plan not yet made
        long from, to, last;

        Lane(String model, Trainer trainer, BatchSampler sampler, Batch batch, double rateFactor) {
            this.model = model;
            this.trainer = trainer;
            this.sampler = sampler;
            this.batch = batch;
            this.rateFactor = rateFactor;
        }

        void prepare(long from, long to, long last) {
            this.from = from;
            this.to = to;
            this.last = last;
        }

        @Override
        public void run() {
            rows.clear();
            for (long s = from; s <= to; s++) {
                while (next < plan.size() && plan.get(next).after() == s - 1)
                    trainer.setBaseLearningRate(plan.get(next++).rate() * rateFactor);
                sampler.next(batch);
                trainer.train(batch);
                row.setLength(0);
                row(row, s, model, trainer, s % evalEvery == 0 || s == last, layer, column);
                rows.add(row.toString());
            }
        }
    }

    private void row(StringBuilder b, long step, String model, Trainer t, boolean eval, int layer, float[] column) {
        Network net = t.network();
        int m = net.activationInput(layer, neuron, column);
        float[] values = m == column.length ? column : java.util.Arrays.copyOf(column, m);
        double[] p = Stats.percentiles(values, Stats.PAPER);
        b.append(step).append(',').append(model).append(',').append(num(t.lastLoss())).append(',')
                .append(num(t.lastAccuracy())).append(',').append(num(t.lastStats().learningRate())).append(',');
        if (eval && !t.diverged()) {
            Evaluation e = Evaluation.of(net, data.validation());
            b.append(num(e.loss())).append(',').append(num(e.accuracy()));
        } else {
            b.append(',');
        }
        for (double v : p) b.append(',').append(num(v));
        b.append('\n');
    }

    private static String num(double v) {
        if (Double.isNaN(v)) return "NaN";
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
