package bnlab.experiments;

import bnlab.data.LectureData;
import bnlab.data.TwoDShape;
import bnlab.engine.Activation;
import bnlab.engine.BnPlacement;
import bnlab.engine.Dataset;
import bnlab.engine.Init;
import bnlab.engine.InvalidConfigException;
import bnlab.engine.NetworkSpec;
import bnlab.engine.Schedule;
import bnlab.engine.TrainSpec;
import bnlab.engine.Variant;
import bnlab.engine.VariantRun;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Everything that defines a run, and the one description of it: the data set, the network, the training,
 * the plan of learning-rate changes, the uploaded file, and the BN network's own settings. Its components,
 * in this order, are the run's properties ({@link RunFields}): from them come its one URL encoding
 * ({@link RunFields#toQuery}), its one JSON form (the web layer writes {@link RunFields#values}) and the lab
 * page's list of properties. A copied link, a preset, a CSV from {@code experiment} and a classroom broadcast
 * all name a run this way. Validated on construction: an impossible value is refused with an
 * {@link InvalidConfigException} naming the field and its allowed range.
 *
 * <p>The twin's two networks share everything except what the last six components give the network with
 * BN for itself (the paper's Sec. 4.2.1: a higher rate, a faster decay, no dropout, less L2); left out
 * (null), a setting is the same for both.
 *
 * @param dataset            lecture, circle, xor, gauss, spiral, fashion-mnist or csv
 * @param upload             the id of the uploaded CSV that "csv" trains on; null for the other data sets
 * @param points             examples generated for the synthetic sets, 10..100,000
 * @param noise              noise of the synthetic sets, [0, 0.5]
 * @param validationFraction part held out for validation, [0.05, 0.9]
 * @param layers             hidden widths, 1..10 layers of 1..4,096
 * @param activation         sigmoid, tanh, relu, linear
 * @param bn                 where the normalized networks normalize: before or after the activation
 * @param nets               the networks this run compares, 2 to {@value VariantKind#MAX} distinct ones in
 *                           the order they are drawn ({@link VariantKind}); left out (null), the lecture's twin,
 *                           plain and bn, which the JSON form names like any other list (a URL leaves it out)
 * @param init               gaussian, xavier, he
 * @param initStd            std for gaussian init, (0, 10]
 * @param learningRate       (0, 100], the starting base rate
 * @param rateChanges        learning-rate changes to make at their iterations (as a run whose rate was changed
 *                           by hand recorded them), at most {@value RateChange#MAX}; empty for none
 * @param schedule           constant, step, exponential
 * @param decayEvery         steps per decay period, 1..10,000,000
 * @param decayFactor        multiplier per period, (0, 1]
 * @param momentum           [0, 0.999]
 * @param batchSize          2..10,000
 * @param l2                 [0, 1]
 * @param dropout            [0, 0.95]
 * @param bnEpsilon          [0, 1]
 * @param bnMomentum         [0, 1]
 * @param seed               fixes data generation, split, initialization, shuffling and dropout
 * @param bnNetLearningRate  the BN network's own starting rate, or null for {@code learningRate}
 * @param bnNetSchedule      the BN network's own schedule kind, or null for {@code schedule}
 * @param bnNetDecayEvery    the BN network's own decay period, or null for {@code decayEvery}
 * @param bnNetDecayFactor   the BN network's own decay factor, or null for {@code decayFactor}
 * @param bnNetL2            the BN network's own L2, or null for {@code l2}
 * @param bnNetDropout       the BN network's own dropout, or null for {@code dropout}
 * @param measure            what the run measures besides loss, accuracy and the watched neuron, every
 *                           {@value #MEASURE_EVERY} steps ({@link Measure}); null for nothing more
 */
public record RunConfig(String dataset, String upload, int points, double noise, double validationFraction,
                        int[] layers, Activation activation, BnPlacement bn, List<VariantKind> nets, Init init, double initStd,
                        double learningRate, List<RateChange> rateChanges, Schedule.Kind schedule, int decayEvery,
                        double decayFactor, double momentum, int batchSize, double l2, double dropout,
                        double bnEpsilon, double bnMomentum, long seed,
                        Double bnNetLearningRate, Schedule.Kind bnNetSchedule, Integer bnNetDecayEvery,
                        Double bnNetDecayFactor, Double bnNetL2, Double bnNetDropout, Measure measure) {

    public static final String FASHION_MNIST = "fashion-mnist", CSV = "csv";

    /** The allowed data set names. */
    public static List<String> datasets() {
        List<String> names = new ArrayList<>();
        names.add(LectureData.NAME);
        names.addAll(TwoDShape.names());
        names.add(FASHION_MNIST);
        names.add(CSV);
        return names;
    }

    public RunConfig {
        if (dataset == null || !datasets().contains(dataset))
            throw InvalidConfigException.choice("dataset", "data set", dataset, datasets());
        if (!CSV.equals(dataset)) upload = null;
        InvalidConfigException.range(points, 10, 100_000, "points");
        InvalidConfigException.range(noise, 0, 0.5, "noise");
        InvalidConfigException.range(validationFraction, 0.05, 0.9, "validationFraction");
        InvalidConfigException.check(bn != BnPlacement.NONE, "bn", "the twin with BN needs a placement; allowed: before, after",
                InvalidConfigException.Rule.BN_PLACEMENT);
        InvalidConfigException.check(batchSize >= 2, "batchSize", "must be at least 2 with batch normalization, was " + batchSize,
                InvalidConfigException.Rule.BN_BATCH, batchSize);
        layers = layers == null ? null : layers.clone();
        nets = checkNets(nets);
        if (measure == Measure.NONE) measure = null;
        if (measure != null && !measure.live()) throw InvalidConfigException.choice("measure", "measure", measure.key(), Measure.keys());
        rateChanges = RateChange.plan(rateChanges);
        // The engine's own checks, with its messages (fields are not assigned yet: pass the parameters).
        new NetworkSpec(1, layers, 2, activation, bn, init, initStd, dropout, bnEpsilon, bnMomentum);
        schedule(schedule, decayEvery, decayFactor);
        new TrainSpec(learningRate, Schedule.CONSTANT, momentum, batchSize, l2, seed);
        // The BN network's own settings, under their own names.
        if (bnNetLearningRate != null)
            TrainSpec.checkLearningRate(bnNetLearningRate, "bnNetLearningRate");
        if (bnNetDecayEvery != null) InvalidConfigException.range(bnNetDecayEvery, 1, 10_000_000, "bnNetDecayEvery");
        if (bnNetDecayFactor != null) InvalidConfigException.aboveAtMost(bnNetDecayFactor, 0, 1, "bnNetDecayFactor");
        if (bnNetL2 != null) InvalidConfigException.range(bnNetL2, 0, 1, "bnNetL2");
        if (bnNetDropout != null) InvalidConfigException.range(bnNetDropout, 0, 0.95, "bnNetDropout");
    }

    /** The lecture's example: 5-8-3, sigmoid, BN before the activation, batches of 8. */
    public static RunConfig defaults() {
        return new RunConfig(LectureData.NAME, null, LectureData.DEFAULT_SIZE, 0.1, 0.2, new int[]{8}, Activation.SIGMOID,
                BnPlacement.BEFORE_ACTIVATION, null, Init.XAVIER, 0.1, 0.5, List.of(), Schedule.Kind.CONSTANT, 1000, 0.5,
                0, 8, 0, 0, 1e-5, 0.1, 1, null, null, null, null, null, null, null);
    }

    /**
     * This config with some properties set, as name/value pairs: {@code with("dataset", "xor", "layers", new int[]{6})}.
     * Values as {@link RunFields#build} takes them; a null value restores the default.
     */
    public RunConfig with(Object... namesAndValues) {
        return RunFields.with(this, namesAndValues);
    }

    /** The plain network for data with the given width (no BN; the shared dropout). */
    public NetworkSpec plainNetworkSpec(int inputs, int outputs) {
        return new NetworkSpec(inputs, layers, outputs, activation, BnPlacement.NONE, init, initStd, dropout, bnEpsilon, bnMomentum);
    }

    /** The BN network for data with the given width: BN where {@code bn} says, its own dropout if it has one. */
    public NetworkSpec bnNetworkSpec(int inputs, int outputs) {
        return new NetworkSpec(inputs, layers, outputs, activation, bn, init, initStd, or(bnNetDropout, dropout),
                bnEpsilon, bnMomentum);
    }

    /** How the plain network trains. */
    public TrainSpec plainTrainSpec() {
        return new TrainSpec(learningRate, schedule(schedule, decayEvery, decayFactor), momentum, batchSize, l2, seed);
    }

    /** How the BN network trains: the shared settings, where it has none of its own. */
    public TrainSpec bnTrainSpec() {
        return new TrainSpec(or(bnNetLearningRate, learningRate),
                schedule(or(bnNetSchedule, schedule), or(bnNetDecayEvery, decayEvery), or(bnNetDecayFactor, decayFactor)),
                momentum, batchSize, or(bnNetL2, l2), seed);
    }

    /**
     * How the paper's Sec. 4.2.1 would train the BN network, relative to the plain one ({@link VariantKind#BN_PAPER}):
     * {@value VariantKind#PAPER_RATE} times the rate, L2 divided by {@value VariantKind#PAPER_L2}, the decay period
     * divided by {@value VariantKind#PAPER_DECAY} (at least 1 step); its network has no dropout.
     */
    public TrainSpec paperTrainSpec() {
        double rate = TrainSpec.scaledLearningRate(learningRate, VariantKind.PAPER_RATE);
        int every = Math.max(1, (int) Math.round(decayEvery / VariantKind.PAPER_DECAY));
        return new TrainSpec(rate, schedule(schedule, every, decayFactor), momentum, batchSize, l2 / VariantKind.PAPER_L2, seed);
    }

    /** Every this many steps (and at the first) a run with a {@link #measure} takes it. */
    public static final int MEASURE_EVERY = 50;

    /** The networks of this run, for training data of the given shape. */
    public List<Variant> variants(Dataset train) {
        int in = train.features(), out = train.outputWidth();
        return nets.stream().map(k -> k.variant(this, in, out)).toList();
    }

    /** The names of this run's networks, in order, as frames carry them. */
    public List<String> netNames() { return nets.stream().map(VariantKind::key).toList(); }

    /** This run's networks trained in lockstep on training data (checked against it, e.g. the batch size). */
    public VariantRun variantRun(Dataset train) { return new VariantRun(variants(train), train); }

    /** The measure of this run, NONE when it has none. */
    public Measure measureOrNone() { return measure == null ? Measure.NONE : measure; }

    /**
     * This config starting at another rate (a rate set before the first iteration); a BN network with a rate
     * of its own keeps its ratio to it.
     */
    public RunConfig withStartingRate(double rate) {
        return bnNetLearningRate == null ? with("learningRate", rate)
                : with("learningRate", rate, "bnNetLearningRate", rate * bnNetRateFactor());
    }

    /** The BN network's rate as a multiple of the plain one's (1 without a rate of its own). */
    public double bnNetRateFactor() { return bnNetLearningRate == null ? 1 : bnNetLearningRate / learningRate; }

    private static Schedule schedule(Schedule.Kind kind, int every, double factor) {
        InvalidConfigException.present(kind, "schedule", Schedule.Kind.keys());
        return kind == Schedule.Kind.CONSTANT ? Schedule.CONSTANT : new Schedule(kind, every, factor);
    }

    private static List<VariantKind> checkNets(List<VariantKind> nets) {
        if (nets == null) return VariantKind.TWIN;
        InvalidConfigException.check(nets.size() >= 2 && nets.size() <= VariantKind.MAX && nets.stream().noneMatch(java.util.Objects::isNull)
                        && new java.util.HashSet<>(nets).size() == nets.size(), "nets",
                "needs 2 to " + VariantKind.MAX + " different networks of " + String.join(", ", VariantKind.keys()));
        return List.copyOf(nets);
    }

    private static <T> T or(T value, T fallback) { return value == null ? fallback : value; }

    @Override public int[] layers() { return layers.clone(); }

    /** Equal when every property is: the same URL encoding. */
    @Override public boolean equals(Object o) {
        return o instanceof RunConfig r && RunFields.toQuery(this).equals(RunFields.toQuery(r));
    }

    @Override public int hashCode() { return RunFields.toQuery(this).hashCode(); }

    /** The URL encoding, e.g. {@code RunConfig[dataset=lecture&points=...]}. */
    @Override public String toString() { return "RunConfig[" + RunFields.toQuery(this) + "]"; }

    /** The layer widths as the URL writes them, "100,100,100". */
    static String widths(int[] layers) {
        return String.join(",", Arrays.stream(layers).mapToObj(Integer::toString).toList());
    }
}
