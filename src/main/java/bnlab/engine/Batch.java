package bnlab.engine;

/**
 * A mini-batch gathered from a {@link Dataset} into reusable buffers.
 * x is (size, features); labels (size) for classification, targets (size, outputs) for regression;
 * nonZero the examples' {@link NonZero} bits, copied from the data set's, for the first layer's products.
 */
public final class Batch {
    private final Dataset data;
    float[] x;
    int[] labels;
    float[] targets;
    long[] nonZero;
    int size;

    public Batch(Dataset data, int capacity) {
        this.data = data;
        x = new float[capacity * data.features()];
        nonZero = new long[capacity * data.nonZeroWords()];
        if (data.isClassification()) labels = new int[capacity];
        else targets = new float[capacity * data.outputs()];
    }

    /** See {@link #copy}. */
    private Batch(Batch from) {
        this.data = from.data;
        x = from.x.clone();
        nonZero = from.nonZero.clone();
        labels = from.labels == null ? null : from.labels.clone();
        targets = from.targets == null ? null : from.targets.clone();
        size = from.size;
    }

    /** A batch holding the same examples in buffers of its own (the data set is shared, it is never written). */
    public Batch copy() { return new Batch(this); }

    public Dataset data() { return data; }
    public int size() { return size; }
    public float[] x() { return x; }
    public int[] labels() { return labels; }
    public float[] targets() { return targets; }
    /** {@link NonZero}'s bits of x, {@link Dataset#nonZeroWords} longs per example. */
    public long[] nonZero() { return nonZero; }

    /** Copies the examples idx[from..from+n) of the data set into this batch. */
    public void gather(int[] idx, int from, int n) {
        int f = data.features(), w = data.nonZeroWords();
        grow(n);
        float[] dx = data.x();
        long[] dn = data.nonZero();
        for (int r = 0; r < n; r++) {
            int i = idx[from + r];
            System.arraycopy(dx, i * f, x, r * f, f);
            System.arraycopy(dn, i * w, nonZero, r * w, w);
            if (labels != null) labels[r] = data.labels()[i];
            else System.arraycopy(data.targets(), i * data.outputs(), targets, r * data.outputs(), data.outputs());
        }
        size = n;
    }

    /** Copies the contiguous examples [from, from+n) of the data set into this batch, block by block. */
    public void gatherRange(int from, int n) {
        int f = data.features();
        grow(n);
        System.arraycopy(data.x(), from * f, x, 0, n * f);
        System.arraycopy(data.nonZero(), from * data.nonZeroWords(), nonZero, 0, n * data.nonZeroWords());
        if (labels != null) System.arraycopy(data.labels(), from, labels, 0, n);
        else System.arraycopy(data.targets(), from * data.outputs(), targets, 0, n * data.outputs());
        size = n;
    }

    private void grow(int n) {
        if (x.length >= n * data.features()) return;
        x = new float[n * data.features()];
        nonZero = new long[n * data.nonZeroWords()];
        if (labels != null) labels = new int[n];
        else targets = new float[n * data.outputs()];
    }
}
