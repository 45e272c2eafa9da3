package bnlab.experiments;

import bnlab.engine.Dataset;
import bnlab.engine.Evaluation;
import bnlab.engine.Network;
import bnlab.engine.Stats;
import bnlab.engine.Trainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@link VariantPreset} run headless: per batch size a {@link VariantRun}, one {@link Row} per step and
 * variant, written as CSV. The columns shared by every preset:
 * <pre>
 *   step,model,batch_size,train_loss,train_accuracy,val_loss,val_accuracy
 * </pre>
 * then those of its measure (L = number of hidden layers, layers counted from 1):
 * <pre>
 *   INPUTS          p15,p50,p85,mean_shift_1..L,std_shift_1..L    every step
 *   GRADIENT_SHIFT  g_diff_1..L,g_cos_1..L                         every {@code every} steps
 *   LANDSCAPE       loss_range,predictiveness,beta_smoothness,loss_min,loss_max,change_min   every {@code every} steps
 * </pre>
 * train_* are those of the step's batch before its update; val_* are filled every {@code every} steps and at the
 * last (at a smaller batch size every proportionally more steps, see {@link VariantPreset#steps}), empty elsewhere, and so are the measures taken at points. For INPUTS, the layers' inputs are looked at
 * on a fixed probe set (the first {@value #PROBE} training examples, or all if fewer), after each step's update,
 * in training mode, on a copy of the network (so the run's noise and running statistics stay untouched): with
 * mu_tj and sigma_tj the mean and standard deviation over the probe set of neuron j's activation input (what
 * the nonlinearity sees: with noisy BN before it, the noisy values; with BN zHat),
 * {@code mean_shift_l = mean_j |mu_tj - mu_(t-1)j|} and {@code std_shift_l = mean_j |sigma_tj - sigma_(t-1)j|}
 * (empty at step 1): how far the distribution of the layer's inputs moved in one step of training, without the
 * jitter of drawing another batch; p15/p50/p85 are percentiles over the probe set of the first neuron of the
 * last hidden layer.
 * The gradient shift and the landscape are measured at the step's weights on its batch, before its update, with
 * the rate of that step, through a {@link NetworkObjective} (which leaves the network as it was).
 */
public final class VariantExperiment {
    /** Examples in the probe set of {@link VariantPreset.Measure#INPUTS}. */
    public static final int PROBE = 100;

    private static final String COMMON = "step,model,batch_size,train_loss,train_accuracy,val_loss,val_accuracy";

    /**
     * One step of one variant. NaN where nothing was measured (a CSV writes it empty).
     *
     * @param measures the measure's columns, as the header names them
     */
    public record Row(long step, String model, int batchSize, double trainLoss, double trainAccuracy,
                      double valLoss, double valAccuracy, double[] measures) {}

    private final VariantPreset preset;
    private final Dataset.Split data;
    private final int layers;

    public VariantExperiment(VariantPreset preset, Dataset.Split data) {
        this.preset = preset;
        this.data = data;
        this.layers = preset.run().layers().length;
    }

    /** The CSV header of this preset. */
    public String header() {
        StringBuilder b = new StringBuilder(COMMON);
        switch (preset.measure()) {
            case INPUTS -> {
                b.append(",p15,p50,p85");
                for (int l = 1; l <= layers; l++) b.append(",mean_shift_").append(l);
                for (int l = 1; l <= layers; l++) b.append(",std_shift_").append(l);
            }
            case GRADIENT_SHIFT -> {
                for (int l = 1; l <= layers; l++) b.append(",g_diff_").append(l);
                for (int l = 1; l <= layers; l++) b.append(",g_cos_").append(l);
            }
            case LANDSCAPE -> b.append(",loss_range,predictiveness,beta_smoothness,loss_min,loss_max,change_min");
            case VALIDATION -> { }
        }
        return b.toString();
    }

    /** Writes the header and every row as CSV. */
    public void run(long steps, Writer out) throws IOException {
        out.write(header());
        out.write('\n');
        StringBuilder b = new StringBuilder(200);
        try {
            run(steps, row -> {
                b.setLength(0);
                b.append(row.step()).append(',').append(row.model()).append(',').append(row.batchSize());
                for (double v : new double[]{row.trainLoss(), row.trainAccuracy(), row.valLoss(), row.valAccuracy()})
                    b.append(',').append(num(v));
                for (double v : row.measures()) b.append(',').append(num(v));
                b.append('\n');
                try {
                    out.write(b.toString());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.flush();
    }

    /**
     * Trains every batch size's run, one after the other, handing on every row: {@code steps} steps at the first
     * batch size, as many as see the same number of examples at the others ({@link VariantPreset#steps}).
     */
    public void run(long steps, Consumer<Row> rows) {
        for (int batchSize : preset.batchSizes())
            run(batchSize, preset.steps(batchSize, steps), Math.max(1, (int) preset.steps(batchSize, preset.every())), rows);
    }

    private void run(int batchSize, long steps, int every, Consumer<Row> rows) {
        VariantRun run = new VariantRun(preset.variants(batchSize, data.train()), data.train());
        int n = run.size();
        int[] widths = preset.run().layers();
        double[][][] last = new double[n][][]; // per variant: (2 * layers) previous mu and sigma of each neuron
        int probeSize = Math.min(PROBE, data.train().size());
        bnlab.engine.Batch probe = new bnlab.engine.Batch(data.train(), probeSize);
        probe.gatherRange(0, probeSize);
        float[] column = new float[probeSize];
        boolean classification = data.train().isClassification();
        for (long s = 1; s <= steps; s++) {
            boolean point = s % every == 0 || s == steps;
            run.nextBatch();
            double[][] before = new double[n][];
            if (point && preset.measure() != VariantPreset.Measure.INPUTS && preset.measure() != VariantPreset.Measure.VALIDATION)
                for (int i = 0; i < n; i++) before[i] = measureBefore(run.trainer(i), run, classification);
            run.train();
            for (int i = 0; i < n; i++) {
                Trainer t = run.trainer(i);
                Network net = t.network();
                double[] m = switch (preset.measure()) { // before the validation, which passes other batches
                    case INPUTS -> inputs(net, probe, widths, column, last, i, t.diverged());
                    case GRADIENT_SHIFT -> before[i] != null ? before[i] : nan(2 * layers);
                    case LANDSCAPE -> before[i] != null ? before[i] : nan(6);
                    case VALIDATION -> new double[0];
                };
                Evaluation e = point && !t.diverged() ? Evaluation.of(net, data.validation()) : null;
                rows.accept(new Row(s, run.variants().get(i).name(), batchSize, t.lastLoss(), t.lastAccuracy(),
                        e == null ? Double.NaN : e.loss(), e == null ? Double.NaN : e.accuracy(), m));
            }
        }
    }

    /** The gradient shift or the landscape of one network at its weights now, on the run's current batch. */
    private double[] measureBefore(Trainer t, VariantRun run, boolean classification) {
        if (t.diverged()) return null;
        return (preset.measure() == VariantPreset.Measure.LANDSCAPE ? Measure.LANDSCAPE : Measure.GRADIENT_SHIFT)
                .take(t, run.batch(), classification);
    }

    /** p15, p50, p85 of the watched neuron, then each layer's mean shift, then its std shift, for INPUTS. */
    private double[] inputs(Network trained, bnlab.engine.Batch probe, int[] widths, float[] column, double[][][] last,
                            int i, boolean diverged) {
        double[] out = nan(3 + 2 * layers);
        if (diverged) return out;
        Network net = trained.copy();
        net.forward(probe.x(), probe.size(), true);
        int m = net.activationInput(layers - 1, 0, column);
        double[] p = Stats.percentiles(m == column.length ? column : java.util.Arrays.copyOf(column, m), Stats.PAPER);
        System.arraycopy(p, 0, out, 0, 3);
        boolean first = last[i] == null;
        if (first) last[i] = new double[2 * layers][];
        for (int l = 0; l < layers; l++) {
            int w = widths[l];
            double[] mu = new double[w], sigma = new double[w];
            for (int j = 0; j < w; j++) {
                net.activationInput(l, j, column);
                double sum = 0, sq = 0;
                for (int k = 0; k < m; k++) sum += column[k];
                double mean = sum / m;
                for (int k = 0; k < m; k++) sq += (column[k] - mean) * (column[k] - mean);
                mu[j] = mean;
                sigma[j] = Math.sqrt(sq / m);
            }
            if (!first) {
                double dMu = 0, dSigma = 0;
                for (int j = 0; j < w; j++) {
                    dMu += Math.abs(mu[j] - last[i][2 * l][j]);
                    dSigma += Math.abs(sigma[j] - last[i][2 * l + 1][j]);
                }
                out[3 + l] = dMu / w;
                out[3 + layers + l] = dSigma / w;
            }
            last[i][2 * l] = mu;
            last[i][2 * l + 1] = sigma;
        }
        return out;
    }

    private static double[] nan(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, Double.NaN);
        return a;
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : General6.format(v);
    }
}
