package bnlab.experiments.live;

import bnlab.engine.Dataset;
import bnlab.engine.Trainer;
import bnlab.experiments.Datasets;
import bnlab.experiments.Preset;
import bnlab.experiments.Presets;
import bnlab.experiments.RateChange;
import bnlab.experiments.RunConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts how often a live run's networks are marked as blown up ({@link BlowUpCheck}): every preset at its own
 * length, which must never be marked unless a network really blows up, and blow-ups, which must be marked on every
 * seed. Each run is driven as the lab drives it, a frame every so many steps (validation every 50 steps and 4
 * frames), at two cadences: the preset's own (its speed at 20 frames a second; "max" as measured on the 2-core
 * development machine, so the layer-norm-2 lab validates only every 10,000 steps or so) and 32 steps a frame, where
 * 5 validations span just over 500 steps, the cadence that a collapse needs least time at. Besides the counts it
 * prints the margins, from the smallest to the largest over the seeds: each run's largest neuron input and its
 * largest block mean of the training loss over ln(classes) (the first block left out, as the check does), and the
 * longest run of validations at chance after a network had learned. Not a test; run it by hand:
 * <pre>
 *   mvn -B -o test-compile
 *   java --add-modules jdk.incubator.vector -cp target/classes:target/test-classes bnlab.experiments.live.BlowUpProbe [seeds, default 25] [presets|blowups|all] [key ...]
 * </pre>
 */
public final class BlowUpProbe {
    /** Steps a frame at "max", as the lab trains 40 ms of each tick on the 2-core development machine. */
    private static final Map<String, Integer> MAX_CADENCE = Map.of("figure1", 60, "noisy-bn", 25, "layer-norm-2", 2500);
    private static final int STRESS_CADENCE = 32;

    /** A run to probe: a set-up, its length, and the learning rate typed into it (at the start, or later). */
    record Case(String name, RunConfig run, long length, int cadence, boolean blowUp) {}

    public static void main(String[] args) throws Exception {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 25;
        String which = args.length > 1 ? args[1] : "all";
        List<String> keys = args.length > 2 ? List.of(args).subList(2, args.length) : List.of();
        List<Case> cases = new ArrayList<>();
        if (!which.equals("blowups")) cases.addAll(presets(keys));
        if (!which.equals("presets")) cases.addAll(blowUps(keys));
        System.out.printf(Locale.ROOT, "%d seeds; per network: runs marked by kind (the first mark), and the margins%n", seeds);
        for (Case c : cases) report(c, seeds);
    }

    static List<Case> presets(List<String> keys) {
        List<Case> out = new ArrayList<>();
        for (Preset p : Presets.ALL) {
            if (!keys.isEmpty() && !keys.contains(p.key())) continue;
            int own = p.speed().equals("max") ? MAX_CADENCE.getOrDefault(p.key(), 50) : Math.max(1, Integer.parseInt(p.speed()) / 20);
            out.add(new Case(p.key(), p.run(), p.length(), own, false));
            out.add(new Case(p.key(), p.run(), p.length(), STRESS_CADENCE, false));
        }
        return out;
    }

    static List<Case> blowUps(List<String> keys) {
        List<Case> out = new ArrayList<>();
        Preset x30 = Presets.RATE_X30, spiral = Presets.RATE_BOTH, lecture = Presets.LECTURE;
        // The trial's case: 1.5 typed into the x30 set-up (the BN network's rate follows at 30 times: 45), at the start
        // and after the class run's 1,500 iterations (a student's fork).
        out.add(new Case("rate-x30 at 1.5", x30.run().withStartingRate(1.5), x30.length(), 5, true));
        out.add(new Case("rate-x30, 1.5 after 1,500", x30.run().with("rateChanges", List.of(new RateChange(1500, 1.5))),
                2 * x30.length(), 5, true));
        for (double r : new double[]{5, 20, 50}) {
            out.add(new Case("spiral at " + fmt(r), spiral.run().withStartingRate(r), spiral.length(), 5, true));
            out.add(new Case("lecture at " + fmt(r), lecture.run().withStartingRate(r), lecture.length(), 5, true));
        }
        // Both networks at 0.6 (rate-both) until 1,500, then 5: BN had learned, and its accuracy falls back to chance.
        out.add(new Case("spiral, 5 after 1,500", spiral.run().with("rateChanges", List.of(new RateChange(1500, 5))),
                2 * spiral.length(), 5, true));
        out.add(new Case("lecture, 20 after 3,000", lecture.run().with("rateChanges", List.of(new RateChange(3000, 20))),
                2 * lecture.length(), 5, true));
        out.removeIf(c -> !keys.isEmpty() && keys.stream().noneMatch(k -> c.name().startsWith(k)));
        return out;
    }

    private static String fmt(double r) { return r == Math.rint(r) ? String.valueOf((long) r) : String.valueOf(r); }

    /** One network's outcome on one seed. */
    record Outcome(Frame.Divergence first, float largestInput, double worstBlock, int longestAtChance, long longestAtChanceSteps) {}

    static void report(Case c, int seeds) throws Exception {
        Map<String, Map<String, List<Long>>> marks = new LinkedHashMap<>(); // network -> kind -> steps found
        Map<String, List<Outcome>> outcomes = new LinkedHashMap<>();
        int runsMarked = 0;
        long t0 = System.nanoTime();
        for (int s = 1; s <= seeds; s++) {
            Map<String, Outcome> o = run(c.run().with("seed", (long) s), c.length(), c.cadence());
            boolean any = false;
            for (var e : o.entrySet()) {
                String net = e.getKey();
                Outcome out = e.getValue();
                marks.computeIfAbsent(net, k -> new TreeMap<>());
                outcomes.computeIfAbsent(net, k -> new ArrayList<>()).add(out);
                if (out.first() != null) {
                    any = true;
                    marks.get(net).computeIfAbsent(out.first().kind(), k -> new ArrayList<>()).add(out.first().step());
                }
            }
            if (any) runsMarked++;
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-26s %6d steps, %4d a frame: marked %2d/%d%s",
                c.name(), c.length(), c.cadence(), runsMarked, seeds, c.blowUp() ? " (a blow-up)" : ""));
        for (String net : marks.keySet()) {
            line.append(String.format(Locale.ROOT, "%n    %-9s", net));
            Map<String, List<Long>> k = marks.get(net);
            if (k.isEmpty()) line.append(" never marked;");
            k.forEach((kind, steps) -> line.append(String.format(Locale.ROOT, " %s %d (iteration %s);", kind, steps.size(), range(steps))));
            List<Outcome> os = outcomes.get(net);
            double[] in = os.stream().mapToDouble(o -> o.largestInput()).sorted().toArray();
            double[] bl = os.stream().mapToDouble(Outcome::worstBlock).sorted().toArray();
            Outcome streak = os.stream().max(java.util.Comparator.comparingInt(Outcome::longestAtChance)
                    .thenComparingLong(Outcome::longestAtChanceSteps)).orElseThrow();
            line.append(String.format(Locale.ROOT, " per seed: largest |input| %.3g to %.3g, worst block after the first %.3g to %.3g"
                    + " x ln(classes); longest at chance %d (%d steps)", in[0], in[in.length - 1], bl[0], bl[bl.length - 1],
                    streak.longestAtChance(), streak.longestAtChanceSteps()));
        }
        line.append(String.format(Locale.ROOT, "%n    (%.0f s)", (System.nanoTime() - t0) / 1e9));
        System.out.println(line);
        System.out.flush();
    }

    private static String range(List<Long> steps) {
        long lo = steps.stream().mapToLong(Long::longValue).min().orElse(0), hi = steps.stream().mapToLong(Long::longValue).max().orElse(0);
        return lo == hi ? String.valueOf(lo) : lo + "-" + hi;
    }

    /** Drives one run as the lab does: a frame every {@code cadence} steps, to {@code length}. */
    static Map<String, Outcome> run(RunConfig config, long length, int cadence) throws Exception {
        Dataset.Split data = Datasets.load(config, null, null);
        LiveRun live = new LiveRun(config, data, LiveSettings.defaults());
        List<String> names = live.netNames();
        int n = names.size();
        Frame.Divergence[] first = new Frame.Divergence[n];
        float[] largest = new float[n];
        double[] worst = new double[n], sum = new double[n];
        int[] steps = new int[n], atChance = new int[n], longest = new int[n];
        long[] since = new long[n], longestSteps = new long[n];
        double[] best = new double[n];
        double chance = data.train().isClassification() ? BlowUpCheck.chance(live.data().validation()) : Double.NaN;
        double guess = data.train().isClassification() ? Math.log(data.train().classes()) : Double.NaN;
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) index.put(names.get(i), i);
        live.frame();
        while (live.step() < length && !live.finished()) {
            for (int k = 0; k < cadence && live.step() < length && !live.finished(); k++) {
                live.advance(1);
                for (int i = 0; i < n; i++) {
                    Trainer t = live.variants().trainer(i);
                    if (t.diverged()) continue;
                    float x = Math.abs(t.network().extremeActivationInput());
                    if (Float.isNaN(x) || x > largest[i]) largest[i] = x;
                    sum[i] += t.lastLoss();
                    if (++steps[i] == BlowUpCheck.LOSS_BLOCK) {
                        if (live.step() > BlowUpCheck.LOSS_BLOCK) worst[i] = Math.max(worst[i], sum[i] / steps[i] / guess);
                        sum[i] = 0;
                        steps[i] = 0;
                    }
                }
            }
            Frame f = live.frame();
            for (Frame.Divergence d : live.takeDivergences()) {
                int i = index.get(d.network());
                if (first[i] == null) first[i] = d;
            }
            for (int i = 0; i < n; i++) {
                Frame.Validation v = f.net(names.get(i)).validation();
                if (v == null || Double.isNaN(chance)) continue;
                if (best[i] >= chance + BlowUpCheck.LEARNED * (1 - chance) && v.accuracy() <= chance) {
                    if (atChance[i]++ == 0) since[i] = v.step();
                    if (atChance[i] > longest[i] || (atChance[i] == longest[i] && v.step() - since[i] > longestSteps[i])) {
                        longest[i] = atChance[i];
                        longestSteps[i] = v.step() - since[i];
                    }
                } else {
                    atChance[i] = 0;
                }
                best[i] = Math.max(best[i], v.accuracy());
            }
        }
        Map<String, Outcome> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) out.put(names.get(i), new Outcome(first[i], largest[i], worst[i], longest[i], longestSteps[i]));
        return out;
    }
}
