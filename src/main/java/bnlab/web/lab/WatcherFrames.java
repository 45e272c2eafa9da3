package bnlab.web.lab;

import bnlab.experiments.live.Frame;
import bnlab.experiments.live.RunHistory;
import bnlab.experiments.live.SeriesMerge;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What watchers of a run receive (docs/protocol.md, "Watchers"): each frame and the history as compact
 * messages, {@link ServerMessage.WatcherFrame} and {@link ServerMessage.WatcherHistory}, made once for all
 * watchers. A watcher's charts are drawn on a phone, a tablet or a laptop; a lecture hall's one Wi-Fi carries
 * 200 of them, so each gets at most about 4 KB a second:
 * <ul>
 *   <li>every network's steps since the previous frame are one bucket (the page keeps a few hundred anyway);</li>
 *   <li>the watched neuron's percentiles are whole multiples of a unit of about a 500th of the range that
 *       network's percentiles have had in the run so far (the chart's axis spans at least that range), each
 *       written as its difference to the one before; loss and accuracy to 3 digits;</li>
 *   <li>the histogram at most {@link #HISTOGRAM_EVERY_NANOS} apart; the decision boundary on a grid of at most
 *       {@link #GRID} cells a side, each cell one character, only when it changed and at most once a second per
 *       network's map (two maps every two seconds);</li>
 *   <li>what rarely changes (epoch, learning rates, the watched neuron) when it changed and every
 *       {@link #STATUS_EVERY}th frame, so a watcher that missed a frame is right again within a second.</li>
 * </ul>
 * Not thread-safe: the run's tick (or the relay's thread) feeds it frames in their order; {@link #history} is
 * static and may run anywhere.
 */
public final class WatcherFrames {
    /** The characters of the boundary's levels 0..63. */
    public static final String LEVELS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
    static final int TOP_LEVEL = LEVELS.length() - 1;
    /** Epoch, rates and watched neuron are sent again every this many frames (one second at 20 frames a second). */
    static final int STATUS_EVERY = 20;
    /** A learning rate is sent again at once when it changed by more than this fraction (see {@link #moved}). */
    static final double RATE_CHANGE = 0.2;
    static final long HISTOGRAM_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(490);
    /** A network's boundary map (400 characters) at most once in this time: two networks' every 2 s, three's every 3 s. */
    static final long BOUNDARY_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(995);
    /** The watchers' decision boundary has at most this many cells a side (the full frame's 40 averaged in 2x2). */
    static final int GRID = 20;
    /** A percentile's unit is at most the range seen divided by this. */
    static final double CHART_LEVELS = 500;
    /** A late joiner's history has at most this many buckets over all networks (at least {@link #MIN_TRAIL} each). */
    static final int HISTORY_BUCKETS = 480, MIN_TRAIL = 100;
    /** Validations and measure points per network in a late joiner's history, at most. */
    static final int HISTORY_POINTS = 120;

    private double[] lo = new double[0], hi = new double[0]; // per network, the percentiles' range so far
    private long frames;
    private long lastStep = -1;   // the previous frame's step
    private Long epoch;
    private double[] rates;       // as last sent
    private Frame.Watch watch;
    private long lastHistogram = Long.MIN_VALUE / 2, lastBoundary = Long.MIN_VALUE / 2;
    private List<String> lastCells;

    /** A new run (start, reset): ranges and status start over. */
    public void reset() {
        lo = new double[0];
        hi = new double[0];
        frames = 0;
        epoch = null;
        rates = null;
        watch = null;
        lastHistogram = lastBoundary = Long.MIN_VALUE / 2;
        lastCells = null;
        lastStep = -1;
    }

    /**
     * The watchers' form of a frame (the next in the run's order).
     *
     * @param now the time it is sent ({@link System#nanoTime}), for the histogram's and boundary's cadence
     */
    public ServerMessage.WatcherFrame next(Frame f, long now) {
        List<Frame.Net> nets = new ArrayList<>(f.nets().values());
        grow(nets.size());
        long steps = 0;
        List<ServerMessage.WatcherFrame.Bucket> buckets = new ArrayList<>(nets.size());
        List<ServerMessage.WatcherFrame.Checked> validation = null;
        List<List<ServerMessage.WatcherFrame.Measured>> measure = null;
        double[] current = new double[nets.size()];
        for (int i = 0; i < nets.size(); i++) {
            Frame.Net n = nets.get(i);
            Double rate = sig(n.learningRate(), 3);
            current[i] = rate == null ? Double.NaN : rate;
            Frame.Series s = n.series();
            if (s == null || s.first().length == 0) {
                buckets.add(null);
            } else {
                Frame.Series one = SeriesMerge.merge(s, 1);
                steps = Math.max(steps, one.last()[0] - one.first()[0] + 1);
                float[] p = column(one.percentiles(), 0);
                widen(i, p);
                int scale = scale(hi[i] - lo[i], Math.max(Math.abs(lo[i]), Math.abs(hi[i])));
                buckets.add(new ServerMessage.WatcherFrame.Bucket(scale, sig(one.loss()[0], 2), hundredths(one.accuracy()[0]),
                        percentiles(p, unit(scale))));
            }
            if (n.validation() != null) {
                if (validation == null) validation = new ArrayList<>(java.util.Collections.nCopies(nets.size(), null));
                validation.set(i, new ServerMessage.WatcherFrame.Checked(sig(n.validation().loss(), 3), decimals(n.validation().accuracy())));
            }
            if (n.measure() != null && !n.measure().isEmpty()) {
                if (measure == null) measure = new ArrayList<>(java.util.Collections.nCopies(nets.size(), null));
                measure.set(i, measured(n.measure()));
            }
        }
        boolean status = frames++ % STATUS_EVERY == 0;
        Long e = status || !Long.valueOf(f.epoch()).equals(epoch) ? Long.valueOf(f.epoch()) : null;
        double[] r = status || moved(current, rates) ? current : null;
        Frame.Watch w = status || !f.watch().equals(watch) ? f.watch() : null;
        epoch = f.epoch();
        if (r != null) rates = current;
        watch = f.watch();
        ServerMessage.WatcherFrame.Counts h = null;
        if (f.histogram() != null && now - lastHistogram >= HISTOGRAM_EVERY_NANOS) {
            h = counts(f.histogram(), f.nets().keySet());
            lastHistogram = now;
        }
        ServerMessage.WatcherFrame.Boundary b = null;
        if (f.boundary() != null && now - lastBoundary >= BOUNDARY_EVERY_NANOS * Math.max(2, f.boundary().cells().size())) {
            b = boundary(f.boundary(), f.nets().keySet());
            if (b.cells().equals(lastCells)) b = null; // nothing a watcher would see changed
            else {
                lastCells = b.cells();
                lastBoundary = now;
            }
        }
        // The bucket's steps are those since the previous frame, unless (a first frame, a reset) they are not.
        Long k = steps == f.step() - lastStep ? null : Long.valueOf(steps);
        lastStep = f.step();
        return new ServerMessage.WatcherFrame(f.step(), k, e, r, w, buckets, validation, h, b, measure);
    }

    /**
     * Whether a learning rate changed by more than {@link #RATE_CHANGE} since the rates were last sent: a change
     * by hand shows at once; a schedule's gradual decay (which moves the rate a little every step) every
     * {@link #STATUS_EVERY}th frame or when it adds up.
     */
    private static boolean moved(double[] now, double[] sent) {
        if (sent == null || sent.length != now.length) return true;
        for (int i = 0; i < now.length; i++) {
            if (Double.isNaN(now[i]) != Double.isNaN(sent[i])) return true;
            if (Math.abs(now[i] - sent[i]) > RATE_CHANGE * Math.abs(sent[i])) return true;
        }
        return false;
    }

    /** A late joiner's history in the watchers' form: the series merged into fewer buckets, the points thinned. */
    public static ServerMessage.WatcherHistory history(RunHistory.Snapshot s) {
        Map<String, RunHistory.Net> nets = s.nets();
        double[] rates = null;
        if (s.learningRates() != null && !s.learningRates().isEmpty()) {
            rates = new double[nets.size()];
            int i = 0;
            for (String name : nets.keySet()) {
                Double r = s.learningRates().get(name);
                Double rounded = r == null ? null : sig(r, 3);
                rates[i++] = rounded == null ? Double.NaN : rounded;
            }
        }
        int perNet = Math.max(MIN_TRAIL, HISTORY_BUCKETS / Math.max(1, nets.size()));
        List<ServerMessage.WatcherHistory.Trail> trails = new ArrayList<>(nets.size());
        for (RunHistory.Net n : nets.values()) trails.add(trail(n, perNet));
        return new ServerMessage.WatcherHistory(s.step(), s.epoch(), rates, s.watch(), trails,
                s.histogram() == null ? null : counts(s.histogram(), nets.keySet()),
                s.boundary() == null ? null : boundary(s.boundary(), nets.keySet()));
    }

    private static ServerMessage.WatcherHistory.Trail trail(RunHistory.Net n, int max) {
        Frame.Series s = n.series();
        int count = s == null ? 0 : s.first().length;
        if (count > max) s = SeriesMerge.merge(s, max);
        count = s == null ? 0 : s.first().length;
        long[] widths = new long[count];
        Double[] loss = new Double[count], accuracy = new Double[count];
        String[] p = new String[count];
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int b = 0; b < count; b++) {
            float[] col = column(s.percentiles(), b);
            if (col == null || !finite(col)) continue;
            lo = Math.min(lo, col[0]);
            hi = Math.max(hi, col[col.length - 1]);
        }
        int scale = lo > hi ? 0 : scale(hi - lo, Math.max(Math.abs(lo), Math.abs(hi)));
        double unit = unit(scale);
        for (int b = 0; b < count; b++) {
            widths[b] = s.last()[b] - s.first()[b] + 1;
            loss[b] = sig(s.loss()[b], 3);
            accuracy[b] = decimals(s.accuracy()[b]);
            float[] col = column(s.percentiles(), b);
            p[b] = col == null ? null : percentiles(col, unit);
        }
        List<ServerMessage.WatcherHistory.Checked> validations = new ArrayList<>();
        for (Frame.Validation v : thin(n.validations()))
            validations.add(new ServerMessage.WatcherHistory.Checked(v.step(), sig(v.loss(), 3), decimals(v.accuracy())));
        return new ServerMessage.WatcherHistory.Trail(count == 0 ? 0 : s.first()[0], widths, scale, loss, accuracy, p, validations,
                n.diverged(), n.measure() == null ? null : measured(thin(n.measure())));
    }

    /** At most {@link #HISTORY_POINTS}, evenly picked, the newest kept. */
    private static <T> List<T> thin(List<T> all) {
        if (all == null || all.size() <= HISTORY_POINTS) return all == null ? List.of() : all;
        List<T> out = new ArrayList<>(HISTORY_POINTS);
        for (int i = 0; i < HISTORY_POINTS; i++) out.add(all.get((int) ((long) (i + 1) * all.size() / HISTORY_POINTS) - 1));
        return out;
    }

    private static List<ServerMessage.WatcherFrame.Measured> measured(List<Frame.Point> points) {
        List<ServerMessage.WatcherFrame.Measured> out = new ArrayList<>(points.size());
        for (Frame.Point p : points) {
            double[] v = new double[p.values().length];
            for (int j = 0; j < v.length; j++) v[j] = Double.isFinite(p.values()[j]) ? sig(p.values()[j], 4) : Double.NaN;
            out.add(new ServerMessage.WatcherFrame.Measured(p.step(), v));
        }
        return out;
    }

    private static ServerMessage.WatcherFrame.Counts counts(Frame.Histogram h, java.util.Set<String> names) {
        List<String> counts = new ArrayList<>(names.size());
        for (String name : names) counts.add(countsText(h.counts().get(name)));
        return new ServerMessage.WatcherFrame.Counts(sig(h.lo(), 4), sig(h.hi(), 4), counts);
    }

    /**
     * A histogram's counts as text: each count one character of {@link #LEVELS} when all are below 64 (a
     * mini-batch of up to 63), else each count as two (64 x high + low, up to 4,095); null stays null.
     */
    static String countsText(int[] counts) {
        if (counts == null) return null;
        int max = 0;
        for (int c : counts) max = Math.max(max, c);
        boolean two = max > TOP_LEVEL;
        StringBuilder b = new StringBuilder(counts.length * (two ? 2 : 1));
        for (int c : counts) {
            int v = Math.min(c, 64 * 64 - 1);
            if (two) b.append(LEVELS.charAt(v / 64));
            b.append(LEVELS.charAt(v % 64));
        }
        return b.toString();
    }

    /** The boundary on a grid of at most {@link #GRID} cells a side, each cell a level written as one character. */
    static ServerMessage.WatcherFrame.Boundary boundary(Frame.Boundary b, java.util.Set<String> names) {
        int t = Math.min(GRID, b.size());
        boolean classes = "class".equals(b.value()), output = "output".equals(b.value());
        double lo = 0, hi = 1;
        if (output) {
            lo = Double.POSITIVE_INFINITY;
            hi = Double.NEGATIVE_INFINITY;
            for (float[] cells : b.cells().values())
                for (float v : cells) if (Float.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
            if (lo > hi) { lo = 0; hi = 1; }
            lo = sig(lo, 4);
            hi = sig(hi, 4);
        }
        List<String> all = new ArrayList<>(names.size());
        for (String name : names) {
            float[] cells = b.cells().get(name);
            all.add(cells == null ? null : levels(cells, b.size(), t, classes, lo, hi));
        }
        return new ServerMessage.WatcherFrame.Boundary(b.step(), t, sig(b.xMin(), 4), sig(b.xMax(), 4), sig(b.yMin(), 4),
                sig(b.yMax(), 4), b.value(), lo, hi, all);
    }

    /** A size x size grid as t x t levels: each target cell the mean of the cells it covers (a class: its centre's). */
    private static String levels(float[] cells, int size, int t, boolean classes, double lo, double hi) {
        StringBuilder out = new StringBuilder(t * t);
        for (int r = 0; r < t; r++) {
            int r0 = r * size / t, r1 = (r + 1) * size / t;
            for (int c = 0; c < t; c++) {
                int c0 = c * size / t, c1 = (c + 1) * size / t;
                int level;
                if (classes) {
                    float v = cells[((r0 + r1) / 2) * size + (c0 + c1) / 2];
                    level = Float.isFinite(v) ? (int) Math.max(0, Math.min(TOP_LEVEL, v)) : 0;
                } else {
                    double sum = 0;
                    int n = 0;
                    for (int i = r0; i < r1; i++) for (int j = c0; j < c1; j++) if (Float.isFinite(cells[i * size + j])) { sum += cells[i * size + j]; n++; }
                    double u = n == 0 || hi == lo ? 0 : (sum / n - lo) / (hi - lo);
                    level = (int) Math.round(Math.max(0, Math.min(1, u)) * TOP_LEVEL);
                }
                out.append(LEVELS.charAt(level));
            }
        }
        return out.toString();
    }

    private void grow(int n) {
        if (lo.length >= n) return;
        int old = lo.length;
        lo = Arrays.copyOf(lo, n);
        hi = Arrays.copyOf(hi, n);
        for (int i = old; i < n; i++) { lo[i] = Double.POSITIVE_INFINITY; hi[i] = Double.NEGATIVE_INFINITY; }
    }

    private void widen(int i, float[] p) {
        if (p == null || !finite(p)) return;
        lo[i] = Math.min(lo[i], p[0]);
        hi[i] = Math.max(hi[i], p[p.length - 1]);
    }

    private static boolean finite(float[] p) {
        for (float v : p) if (!Float.isFinite(v)) return false;
        return true;
    }

    private static final double[] MANTISSA = {1, 2, 5};

    /** The unit of a scale: {1, 2, 5}[scale mod 3] x 10^floor(scale / 3). */
    static double unit(int scale) {
        return MANTISSA[Math.floorMod(scale, 3)] * Math.pow(10, Math.floorDiv(scale, 3));
    }

    /**
     * The scale whose unit is the largest of 1, 2, 5 times a power of ten at most range / {@link #CHART_LEVELS},
     * but never so small that a value of size {@code magnitude} needs more than 12 digits.
     */
    static int scale(double range, double magnitude) {
        double target = Math.max(range / CHART_LEVELS, magnitude * 1e-12);
        if (!(target > 0) || !Double.isFinite(target)) return 0;
        int decade = (int) Math.floor(Math.log10(target));
        double lead = target / Math.pow(10, decade);
        int scale = 3 * decade + (lead >= 5 ? 2 : lead >= 2 ? 1 : 0);
        while (unit(scale) > target) scale--; // rounding at the decade's edge
        return scale;
    }

    /**
     * The percentiles as whole multiples of the unit, the first as it is and each further one as its difference to
     * the one before, written as a Base64 VLQ (the encoding of source maps): null when one is not finite.
     */
    static String percentiles(float[] p, double unit) {
        if (p == null || !finite(p)) return null;
        StringBuilder out = new StringBuilder(2 * p.length);
        long previous = 0;
        for (int j = 0; j < p.length; j++) {
            long q = Math.round(p[j] / unit);
            vlq(j == 0 ? q : q - previous, out);
            previous = q;
        }
        return out.toString();
    }

    /** The Base64 alphabet of source maps' VLQ. */
    static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /**
     * A whole number as a Base64 VLQ, as source maps write numbers: the sign in the lowest bit, then 5 bits a
     * character, least significant first, the sixth bit saying that more follow. Below 16 in size one character,
     * below 512 two, below 16,384 three.
     */
    static void vlq(long value, StringBuilder out) {
        long v = value < 0 ? ((-value) << 1) | 1 : value << 1;
        do {
            int digit = (int) (v & 31);
            v >>>= 5;
            if (v != 0) digit |= 32;
            out.append(BASE64.charAt(digit));
        } while (v != 0);
    }

    private static float[] column(float[][] rows, int b) {
        if (rows == null) return null;
        float[] c = new float[rows.length];
        for (int j = 0; j < rows.length; j++) c[j] = rows[j][b];
        return c;
    }

    /** The value to {@code digits} significant digits; null when it is not finite. */
    static Double sig(double v, int digits) {
        if (!Double.isFinite(v)) return null;
        if (v == 0) return 0.0;
        return new BigDecimal(v).round(new MathContext(digits)).doubleValue();
    }

    /** An accuracy (0..1) to 3 decimals; null when it is not finite (regression). */
    static Double decimals(double v) { return Double.isFinite(v) ? Math.round(v * 1000) / 1000.0 : null; }

    /** A frame's training accuracy (0..1) to 2 decimals: a mean over a few mini-batches, noisier than that. */
    static Double hundredths(double v) { return Double.isFinite(v) ? Math.round(v * 100) / 100.0 : null; }
}
