package bnlab.experiments.live;

import bnlab.engine.Dataset;

/**
 * Whether one network of a live run blew up while its loss stayed finite: it keeps training, but its numbers
 * mean nothing any more. Three signs, each checked on what the run computes anyway (nothing is evaluated for it):
 * <ul>
 *   <li>{@link Frame.Divergence#EXPLODED}: an input of a hidden neuron's nonlinearity (any neuron, not just the
 *       watched one) over a training batch reached {@link #INPUT_BOUND} in magnitude (read every
 *       {@link #INPUT_EVERY}th iteration). The data is standardized and
 *       the initializations keep these inputs near 1 at the start; over their whole runs the presets' networks stay
 *       below 2,200 (the plain network of {@code layer-norm-2}, batches of 2 for 45,000 iterations), all others below
 *       50 (docs/experiments.md, "Blown-up runs"). Past 10,000 a sigmoid or tanh is flat to the last bit and a ReLU
 *       network's outputs are that large: its weights grew by orders of magnitude. Blow-ups cross it within a few
 *       iterations and go on to 10⁹ and beyond.</li>
 *   <li>{@link Frame.Divergence#WORSE_THAN_GUESSING}: its training loss averaged over a block of {@link #LOSS_BLOCK}
 *       iterations reached {@link #LOSS_OVER_GUESSING} times ln(classes), the loss of guessing every class alike (one
 *       example's cross-entropy). At that mean the correct class gets, in the geometric mean, less than
 *       1/classes³ of the probability: the network is confidently wrong, much worse than guessing. The presets'
 *       networks stay below 2.2 times ln(classes) per block (a block's mean, unlike one batch's loss, does not follow
 *       a few odd batches; most stay near 1 or below), so this is a sign of a network that thrashes, not of one that
 *       learns slowly; it catches the sigmoid networks, whose inputs cannot explode as a ReLU network's do (the
 *       lecture's network at rate 20: 3.7 to 6.9 times). The first block is not judged: a start at a high rate may
 *       thrash and then settle (the spiral's plain network at 0.6 did on 1 seed of 25, 3.0 times, then learned).
 *       Not checked for regression.</li>
 *   <li>{@link Frame.Divergence#COLLAPSED}: its validation accuracy (the measurements the live run takes anyway)
 *       came back to chance after it had learned. Chance is the share of the validation set's most common class
 *       (what always answering that class gets; at least 1/classes). "Had learned": a validation accuracy at
 *       least {@link #LEARNED} of the way from chance to 1. "Back at chance": no better than chance on
 *       {@link #COLLAPSE_MEASUREMENTS} measurements in a row that span at least {@link #COLLAPSE_STEPS}
 *       iterations. A network that dies (every ReLU off, every sigmoid saturated) answers one class from then on
 *       and stays there; a noisy one, such as BN's inference with batches of 2, touches chance on a few
 *       measurements and comes back (at most 4 in a row over 150 iterations in the presets), which the persistence
 *       leaves alone. Not checked for regression.</li>
 * </ul>
 * The thresholds were checked on every preset at its own length on 25 seeds (never flagged, except where a
 * network really blows up) and on blow-ups (flagged on every seed): {@code BlowUpProbe} in src/bench/java prints
 * the counts, docs/experiments.md lists them.
 *
 * <p>The costs: one addition per step for the loss, one pass over the hidden layers' inputs of the batch every
 * {@link #INPUT_EVERY}th step and after a very high loss (64 to 18,000 floats), the validations nothing more. Not thread-safe: the run's thread.
 */
final class BlowUpCheck {
    /** The magnitude of a neuron input that counts as exploded. */
    static final float INPUT_BOUND = 1e4f;
    /**
     * The inputs are read every this many iterations: one pass over them costs up to 5 % of a step of a small network
     * (the spiral's 3 x 32 with batches of 16; 1.5 % for the lecture's and Figure 1's), every 8th step well under 1 %.
     * A blow-up is then found up to 7 iterations after it crossed the bound, or at once through its loss
     * ({@link #LOSS_ALARM}); or as nonFinite, if its loss overflows first.
     */
    static final int INPUT_EVERY = 8;
    /**
     * ... and at once after a batch whose loss reached this many times ln(classes): a blow-up's loss jumps with its
     * inputs (to 10⁵ and more within a step or two), and its loss may overflow before the next 8th step. Healthy
     * networks rarely get there (one batch of 2 at 37 in {@code layer-norm-2}), and then it costs one more pass.
     */
    static final double LOSS_ALARM = 10;
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
     * After a training step of {@code net} with a finite loss: reads its neurons' inputs every {@link #INPUT_EVERY}th
     * iteration and after a loss of {@link #LOSS_ALARM} times ln(classes), their signed extreme only when they crossed
     * the bound.
     */
    Frame.Divergence afterStep(long step, double loss, bnlab.engine.Network net, double learningRate) {
        float extreme = 0f;
        boolean read = step % INPUT_EVERY == 0 || loss >= LOSS_ALARM * guessLoss; // false for NaN (regression)
        if (read && !(net.largestActivationInput() < INPUT_BOUND)) extreme = net.extremeActivationInput();
        return afterStep(step, loss, extreme, learningRate);
    }

    /**
     * After a training step with a finite loss.
     *
     * @param loss         the step's mini-batch loss (before its update)
     * @param extremeInput the hidden neurons' input of the largest magnitude over the step's batch
     *                     ({@link bnlab.engine.Network#extremeActivationInput}), or 0 when they were not read
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
