package bnlab.experiments.claims;

import bnlab.experiments.Preset;
import bnlab.experiments.Presets;
import bnlab.experiments.RunConfig;
import bnlab.experiments.Measure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every figure the presets' texts and the lesson's section 7 quote, as {@link ClaimSet}s: what is run, what is
 * measured per seed, what the texts say about it. {@code bnlab claims} measures them all and writes
 * docs/claims.md; the tests check a few seeds of it against the engine and every quoted figure against the texts.
 */
public final class Claims {
    private Claims() {}

    /** Seeds a claim is checked on, unless its text speaks of more. */
    public static final int SEEDS = 25;

    private static String link(Preset p) { return "lab.link." + p.key() + ".text"; }

    private static RunConfig seeded(Preset p, long seed) { return p.run().with("seed", seed); }

    private static String atLength(Preset p) { return String.format(java.util.Locale.ROOT, "The preset's run, %,d iterations.", p.length()); }

    /** Validation accuracy of every network at the preset's length, by network name. */
    private static ClaimSet.Measurement accuracies(Preset p) {
        return seed -> Figures.accuracies(seeded(p, seed), p.length());
    }

    // ---- the problem: Figure 1, with the app's and with larger initial weights ----

    /**
     * Figure 1's run over its first {@code steps} iterations: both networks' validation accuracy at 1,000 and how far
     * the watched neuron's median input moved (max - min over the run, of its average over 100 iterations).
     */
    private static ClaimSet.Measurement figure1(Preset p, long steps) {
        return seed -> {
            Map<String, Figures.Trace> t = Figures.traces(p.withSeed(seed).measuring(Measure.INPUT_SHIFT, 1000), steps, 0);
            Map<String, Double> out = new LinkedHashMap<>();
            for (String net : t.keySet()) {
                out.put(net + " at 1,000", t.get(net).accuracyAt(1000));
                out.put(net + " drift", t.get(net).drift(100));
            }
            out.put("bn ahead at 1,000", out.get("bn at 1,000") - out.get("plain at 1,000"));
            out.put("drift plain / bn", out.get("plain drift") / out.get("bn drift"));
            return out;
        };
    }

    static final ClaimSet FIGURE1 = new ClaimSet(Presets.FIGURE1.key(), Presets.FIGURE1.key(), List.of(link(Presets.FIGURE1)),
            "The preset's run, its first 3,000 iterations; validation on all 10,000 test images. Drift: max − min of the "
                    + "watched neuron's median input (on 100 training images), averaged over 100 iterations.", SEEDS,
            figure1(Presets.FIGURE1, 3000), List.of(
            Claim.of("plain at 1,000", "validation accuracy without BN at 1,000").range("0.17", "0.26"),
            Claim.of("bn at 1,000", "validation accuracy with BN at 1,000").range("0.77", "0.82"),
            Claim.of("plain drift", "drift of the median without BN").range("2.7", "5.4"),
            Claim.of("bn drift", "drift of the median with BN").range("0.17", "0.73"),
            Claim.of("plain at 1,000", "quoted beside the larger initial weights").range("0.17", "0.26").in(link(Presets.FIGURE1_LARGER_INIT)),
            Claim.of("bn ahead at 1,000", "BN's lead at 1,000").range("0.52", "0.64").in(link(Presets.FIGURE1_LARGER_INIT))));

    static final ClaimSet FIGURE1_LARGER_INIT = new ClaimSet(Presets.FIGURE1_LARGER_INIT.key(), Presets.FIGURE1_LARGER_INIT.key(),
            List.of(link(Presets.FIGURE1_LARGER_INIT)), atLength(Presets.FIGURE1_LARGER_INIT) + " Drift as in figure1.", SEEDS,
            figure1(Presets.FIGURE1_LARGER_INIT, Presets.FIGURE1_LARGER_INIT.length()), List.of(
            Claim.of("plain at 1,000", "validation accuracy without BN at 1,000").range("0.66", "0.79").median("0.77"),
            Claim.of("bn at 1,000", "validation accuracy with BN at 1,000").range("0.80", "0.84").median("0.82"),
            Claim.of("bn ahead at 1,000", "BN's lead at 1,000").range("0.02", "0.14"),
            Claim.of("plain drift", "drift of the median without BN").range("0.57", "2.49").median("1.28"),
            Claim.of("bn drift", "drift of the median with BN").range("0.22", "0.74").median("0.37"),
            Claim.of("drift plain / bn", "drift without BN as a multiple of BN's").above(1, 25),
            Claim.of("drift plain / bn", "at least twice BN's").atLeast(2, 20)));

    // ---- the effects ----

    static final ClaimSet RATE_X5 = new ClaimSet(Presets.RATE_X5.key(), Presets.RATE_X5.key(), List.of(link(Presets.RATE_X5)),
            atLength(Presets.RATE_X5), SEEDS, accuracies(Presets.RATE_X5), List.of(
            Claim.of("bn", "validation accuracy with BN (rate 0.1)").range("0.86", "0.98").median("0.95").atLeast(0.85, 25),
            Claim.of("plain", "validation accuracy without BN (rate 0.02)").range("0.53", "0.74").median("0.65")));

    static final ClaimSet RATE_X5_BOTH = new ClaimSet(Presets.RATE_X5_BOTH.key(), Presets.RATE_X5_BOTH.key(),
            List.of(link(Presets.RATE_X5_BOTH), link(Presets.RATE_X5)), atLength(Presets.RATE_X5_BOTH), SEEDS,
            accuracies(Presets.RATE_X5_BOTH), List.of(
            Claim.of("plain", "validation accuracy without BN at rate 0.1").range("0.58", "0.98").median("0.85").atLeast(0.85, 13),
            Claim.of("bn", "validation accuracy with BN at rate 0.1").range("0.86", "0.98").atLeast(0.85, 25)));

    static final ClaimSet RATE_X30 = new ClaimSet(Presets.RATE_X30.key(), Presets.RATE_X30.key(), List.of(link(Presets.RATE_X30)),
            atLength(Presets.RATE_X30), SEEDS, seed -> {
        Map<String, Double> out = new LinkedHashMap<>(Figures.accuracies(seeded(Presets.RATE_X30, seed), Presets.RATE_X30.length()));
        out.put("bn ahead", out.get("bn") - out.get("plain"));
        return out;
    }, List.of(
            Claim.of("bn", "validation accuracy with BN (rate 0.6)").range("0.71", "0.99").median("0.93").atLeast(0.85, 20),
            Claim.of("plain", "validation accuracy without BN (rate 0.02)").range("0.53", "0.74").median("0.65"),
            Claim.of("bn ahead", "BN's accuracy minus the other's").above(0, 25)));

    static final ClaimSet RATE_BOTH = new ClaimSet(Presets.RATE_BOTH.key(), Presets.RATE_BOTH.key(), List.of(link(Presets.RATE_BOTH)),
            atLength(Presets.RATE_BOTH) + " NaN: the network diverged; \"plain or 0\" counts it as 0.", 30, seed -> {
        Map<String, Double> out = new LinkedHashMap<>(Figures.accuracies(seeded(Presets.RATE_BOTH, seed), Presets.RATE_BOTH.length()));
        out.put("plain diverged", out.get("plain").isNaN() ? 1.0 : 0.0);
        out.put("plain or 0", out.get("plain").isNaN() ? 0.0 : out.get("plain"));
        return out;
    }, List.of(
            Claim.of("plain", "validation accuracy without BN (its diverged seeds left out)").range("0.50", "0.82").median("0.68"),
            Claim.of("plain diverged", "the network without BN diverged").above(0.5, 1),
            Claim.of("plain or 0", "below 0.8 or diverged").below(0.8, 28),
            Claim.of("bn", "validation accuracy with BN").range("0.71", "0.99").median("0.93").atLeast(0.85, 25)));

    static final ClaimSet DECAY = new ClaimSet(Presets.DECAY.key(), Presets.DECAY.key(), List.of(link(Presets.DECAY)),
            atLength(Presets.DECAY) + " Accuracies at 1,200; \"bn settles\": BN's validation loss at 1,800 minus at 1,200.", SEEDS, seed -> {
        var v = Figures.validations(seeded(Presets.DECAY, seed), 1200, Presets.DECAY.length());
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("plain", v.get(0).get("plain").accuracy());
        out.put("bn", v.get(0).get("bn").accuracy());
        out.put("bn settles", v.get(1).get("bn").loss() - v.get(0).get("bn").loss());
        return out;
    }, List.of(
            Claim.of("bn", "validation accuracy with BN at 1,200").range("0.91", "0.99").atLeast(0.9, 25),
            Claim.of("plain", "validation accuracy without BN at 1,200").range("0.60", "0.74").below(0.75, 25),
            Claim.of("bn settles", "BN's loss 1,800 against 1,200").atMost(0.02, 25)));

    /** The twin's validation losses (see {@link Figures#losses}), with the differences the texts compare. */
    private static ClaimSet.Measurement losses(Preset p) {
        return seed -> {
            double[] r = Figures.losses(seeded(p, seed), p.length());
            Map<String, Double> out = new LinkedHashMap<>();
            out.put("plain", r[0]);
            out.put("bn", r[1]);
            out.put("bn - plain", r[1] - r[0]);
            out.put("plain lowest at", r[3]);
            out.put("bn above its lowest", r[1] - r[4]);
            return out;
        };
    }

    private static final String LOSSES = " Validation loss (40 points) every 60 iterations; the figures are those at the end.";

    static final ClaimSet DROPOUT = new ClaimSet(Presets.DROPOUT.key(), Presets.DROPOUT.key(), List.of(link(Presets.DROPOUT)),
            atLength(Presets.DROPOUT) + LOSSES, SEEDS, losses(Presets.DROPOUT), List.of(
            Claim.of("bn - plain", "BN's loss (no dropout) minus the other's (dropout 0.3)").atMost(0.03, 22),
            Claim.of("bn - plain", "BN's loss lower").below(0, 20),
            Claim.of("bn", "validation loss with BN: the smallest of both").range("0.15", null).median("0.33").atMost(0.83, 25),
            Claim.of("plain", "validation loss without BN, with dropout: the largest of both").range(null, "0.83").median("0.34").atLeast(0.15, 25)));

    static final ClaimSet NO_DROPOUT = new ClaimSet(Presets.NO_DROPOUT.key(), Presets.NO_DROPOUT.key(), List.of(link(Presets.NO_DROPOUT)),
            atLength(Presets.NO_DROPOUT) + LOSSES, SEEDS, losses(Presets.NO_DROPOUT), List.of(
            Claim.of("plain lowest at", "iteration of the lowest loss without BN").below(1000, 17),
            Claim.of("plain", "validation loss without BN").range("0.20", "1.78").median("0.54"),
            Claim.of("bn", "validation loss with BN").range("0.15", "0.60").median("0.33"),
            Claim.of("bn - plain", "BN's loss lower").below(0, 24),
            Claim.of("bn above its lowest", "BN's loss above its own lowest").atMost(0.10, 25)));

    static final ClaimSet L2 = new ClaimSet(Presets.L2.key(), Presets.L2.key(), List.of(link(Presets.L2)),
            atLength(Presets.L2) + LOSSES, SEEDS, losses(Presets.L2), List.of(
            Claim.of("bn - plain", "BN's loss (L2 0.001) minus the other's (L2 0.005)").atMost(0.03, 23),
            Claim.of("bn - plain", "BN's loss lower").below(0, 17),
            Claim.of("plain", "validation loss without BN").median("0.33"),
            Claim.of("bn", "validation loss with BN").median("0.33")));

    static final ClaimSet PAPER_RECIPE = new ClaimSet(Presets.PAPER_RECIPE.key(), Presets.PAPER_RECIPE.key(),
            List.of(link(Presets.PAPER_RECIPE)), atLength(Presets.PAPER_RECIPE), SEEDS, accuracies(Presets.PAPER_RECIPE), List.of(
            Claim.of("plain", "validation accuracy without BN, within BN's range").median("0.62").atLeast(0.48, 25),
            Claim.of("plain", "at most BN's largest").atMost(0.70, 25),
            Claim.of("bn", "validation accuracy with BN at the same settings").range("0.48", "0.70").median("0.63"),
            Claim.of("bn-paper", "validation accuracy with BN and the paper's tips").range("0.85", "0.99").median("0.93")));

    /** The three batch presets in one set: how far training and inference mode lie apart after 3,000 iterations. */
    static final ClaimSet BATCH = new ClaimSet("batch", Presets.BATCH2.key(),
            List.of(link(Presets.BATCH2), link(Presets.BATCH8), link(Presets.BATCH60)),
            "The runs of batch2, batch8 and batch60, 3,000 iterations: the mean |ẑ training − ẑ inference| / |γ| of the first hidden "
                    + "layer over the training set, in standard deviations.", SEEDS, seed -> {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("batch 2", Figures.modesApart(seeded(Presets.BATCH2, seed), 3000));
        out.put("batch 8", Figures.modesApart(seeded(Presets.BATCH8, seed), 3000));
        out.put("batch 60", Figures.modesApart(seeded(Presets.BATCH60, seed), 3000));
        out.put("2 over 8", out.get("batch 2") / out.get("batch 8"));
        out.put("8 over 60", out.get("batch 8") / out.get("batch 60"));
        return out;
    }, List.of(
            Claim.of("batch 2", "batches of 2").range("0.72", "0.87").median("0.8").in(link(Presets.BATCH2)),
            Claim.of("batch 8", "batches of 8").range("0.30", "0.38").median("0.34").in(link(Presets.BATCH8)),
            Claim.of("batch 60", "batches of 60").range("0.08", "0.16").median("0.11").in(link(Presets.BATCH60)),
            Claim.of("2 over 8", "how many times as far apart at 2 as at 8").above(1.5, 25).in(link(Presets.BATCH2)),
            Claim.of("8 over 60", "how many times as far apart at 8 as at 60").above(1.5, 25).in(link(Presets.BATCH8))));

    // ---- what we know today ----

    /** A preset's headless experiment's traces on one seed, its first batch size, at its length. */
    private static Map<String, Figures.Trace> today(Preset p, long seed, long lateFrom) throws java.io.IOException {
        return Figures.traces(p.withSeed(seed), p.length(), lateFrom);
    }

    private static double mean(double[] v, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += v[i];
        return s / (to - from);
    }

    static final ClaimSet NOISY_BN = new ClaimSet(Presets.NOISY_BN.key(), Presets.NOISY_BN.key(),
            List.of(link(Presets.NOISY_BN)), atLength(Presets.NOISY_BN) + " Step: how far a layer's input "
                    + "mean moves in one iteration (mean_shift of `experiment --preset noisy-bn`), averaged over the layers and "
                    + "iterations. Jitter: max − min of the watched neuron's median input; drift: the same of its average over "
                    + "100 iterations.", SEEDS, seed -> {
        Map<String, Figures.Trace> t = today(Presets.NOISY_BN, seed, 0);
        int layers = Presets.NOISY_BN.run().layers().length;
        Map<String, Double> out = new LinkedHashMap<>();
        for (String net : t.keySet()) {
            Figures.Trace x = t.get(net);
            out.put(net, x.accuracyAt(Presets.NOISY_BN.length()));
            out.put(net + " step", mean(x.means(), 3, 3 + layers));
            out.put(net + " jitter", x.drift(1));
            out.put(net + " drift", x.drift(100));
        }
        out.put("noisy-bn off bn", Math.abs(out.get("noisy-bn") - out.get("bn")));
        out.put("step noisy-bn / plain", out.get("noisy-bn step") / out.get("plain step"));
        return out;
    }, List.of(
            Claim.of("noisy-bn step", "step with noisy BN").median("0.33"),
            Claim.of("plain step", "step without BN").median("0.006"),
            Claim.of("step noisy-bn / plain", "how many times as far per step").above(50, 25),
            Claim.of("bn", "validation accuracy with BN at 1,200").range("0.76", "0.82"),
            Claim.of("noisy-bn", "validation accuracy with noisy BN at 1,200").range("0.75", "0.82"),
            Claim.of("noisy-bn off bn", "noisy BN's accuracy apart from BN's").atMost(0.03, 25),
            Claim.of("plain", "validation accuracy without BN at 1,200").range("0.22", "0.28"),
            Claim.of("plain drift", "drift without BN").range("2.45", "2.68"),
            Claim.of("noisy-bn drift", "drift with noisy BN").range("0.16", "0.83"),
            Claim.of("bn drift", "drift with BN").range("0.10", "0.62")));

    /** The sum over layers 2 to L of the mean ||G - G'|| (the first layer has nothing before it). */
    private static double shiftSum(Figures.Trace t, int layers) {
        double s = 0;
        for (int l = 1; l < layers; l++) s += t.means()[l];
        return s;
    }

    static final ClaimSet ICS_GRADIENTS = new ClaimSet(Presets.ICS_GRADIENTS.key(), Presets.ICS_GRADIENTS.key(),
            List.of(link(Presets.ICS_GRADIENTS)), atLength(Presets.ICS_GRADIENTS) + " The sum over layers 2 to 6 of "
                    + "||G − G′|| averaged over the run (every 50 iterations); \"relu\": the same network with ReLU units, He "
                    + "initialization and rate 0.1.", SEEDS, seed -> {
        int layers = Presets.ICS_GRADIENTS.run().layers().length;
        Map<String, Figures.Trace> t = today(Presets.ICS_GRADIENTS, seed, 0);
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("plain", shiftSum(t.get("plain"), layers));
        out.put("bn", shiftSum(t.get("bn"), layers));
        out.put("bn / plain", out.get("bn") / out.get("plain"));
        Preset relu = Presets.ICS_GRADIENTS.withSeed(seed);
        relu = relu.withRun(relu.run().with("activation", "relu", "init", "he", "learningRate", 0.1));
        Map<String, Figures.Trace> r = Figures.traces(relu, relu.length(), 0);
        out.put("relu bn / plain", shiftSum(r.get("bn"), layers) / shiftSum(r.get("plain"), layers));
        return out;
    }, List.of(
            Claim.of("bn / plain", "BN's sum as a multiple of the other's").range("0.3", "2.2").above(1, 16),
            Claim.of("bn / plain", "larger with BN, in the figure's caption").above(1, 16).in("s7.fig.ics-gradients"),
            Claim.of("relu bn / plain", "the same with ReLU units").range("0.27", "0.86").below(1, 25)));

    static final ClaimSet LANDSCAPE = new ClaimSet(Presets.LANDSCAPE.key(), Presets.LANDSCAPE.key(),
            List.of(link(Presets.LANDSCAPE)), atLength(Presets.LANDSCAPE) + " Each measure averaged over the run (every 50 "
                    + "iterations); \"late\": from iteration 500 on.", SEEDS, seed -> {
        Map<String, Figures.Trace> t = today(Presets.LANDSCAPE, seed, 500);
        Map<String, Double> out = new LinkedHashMap<>();
        String[] names = {"loss range", "predictiveness", "beta"};
        for (String net : List.of("plain", "bn"))
            for (int i = 0; i < names.length; i++) out.put(net + " " + names[i], t.get(net).means()[i]);
        for (String name : names) out.put(name + " bn / plain", out.get("bn " + name) / out.get("plain " + name));
        out.put("late beta plain / bn", t.get("plain").lateMeans()[2] / t.get("bn").lateMeans()[2]);
        return out;
    }, List.of(
            Claim.of("loss range bn / plain", "BN's loss range as a multiple of the other's").below(1, 23),
            Claim.of("bn loss range", "loss range with BN").range("0.19", "0.26"),
            Claim.of("plain loss range", "loss range without BN").range("0.18", "1.78"),
            Claim.of("bn predictiveness", "gradient change with BN").range("1.21", "1.54"),
            Claim.of("plain predictiveness", "gradient change without BN").range("2.05", "8.49"),
            Claim.of("bn beta", "effective β-smoothness with BN").range("5.9", "8.0").median("6.85"),
            Claim.of("plain beta", "effective β-smoothness without BN").range("10.7", "18.1").median("14.2"),
            Claim.of("beta bn / plain", "BN's β as a multiple of the other's").below(0.5, 16),
            Claim.of("late beta plain / bn", "from 500 on, the other's β as a multiple of BN's").range("2.0", "3.6").in("s7.fig.landscape")));

    static final ClaimSet LAYER_NORM = new ClaimSet(Presets.LAYER_NORM.key(), Presets.LAYER_NORM.key(),
            List.of(link(Presets.LAYER_NORM)), atLength(Presets.LAYER_NORM), SEEDS, accuracies(Presets.LAYER_NORM), List.of(
            Claim.of("bn", "validation accuracy with BN").range("0.92", "1.00").median("0.99"),
            Claim.of("ln", "validation accuracy with LN").range("0.86", "1.00").median("0.975"),
            Claim.of("plain", "validation accuracy without normalization").range("0.75", "1.00").median("0.98")));

    static final ClaimSet LAYER_NORM_2 = new ClaimSet(Presets.LAYER_NORM_2.key(), Presets.LAYER_NORM_2.key(),
            List.of(link(Presets.LAYER_NORM_2), link(Presets.LAYER_NORM)), atLength(Presets.LAYER_NORM_2), SEEDS,
            accuracies(Presets.LAYER_NORM_2), List.of(
            Claim.of("bn", "validation accuracy with BN").range("0.46", "0.66"),
            Claim.of("bn", "its median").median("0.52").in(link(Presets.LAYER_NORM_2)),
            Claim.of("ln", "validation accuracy with LN").median("0.98"),
            Claim.of("ln", "its range").range("0.69", "1.00").atLeast(0.9, 24).in(link(Presets.LAYER_NORM_2))));

    /** All sets, in the lab's order. */
    public static final List<ClaimSet> ALL = List.of(FIGURE1, RATE_X5, RATE_X5_BOTH, RATE_X30, RATE_BOTH, DECAY, DROPOUT, NO_DROPOUT, L2,
            PAPER_RECIPE, BATCH, NOISY_BN, FIGURE1_LARGER_INIT, ICS_GRADIENTS, LANDSCAPE, LAYER_NORM, LAYER_NORM_2);

    public static java.util.Optional<ClaimSet> byId(String id) { return ALL.stream().filter(s -> s.id().equals(id)).findFirst(); }
}
