package bnlab.experiments;

import bnlab.engine.Dataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * A preset run headless, {@code experiment --preset KEY}: its networks ({@link RunConfig#variants}) trained in
 * lockstep from the same initial weights on the same batches, once per batch size of the preset, written as CSV
 * with one row per step and network, in one layout for every preset:
 * <pre>
 *   step,model,batch_size,train_loss,train_accuracy,learning_rate,val_loss,val_accuracy,p15,p50,p85[,measure columns]
 * </pre>
 * train_* and learning_rate are those of the step's batch, before its update; val_* are filled at the points (every
 * {@link Preset#every} steps and at the last) and empty elsewhere; p15/p50/p85 are percentiles over the step's batch
 * of the watched neuron's activation input (with BN before the activation: zHat), before the update. Then the columns
 * of the preset's {@link Measure}, named by {@link Measure#columns}: the gradient shift and the landscape at the
 * points, the input shift at every step (empty where not taken or for a diverged network). At a smaller batch size a
 * run takes as many steps as see the same number of examples ({@link Preset#steps}), its points proportionally more
 * apart.
 *
 * <p>With a helper executor the networks train on two threads, in two lanes as the lab splits a step ({@link Lanes}:
 * the networks at odd places in the run's order on the caller, those at even places on the helper, through the lab's
 * {@link PairRunner}); each lane draws its batches from a sampler of its own with the run's seed (the very same
 * batches) and trains a chunk of steps with its validations, and the lanes meet once a chunk. The CSV is byte for byte
 * the one of a run on one thread.
 */
public final class Experiment {
    /** The columns of every preset, before its measure's. */
    public static final String SHARED = "step,model,batch_size,train_loss,train_accuracy,learning_rate,val_loss,val_accuracy,p15,p50,p85";

    /** Told about progress now and then: steps written of all batch sizes' steps. */
    public interface Progress { void update(long step, long total); }

    /**
     * One step of one network, as the CSV row says it. NaN where nothing was measured (the CSV writes it empty).
     *
     * @param percentiles p15, p50, p85 of the watched neuron over the step's batch
     * @param measures    the measure's values, in the order of {@link Measure#columns}
     */
    public record Row(long step, String model, int batchSize, double trainLoss, double trainAccuracy, double learningRate,
                      double valLoss, double valAccuracy, double[] percentiles, double[] measures) {}

    private final Preset preset;
    private final Dataset.Split data;
    private final Measure measure;
    private final int layers;

    /** The preset's run (its seed, watched neuron and points as the preset says) on the given data. */
    public Experiment(Preset preset, Dataset.Split data) {
        this.preset = preset;
        this.data = data;
        this.measure = preset.measure();
        this.layers = preset.run().layers().length;
    }

    /** The measure's columns. */
    public List<String> measureColumns() { return measure.columns(layers); }

    /** The CSV header. */
    public String header() {
        StringBuilder b = new StringBuilder(SHARED);
        for (String c : measureColumns()) b.append(',').append(c);
        return b.toString();
    }

    /** Steps of all batch sizes together, for {@code steps} at the first. */
    public long totalSteps(long steps) {
        long n = 0;
        for (int b : preset.batchSizes()) n += preset.steps(b, steps);
        return n;
    }

    /** Writes the header and every row as CSV; the networks on two threads if {@code helper} is given (or null). */
    public void run(long steps, Writer out, Progress progress, Executor helper) throws IOException {
        out.write(header());
        out.write('\n');
        char[] line = new char[40 + 8 * (12 + measureColumns().size()) * (1 + General6.MAX_LENGTH)];
        try {
            run(steps, row -> {
                try {
                    out.write(line, 0, csv(row, line));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, progress, helper);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.flush();
    }

    /**
     * Trains every batch size's run, one after the other, handing on every row in order (step, then the networks in
     * the run's order): {@code steps} steps at the first batch size, as many as see the same number of examples at
     * the others.
     */
    public void run(long steps, Consumer<Row> rows, Progress progress, Executor helper) {
        long total = totalSteps(steps), before = 0;
        for (int batchSize : preset.batchSizes()) {
            long n = preset.steps(batchSize, steps);
            long offset = before;
            Progress p = progress == null ? null : (s, t) -> progress.update(offset + s, total);
            new Lanes(preset, data, batchSize, n, Math.max(1, (int) preset.steps(batchSize, preset.every(steps))), rows, p).run(helper);
            before += n;
        }
    }

    /** A row as CSV text into {@code c} (numbers as {@code %.6g}, NaN empty where nothing was measured); its length. */
    private static int csv(Row r, char[] c) {
        int o = General6.copy(Long.toString(r.step()), c, 0);
        c[o++] = ',';
        o = General6.copy(r.model(), c, o);
        c[o++] = ',';
        o = General6.copy(Integer.toString(r.batchSize()), c, o);
        for (double v : new double[] {r.trainLoss(), r.trainAccuracy(), r.learningRate()}) {
            c[o++] = ',';
            o = General6.write(c, o, v);
        }
        for (double v : new double[] {r.valLoss(), r.valAccuracy()}) {
            c[o++] = ',';
            if (!Double.isNaN(v)) o = General6.write(c, o, v);
        }
        for (double v : r.percentiles()) {
            c[o++] = ',';
            o = General6.write(c, o, v);
        }
        for (double v : r.measures()) {
            c[o++] = ',';
            if (!Double.isNaN(v)) o = General6.write(c, o, v);
        }
        c[o++] = '\n';
        return o;
    }
}
