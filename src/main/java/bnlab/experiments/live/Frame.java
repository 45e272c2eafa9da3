package bnlab.experiments.live;

/**
 * What the charts receive about a live run at one moment: the steps since the previous frame (summarized,
 * see {@link SeriesSummarizer}), the current batch's histogram of the watched neuron, and, now and then,
 * validation numbers, a decision boundary and the run's measure. Plain records: the web layer serializes them.
 * Fields that were not computed for this frame are null. A run compares two or more networks, by name
 * ({@link bnlab.experiments.VariantKind}: the lecture's twin is "plain" and "bn"); every map here lists them in
 * the run's order.
 *
 * @param frame            sequence number of the frame in this run, from 0
 * @param step             iterations done (one iteration = one mini-batch step of every network)
 * @param epoch            passes over the training set so far, counting the current one from 0
 * @param learningRate     the rate the next step uses (base rate times the schedule's multiplier) of the last
 *                         network in the run's order that still trains (each network's own is in
 *                         {@link Net#learningRate})
 * @param baseLearningRate the first network's base rate (what the learning-rate control sets)
 * @param watch            the neuron whose activation input {@code series.percentiles} and {@code histogram} show
 * @param nets             each network's part, by name, in the run's order
 * @param histogram        the networks' watched-neuron inputs over the last mini-batch, on one common range;
 *                         null before the first step and after a watch change until the next step
 * @param boundary         decision boundaries for 2-D data, every few frames; else null
 * @param also             further watched neurons (at most {@link LiveRun#MAX_ALSO}) whose percentile means each
 *                         network's {@link Net#also} carries, in this order; null when none
 */
public record Frame(long frame, long step, long epoch, double learningRate, double baseLearningRate, Watch watch,
                    java.util.Map<String, Net> nets, Histogram histogram, Boundary boundary, java.util.List<Watch> also) {

    /** The names of the lecture's twin as they appear on the wire. */
    public static final String PLAIN = "plain", BN = "bn";

    /** The part of the network of that name, or null when the run has none such. */
    public Net net(String name) { return nets.get(name); }

    /**
     * A hidden neuron whose activation input is watched: x = W u + b without BN, zHat with BN before the
     * activation (with BN after the activation: W u + b, the input of the nonlinearity).
     *
     * @param layer  0-based hidden layer
     * @param neuron 0-based neuron in that layer
     */
    public record Watch(int layer, int neuron) {}

    /**
     * One network's part of a frame.
     *
     * @param series     its steps since the previous frame (empty when it did not train, e.g. paused or diverged)
     * @param validation loss and accuracy on the validation set, in inference mode; null unless computed now
     * @param diverged   when and how it diverged, or null while it trains
     * @param learningRate the rate its next step uses (each network may have its own)
     * @param also       per further watched neuron ({@link Frame#also}), the (percentiles, buckets) means of its input
     *                   in the buckets of {@code series}; null when none
     * @param measure    the run's measure taken since the previous frame, oldest first; null when none was taken
     */
    public record Net(Series series, Validation validation, Divergence diverged, double learningRate,
                      java.util.List<float[][]> also, java.util.List<Point> measure) {
        public Net(Series series, Validation validation, Divergence diverged, double learningRate) {
            this(series, validation, diverged, learningRate, null, null);
        }
    }

    /**
     * The run's {@link bnlab.experiments.Measure} of one network at one step.
     *
     * @param step   the iteration whose weights and batch were measured (before its update)
     * @param values in the order {@link bnlab.experiments.Measure#columns} names them; NaN (null) where undefined
     */
    public record Point(long step, double[] values) {}

    /**
     * Consecutive buckets of steps, column-wise: bucket b covers steps {@code first[b]..last[b]}, both
     * included. Every step since the previous frame is in exactly one bucket. {@code percentiles[j][b]}
     * is the mean over bucket b of the j-th percentile (see {@link LiveRun#PERCENTILES}) of the watched
     * neuron's input over each step's mini-batch, taken before that step's update.
     *
     * @param first          (buckets) first step of each bucket
     * @param last           (buckets) last step of each bucket
     * @param loss           (buckets) mean training loss (mini-batch loss before the update)
     * @param accuracy       (buckets) mean training accuracy on the mini-batch, NaN (null) for regression
     * @param percentiles    (percentiles, buckets) means
     * @param percentilesMin (percentiles, buckets) minimum over the bucket's steps; null when every bucket is one step
     * @param percentilesMax (percentiles, buckets) maximum likewise
     */
    public record Series(long[] first, long[] last, float[] loss, float[] accuracy, float[][] percentiles,
                         float[][] percentilesMin, float[][] percentilesMax) {}

    /**
     * @param step     iterations done when it was measured
     * @param loss     mean loss over the validation set
     * @param accuracy fraction correct, NaN for regression
     */
    public record Validation(long step, double loss, double accuracy) {}

    /**
     * A network that blew up, marked once (see {@link BlowUpCheck} for the bounds and why they were chosen), or
     * whose loss became NaN or infinite. A {@link #NON_FINITE} network stops there (its last update was skipped)
     * while the others train on; one of the other kinds keeps training, marked: its numbers mean nothing any more.
     * A network marked otherwise that later becomes non-finite is marked again, as {@link #NON_FINITE}.
     *
     * @param network      its name, e.g. "plain" or "bn"
     * @param step         the iteration at which it was found
     * @param kind         {@link #NON_FINITE}, {@link #EXPLODED}, {@link #WORSE_THAN_GUESSING} or {@link #COLLAPSED}
     * @param value        what tripped it: the neuron input of the largest magnitude (exploded), the mean training
     *                     loss of the block (worseThanGuessing), the validation accuracy (collapsed); null for
     *                     nonFinite
     * @param limit        the bound it crossed: the input bound, the loss bound, the accuracy of chance; null for
     *                     nonFinite
     * @param best         collapsed only: the best validation accuracy it had reached before; else null
     * @param loss         nonFinite only: "NaN" or "Infinity" as text (JSON has no such numbers); else null
     * @param learningRate the rate of that step (collapsed: the rate of the next one)
     */
    public record Divergence(String network, long step, String kind, Double value, Double limit, Double best, String loss,
                             double learningRate) {
        /** The kinds, as on the wire. */
        public static final String NON_FINITE = "nonFinite", EXPLODED = "exploded", WORSE_THAN_GUESSING = "worseThanGuessing",
                COLLAPSED = "collapsed";

        /** Whether the network stopped (its loss was not finite); the other kinds train on. */
        public boolean stopped() { return NON_FINITE.equals(kind) || kind == null; }
    }

    /**
     * Counts of the watched neuron's inputs over the last mini-batch in equal bins on a range common to
     * all networks: bin i covers [lo + i w, lo + (i+1) w), w = (hi - lo) / bins, the last bin includes hi.
     *
     * @param step   the iteration whose mini-batch is shown
     * @param counts (bins) counts per network, in the run's order; a network that has diverged is left out
     */
    public record Histogram(long step, double lo, double hi, java.util.Map<String, int[]> counts) {
        /** The counts of the network of that name, or null. */
        public int[] counts(String name) { return counts.get(name); }
    }

    /**
     * The networks' outputs on a size x size grid over the data's bounding box (padded by 5 %), in
     * inference mode. Cell (r, c) is at x = xMin + (c + 0.5) (xMax - xMin) / size, y = yMin + (r + 0.5)
     * (yMax - yMin) / size; row 0 is the lowest y.
     *
     * @param step  iterations done when it was computed
     * @param value what a cell holds: "probability" (of class 1, two classes), "class" (the predicted class,
     *              more classes) or "output" (regression output 0)
     * @param cells (size * size) row-major per network, in the run's order; a network that has diverged is left out
     */
    public record Boundary(long step, int size, double xMin, double xMax, double yMin, double yMax, String value,
                           java.util.Map<String, float[]> cells) {
        /** The cells of the network of that name, or null. */
        public float[] cells(String name) { return cells.get(name); }
    }
}
