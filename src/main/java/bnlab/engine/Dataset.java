package bnlab.engine;

import java.util.Objects;

/**
 * A data set held in memory: {@code size} examples with {@code features} float features each,
 * stored row-major in {@code x} (size, features).
 *
 * <p>Classification data carries {@code labels} (size) in {@code [0, classes)} and no targets;
 * regression data carries {@code targets} (size, outputs) and no labels.
 *
 * @param name       short name shown to the user, e.g. "xor" or "fashion-mnist"
 * @param features   number of input features per example
 * @param x          (size, features) row-major
 * @param labels     (size) class indices, or null for regression
 * @param classes    number of classes (>= 2), or 0 for regression
 * @param targets    (size, outputs) row-major regression targets, or null for classification
 * @param outputs    number of regression outputs, or 0 for classification
 * @param classNames one name per class (may be null for regression)
 * @param nonZero    which features are not zero, {@link NonZero}'s bits of x (size, features); computed from x
 *                   when null. x is never written after the data set is made, so the bits stay true.
 */
public record Dataset(String name, int features, float[] x, int[] labels, int classes,
                      float[] targets, int outputs, String[] classNames, long[] nonZero) {

    public Dataset(String name, int features, float[] x, int[] labels, int classes,
                   float[] targets, int outputs, String[] classNames) {
        this(name, features, x, labels, classes, targets, outputs, classNames, null);
    }

    public Dataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(x, "x");
        if (features < 1) throw new IllegalArgumentException("features must be >= 1, was " + features);
        if (x.length % features != 0) throw new IllegalArgumentException("x length is not a multiple of features");
        int n = x.length / features;
        if ((labels == null) == (targets == null))
            throw new IllegalArgumentException("a data set has either labels or targets");
        if (labels != null && labels.length != n) throw new IllegalArgumentException("labels length != size");
        if (targets != null && (outputs < 1 || targets.length != n * outputs))
            throw new IllegalArgumentException("targets length != size * outputs");
        if (nonZero == null) nonZero = NonZero.of(x, n, features);
        else if (nonZero.length != n * NonZero.words(features)) throw new IllegalArgumentException("nonZero length != size * words");
    }

    public static Dataset classification(String name, int features, float[] x, int[] labels, int classes,
                                         String[] classNames) {
        return new Dataset(name, features, x, labels, classes, null, 0, classNames);
    }

    public static Dataset regression(String name, int features, float[] x, float[] targets, int outputs) {
        return new Dataset(name, features, x, null, 0, targets, outputs, null);
    }

    public int size() { return x.length / features; }

    public boolean isClassification() { return labels != null; }

    /** Longs per example in {@link #nonZero}. */
    public int nonZeroWords() { return NonZero.words(features); }

    /** Output width a network needs for this data: classes for classification, outputs for regression. */
    public int outputWidth() { return isClassification() ? classes : outputs; }

    /** The examples at the given indices, in that order. */
    public Dataset subset(int[] indices) {
        float[] sx = new float[indices.length * features];
        int[] sl = labels == null ? null : new int[indices.length];
        float[] st = targets == null ? null : new float[indices.length * outputs];
        int words = nonZeroWords();
        long[] sn = new long[indices.length * words];
        for (int r = 0; r < indices.length; r++) {
            int i = indices[r];
            System.arraycopy(x, i * features, sx, r * features, features);
            System.arraycopy(nonZero, i * words, sn, r * words, words);
            if (sl != null) sl[r] = labels[i];
            if (st != null) System.arraycopy(targets, i * outputs, st, r * outputs, outputs);
        }
        return new Dataset(name, features, sx, sl, classes, st, outputs, classNames, sn);
    }

    /** A training part and a validation part of one data set. */
    public record Split(Dataset train, Dataset validation) {}
}
