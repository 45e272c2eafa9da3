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

    /** Trains both networks for {@code steps} steps, writing rows as it goes. */
    public void run(long steps, Writer out, Progress progress) throws IOException {
        TwinRun run = new TwinRun(spec, training, data.train());
        int last = spec.hidden().length - 1;
        float[] column = new float[training.batchSize()];
        out.write(HEADER);
        out.write('\n');
        for (long s = 1; s <= steps; s++) {
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
