package bnlab.experiments;

import bnlab.engine.Evaluation;
import bnlab.engine.Network;
import bnlab.engine.NetworkSpec;
import bnlab.engine.Stats;
import bnlab.engine.TrainSpec;
import bnlab.engine.Trainer;
import bnlab.engine.TwinRun;
import bnlab.engine.Dataset;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import java.util.concurrent.Executor;

/**
 * A headless twin run written as CSV, one row per step and model:
 * <pre>
 *   step,model,train_loss,train_accuracy,learning_rate,val_loss,val_accuracy,p15,p50,p85
 * </pre>
 * model is "plain" or "bn"; val_* are filled every {@code evalEvery} steps and at the last step,
 * empty elsewhere; p15/p50/p85 are percentiles over the current mini-batch of the input to one fixed
 * neuron of the last hidden layer (with BN before the activation: zHat), taken before the update.
 */
public final class TwinExperiment {
    public static final String HEADER = "step,model,train_loss,train_accuracy,learning_rate,val_loss,val_accuracy,p15,p50,p85";

    /** Told about progress now and then. */
    public interface Progress { void update(long step, long total, TwinRun run); }

    private final NetworkSpec spec;
    private final TrainSpec training;
    private final Dataset.Split data;
    private final int neuron;
    private final int evalEvery;

    public TwinExperiment(NetworkSpec spec, TrainSpec training, Dataset.Split data, int neuron, int evalEvery) {
        if (neuron < 0 || neuron >= spec.hidden()[spec.hidden().length - 1])
            throw new IllegalArgumentException("neuron must be between 0 and " + (spec.hidden()[spec.hidden().length - 1] - 1));
        if (evalEvery < 1) throw new IllegalArgumentException("evalEvery must be at least 1");
        this.spec = spec;
        this.training = training;
        this.data = data;
        this.neuron = neuron;
        this.evalEvery = evalEvery;
    }

    /** Trains both networks for {@code steps} steps, writing rows as it goes, on this thread only. */
    public void run(long steps, Writer out, Progress progress) throws IOException {
        run(steps, out, progress, null);
    }

    /**
     * Trains both networks for {@code steps} steps, writing rows as it goes. With a helper executor the
     * two networks train (and make their rows, validation included) at the same time on two threads, see
     * {@link PairRunner}; the CSV is byte for byte the same.
     *
     * @param helper where the second network may run, or null
     */
    public void run(long steps, Writer out, Progress progress, Executor helper) throws IOException {
        TwinRun run = new TwinRun(spec, training, data.train());
        PairRunner pair = new PairRunner(helper);
        Lane plain = new Lane("plain", run, run.plain()), bn = new Lane("bn", run, run.bn());
        out.write(HEADER);
        out.write('\n');
        for (long s = 1; s <= steps; s++) {
            run.nextBatch();
            boolean eval = s % evalEvery == 0 || s == steps;
            plain.prepare(s, eval);
            bn.prepare(s, eval);
            pair.run(bn, plain);
            out.append(plain.row);
            out.append(bn.row);
            if (progress != null) progress.update(s, steps, run);
        }
        out.flush();
    }

    /** One network's part of a step: train on the shared batch, then make its CSV row. */
    private final class Lane implements Runnable {
        final String model;
        final TwinRun run;
        final Trainer trainer;
        final float[] column = new float[training.batchSize()];
        final StringBuilder row = new StringBuilder(160);
        long step;
        boolean eval;

        Lane(String model, TwinRun run, Trainer trainer) {
            this.model = model;
            this.run = run;
            this.trainer = trainer;
        }

        void prepare(long step, boolean eval) {
            this.step = step;
            this.eval = eval;
        }

        @Override
        public void run() {
            trainer.train(run.batch());
            row.setLength(0);
            row(row, step, model, trainer, eval, spec.hidden().length - 1, column);
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
