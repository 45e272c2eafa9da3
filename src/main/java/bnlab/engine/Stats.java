package bnlab.engine;

import java.util.Arrays;

/** Summary statistics for the charts: percentiles and histograms of a set of values. */
public final class Stats {
    private Stats() {}

    /** The paper's Figure 1 percentiles. */
    public static final double[] PAPER = {15, 50, 85};

    /** TensorBoard's distribution percentiles: min, mean -1.5/-1/-0.5 sigma, median, +0.5/+1/+1.5 sigma, max of a normal. */
    public static final double[] TENSORBOARD = {0, 6.68, 15.87, 30.85, 50, 69.15, 84.13, 93.32, 100};

    /** Column j of a (rows, cols) row-major matrix. */
    public static float[] column(float[] m, int rows, int cols, int j) {
        if (j < 0 || j >= cols) throw new IndexOutOfBoundsException("neuron " + j + " of " + cols);
        float[] c = new float[rows];
        for (int i = 0; i < rows; i++) c[i] = m[i * cols + j];
        return c;
    }

    /**
     * Percentiles by linear interpolation between closest ranks (numpy's default): for p in [0, 100]
     * the value at position p/100 * (n - 1) of the sorted values.
     */
    public static double[] percentiles(float[] values, double... ps) {
        if (values.length == 0) throw new IllegalArgumentException("no values");
        float[] s = values.clone();
        Arrays.sort(s);
        double[] out = new double[ps.length];
        for (int k = 0; k < ps.length; k++) {
            if (!(ps[k] >= 0 && ps[k] <= 100)) throw new IllegalArgumentException("percentile must be in [0, 100], was " + ps[k]);
            out[k] = percentileOfSorted(s, s.length, ps[k]);
        }
        return out;
    }

    /**
     * The p-th percentile (0..100) of sorted[0..n), n >= 1, by the rule above: the value at position
     * p/100 * (n - 1), interpolated linearly. Allocates nothing, for callers that sort into a buffer.
     */
    public static double percentileOfSorted(float[] sorted, int n, double p) {
        double pos = p / 100 * (n - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, n - 1);
        return sorted[lo] + (pos - lo) * ((double) sorted[hi] - sorted[lo]);
    }

    /**
     * A histogram of the values in equal-width bins over [lo, hi]; values outside fall into the first
     * or last bin. With lo == hi the range is widened by 0.5 on each side.
     */
    public static Histogram histogram(float[] values, int bins, double lo, double hi) {
        if (bins < 1) throw new IllegalArgumentException("bins must be >= 1");
        if (hi < lo) throw new IllegalArgumentException("hi < lo");
        if (hi == lo) { lo -= 0.5; hi += 0.5; }
        int[] counts = new int[bins];
        double w = (hi - lo) / bins;
        for (float v : values) {
            int b = (int) Math.floor((v - lo) / w);
            counts[Math.max(0, Math.min(bins - 1, b))]++;
        }
        return new Histogram(lo, hi, counts);
    }

    /** A histogram over the values' own range. */
    public static Histogram histogram(float[] values, int bins) {
        float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
        for (float v : values) { min = Math.min(min, v); max = Math.max(max, v); }
        return histogram(values, bins, min, max);
    }

    /** @param counts per bin; bin k covers [lo + k w, lo + (k+1) w) with w = (hi - lo) / counts.length */
    public record Histogram(double lo, double hi, int[] counts) {}
}
