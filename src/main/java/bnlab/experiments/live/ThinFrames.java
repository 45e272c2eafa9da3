package bnlab.experiments.live;

/**
 * The frame a student watching the instructor's run receives: the same frame with each network's series
 * merged into at most {@link #MAX_BUCKETS} buckets (the page merges its history into a few hundred
 * buckets anyway, so a watcher's chart differs only in how finely the newest steps are drawn). Numbers
 * are rounded when written (see the web layer). A frame of the lecture's run at full speed carries up to
 * 32 buckets of 11 percentiles (mean, minimum, maximum) per network; most of its bytes are those.
 */
public final class ThinFrames {
    public static final int MAX_BUCKETS = 2;

    private ThinFrames() {}

    public static Frame of(Frame f) {
        java.util.Map<String, Frame.Net> nets = new java.util.LinkedHashMap<>();
        f.nets().forEach((name, n) -> nets.put(name, thin(n)));
        return new Frame(f.frame(), f.step(), f.epoch(), f.learningRate(), f.baseLearningRate(), f.watch(),
                nets, f.histogram(), f.boundary(), f.also());
    }

    private static Frame.Net thin(Frame.Net n) {
        if (n == null || n.series() == null || n.series().first().length <= MAX_BUCKETS) return n;
        java.util.List<float[][]> also = null;
        if (n.also() != null) {
            also = new java.util.ArrayList<>();
            Frame.Series s = n.series();
            for (float[][] p : n.also())
                also.add(merge(new Frame.Series(s.first(), s.last(), s.loss(), s.accuracy(), p, null, null), MAX_BUCKETS).percentiles());
        }
        return new Frame.Net(merge(n.series(), MAX_BUCKETS), n.validation(), n.diverged(), n.learningRate(), also, n.measure());
    }

    /** Consecutive buckets merged into {@code max} groups of as equal a count as can be: weighted means, extremes. */
    static Frame.Series merge(Frame.Series s, int max) {
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
