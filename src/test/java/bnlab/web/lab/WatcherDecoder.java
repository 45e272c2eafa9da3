package bnlab.web.lab;

import bnlab.experiments.live.Frame;
import bnlab.experiments.live.RunHistory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What static/js/watcher-frames.js does, in Java, for the tests: the watchers' compact messages made back into
 * the frames and history they stand for, so that a test client (LabClient) reads a student's socket like any
 * other, and tests can hold the compact form against the full one.
 */
public final class WatcherDecoder {
    private List<String> names = List.of(Frame.PLAIN, Frame.BN);
    private int bins = 30;
    private long lastStep;
    private long epoch;
    private double[] rates = new double[0];
    private Frame.Watch watch;

    public void ready(ServerMessage.Ready r) {
        names = r.config().netNames();
        bins = r.settings().histogramBins();
        lastStep = 0;
        epoch = 0;
        rates = new double[0];
        watch = r.watch();
    }

    private void status(Long e, double[] r, Frame.Watch w) {
        if (e != null) epoch = e;
        if (r != null) rates = r;
        if (w != null) watch = w;
    }

    private double rate(int i) { return i < rates.length ? rates[i] : Double.NaN; }

    public Frame frame(ServerMessage.WatcherFrame m) {
        status(m.epoch(), m.rates(), m.watch());
        long k = m.steps() != null ? m.steps() : m.step() - lastStep;
        lastStep = m.step();
        Map<String, Frame.Net> nets = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            ServerMessage.WatcherFrame.Bucket b = m.nets() == null ? null : m.nets().get(i);
            Frame.Series series = null;
            if (b != null) {
                float[] p = percentiles(b.percentiles(), WatcherFrames.unit(b.scale()));
                float[][] cols = p == null ? null : new float[p.length][];
                if (p != null) for (int j = 0; j < p.length; j++) cols[j] = new float[]{p[j]};
                series = new Frame.Series(new long[]{m.step() - k + 1}, new long[]{m.step()}, new float[]{orNaN(b.loss())},
                        new float[]{orNaN(b.accuracy())}, cols, null, null);
            }
            ServerMessage.WatcherFrame.Checked v = m.validation() == null ? null : m.validation().get(i);
            Frame.Validation validation = v == null ? null : new Frame.Validation(m.step(), orNaN(v.loss()), orNaN(v.accuracy()));
            List<Frame.Point> measure = m.measure() == null || m.measure().get(i) == null ? null : points(m.measure().get(i));
            nets.put(names.get(i), new Frame.Net(series, validation, null, rate(i), null, measure));
        }
        double last = Double.NaN;
        for (double r : rates) if (!Double.isNaN(r)) last = r;
        return new Frame(-1, m.step(), epoch, last, rate(0), watch, nets, histogram(m.histogram(), m.step()), boundary(m.boundary()), null);
    }

    public ServerMessage.History history(ServerMessage.WatcherHistory m) {
        status(m.epoch(), m.rates(), m.watch());
        lastStep = m.step();
        Map<String, RunHistory.Net> nets = new LinkedHashMap<>();
        for (int i = 0; i < names.size() && i < m.nets().size(); i++) {
            ServerMessage.WatcherHistory.Trail t = m.nets().get(i);
            int n = t.widths().length;
            long[] first = new long[n], last = new long[n];
            float[] loss = new float[n], acc = new float[n];
            double unit = WatcherFrames.unit(t.scale());
            float[][] p = null;
            long at = t.first();
            for (int b = 0; b < n; b++) {
                first[b] = at;
                last[b] = at + t.widths()[b] - 1;
                at += t.widths()[b];
                loss[b] = orNaN(t.loss()[b]);
                acc[b] = orNaN(t.accuracy()[b]);
                float[] col = percentiles(t.percentiles()[b], unit);
                if (col == null) continue;
                if (p == null) {
                    p = new float[col.length][n];
                    for (float[] row : p) java.util.Arrays.fill(row, Float.NaN);
                }
                for (int j = 0; j < col.length; j++) p[j][b] = col[j];
            }
            List<Frame.Validation> validations = new ArrayList<>();
            for (ServerMessage.WatcherHistory.Checked v : t.validations())
                validations.add(new Frame.Validation(v.step(), orNaN(v.loss()), orNaN(v.accuracy())));
            nets.put(names.get(i), new RunHistory.Net(new Frame.Series(first, last, loss, acc, p, null, null), validations, t.diverged(),
                    t.measure() == null ? null : points(t.measure())));
        }
        Map<String, Double> rates = new LinkedHashMap<>();
        if (m.rates() != null) for (int i = 0; i < names.size() && i < m.rates().length; i++) rates.put(names.get(i), m.rates()[i]);
        return new ServerMessage.History(m.step(), epoch, rates, watch, nets, histogram(m.histogram(), m.step()), boundary(m.boundary()));
    }

    private static List<Frame.Point> points(List<ServerMessage.WatcherFrame.Measured> measured) {
        List<Frame.Point> out = new ArrayList<>();
        for (ServerMessage.WatcherFrame.Measured p : measured) out.add(new Frame.Point(p.step(), p.values()));
        return out;
    }

    private Frame.Histogram histogram(ServerMessage.WatcherFrame.Counts h, long step) {
        if (h == null) return null;
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String text = h.counts().get(i);
            if (text == null) continue;
            boolean two = text.length() == 2 * bins;
            int[] c = new int[bins];
            for (int j = 0; j < bins; j++)
                c[j] = two ? 64 * level(text.charAt(2 * j)) + level(text.charAt(2 * j + 1)) : level(text.charAt(j));
            counts.put(names.get(i), c);
        }
        return new Frame.Histogram(step, h.lo(), h.hi(), counts);
    }

    private Frame.Boundary boundary(ServerMessage.WatcherFrame.Boundary b) {
        if (b == null) return null;
        Map<String, float[]> cells = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String text = b.cells().get(i);
            if (text == null) continue;
            float[] v = new float[text.length()];
            for (int j = 0; j < v.length; j++) {
                int level = level(text.charAt(j));
                v[j] = (float) (b.value().equals("class") ? level : b.value().equals("output")
                        ? b.lo() + (b.hi() - b.lo()) * level / WatcherFrames.TOP_LEVEL : level / (double) WatcherFrames.TOP_LEVEL);
            }
            cells.put(names.get(i), v);
        }
        return new Frame.Boundary(b.step(), b.size(), b.xMin(), b.xMax(), b.yMin(), b.yMax(), b.value(), cells);
    }

    private static int level(char c) { return WatcherFrames.LEVELS.indexOf(c); }

    private static float orNaN(Double v) { return v == null ? Float.NaN : v.floatValue(); }

    /** The percentiles of a Base64 VLQ of whole units: the first as it is, then differences. */
    static float[] percentiles(String text, double unit) {
        if (text == null) return null;
        long[] q = vlq(text);
        float[] out = new float[q.length];
        long sum = 0;
        for (int j = 0; j < q.length; j++) {
            sum += q[j];
            out[j] = (float) (sum * unit);
        }
        return out;
    }

    static long[] vlq(String text) {
        List<Long> out = new ArrayList<>();
        long value = 0;
        int shift = 0;
        for (char ch : text.toCharArray()) {
            int digit = WatcherFrames.BASE64.indexOf(ch);
            value |= (long) (digit & 31) << shift;
            shift += 5;
            if ((digit & 32) == 0) {
                out.add((value & 1) == 1 ? -(value >>> 1) : value >>> 1);
                value = 0;
                shift = 0;
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }
}
