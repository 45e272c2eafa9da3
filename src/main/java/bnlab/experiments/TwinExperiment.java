package bnlab.experiments;

import bnlab.engine.Evaluation;
import bnlab.engine.Network;
import bnlab.engine.Stats;
import bnlab.engine.Trainer;
import bnlab.engine.TwinRun;
import bnlab.engine.Dataset;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

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

    /** Trains both networks for {@code steps} steps, writing rows as it goes (rate changes of the plan included). */
    public void run(long steps, Writer out, Progress progress) throws IOException {
        TwinRun run = config.twin(data.train());
        java.util.List<RateChange> plan = config.rateChanges();
        int next = 0;
        int last = layer;
        float[] column = new float[config.batchSize()];
        out.write(HEADER);
        out.write('\n');
        for (long s = 1; s <= steps; s++) {
            while (next < plan.size() && plan.get(next).after() == s - 1) {
                double rate = plan.get(next++).rate();
                run.setBaseLearningRates(rate, rate * config.bnNetRateFactor());
            }
            run.step();
            boolean eval = s % evalEvery == 0 || s == steps;
            row(out, s, "plain", run.plain(), eval, last, column);
            row(out, s, "bn", run.bn(), eval, last, column);
            if (progress != null) progress.update(s, steps, run);
        }
        out.flush();
    }

    private void row(Writer out, long step, String model, Trainer t, boolean eval, int layer, float[] column)
            throws IOException {
        Network net = t.network();
        int m = net.activationInput(layer, neuron, column);
        float[] values = m == column.length ? column : java.util.Arrays.copyOf(column, m);
        double[] p = Stats.percentiles(values, Stats.PAPER);
        StringBuilder b = new StringBuilder(160);
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
        out.write(b.toString());
    }

    private static String num(double v) {
        if (Double.isNaN(v)) return "NaN";
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
