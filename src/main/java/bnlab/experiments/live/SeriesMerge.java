package bnlab.experiments.live;

/**
 * Merges a series' consecutive buckets into fewer, as the page merges its history: weighted means of the
 * means (a bucket weighs as many steps as it covers), the minimum of the minima, the maximum of the maxima.
 * What a watcher receives is made with it (web/lab/WatcherFrames): a frame's steps as one bucket, a late
 * joiner's history in fewer buckets.
 */
public final class SeriesMerge {
    private SeriesMerge() {}

    /** Consecutive buckets merged into {@code max} groups of as equal a count as can be: weighted means, extremes. */
    public static Frame.Series merge(Frame.Series s, int max) {
        if (max < 1) throw new IllegalArgumentException("max must be at least 1");
        if (s.first().length <= max) return s;
        int n = s.first().length, k = s.percentiles() == null ? 0 : s.percentiles().length;
        long[] first = new long[max], last = new long[max];
        float[] loss = new float[max], acc = new float[max];
        float[][] p = new float[k][max], lo = new float[k][max], hi = new float[k][max];
        for (int g = 0; g < max; g++) {
            int from = (int) ((long) g * n / max), to = (int) ((long) (g + 1) * n / max); // buckets from..to-1
            first[g] = s.first()[from];
            last[g] = s.last()[to - 1];
            double w = 0, l = 0, a = 0;
            double[] ps = new double[k];
            float[] mn = new float[k], mx = new float[k];
            java.util.Arrays.fill(mn, Float.POSITIVE_INFINITY);
            java.util.Arrays.fill(mx, Float.NEGATIVE_INFINITY);
            for (int b = from; b < to; b++) {
                double wb = s.last()[b] - s.first()[b] + 1;
                w += wb;
                l += s.loss()[b] * wb;
                a += s.accuracy()[b] * wb;
                for (int j = 0; j < k; j++) {
                    ps[j] += s.percentiles()[j][b] * wb;
                    float bl = s.percentilesMin() == null ? s.percentiles()[j][b] : s.percentilesMin()[j][b];
                    float bh = s.percentilesMax() == null ? s.percentiles()[j][b] : s.percentilesMax()[j][b];
                    if (bl < mn[j]) mn[j] = bl;
                    if (bh > mx[j]) mx[j] = bh;
                }
            }
            loss[g] = (float) (l / w);
            acc[g] = (float) (a / w);
            for (int j = 0; j < k; j++) {
                p[j][g] = (float) (ps[j] / w);
                lo[j][g] = mn[j];
                hi[j][g] = mx[j];
            }
        }
        return new Frame.Series(first, last, loss, acc, k == 0 ? null : p, k == 0 ? null : lo, k == 0 ? null : hi);
    }
}
