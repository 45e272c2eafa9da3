package bnlab.experiments.live;

import java.util.Arrays;

/**
 * Summarizes the steps of one network between two frames into at most {@code maxBuckets} buckets, so a
 * frame never grows with the training speed and no step is lost.
 *
 * <p>The rule: every bucket covers {@code w} consecutive steps, the last one possibly fewer; {@code w}
 * starts at 1 (each step sent as it is) and doubles whenever the buckets run out, by merging neighbours
 * in pairs. So for n steps since the last frame, {@code w} is the smallest power of two with
 * {@code ceil(n / w) <= maxBuckets}. Merging is exact: a bucket keeps the sums and extremes of its steps,
 * from which the mean, minimum and maximum follow. Memory is O(maxBuckets), however many steps come.
 *
 * <p>Per bucket: first and last step, mean loss, mean accuracy, and per percentile the mean, minimum and
 * maximum over the bucket's steps (minimum = maximum = mean while {@code w == 1}).
 */
public final class SeriesSummarizer {
    private final int cap;     // maxBuckets, even
    private final int k;       // values per step (percentiles)
    private final long[] first, last;      // (cap)
    private final int[] count;             // (cap) steps in each bucket
    private final double[] lossSum, accSum; // (cap)
    private final double[] pSum;           // (cap, k) row-major
    private final float[] pMin, pMax;      // (cap, k) row-major
    private int n;     // buckets in use
    private int width; // w: steps per full bucket

    /**
     * @param maxBuckets at most this many buckets per frame; even, at least 2
     * @param values     values per step (e.g. 9 percentiles)
     */
    public SeriesSummarizer(int maxBuckets, int values) {
        if (maxBuckets < 2 || maxBuckets % 2 != 0) throw new IllegalArgumentException("maxBuckets must be even and >= 2");
        cap = maxBuckets;
        k = values;
        first = new long[cap];
        last = new long[cap];
        count = new int[cap];
        lossSum = new double[cap];
        accSum = new double[cap];
        pSum = new double[cap * k];
        pMin = new float[cap * k];
        pMax = new float[cap * k];
        width = 1;
    }

    /** Steps recorded since the last {@link #cut()}. */
    public long steps() {
        long s = 0;
        for (int b = 0; b < n; b++) s += count[b];
        return s;
    }

    /** Current bucket width w (1 while every step has its own bucket). */
    public int width() { return width; }

    /** Adds one step; steps come in increasing order. Allocates nothing. */
    public void record(long step, double loss, double accuracy, float[] values) {
        if (n == 0 || count[n - 1] == width) {
            if (n == cap) mergePairs();
            int b = n++;
            first[b] = step;
            count[b] = 0;
            lossSum[b] = 0;
            accSum[b] = 0;
            Arrays.fill(pSum, b * k, b * k + k, 0);
            Arrays.fill(pMin, b * k, b * k + k, Float.POSITIVE_INFINITY);
            Arrays.fill(pMax, b * k, b * k + k, Float.NEGATIVE_INFINITY);
        }
        int b = n - 1;
        last[b] = step;
        count[b]++;
        lossSum[b] += loss;
        accSum[b] += accuracy;
        for (int j = 0, o = b * k; j < k; j++, o++) {
            float v = values[j];
            pSum[o] += v;
            // NaN never wins a comparison: a NaN step leaves the extremes to the others; the mean shows it.
            if (v < pMin[o]) pMin[o] = v;
            if (v > pMax[o]) pMax[o] = v;
        }
    }

    /** All cap buckets are full (width w): pair them into cap/2 buckets of width 2w. */
    private void mergePairs() {
        for (int b = 0; b < cap / 2; b++) {
            int a = 2 * b, c = 2 * b + 1;
            first[b] = first[a];
            last[b] = last[c];
            count[b] = count[a] + count[c];
            lossSum[b] = lossSum[a] + lossSum[c];
            accSum[b] = accSum[a] + accSum[c];
            for (int j = 0; j < k; j++) {
                pSum[b * k + j] = pSum[a * k + j] + pSum[c * k + j];
                pMin[b * k + j] = Math.min(pMin[a * k + j], pMin[c * k + j]);
                pMax[b * k + j] = Math.max(pMax[a * k + j], pMax[c * k + j]);
            }
        }
        n = cap / 2;
        width *= 2;
    }

    /** The buckets since the last cut, and starts afresh (width back to 1). */
    public Frame.Series cut() {
        long[] f = Arrays.copyOf(first, n), l = Arrays.copyOf(last, n);
        float[] loss = new float[n], acc = new float[n];
        float[][] mean = new float[k][n];
        float[][] min = width == 1 ? null : new float[k][n];
        float[][] max = width == 1 ? null : new float[k][n];
        for (int b = 0; b < n; b++) {
            loss[b] = (float) (lossSum[b] / count[b]);
            acc[b] = (float) (accSum[b] / count[b]);
            for (int j = 0; j < k; j++) {
                mean[j][b] = (float) (pSum[b * k + j] / count[b]);
                if (min != null) {
                    min[j][b] = pMin[b * k + j];
                    max[j][b] = pMax[b * k + j];
                }
            }
        }
        n = 0;
        width = 1;
        return new Frame.Series(f, l, loss, acc, mean, min, max);
    }
}
