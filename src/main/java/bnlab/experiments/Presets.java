package bnlab.experiments;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every demo of the app, in one place, as data: the lab's row of set-ups, the lesson's links, a
 * classroom's choice and {@code experiment --preset KEY} all use this list. Each claim ("what to look for")
 * is measured on 25 seeds by {@code bnlab claims} (docs/claims.md, {@link bnlab.experiments.claims.Claims}), checked by ClaimsTest.
 */
public final class Presets {
    private Presets() {}

    /** The paper's Figure 1 (Sec. 4.1) on the full Fashion-MNIST: see {@link Figure1}. */
    public static final Preset FIGURE1 = new Preset("figure1", RunConfig.defaults().with(
            "dataset", RunConfig.FASHION_MNIST, "layers", Figure1.HIDDEN, "activation", "sigmoid", "bn", "before",
            "init", "gaussian", "initStd", Figure1.INIT_STD, "learningRate", Figure1.LEARNING_RATE, "momentum", 0,
            "batchSize", Figure1.BATCH, "seed", 1), 10_000, "max", 2, 0);

    /** The lecture's example network (the lab's defaults, the lesson's matrices). */
    public static final Preset LECTURE = Preset.of("lecture", RunConfig.defaults(), 3000, "100");

    /** What all demos share of the effects' set-ups: a spiral that a small ReLU network learns in seconds. */
    private static final RunConfig SPIRAL = RunConfig.defaults().with("dataset", "spiral", "points", 600, "noise", 0.1,
            "layers", new int[]{32, 32, 32}, "activation", "relu", "bn", "before", "init", "he", "batchSize", 16);

    /** The paper's first tip (Sec. 4.2.1): BN allows a higher learning rate; here 5 times the plain one's. */
    public static final Preset RATE_X5 = Preset.of("rate-x5", SPIRAL.with("learningRate", 0.02, "bnNetLearningRate", 0.1), 1500, "100");

    /** Both networks at the BN network's rate of {@link #RATE_X5}: which part of its gap is the rate, which is BN. */
    public static final Preset RATE_X5_BOTH = Preset.of("rate-x5-both", SPIRAL.with("learningRate", 0.1), 1500, "100");


    /** The same at 30 times the plain network's rate. */
    public static final Preset RATE_X30 = Preset.of("rate-x30", SPIRAL.with("learningRate", 0.02, "bnNetLearningRate", 0.6), 1500, "100");

    /** Both networks at the raised rate: the plain one stalls or diverges, the BN one trains. */
    public static final Preset RATE_BOTH = Preset.of("rate-both", SPIRAL.with("learningRate", 0.6), 1500, "100");

    /** The paper's "accelerate the learning rate decay": the BN network decays 6 times faster. */
    public static final Preset DECAY = Preset.of("decay", SPIRAL.with("learningRate", 0.02, "schedule", "exponential",
            "decayEvery", 1200, "decayFactor", 0.5, "bnNetLearningRate", 0.6, "bnNetDecayEvery", 200), 1800, "100");

    /** "Remove dropout": the plain network with dropout against the BN network without. */
    public static final Preset DROPOUT = Preset.of("dropout", RunConfig.defaults().with("dataset", "circle", "points", 200,
            "noise", 0.4, "layers", new int[]{32, 32}, "activation", "relu", "bn", "before", "init", "he",
            "learningRate", 0.1, "dropout", 0.3, "bnNetDropout", 0, "batchSize", 16, "seed", 2), 6000, "300");

    /** Without dropout, both: the plain network overfits, the BN one much less. */
    public static final Preset NO_DROPOUT = Preset.of("no-dropout", DROPOUT.run().with("dropout", 0, "bnNetDropout", null),
            6000, "300");

    /** "Reduce the L2 weight regularization": the BN network with a fifth of the plain one's L2. */
    public static final Preset L2 = Preset.of("l2", DROPOUT.run().with("dropout", 0, "bnNetDropout", null, "l2", 0.005,
            "bnNetL2", 0.001), 6000, "300");

    /**
     * The paper's tips together (Sec. 4.2.1): BN alone at the plain network's settings, and BN trained as the paper
     * advises ({@code bn-paper}: 5 times the rate, no dropout, a fifth of the L2, a decay 6 times faster).
     */
    public static final Preset PAPER_RECIPE = Preset.of("paper-recipe", SPIRAL.with("learningRate", 0.02, "schedule", "exponential",
            "decayEvery", 1200, "decayFactor", 0.5, "dropout", 0.2, "l2", 0.005, "nets", List.of("plain", "bn", "bn-paper")),
            1800, "100");

    /** Batch statistics of 2, 8 and 60 examples: how noisy they are, and training against inference mode. */
    public static final Preset BATCH2 = Preset.of("batch2", RunConfig.defaults().with("batchSize", 2), 3000, "100");
    public static final Preset BATCH8 = Preset.of("batch8", RunConfig.defaults().with("batchSize", 8), 3000, "100");
    public static final Preset BATCH60 = Preset.of("batch60", RunConfig.defaults().with("batchSize", 60), 3000, "100");

    /** The networks of the lecture's twin and a third, by name (the config's {@code nets}). */
    private static List<String> nets(String... names) { return List.of(names); }

    /**
     * Figure 1's set-up with noise after every BN layer: less stable layer inputs than without BN, trains as BN. At 50
     * iterations a second its 1,200 take 24 s, time to say what to look for (at max speed they were over in 3 to 5 s).
     */
    public static final Preset NOISY_BN = new Preset("noisy-bn", FIGURE1.run().with("nets", nets("plain", "bn", "noisy-bn")),
            1200, "50", 2, 0).measuring(Measure.INPUT_SHIFT, 100);

    /**
     * Figure 1's network with initial weights from N(0, 0.1²) instead of N(0, 0.01²): the network without BN learns
     * almost as fast as the one with BN, while its input drifts as much as in Figure 1. What slows Figure 1's plain
     * network down is mostly the tiny initial weights, not the drift (the modern view, for the lesson's section 7).
     */
    public static final Preset FIGURE1_LARGER_INIT = new Preset("figure1-larger-init", FIGURE1.run().with("initStd", 0.1),
            3000, "100", 2, 0);

    /** A spiral and six hidden layers of 32, for the measures of the optimization (more layers, more to measure). */
    private static final RunConfig DEEP_SPIRAL = SPIRAL.with("layers", new int[]{32, 32, 32, 32, 32, 32}, "learningRate", 0.1);

    /**
     * The gradient measure of internal covariate shift, ||G - G'|| and cos(G, G') per layer, with and without BN, in a
     * deep linear network (the paper's "DLN"; linear units, Xavier init, rate 0.05): which cannot learn the spiral,
     * and need not, as the measure is what is looked at.
     */
    public static final Preset ICS_GRADIENTS = Preset.of("ics-gradients", DEEP_SPIRAL.with("activation", "linear", "init", "xavier",
            "learningRate", 0.05, "measure", "gradient-shift"), 1500, "100");

    /** The loss landscape along the gradient: loss range, gradient predictiveness, effective beta-smoothness. */
    public static final Preset LANDSCAPE = Preset.of("landscape", DEEP_SPIRAL.with("measure", "landscape"), 1500, "100");

    /** Layer normalization beside BN and plain at batches of 60 ... */
    public static final Preset LAYER_NORM = Preset.of("layer-norm", SPIRAL.with("learningRate", 0.1,
            "nets", nets("plain", "bn", "ln"), "batchSize", 60), 1500, "100").atBatchSizes(60, 2).withEvery(100);

    /** ... and of 2, for as many steps as see the same number of examples: BN fails, LN does not. */
    public static final Preset LAYER_NORM_2 = Preset.of("layer-norm-2", LAYER_NORM.run().with("batchSize", 2), 45_000, "max");

    /** The problem (internal covariate shift), for the lesson's section 2. */
    public static final List<Preset> PROBLEM = List.of(FIGURE1);

    /** The effects (the lecture's last slide and the paper's tips), for the lesson's section 6. */
    public static final List<Preset> EFFECTS = List.of(RATE_X5, RATE_X5_BOTH, RATE_X30, RATE_BOTH, DECAY, DROPOUT, NO_DROPOUT, L2,
            PAPER_RECIPE, BATCH2, BATCH8, BATCH60);

    /**
     * What we know today (Santurkar et al. 2018, Ba et al. 2016), for the lesson's section 7: more than two networks,
     * or a measure of the optimization, each. Every network trains as the plain one (plain SGD, one rate); their
     * measures are those of science.md (see {@link Measure}, {@link Experiment}).
     */
    public static final List<Preset> KNOWN_TODAY = List.of(NOISY_BN, FIGURE1_LARGER_INIT, ICS_GRADIENTS, LANDSCAPE, LAYER_NORM, LAYER_NORM_2);

    /** Every preset, in the lab's order: Figure 1 first (it shows the drift best), the lecture's, the effects, today's. */
    public static final List<Preset> ALL = java.util.stream.Stream.of(PROBLEM, List.of(LECTURE), EFFECTS, KNOWN_TODAY)
            .flatMap(List::stream).toList();

    /**
     * Former names of presets, old to current: the keys were camelCase before they all became kebab-case, and
     * {@code fig1} is the command line's short name for figure1. Links, scripts and bookmarks made with them keep
     * working: every place that takes a key from outside (the command line, the lab's address, a start over the
     * WebSocket) looks it up through {@link #canonicalKey} or {@link #byKey}. Lists of keys
     * ({@link #keys}, {@code --help}) name only the current ones.
     */
    public static final Map<String, String> FORMER_KEYS = Map.of(
            "fig1", "figure1",
            "rateX5", "rate-x5",
            "rateX30", "rate-x30",
            "rateBoth", "rate-both",
            "noDropout", "no-dropout",
            "paperRecipe", "paper-recipe");

    /** The current key of a former one ({@link #FORMER_KEYS}); any other text (a current key, an unknown one, null) as it is. */
    public static String canonicalKey(String key) {
        return key == null ? null : FORMER_KEYS.getOrDefault(key, key);
    }

    /** The preset of that key, current or former: its {@link Preset#key} is the current one. */
    public static Optional<Preset> byKey(String key) {
        String k = canonicalKey(key);
        return ALL.stream().filter(p -> p.key().equals(k)).findFirst();
    }

    public static List<String> keys() { return ALL.stream().map(Preset::key).toList(); }
}
