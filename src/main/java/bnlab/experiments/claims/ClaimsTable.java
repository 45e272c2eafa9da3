package bnlab.experiments.claims;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Measures {@link ClaimSet}s on their seeds and writes what was found as Markdown: per set, a row per claim (its
 * threshold, on how many seeds it holds, smallest, median and largest figure, what the text quotes and whether the
 * two agree) and a row per seed with every figure. {@code docs/claims.md} is this table for {@link Claims#ALL}.
 */
public final class ClaimsTable {
    private ClaimsTable() {}

    /** One claim as measured. */
    public record Measured(Claim claim, double[] values, double min, double median, double max, int holds, boolean agrees) {}

    /** A set as measured: the figures per seed (seed 1 first) and its claims. */
    public record Result(ClaimSet set, List<Map<String, Double>> perSeed, List<Measured> claims, double seconds) {
        public boolean agrees() { return claims.stream().allMatch(Measured::agrees); }
    }

    /** Runs a set on seeds 1 to {@code seeds} (at most its own), reporting each seed's progress. */
    public static Result measure(ClaimSet set, int seeds, Consumer<String> progress) throws Exception {
        long t0 = System.nanoTime();
        int n = Math.min(seeds, set.seeds());
        List<Map<String, Double>> perSeed = new ArrayList<>();
        for (long seed = 1; seed <= n; seed++) {
            perSeed.add(new LinkedHashMap<>(set.measurement().on(seed)));
            progress.accept(String.format(Locale.ROOT, "claims %s: seed %d of %d (%.0f s)", set.id(), seed, n, (System.nanoTime() - t0) / 1e9));
        }
        return judge(set, perSeed, (System.nanoTime() - t0) / 1e9);
    }

    /** A set's claims against figures measured before (e.g. those of docs/claims.md). */
    public static Result judge(ClaimSet set, List<Map<String, Double>> perSeed, double seconds) {
        List<Measured> measured = new ArrayList<>();
        for (Claim c : set.claims()) measured.add(measure(c, perSeed, set.id()));
        return new Result(set, perSeed, measured, seconds);
    }

    static Measured measure(Claim c, List<Map<String, Double>> perSeed, String set) {
        double[] v = new double[perSeed.size()];
        for (int i = 0; i < v.length; i++) {
            Double x = perSeed.get(i).get(c.figure());
            if (x == null) throw new IllegalStateException(set + ": no figure " + c.figure() + " in " + perSeed.get(i).keySet());
            v[i] = x;
        }
        double[] finite = Arrays.stream(v).filter(Double::isFinite).sorted().toArray();
        double min = finite.length == 0 ? Double.NaN : finite[0], max = finite.length == 0 ? Double.NaN : finite[finite.length - 1];
        double median = finite.length == 0 ? Double.NaN : finite.length % 2 == 1 ? finite[finite.length / 2]
                : (finite[finite.length / 2 - 1] + finite[finite.length / 2]) / 2;
        int holds = c.holds() == null ? -1 : (int) Arrays.stream(v).filter(x -> c.holds().test(x)).count();
        boolean agrees = close(c.min(), min) && close(c.max(), max) && close(c.median(), median) && (c.count() < 0 || c.count() == holds);
        return new Measured(c, v, min, median, max, holds, agrees);
    }

    /** Whether a measured value rounds to the quoted one at the quoted precision (nothing quoted: yes). */
    static boolean close(String quoted, double measured) {
        if (quoted == null) return true;
        int dot = quoted.indexOf('.');
        double unit = Math.pow(10, -(dot < 0 ? 0 : quoted.length() - dot - 1));
        return Math.abs(Double.parseDouble(quoted) - measured) <= unit / 2 + 1e-9;
    }

    /** A figure as the table writes it: three significant decimals, "NaN" for a diverged network. */
    public static String figure(double v) {
        if (Double.isNaN(v)) return "NaN";
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f", v);
    }

    /** The Markdown of the results, with a header saying how it was made. */
    public static String markdown(List<Result> results, String how) {
        StringBuilder b = new StringBuilder();
        b.append("# Claims, measured\n\n");
        b.append("Every figure that a preset's text or the lesson's section 7 quotes, measured on every seed it speaks of: ")
                .append("the smallest, the median and the largest over the seeds, and where the text states a threshold, on how ")
                .append("many seeds it holds. \"Agrees\" says whether the text's figures are these (to the digits it quotes). ")
                .append("A claim that holds on fewer than 80 % of the seeds is quoted with its count.\n\n");
        b.append(how).append("\n\n");
        b.append("| Set | Holds on all its claims | Seeds | Time |\n|---|---|---|---|\n");
        for (Result r : results)
            b.append("| [").append(r.set().id()).append("](#").append(r.set().id()).append(") | ").append(r.agrees() ? "yes" : "**no**")
                    .append(" | 1 to ").append(r.perSeed().size()).append(" | ").append(String.format(Locale.ROOT, "%.0f s", r.seconds())).append(" |\n");
        for (Result r : results) {
            ClaimSet s = r.set();
            b.append("\n## ").append(s.id()).append("\n\n");
            b.append("Preset `").append(s.preset()).append("`. ").append(s.run()).append(" Seeds 1 to ").append(r.perSeed().size())
                    .append(".\n\n");
            b.append("| Figure | What | Threshold | Holds | Min | Median | Max | The text says | Quoted in | Agrees |\n|---|---|---|---|---|---|---|---|---|---|\n");
            for (Measured m : r.claims()) {
                Claim c = m.claim();
                b.append("| ").append(c.figure()).append(" | ").append(c.says()).append(" | ")
                        .append(c.threshold() == null ? "" : c.threshold()).append(" | ")
                        .append(m.holds() < 0 ? "" : m.holds() + " of " + m.values().length).append(" | ")
                        .append(figure(m.min())).append(" | ").append(figure(m.median())).append(" | ").append(figure(m.max())).append(" | ")
                        .append(says(c)).append(" | ").append(String.join(" ", texts(s, c).stream().map(t -> "`" + t + "`").toList()))
                        .append(" | ").append(m.agrees() ? "yes" : "**no**").append(" |\n");
            }
            List<String> names = new ArrayList<>(r.perSeed().get(0).keySet());
            b.append("\n| Seed | ").append(String.join(" | ", names)).append(" |\n|---|");
            b.append("---|".repeat(names.size())).append('\n');
            for (int i = 0; i < r.perSeed().size(); i++) {
                b.append("| ").append(i + 1);
                for (String name : names) b.append(" | ").append(figure(r.perSeed().get(i).get(name)));
                b.append(" |\n");
            }
        }
        return b.toString();
    }

    /** The message keys that quote a claim. */
    public static List<String> texts(ClaimSet s, Claim c) { return c.text() != null ? List.of(c.text()) : s.texts(); }

    /** What a claim quotes, in the table's words: "0.86 to 0.98, median 0.95, on 25". */
    static String says(Claim c) {
        List<String> parts = new ArrayList<>();
        if (c.min() != null || c.max() != null) parts.add((c.min() == null ? "…" : c.min()) + " to " + (c.max() == null ? "…" : c.max()));
        if (c.median() != null) parts.add("median " + c.median());
        if (c.count() >= 0) parts.add("on " + c.count());
        return String.join(", ", parts);
    }
}
