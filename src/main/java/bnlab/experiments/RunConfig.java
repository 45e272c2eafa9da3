package bnlab.experiments;

import bnlab.data.LectureData;
import bnlab.data.TwoDShape;
import bnlab.engine.Activation;
import bnlab.engine.BnPlacement;
import bnlab.engine.Init;
import bnlab.engine.InvalidConfigException;
import bnlab.engine.NetworkSpec;
import bnlab.engine.Schedule;
import bnlab.engine.TrainSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Everything that defines a run, flat, so that it has one URL encoding and one JSON form: the data
 * set, the network and the training. Validated on construction: an impossible value is refused with
 * an {@link InvalidConfigException} naming the field and its allowed range.
 *
 * @param dataset            lecture, circle, xor, gauss, spiral, fashion-mnist or csv
 * @param points             examples generated for the synthetic sets, 10..100,000
 * @param noise              noise of the synthetic sets, [0, 0.5]
 * @param validationFraction part held out for validation, [0.05, 0.9]
 * @param layers             hidden widths, 1..10 layers of 1..4,096
 * @param activation         sigmoid, tanh, relu, linear
 * @param bn                 where the BN twin normalizes: before or after the activation
 * @param init               gaussian, xavier, he
 * @param initStd            std for gaussian init, (0, 10]
 * @param learningRate       (0, 100]
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
 */
public record RunConfig(String dataset, int points, double noise, double validationFraction,
                        int[] layers, Activation activation, BnPlacement bn, Init init, double initStd,
                        double learningRate, Schedule.Kind schedule, int decayEvery, double decayFactor,
                        double momentum, int batchSize, double l2, double dropout,
                        double bnEpsilon, double bnMomentum, long seed) {

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
        InvalidConfigException.range(points, 10, 100_000, "points");
        InvalidConfigException.range(noise, 0, 0.5, "noise");
        InvalidConfigException.range(validationFraction, 0.05, 0.9, "validationFraction");
        InvalidConfigException.check(bn != BnPlacement.NONE, "bn", "the twin with BN needs a placement; allowed: before, after",
                InvalidConfigException.Rule.BN_PLACEMENT);
        InvalidConfigException.check(batchSize >= 2, "batchSize", "must be at least 2 with batch normalization, was " + batchSize,
                InvalidConfigException.Rule.BN_BATCH, batchSize);
        layers = layers == null ? null : layers.clone();
        // The engine's own checks, with its messages (fields are not assigned yet: pass the parameters).
        new NetworkSpec(1, layers, 2, activation, bn, init, initStd, dropout, bnEpsilon, bnMomentum);
        schedule(schedule, decayEvery, decayFactor);
        new TrainSpec(learningRate, Schedule.CONSTANT, momentum, batchSize, l2, seed);
    }

    /** The lecture's example: 5-8-3, sigmoid, BN before the activation, batches of 8. */
    public static RunConfig defaults() {
        return new RunConfig(LectureData.NAME, LectureData.DEFAULT_SIZE, 0.1, 0.2, new int[]{8}, Activation.SIGMOID,
                BnPlacement.BEFORE_ACTIVATION, Init.XAVIER, 0.1, 0.5, Schedule.Kind.CONSTANT, 1000, 0.5,
                0, 8, 0, 0, 1e-5, 0.1, 1);
    }

    /** The BN twin's network for data with the given width; the plain twin is {@code withBn(NONE)} of it. */
    public NetworkSpec networkSpec(int inputs, int outputs) {
        return new NetworkSpec(inputs, layers, outputs, activation, bn, init, initStd, dropout, bnEpsilon, bnMomentum);
    }

    public TrainSpec trainSpec() {
        return new TrainSpec(learningRate, schedule(schedule, decayEvery, decayFactor), momentum, batchSize, l2, seed);
    }

    private static Schedule schedule(Schedule.Kind kind, int every, double factor) {
        InvalidConfigException.present(kind, "schedule", Schedule.Kind.keys());
        return kind == Schedule.Kind.CONSTANT ? Schedule.CONSTANT : new Schedule(kind, every, factor);
    }

    @Override public int[] layers() { return layers.clone(); }

    @Override public boolean equals(Object o) {
        return o instanceof RunConfig r && toString().equals(r.toString());
    }

    @Override public int hashCode() { return toString().hashCode(); }

    @Override public String toString() {
        return "RunConfig[dataset=" + dataset + ", points=" + points + ", noise=" + noise + ", validationFraction="
                + validationFraction + ", layers=" + Arrays.toString(layers) + ", activation=" + activation + ", bn=" + bn
                + ", init=" + init + ", initStd=" + initStd + ", learningRate=" + learningRate + ", schedule=" + schedule
                + ", decayEvery=" + decayEvery + ", decayFactor=" + decayFactor + ", momentum=" + momentum
                + ", batchSize=" + batchSize + ", l2=" + l2 + ", dropout=" + dropout + ", bnEpsilon=" + bnEpsilon
                + ", bnMomentum=" + bnMomentum + ", seed=" + seed + "]";
    }
}
