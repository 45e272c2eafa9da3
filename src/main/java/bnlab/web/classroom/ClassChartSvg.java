package bnlab.web.classroom;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The class chart of a past room as SVG, drawn on the server so that the page after class and the report that opens
 * offline show the same picture with no script: each run's validation accuracy at one checkpoint against its learning
 * rate (logarithmic axis), a point per network (colour AND shape: triangles without BN, circles with BN, as on the live
 * class chart, static/js/nets.js), the class run large with a black rim, runs that diverged as crosses on the bottom
 * edge.
 */
final class ClassChartSvg {
    private ClassChartSvg() {}

    static final int WIDTH = 760, HEIGHT = 420;
    private static final int LEFT = 70, RIGHT = 20, TOP = 20, BOTTOM = 70;
    /** The networks' colours and shapes, as static/js/nets.js draws them. */
    private static final Map<String, String> COLORS = Map.of("plain", "#d55e00", "bn", "#0072b2", "bn-paper", "#009e73",
            "noisy-bn", "#cc79a7", "ln", "#000000");

    /**
     * @param label   a network's name on the page ("without BN")
     * @param xTitle  the rate axis's title
     * @param yTitle  the accuracy axis's title
     * @param caption what the chart shows, for screen readers
     */
    static String of(PastRoom p, Function<String, String> label, String xTitle, String yTitle, String caption) {
        List<double[]> xs = new ArrayList<>();
        for (PastRoom.Row r : p.rows())
            for (PastRoom.Net n : r.nets().values()) if (n.learningRate() != null && n.learningRate() > 0) xs.add(new double[]{n.learningRate()});
        double lo = xs.stream().mapToDouble(x -> x[0]).min().orElse(0.01) / 1.5, hi = xs.stream().mapToDouble(x -> x[0]).max().orElse(1) * 1.5;
        if (hi / lo < 10) { double mid = Math.sqrt(lo * hi); lo = mid / Math.sqrt(10); hi = mid * Math.sqrt(10); }
        double logLo = Math.log10(lo), logHi = Math.log10(hi);
        int w = WIDTH - LEFT - RIGHT, h = HEIGHT - TOP - BOTTOM;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" role=\"img\" class=\"class-chart-svg\""
                + " font-family=\"sans-serif\" font-size=\"14\"><title>%s</title>", WIDTH, HEIGHT, esc(caption)));
        s.append(String.format(Locale.ROOT, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>", WIDTH, HEIGHT));
        for (int i = 0; i <= 10; i += 2) { // accuracy 0 .. 1
            double y = TOP + h - h * i / 10.0;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#dddddd\"/>", LEFT, LEFT + w, y, y));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#333333\">%s</text>", LEFT - 8, y + 5,
                    String.format(Locale.ROOT, "%.1f", i / 10.0)));
        }
        for (int e = (int) Math.floor(logLo); e <= Math.ceil(logHi); e++) {
            for (int m : new int[]{1, 2, 5}) {
                double v = m * Math.pow(10, e), lv = Math.log10(v);
                if (lv < logLo || lv > logHi) continue;
                double x = LEFT + w * (lv - logLo) / (logHi - logLo);
                s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#eeeeee\"/>", x, x, TOP, TOP + h));
                s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#333333\">%s</text>", x, TOP + h + 20,
                        new java.math.BigDecimal(v).round(new java.math.MathContext(2)).stripTrailingZeros().toPlainString()));
            }
        }
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#666666\"/>", LEFT, TOP, w, h));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#222222\">%s</text>", LEFT + w / 2, HEIGHT - 28, esc(xTitle)));
        s.append(String.format(Locale.ROOT, "<text transform=\"translate(18 %d) rotate(-90)\" text-anchor=\"middle\" fill=\"#222222\">%s</text>",
                TOP + h / 2, esc(yTitle)));
        // forks first, the class run on top
        List<PastRoom.Row> order = new ArrayList<>(p.rows());
        order.sort((a, b) -> Boolean.compare(a.isClassRun(), b.isClassRun()));
        for (PastRoom.Row r : order) {
            for (Map.Entry<String, PastRoom.Net> e : r.nets().entrySet()) {
                PastRoom.Net n = e.getValue();
                if (n.learningRate() == null || n.learningRate() <= 0) continue;
                double x = LEFT + w * (Math.log10(n.learningRate()) - logLo) / (logHi - logLo);
                String color = COLORS.getOrDefault(e.getKey(), "#666666");
                String who = r.isClassRun() ? "class" : r.nickname() != null ? r.nickname() : "#" + r.number();
                Double acc = n.accuracyAt(p.checkpoint());
                if (acc == null && r.isClassRun()) acc = n.accuracy(); // it stopped before: its last measurement, as live
                if (n.divergedKind() != null && (acc == null || p.lastMeasured() || n.divergedStep() != null && n.divergedStep() <= p.checkpoint())) {
                    double y = TOP + h;
                    s.append(String.format(Locale.ROOT, "<path d=\"M%.1f %.1fl10 10m0 -10l-10 10\" transform=\"translate(-5 -5)\" stroke=\"%s\""
                            + " stroke-width=\"3\"><title>%s, %s</title></path>", x, y, color, esc(who), esc(label.apply(e.getKey()))));
                    continue;
                }
                if (acc == null) continue;
                double y = TOP + h - h * acc;
                double size = r.isClassRun() ? 11 : 7;
                String rim = r.isClassRun() ? " stroke=\"#000000\" stroke-width=\"3\"" : String.format(" stroke=\"%s\" stroke-width=\"2\"", color);
                String tip = String.format(Locale.ROOT, "<title>%s, %s: %.3f</title>", esc(who), esc(label.apply(e.getKey())), acc);
                if (e.getKey().equals("plain"))
                    s.append(String.format(Locale.ROOT, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"%s\" fill-opacity=\"0.55\"%s>%s</path>",
                            x, y - size, x + size, y + size * 0.8, x - size, y + size * 0.8, color, rim, tip));
                else if (e.getKey().equals("bn"))
                    s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\" fill-opacity=\"0.55\"%s>%s</circle>",
                            x, y, size, color, rim, tip));
                else
                    s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" fill-opacity=\"0.55\"%s>%s</rect>",
                            x - size, y - size, 2 * size, 2 * size, color, rim, tip));
            }
        }
        // the legend: one entry per network, and the class run
        int lx = LEFT;
        for (String net : p.nets()) {
            String color = COLORS.getOrDefault(net, "#666666");
            int cx = lx + 7, cy = HEIGHT - 8;
            s.append(net.equals("plain") ? String.format(Locale.ROOT, "<path d=\"M%d %dL%d %dL%d %dZ\" fill=\"%s\"/>", cx, cy - 7, cx + 7, cy + 6, cx - 7, cy + 6, color)
                    : net.equals("bn") ? String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"7\" fill=\"%s\"/>", cx, cy, color)
                    : String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"14\" fill=\"%s\"/>", cx - 7, cy - 7, color));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#222222\">%s</text>", lx + 20, HEIGHT - 3, esc(label.apply(net))));
            lx += 44 + 8 * label.apply(net).length();
        }
        s.append("</svg>");
        return s.toString();
    }

    static String esc(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
