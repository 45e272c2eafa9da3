package bnlab.experiments.live;

import bnlab.engine.Network;
import bnlab.engine.Stats;
import bnlab.engine.Trainer;
import java.util.Arrays;

/**
 * Follows one network of a live run step by step: its loss, accuracy and the percentiles of the
 * watched neuron's input over each mini-batch, into a {@link SeriesSummarizer}; and whether it diverged or blew
 * up ({@link BlowUpCheck}). Allocates nothing per step: the batch column is copied into a reusable buffer and
 * sorted there.
 */
final class NetworkTrace {
    private final String name;
    private final Trainer trainer;
    private final double[] ps;          // percentiles to take, 0..100
    private final float[] p;            // (percentiles) of the current step
    private float[] sorted;             // (batch) watched neuron's inputs of the last recorded step, sorted
    private int m;                      // valid entries in sorted; 0 = none to show
    private long valuesStep;
    private final SeriesSummarizer series;
    private final int maxBuckets;
    private SeriesSummarizer[] also = new SeriesSummarizer[0]; // one per further watched neuron
    private float[] scratch = new float[0];                    // (batch) a further neuron's inputs, sorted
    private final float[] alsoP;                               // (percentiles) of the current step
    private Frame.Divergence divergence;     // null while it is healthy; see Frame.Divergence
    private BlowUpCheck check;
    private final java.util.List<Frame.Point> measured = new java.util.ArrayList<>(); // since the last cut

    /** @param check whether it blew up, fed by this trace */
    NetworkTrace(String name, Trainer trainer, double[] percentiles, int batchSize, int maxBuckets, BlowUpCheck check) {
        this.name = name;
        this.check = check;
        this.trainer = trainer;
        this.ps = percentiles.clone();
        this.p = new float[ps.length];
        this.sorted = new float[batchSize];
        this.series = new SeriesSummarizer(maxBuckets, ps.length);
        this.maxBuckets = maxBuckets;
        this.alsoP = new float[ps.length];
    }

    /** Follows {@code count} further neurons from now on (their steps so far are forgotten). */
    void alsoWatch(int count) {
        also = new SeriesSummarizer[count];
        for (int j = 0; j < count; j++) also[j] = new SeriesSummarizer(maxBuckets, ps.length);
    }

    /**
     * The further neurons' percentile means since the last cut, one (percentiles, buckets) matrix per neuron, in
     * the buckets of {@link #series()} (they record the same steps, so they cut alike); starts afresh.
     */
    java.util.List<float[][]> cutAlso() {
        java.util.List<float[][]> out = new java.util.ArrayList<>(also.length);
        for (SeriesSummarizer s : also) out.add(s.cut().percentiles());
        return out;
    }

    String name() { return name; }
    Trainer trainer() { return trainer; }

    /** Records the run's measure of this network at {@code step}. */
    void measured(long step, double[] values) { measured.add(new Frame.Point(step, values)); }

    /** The measure's points since the last cut, oldest first; starts afresh. */
    java.util.List<Frame.Point> cutMeasured() {
        java.util.List<Frame.Point> out = java.util.List.copyOf(measured);
        measured.clear();
        return out;
    }
    Network network() { return trainer.network(); }
    /** Whether it stopped: its loss was not finite. */
    boolean diverged() { return trainer.diverged(); }
    /** How it diverged or blew up, or null while it is healthy. */
    Frame.Divergence divergence() { return divergence; }

    /**
     * Takes over what {@code original} (the same network before a fork) knew: its divergence, which is not announced
     * again, and the state of its check, which goes on as the original's would.
     */
    void inherit(NetworkTrace original) {
        divergence = original.divergence;
        check = original.check.copy();
    }

    /**
     * Checks a validation measurement of this network ({@link BlowUpCheck#afterValidation}).
     *
     * @return its collapse if it is found now, else null
     */
    Frame.Divergence afterValidation(long step, double accuracy) {
        if (divergence != null) return null;
        divergence = check.afterValidation(step, accuracy, trainer.learningRate());
        return divergence;
    }
    SeriesSummarizer series() { return series; }

    /**
     * Records the step the trainer just took (iteration {@code step}). A network whose loss was not finite at this
     * step gets its {@link Frame.Divergence} and records nothing from then on; one that blew up otherwise
     * ({@link BlowUpCheck}) is marked once and goes on recording.
     *
     * @return the divergence if it was found at this step, else null
     */
    Frame.Divergence afterStep(long step, int layer, int neuron) { return afterStep(step, layer, neuron, NONE); }

    private static final Frame.Watch[] NONE = {};

    /** As {@link #afterStep(long, int, int)}, also recording the percentiles of the further neurons {@code more}. */
    Frame.Divergence afterStep(long step, int layer, int neuron, Frame.Watch[] more) {
        if (divergence != null && divergence.stopped()) return null;
        if (trainer.diverged()) {
            double loss = trainer.lastLoss();
            divergence = new Frame.Divergence(name, step, Frame.Divergence.NON_FINITE, null, null, null,
                    Double.isNaN(loss) ? "NaN" : loss > 0 ? "Infinity" : "-Infinity", trainer.lastLearningRate());
            m = 0;
            return divergence;
        }
        Network net = trainer.network();
        if (sorted.length < net.lastBatchSize()) sorted = new float[net.lastBatchSize()];
        m = net.activationInput(layer, neuron, sorted);
        Arrays.sort(sorted, 0, m);
        percentiles(sorted, m, ps, p);
        valuesStep = step;
        series.record(step, trainer.lastLoss(), trainer.lastAccuracy(), p);
        for (int j = 0; j < more.length && j < also.length; j++) {
            if (scratch.length < net.lastBatchSize()) scratch = new float[net.lastBatchSize()];
            int n = net.activationInput(more[j].layer(), more[j].neuron(), scratch);
            Arrays.sort(scratch, 0, n);
            percentiles(scratch, n, ps, alsoP);
            also[j].record(step, trainer.lastLoss(), trainer.lastAccuracy(), alsoP);
        }
        if (divergence != null) return null; // marked once
        divergence = check.afterStep(step, trainer.lastLoss(), net, trainer.lastLearningRate());
        return divergence;
    }

    /** Forgets the batch values (after a watch change they belong to another neuron). */
    void clearValues() { m = 0; }

    /** Whether there are batch values to show. */
    boolean hasValues() { return m > 0; }

    long valuesStep() { return valuesStep; }

    float minValue() { return firstFinite(true); }
    float maxValue() { return firstFinite(false); }

    private float firstFinite(boolean low) {
        for (int i = 0; i < m; i++) {
            float v = sorted[low ? i : m - 1 - i];
            if (Float.isFinite(v)) return v;
        }
        return Float.NaN;
    }

    /** Counts of the last batch's finite values in bins equal-width on [lo, hi]; hi goes into the last bin. */
    int[] histogram(int bins, double lo, double hi) {
        int[] counts = new int[bins];
        double w = (hi - lo) / bins;
        for (int i = 0; i < m; i++) {
            float v = sorted[i];
            if (!Float.isFinite(v)) continue;
            int b = (int) Math.floor((v - lo) / w);
            counts[Math.max(0, Math.min(bins - 1, b))]++;
        }
        return counts;
    }

    /** Percentiles of sorted[0..m), by {@link Stats#percentileOfSorted}'s rule (numpy's default). */
    static void percentiles(float[] sorted, int m, double[] ps, float[] out) {
        for (int k = 0; k < ps.length; k++) out[k] = (float) Stats.percentileOfSorted(sorted, m, ps[k]);
    }
}
