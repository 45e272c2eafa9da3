package bnlab.engine;

/**
 * Two networks from one description, one with batch normalization and one without, trained in
 * lockstep: the same initial weights (where shapes agree: every W; the plain net's biases start at 0,
 * the BN net's gamma at 1 and beta at 0), the same sequence of mini-batches, one step each per call.
 * Each network may train with its own rate, schedule and L2 and have its own dropout (the paper's
 * Sec. 4.2.1 gives the BN network a higher rate, a faster decay, no dropout and less L2).
 */
public final class TwinRun {
    private final Trainer plain;
    private final Trainer bn;
    private final BatchSampler sampler;
    private final Batch batch;

    /**
     * @param spec  the network; its BN placement is used for the BN twin (BEFORE_ACTIVATION if NONE)
     * @param train training data
     */
    public TwinRun(NetworkSpec spec, TrainSpec train, Dataset data) {
        this(spec.withBn(BnPlacement.NONE), train,
                spec.bn() == BnPlacement.NONE ? spec.withBn(BnPlacement.BEFORE_ACTIVATION) : spec, train, data);
    }

    /**
     * Two networks of the same widths, each with its own training; they share the seed and the batch size
     * (and so their initial weights and every mini-batch).
     *
     * @param plainSpec  the network without BN (its placement must be NONE)
     * @param bnSpec     the network with BN, of the same widths
     */
    public TwinRun(NetworkSpec plainSpec, TrainSpec plainTrain, NetworkSpec bnSpec, TrainSpec bnTrain, Dataset data) {
        if (plainSpec.bn() != BnPlacement.NONE || bnSpec.bn() == BnPlacement.NONE)
            throw new IllegalArgumentException("the plain twin has no BN and the other one has");
        if (!java.util.Arrays.equals(plainSpec.hidden(), bnSpec.hidden()) || plainSpec.inputs() != bnSpec.inputs()
                || plainSpec.outputs() != bnSpec.outputs())
            throw new IllegalArgumentException("the twins must have the same widths");
        if (plainTrain.seed() != bnTrain.seed() || plainTrain.batchSize() != bnTrain.batchSize())
            throw new IllegalArgumentException("the twins share their seed and batch size");
        plainTrain.checkAgainst(plainSpec, data);
        bnTrain.checkAgainst(bnSpec, data);
        this.plain = new Trainer(new Network(plainSpec, plainTrain.seed()), plainTrain, data.isClassification());
        this.bn = new Trainer(new Network(bnSpec, bnTrain.seed()), bnTrain, data.isClassification());
        this.sampler = new BatchSampler(data, plainTrain.batchSize(), plainTrain.seed());
        this.batch = new Batch(data, plainTrain.batchSize());
    }

    /** See {@link #copy}. */
    private TwinRun(TwinRun from) {
        this.plain = from.plain.copy();
        this.bn = from.bn.copy();
        this.sampler = from.sampler.copy();
        this.batch = from.batch.copy();
    }

    /**
     * A fork of this run: its next {@link #step} is bit for bit this run's next step, and so are all the
     * steps after, as long as both get the same calls (rate changes included). It shares no mutable state
     * with this run, so each can be trained, or left alone, without changing the other. Copied:
     * <ul>
     *   <li>both {@link Trainer#copy trainers}: weights, gradients and momentum velocities, BN's running
     *       statistics, dropout's random streams, step counts (the schedules' place), base rates,
     *       divergence flags and the last loss and accuracy;
     *   <li>the {@link BatchSampler#copy sampler}: the epoch's shuffled order, the place in it, its stream;
     *   <li>the {@link #batch() last batch}.
     * </ul>
     * The training data is shared: nothing writes it. A cold path, it allocates every array anew; call it
     * between steps, on the thread that trains this run.
     */
    public TwinRun copy() { return new TwinRun(this); }

    public Trainer plain() { return plain; }
    public Trainer bn() { return bn; }
    public BatchSampler sampler() { return sampler; }

    /** The mini-batch of the last step (shared by both networks). */
    public Batch batch() { return batch; }

    /** Draws the next batch and trains both networks on it (a diverged one stands still). */
    public void step() {
        nextBatch();
        plain.train(batch);
        bn.train(batch);
    }

    /**
     * The first half of {@link #step}: draws the next batch into {@link #batch()}. The second half,
     * {@code plain().train(batch())} and {@code bn().train(batch())}, may then run at the same time on two
     * threads (the layer above owns them): the networks share nothing but the batch, which they only read.
     */
    public void nextBatch() {
        sampler.next(batch);
    }

    /** Changes both networks' base learning rate. */
    public void setBaseLearningRate(double rate) {
        setBaseLearningRates(rate, rate);
    }

    /** Changes each network's base learning rate (checked before either changes). */
    public void setBaseLearningRates(double plainRate, double bnRate) {
        InvalidConfigException.aboveAtMost(plainRate, 0, TrainSpec.MAX_LEARNING_RATE, "learningRate");
        InvalidConfigException.aboveAtMost(bnRate, 0, TrainSpec.MAX_LEARNING_RATE, "bnNetLearningRate");
        plain.setBaseLearningRate(plainRate);
        bn.setBaseLearningRate(bnRate);
    }
}
