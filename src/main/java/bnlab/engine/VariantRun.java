package bnlab.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

/**
 * Any number of named variants of one network trained in lockstep: the same initial weights (every W; the
 * spec's normalization does not change how they are drawn), the same sequence of mini-batches from one
 * {@link BatchSampler}, one step each per call; a diverged network stands still. The lecture's twin is the list
 * {@link Variant#twin [plain, bn]}; a run may compare more (noisy BN, LN, BN trained as the paper advises), and each
 * network may train with its own rate, schedule, L2 and dropout (the paper's Sec. 4.2.1).
 *
 * <p>The networks share nothing but the batch, which they only read: after {@link #nextBatch}, the layer above may
 * train them on several threads ({@code trainer(i).train(batch())}), as the live run and the headless experiment do.
 */
public final class VariantRun {
    private final List<Variant> variants;
    private final List<Trainer> trainers = new ArrayList<>();
    private final BatchSampler sampler;
    private final Batch batch;

    /**
     * @param variants at least one, with distinct names, the same widths, seed and batch size
     * @param train    training data (checked against every variant, e.g. BN's batch of at least 2)
     */
    public VariantRun(List<Variant> variants, Dataset train) {
        if (variants.isEmpty()) throw new IllegalArgumentException("a run needs at least one variant");
        Variant first = variants.get(0);
        var names = new HashSet<String>();
        for (Variant v : variants) {
            if (!names.add(v.name())) throw new IllegalArgumentException("two variants named " + v.name());
            if (!Arrays.equals(v.network().hidden(), first.network().hidden()) || v.network().inputs() != first.network().inputs()
                    || v.network().outputs() != first.network().outputs())
                throw new IllegalArgumentException("the variants must have the same widths: " + v.name());
            if (v.train().seed() != first.train().seed() || v.train().batchSize() != first.train().batchSize())
                throw new IllegalArgumentException("the variants share their seed and batch size: " + v.name());
            v.train().checkAgainst(v.network(), train);
        }
        this.variants = List.copyOf(variants);
        for (Variant v : variants)
            trainers.add(new Trainer(new Network(v.network(), v.train().seed()), v.train(), train.isClassification()));
        this.sampler = new BatchSampler(train, first.train().batchSize(), first.train().seed());
        this.batch = new Batch(train, first.train().batchSize());
    }

    /** See {@link #copy}. */
    private VariantRun(VariantRun from) {
        this.variants = from.variants;
        for (Trainer t : from.trainers) trainers.add(t.copy());
        this.sampler = from.sampler.copy();
        this.batch = from.batch.copy();
    }

    /**
     * A fork of this run: its next {@link #step} is bit for bit this run's next step, and so are all the steps
     * after, given the same calls (rate changes included). It shares no mutable state with this run: copied are
     * every {@link Trainer#copy trainer} (weights, gradients, momentum, running statistics, dropout's and the
     * noise's random streams, step counts, base rates, divergence, last outcome), the {@link BatchSampler#copy
     * sampler} (the epoch's order, the place in it, its stream) and the last batch. The training data is shared:
     * nothing writes it. A cold path; call it between steps, on the thread that trains this run.
     */
    public VariantRun copy() { return new VariantRun(this); }

    public List<Variant> variants() { return variants; }
    public BatchSampler sampler() { return sampler; }
    public int size() { return variants.size(); }
    public Trainer trainer(int i) { return trainers.get(i); }

    public Trainer trainer(String name) {
        for (int i = 0; i < variants.size(); i++) if (variants.get(i).name().equals(name)) return trainers.get(i);
        throw new IllegalArgumentException("no variant " + name);
    }

    /** The mini-batch of the last step, shared by every network. */
    public Batch batch() { return batch; }

    /** Draws the next batch into {@link #batch()}; {@link #train()} then trains every network on it. */
    public void nextBatch() { sampler.next(batch); }

    /**
     * Sets each network's base learning rate, in the variants' order; all are checked before any changes.
     *
     * @throws InvalidConfigException naming "learningRate" for a rate outside (0, 100]
     */
    public void setBaseLearningRates(double[] rates) {
        if (rates.length != trainers.size()) throw new IllegalArgumentException("one rate per network");
        for (double r : rates) TrainSpec.checkLearningRate(r);
        for (int i = 0; i < rates.length; i++) trainers.get(i).setBaseLearningRate(rates[i]);
    }

    /**
     * Each network's base rate as a multiple of the first one's: how a change of "the" rate (by hand, or a plan's)
     * moves every network so that each keeps its ratio ({@link #setBaseLearningRates}).
     */
    public double[] rateFactors() {
        double[] out = new double[trainers.size()];
        double first = trainers.get(0).baseLearningRate();
        for (int i = 0; i < out.length; i++) out[i] = trainers.get(i).baseLearningRate() / first;
        return out;
    }

    /** Trains every network on the current batch. */
    public void train() { for (Trainer t : trainers) t.train(batch); }

    /** Draws the next batch and trains every network on it. */
    public void step() {
        nextBatch();
        train();
    }
}
