package bnlab.engine;

/**
 * How a network is trained: mini-batch SGD with optional momentum and L2 weight decay.
 * <pre>
 *   g = dL/dw + l2 w      (l2 on weights only; biases, gamma and beta are not decayed)
 *   v = momentum v + g
 *   w = w - lr(t) v       (PyTorch's SGD convention)
 * </pre>
 *
 * @param learningRate base rate, (0, 100]
 * @param schedule     decay of the rate over steps
 * @param momentum     [0, 0.999]
 * @param batchSize    examples per step, 1..10,000 (at least 2 with batch normalization)
 * @param l2           weight decay coefficient, [0, 1]
 * @param seed         fixes initialization, shuffling and dropout
 */
public record TrainSpec(double learningRate, Schedule schedule, double momentum, int batchSize, double l2, long seed) {
    public static final int MAX_BATCH = 10_000;
    public static final double MAX_LEARNING_RATE = 100;

    public TrainSpec {
        checkLearningRate(learningRate);
        InvalidConfigException.present(schedule, "schedule", Schedule.Kind.keys());
        InvalidConfigException.range(momentum, 0, 0.999, "momentum");
        InvalidConfigException.range(batchSize, 1, MAX_BATCH, "batchSize");
        InvalidConfigException.range(l2, 0, 1, "l2");
    }

    /** The one check of a learning rate, wherever one is made: in (0, {@value #MAX_LEARNING_RATE}]. */
    public static double checkLearningRate(double rate) { return checkLearningRate(rate, "learningRate"); }

    /** The same, naming another field in the refusal (e.g. the BN network's own rate). */
    public static double checkLearningRate(double rate, String field) {
        InvalidConfigException.aboveAtMost(rate, 0, MAX_LEARNING_RATE, field);
        return rate;
    }

    /**
     * A rate derived from another by a factor (a network's ratio to the first one's, the paper's five times), kept
     * within the range: at most {@value #MAX_LEARNING_RATE}, which a derived rate may exceed where its base does not.
     */
    public static double scaledLearningRate(double rate, double factor) { return Math.min(rate * factor, MAX_LEARNING_RATE); }

    public static TrainSpec sgd(double learningRate, int batchSize, long seed) {
        return new TrainSpec(learningRate, Schedule.CONSTANT, 0, batchSize, 0, seed);
    }

    /** Checks the combination with a network and its training data. */
    public void checkAgainst(NetworkSpec net, Dataset train) {
        if (net.normalization().batchStatistics() && batchSize < 2)
            throw new InvalidConfigException("batchSize", "must be at least 2 with batch normalization"
                    + " (the variance of one example is 0), was " + batchSize, InvalidConfigException.Rule.BN_BATCH, batchSize);
        if (batchSize > train.size())
            throw new InvalidConfigException("batchSize", "must be at most the training set size " + train.size()
                    + ", was " + batchSize, InvalidConfigException.Rule.BATCH_ABOVE_DATA, train.size(), batchSize);
        if (net.inputs() != train.features())
            throw new InvalidConfigException("inputs", "the data has " + train.features() + " features, the network "
                    + net.inputs() + " inputs");
        if (net.outputs() != train.outputWidth())
            throw new InvalidConfigException("outputs", "the data needs " + train.outputWidth() + " outputs, the network has "
                    + net.outputs());
    }
}
