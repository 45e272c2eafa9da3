package bnlab.engine;

/**
 * Two networks from one description, one with batch normalization and one without, trained in
 * lockstep: the same initial weights (where shapes agree: every W; the plain net's biases start at 0,
 * the BN net's gamma at 1 and beta at 0), the same sequence of mini-batches, one step each per call.
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
        NetworkSpec withBn = spec.bn() == BnPlacement.NONE ? spec.withBn(BnPlacement.BEFORE_ACTIVATION) : spec;
        train.checkAgainst(withBn, data);
        this.plain = new Trainer(new Network(spec.withBn(BnPlacement.NONE), train.seed()), train, data.isClassification());
        this.bn = new Trainer(new Network(withBn, train.seed()), train, data.isClassification());
        this.sampler = new BatchSampler(data, train.batchSize(), train.seed());
        this.batch = new Batch(data, train.batchSize());
    }

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
        plain.setBaseLearningRate(rate);
        bn.setBaseLearningRate(rate);
    }
}
