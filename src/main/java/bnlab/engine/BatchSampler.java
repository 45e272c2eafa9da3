package bnlab.engine;

/**
 * Draws mini-batches without replacement: each epoch is a fresh seeded shuffle of the training set,
 * cut into full batches; the remainder of an epoch (size mod batch) is skipped, as with PyTorch's
 * drop_last, so batch normalization never sees a short last batch.
 */
public final class BatchSampler {
    private final Dataset data;
    private final int batchSize;
    private final Rng rng;
    private final int[] order;
    private int cursor;
    private long epoch;

    public BatchSampler(Dataset data, int batchSize, long seed) {
        if (batchSize < 1 || batchSize > data.size())
            throw new InvalidConfigException("batchSize", "must be between 1 and the training set size " + data.size()
                    + ", was " + batchSize, InvalidConfigException.Rule.BATCH_ABOVE_DATA, data.size(), batchSize);
        this.data = data;
        this.batchSize = batchSize;
        this.rng = Rng.of(seed, "shuffle");
        this.order = new int[data.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        cursor = order.length; // shuffle on first use
        epoch = -1;
    }

    /** See {@link #copy}. */
    private BatchSampler(BatchSampler from) {
        this.data = from.data;
        this.batchSize = from.batchSize;
        this.rng = from.rng.copy();
        this.order = from.order.clone();
        this.cursor = from.cursor;
        this.epoch = from.epoch;
    }

    /**
     * A sampler that draws the batches this one would draw next, and then the same epochs: the current
     * epoch's shuffled order, the place in it and the shuffling stream at its place are copied. The data
     * set is shared (it is never written).
     */
    public BatchSampler copy() { return new BatchSampler(this); }

    /** Fills the batch with the next batchSize examples. */
    public void next(Batch batch) {
        if (cursor + batchSize > order.length) {
            rng.shuffle(order, order.length);
            cursor = 0;
            epoch++;
        }
        batch.gather(order, cursor, batchSize);
        cursor += batchSize;
    }

    /** Completed passes over the training set, counting the current one from 0. */
    public long epoch() { return Math.max(epoch, 0); }

    public int batchSize() { return batchSize; }

    public Dataset data() { return data; }
}
