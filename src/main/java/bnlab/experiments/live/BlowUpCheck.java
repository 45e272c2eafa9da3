package bnlab.experiments.live;

import bnlab.engine.Dataset;

/**
 * Whether one network of a live run blew up while its loss stayed finite: it keeps training, but its numbers
 * mean nothing any more. Three signs, each checked on what the run computes anyway (nothing is evaluated for it):
 * <ul>
 *   <li>{@link Frame.Divergence#EXPLODED}: an input of a hidden neuron's nonlinearity (any neuron, not just the
 *       watched one) over a training batch reached {@link #INPUT_BOUND} in magnitude. The data is standardized and
 *       the initializations keep these inputs near 1 at the start; the presets' networks stay below 600 over their
 *       whole runs (the plain network at rate 0.6 of {@code rateBoth}, the batches of 2 of {@code layer-norm-2}),
 *       most below 40 (docs/experiments.md, "Blown-up runs"). A network past 10,000 has weights a thousand times
 *       their start: a sigmoid or tanh is flat there, a ReLU network's outputs are that large. Blow-ups cross it
 *       within a few iterations and go on to 10⁹ and beyond.</li>
 *   <li>{@link Frame.Divergence#WORSE_THAN_GUESSING}: its training loss averaged over a block of {@link #LOSS_BLOCK}
 *       iterations reached {@link #LOSS_OVER_GUESSING} times ln(classes), the loss of guessing every class alike (one
 *       example's cross-entropy). At that mean the correct class gets, in the geometric mean, less than
 *       1/classes³ of the probability: the network is confidently wrong, much worse than guessing. Healthy networks
 *       stay below 1.7 times ln(classes) per block (a block's mean, unlike one batch's loss, does not follow a
 *       few odd batches), so this is a sign of a network that thrashes, not of one that learns slowly; it
 *       catches the sigmoid networks, whose inputs cannot explode as a ReLU network's do. Not checked for
 *       regression.</li>
 *   <li>{@link Frame.Divergence#COLLAPSED}: its validation accuracy (the measurements the live run takes anyway)
 *       came back to chance after it had learned. Chance is the share of the validation set's most common class
 *       (what always answering that class gets; at least 1/classes). "Had learned": a validation accuracy at
 *       least {@link #LEARNED} of the way from chance to 1. "Back at chance": no better than chance on
 *       {@link #COLLAPSE_MEASUREMENTS} measurements in a row that span at least {@link #COLLAPSE_STEPS}
 *       iterations. A network that dies (every ReLU off, every sigmoid saturated) answers one class from then on
 *       and stays there; a noisy one, such as BN's inference with batches of 2, touches chance on a few
 *       measurements and comes back, which the persistence leaves alone. Not checked for regression.</li>
 * </ul>
 * The thresholds were checked on every preset at its own length on 25 seeds (never flagged, except where a
 * network really blows up) and on blow-ups (flagged on every seed): {@code BlowUpProbe} in the test sources prints
 * the counts, docs/experiments.md lists them.
 *
 * <p>The costs per step: one addition for the loss, one pass over the hidden layers' inputs of the batch (a few
 * hundred to 18,000 floats, against a step's millions of multiplications). Not thread-safe: the run's thread.
 */
final class BlowUpCheck {
    /** The magnitude of a neuron input that counts as exploded. */
    static final float INPUT_BOUND = 1e4f;
    /** Iterations per block of the mean training loss. */
    static final int LOSS_BLOCK = 100;
    /** A block's mean loss at this many times ln(classes) counts as worse than guessing. */
    static final double LOSS_OVER_GUESSING = 3;
    /** The share of the way from chance to a perfect accuracy that counts as having learned. */
    static final double LEARNED = 0.5;
    /** Validation measurements in a row at chance that count as collapsed ... */
    static final int COLLAPSE_MEASUREMENTS = 5;
    /** ... spanning at least this many iterations. */
    static final long COLLAPSE_STEPS = 500;

    private final String network;
    private final double guessLoss; // ln(classes), NaN for regression
    private final double chance;    // the validation set's largest class share, NaN for regression

    private double blockSum;        // training losses of the current block
    private int blockSteps;
    private boolean pastFirstBlock; // the first block (a start at a high rate may thrash, then settle) is not judged
    private double best = Double.NaN; // the best validation accuracy so far
    private int atChance;           // validations in a row at chance, after having learned
    private long atChanceSince;     // the step of the first of them

    /**
     * @param network    the network's name
     * @param train      its training data: the number of classes
     * @param validation what the live run validates on: chance is its largest class's share
     */
    BlowUpCheck(String network, Dataset train, Dataset validation) {
        this.network = network;
        boolean classes = train.isClassification() && train.classes() >= 2;
        this.guessLoss = classes ? Math.log(train.classes()) : Double.NaN;
        this.chance = classes && validation.size() > 0 ? chance(validation) : Double.NaN;
    }

    private BlowUpCheck(BlowUpCheck from) {
        this.network = from.network;
        this.guessLoss = from.guessLoss;
        this.chance = from.chance;
        this.blockSum = from.blockSum;
        this.blockSteps = from.blockSteps;
        this.pastFirstBlock = from.pastFirstBlock;
        this.best = from.best;
        this.atChance = from.atChance;
        this.atChanceSince = from.atChanceSince;
    }

    /** An independent copy that goes on exactly as this one would (a fork's). */
    BlowUpCheck copy() { return new BlowUpCheck(this); }

    /** What always answering the most common class gets: its share of the set (at least 1/classes). */
    static double chance(Dataset validation) {
        int[] counts = new int[validation.classes()];
        for (int label : validation.labels()) counts[label]++;
        int most = 0;
        for (int c : counts) most = Math.max(most, c);
        return (double) most / validation.size();
    }

    /** Chance on the validation set, NaN for regression. */
    double chance() { return chance; }

    /**
     * After a training step with a finite loss.
     *
     * @param loss         the step's mini-batch loss (before its update)
     * @param extremeInput the hidden neurons' input of the largest magnitude over the step's batch
     *                     ({@link bnlab.engine.Network#extremeActivationInput})
     * @return the blow-up found at this step, or null
     */
    Frame.Divergence afterStep(long step, double loss, float extremeInput, double learningRate) {
        if (!(Math.abs(extremeInput) < INPUT_BOUND)) // NaN too
            return new Frame.Divergence(network, step, Frame.Divergence.EXPLODED, (double) extremeInput, (double) INPUT_BOUND,
                    null, null, learningRate);
        if (Double.isNaN(guessLoss)) return null;
        blockSum += loss;
        if (++blockSteps < LOSS_BLOCK) return null;
        double mean = blockSum / blockSteps;
        boolean first = !pastFirstBlock;
        blockSum = 0;
        blockSteps = 0;
        pastFirstBlock = true;
        double limit = LOSS_OVER_GUESSING * guessLoss;
        return mean >= limit && !first ? new Frame.Divergence(network, step, Frame.Divergence.WORSE_THAN_GUESSING, mean, limit,
                null, null, learningRate) : null;
    }

    /**
     * After a validation measurement.
     *
     * @return the collapse found with it, or null
     */
    Frame.Divergence afterValidation(long step, double accuracy, double learningRate) {
        if (Double.isNaN(chance) || Double.isNaN(accuracy)) return null;
        boolean learned = best >= chance + LEARNED * (1 - chance);
        Frame.Divergence found = null;
        if (learned && accuracy <= chance) {
            if (atChance++ == 0) atChanceSince = step;
            if (atChance >= COLLAPSE_MEASUREMENTS && step - atChanceSince >= COLLAPSE_STEPS)
                found = new Frame.Divergence(network, step, Frame.Divergence.COLLAPSED, accuracy, chance, best, null, learningRate);
        } else {
            atChance = 0;
        }
        if (!(accuracy <= best)) best = accuracy;
        return found;
    }
}
