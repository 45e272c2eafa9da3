package bnlab.experiments.live;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a live run has shown so far, bounded, so that a page that joins late (a student entering the
 * room, a reload) can draw full charts at once instead of starting from the step it joined.
 *
 * <p>The series are kept as the page keeps them (static/js/lab-series.js): per network at most
 * {@link #MAX_BUCKETS} buckets of consecutive steps; when they overflow, neighbours are merged in pairs
 * and the width a new bucket should reach doubles, so old and new points stay alike. Merging is the
 * page's: weighted means, minimum of minima, maximum of maxima. Validations and the points of the run's measure
 * are kept up to {@link #MAX_VALIDATIONS} per network, every other one dropped when they overflow (the newest
 * kept).
 * Memory is bounded whatever the run's length: about 400 buckets x 35 numbers per network.
 *
 * <p>Not thread-safe: the run's tick feeds it and reads it.
 */
public final class RunHistory {
    /** As the page's MAX_BUCKETS: a late joiner's charts look like those of a page that watched from the start. */
    public static final int MAX_BUCKETS = 400;
    public static final int MAX_VALIDATIONS = 1000;

    /**
     * The run so far, in the shape of a frame's parts.
     *
     * @param step          iterations done at the last frame
     * @param epoch         the last frame's epoch (passes over the training set, counting the current one from 0)
     * @param learningRates the last frame's rate of each network, by name in the run's order (what a page's status
     *                      line shows until the next frame; none before the first frame)
     * @param watch         the neuron the percentiles refer to (buckets before a watch change carry none)
     * @param nets          each network's part, by name, in the run's order
     * @param histogram     the last frame's histogram, or null
     * @param boundary      the last decision boundary, or null
     */
    public record Snapshot(long step, long epoch, Map<String, Double> learningRates, Frame.Watch watch, Map<String, Net> nets,
                           Frame.Histogram histogram, Frame.Boundary boundary) {
        /** A snapshot without the status line's numbers (epoch 0, no rates). */
        public Snapshot(long step, Frame.Watch watch, Map<String, Net> nets, Frame.Histogram histogram, Frame.Boundary boundary) {
            this(step, 0, Map.of(), watch, nets, histogram, boundary);
        }

        /** The part of the network of that name, or null. */
        public Net net(String name) { return nets == null ? null : nets.get(name); }
    }

    /**
     * @param series      every step so far in at most {@link #MAX_BUCKETS} buckets; percentiles null when none of
     *                    the buckets has them, a bucket without them (before a watch change) has NaN there
     * @param validations the validations so far, oldest first
     * @param diverged    its divergence, or null
     * @param measure     the points of the run's measure so far, oldest first; null when the run has none
     */
    public record Net(Frame.Series series, List<Frame.Validation> validations, Frame.Divergence diverged,
                      List<Frame.Point> measure) {}

    private final Map<String, Trail> trails = new LinkedHashMap<>();
    private Frame.Watch watch;
    private long step;
    private long epoch;
    private Map<String, Double> learningRates = Map.of();
    private Frame.Histogram histogram;
    private Frame.Boundary boundary;

    /** Forgets everything (a new start or reset). */
    public void clear() {
        trails.clear();
        watch = null;
        step = 0;
        epoch = 0;
        learningRates = Map.of();
        histogram = null;
        boundary = null;
    }

    /** An independent copy (a fork's history starts as the run's it was forked from). */
    public RunHistory copy() {
        RunHistory h = new RunHistory();
        trails.forEach((name, t) -> h.trail(name).copyFrom(t));
        h.watch = watch;
        h.step = step;
        h.epoch = epoch;
        h.learningRates = learningRates;
        h.histogram = histogram;
        h.boundary = boundary;
        return h;
    }

    /**
     * A history that holds what a snapshot shows (an instance relaying a room run on another one keeps the
     * room's history from the snapshot it was sent, then from the frames).
     */
    public static RunHistory from(Snapshot s) {
        RunHistory h = new RunHistory();
        h.watch = s.watch();
        h.step = s.step();
        h.epoch = s.epoch();
        h.learningRates = s.learningRates() == null ? Map.of() : s.learningRates();
        h.histogram = s.histogram();
        h.boundary = s.boundary();
        if (s.nets() != null) s.nets().forEach((name, n) -> h.trail(name).load(n));
        return h;
    }

    private Trail trail(String name) { return trails.computeIfAbsent(name, n -> new Trail()); }

    /** Keeps a frame, as the page does when it draws it. */
    public void add(Frame f) {
        if (watch != null && f.watch() != null && !watch.equals(f.watch())) trails.values().forEach(Trail::dropPercentiles);
        watch = f.watch();
        step = f.step();
        epoch = f.epoch();
        if (f.nets() != null) {
            Map<String, Double> rates = new LinkedHashMap<>();
            f.nets().forEach((name, n) -> {
                trail(name).add(n);
                if (n != null) rates.put(name, n.learningRate());
            });
            learningRates = java.util.Collections.unmodifiableMap(rates);
        }
        if (f.histogram() != null) histogram = f.histogram();
        if (f.boundary() != null) boundary = f.boundary();
    }

    public Snapshot snapshot() {
        Map<String, Net> nets = new LinkedHashMap<>();
        trails.forEach((name, t) -> nets.put(name, t.net()));
        return new Snapshot(step, epoch, learningRates, watch, nets, histogram, boundary);
    }

    /** Buckets held for one network (tests). */
    int buckets(String network) { return trails.get(network).buckets.size(); }

    /** A bucket of steps first..last: sums are not kept, means with their weight are enough to merge. */
    private record Bucket(long first, long last, float loss, float accuracy, float[] p, float[] pMin, float[] pMax) {
        long weight() { return last - first + 1; }

        Bucket merge(Bucket b) {
            double wa = weight(), wb = b.weight(), w = wa + wb;
            float[] mp = null, lo = null, hi = null;
            if (p != null && b.p != null) {
                mp = new float[p.length];
                lo = new float[p.length];
                hi = new float[p.length];
                for (int j = 0; j < p.length; j++) {
                    mp[j] = mean(p[j], wa, b.p[j], wb, w);
                    lo[j] = Math.min(pMin[j], b.pMin[j]);
                    hi[j] = Math.max(pMax[j], b.pMax[j]);
                }
            }
            return new Bucket(first, b.last, mean(loss, wa, b.loss, wb, w), mean(accuracy, wa, b.accuracy, wb, w), mp, lo, hi);
        }

        /** The weighted mean; a NaN (a regression's accuracy) on one side leaves the other's value, as the page does with null. */
        private static float mean(float x, double wx, float y, double wy, double w) {
            if (Float.isNaN(x)) return y;
            if (Float.isNaN(y)) return x;
            return (float) ((x * wx + y * wy) / w);
        }
    }

    /** One network's buckets and validations. */
    private static final class Trail {
        final List<Bucket> buckets = new ArrayList<>();
        final List<Frame.Validation> validations = new ArrayList<>();
        List<Frame.Point> measure;        // null until the first point
        Frame.Divergence diverged;
        long width = 1;

        void clear() {
            buckets.clear();
            validations.clear();
            measure = null;
            diverged = null;
            width = 1;
        }

        /** Buckets and validations are immutable (their arrays are never written after they are made): shared. */
        void copyFrom(Trail t) {
            buckets.addAll(t.buckets);
            validations.addAll(t.validations);
            measure = t.measure == null ? null : new ArrayList<>(t.measure);
            diverged = t.diverged;
            width = t.width;
        }

        void load(Net n) {
            if (n == null) return;
            Frame.Series s = n.series();
            if (s != null && s.first() != null) {
                long widest = 1;
                for (int b = 0; b < s.first().length; b++) {
                    float[] p = column(s.percentiles(), b);
                    if (p != null && Float.isNaN(p[0])) p = null; // a bucket from before a watch change
                    buckets.add(new Bucket(s.first()[b], s.last()[b], s.loss()[b], s.accuracy()[b], p,
                            p == null ? null : column(s.percentilesMin(), b), p == null ? null : column(s.percentilesMax(), b)));
                    widest = Math.max(widest, s.last()[b] - s.first()[b] + 1);
                }
                width = Long.highestOneBit(widest);
            }
            if (n.validations() != null) validations.addAll(n.validations());
            if (n.measure() != null) measure = new ArrayList<>(n.measure());
            diverged = n.diverged();
        }

        void dropPercentiles() {
            buckets.replaceAll(b -> new Bucket(b.first, b.last, b.loss, b.accuracy, null, null, null));
        }

        void add(Frame.Net net) {
            if (net == null) return;
            if (net.validation() != null) {
                validations.add(net.validation());
                if (validations.size() > MAX_VALIDATIONS) thin(validations);
            }
            if (net.measure() != null) {
                if (measure == null) measure = new ArrayList<>();
                measure.addAll(net.measure());
                if (measure.size() > MAX_VALIDATIONS) thin(measure);
            }
            if (net.diverged() != null) diverged = net.diverged();
            Frame.Series s = net.series();
            if (s == null || s.first() == null) return;
            for (int b = 0; b < s.first().length; b++) {
                float[] p = column(s.percentiles(), b);
                Bucket bucket = new Bucket(s.first()[b], s.last()[b], s.loss()[b], s.accuracy()[b], p,
                        s.percentilesMin() != null ? column(s.percentilesMin(), b) : p,
                        s.percentilesMax() != null ? column(s.percentilesMax(), b) : p);
                Bucket last = buckets.isEmpty() ? null : buckets.get(buckets.size() - 1);
                if (last != null && last.p != null && last.weight() < width && last.last + 1 == bucket.first)
                    buckets.set(buckets.size() - 1, last.merge(bucket));
                else
                    buckets.add(bucket);
            }
            while (buckets.size() > MAX_BUCKETS) {
                width *= 2;
                List<Bucket> merged = new ArrayList<>(buckets.size() / 2 + 1);
                for (int i = 0; i + 1 < buckets.size(); i += 2) merged.add(buckets.get(i).merge(buckets.get(i + 1)));
                if (buckets.size() % 2 == 1) merged.add(buckets.get(buckets.size() - 1));
                buckets.clear();
                buckets.addAll(merged);
            }
        }

        /** Keeps every other entry, counted from the newest, so the latest one stays. */
        private static <T> void thin(List<T> list) {
            List<T> kept = new ArrayList<>();
            for (int i = list.size() - 1; i >= 0; i -= 2) kept.add(0, list.get(i));
            list.clear();
            list.addAll(kept);
        }

        private static float[] column(float[][] rows, int b) {
            if (rows == null) return null;
            float[] c = new float[rows.length];
            for (int j = 0; j < rows.length; j++) c[j] = rows[j][b];
            return c;
        }

        Net net() {
            int n = buckets.size();
            long[] first = new long[n], last = new long[n];
            float[] loss = new float[n], acc = new float[n];
            int k = 0;
            for (Bucket b : buckets) if (b.p != null) k = b.p.length;
            float[][] p = k == 0 ? null : new float[k][n], lo = k == 0 ? null : new float[k][n], hi = k == 0 ? null : new float[k][n];
            for (int i = 0; i < n; i++) {
                Bucket b = buckets.get(i);
                first[i] = b.first;
                last[i] = b.last;
                loss[i] = b.loss;
                acc[i] = b.accuracy;
                for (int j = 0; j < k; j++) {
                    p[j][i] = b.p == null ? Float.NaN : b.p[j];
                    lo[j][i] = b.p == null ? Float.NaN : b.pMin[j];
                    hi[j][i] = b.p == null ? Float.NaN : b.pMax[j];
                }
            }
            return new Net(new Frame.Series(first, last, loss, acc, p, lo, hi), List.copyOf(validations), diverged,
                    measure == null ? null : List.copyOf(measure));
        }
    }
}
