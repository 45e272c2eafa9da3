package bnlab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bnlab.engine.Batch;
import bnlab.engine.Dataset;
import bnlab.engine.Evaluation;
import bnlab.engine.Loss;
import bnlab.engine.Network;
import bnlab.engine.TwinRun;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every preset's "what to look for" is measured here, on its own run at its own length, on three seeds
 * (the preset's own seed and two others). The figures in the comments were measured with PresetProbe.
 * Figure 1 is checked by Figure1Test (on the bundled split, the size a test can afford).
 */
class PresetClaimsTest {

    /** Both networks' validation (plain, bn) at the given iterations; null for a diverged network. */
    static Evaluation[][] validation(RunConfig c, long... at) throws Exception {
        Dataset.Split data = Datasets.load(c, null, null);
        TwinRun twin = c.twin(data.train());
        Evaluation[][] out = new Evaluation[at.length][];
        long done = 0;
        for (int i = 0; i < at.length; i++) {
            for (; done < at[i]; done++) twin.step();
            out[i] = new Evaluation[]{twin.plain().diverged() ? null : Evaluation.of(twin.plain().network(), data.validation()),
                    twin.bn().diverged() ? null : Evaluation.of(twin.bn().network(), data.validation())};
        }
        return out;
    }

    /** Every network's validation accuracy after {@code steps}, by name (0 for a diverged one). */
    static java.util.Map<String, Double> accuracies(RunConfig c, long steps) throws Exception {
        Dataset.Split data = Datasets.load(c, null, null);
        VariantRun run = c.variantRun(data.train());
        for (long s = 0; s < steps; s++) run.step();
        java.util.Map<String, Double> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < run.size(); i++)
            out.put(run.variants().get(i).name(), run.trainer(i).diverged() ? 0 : Evaluation.of(run.trainer(i).network(), data.validation()).accuracy());
        return out;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void paper_recipe_bn_alone_helps_little_at_the_plain_settings_and_bn_with_the_papers_tips_is_far_ahead(long seed) throws Exception {
        // At 1,800: plain 0.62/0.64/0.54, bn 0.63/0.65/0.58, bn-paper 0.93/0.97/0.93.
        java.util.Map<String, Double> a = accuracies(seeded(Presets.PAPER_RECIPE, seed), Presets.PAPER_RECIPE.length());
        assertTrue(a.get("plain") < 0.7 && a.get("bn") < 0.7, "near 0.6: " + a);
        assertTrue(a.get("bn-paper") > 0.9, "above 0.9: " + a);
    }

    private static RunConfig seeded(Preset p, long seed) { return p.run().with("seed", seed); }

    @org.junit.jupiter.api.Test
    void every_preset_fits_the_servers_default_budget_so_that_a_classroom_laptop_runs_it() throws Exception {
        for (Preset p : Presets.ALL) {
            RunConfig c = p.run();
            int inputs = RunConfig.FASHION_MNIST.equals(c.dataset()) ? 784 : Datasets.load(c, null, null).train().features();
            int outputs = RunConfig.FASHION_MNIST.equals(c.dataset()) ? 10 : Datasets.load(c, null, null).train().outputWidth();
            // Live validation sees at most 1,000 examples, plus the 2-D decision grid.
            RunBudget.defaults().check(c, inputs, outputs, bnlab.experiments.live.LiveRun.MAX_LIVE_VALIDATION + (inputs == 2 ? 1600 : 0));
        }
    }

    private static double accuracy(Evaluation e) { return e == null ? 0 : e.accuracy(); }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void rate_x5_and_x30_the_BN_network_at_a_raised_rate_is_far_ahead_of_the_plain_one_at_its_own(long seed) throws Exception {
        // At 1,500: x5 BN 0.96/0.96/0.96, x30 BN 0.93/0.89/0.95, plain (0.02) 0.67/0.62/0.60.
        for (Preset p : new Preset[]{Presets.RATE_X5, Presets.RATE_X30}) {
            Evaluation[] end = validation(seeded(p, seed), p.length())[0];
            assertTrue(accuracy(end[1]) >= 0.85, p.key() + " with BN: " + end[1]);
            assertTrue(accuracy(end[0]) <= 0.75, p.key() + " without BN, at its own rate: " + end[0]);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void rate_both_at_the_raised_rate_the_plain_network_stalls_and_the_BN_one_trains(long seed) throws Exception {
        // At 1,500: plain 0.75/0.68/0.60, BN 0.93/0.89/0.95.
        Preset p = Presets.RATE_BOTH;
        Evaluation[] end = validation(seeded(p, seed), p.length())[0];
        assertTrue(accuracy(end[0]) <= 0.8, "without BN at rate 0.6: " + end[0]);
        assertTrue(accuracy(end[1]) >= 0.85, "with BN at rate 0.6: " + end[1]);
    }

    /** The figures rateBoth's text quotes, over seeds 1 to 30 (a few seconds: the spiral's networks are small). */
    @org.junit.jupiter.api.Test
    void rate_both_the_figures_its_text_quotes_hold_on_30_seeds() throws Exception {
        Preset p = Presets.RATE_BOTH;
        java.util.List<Double> plain = new java.util.ArrayList<>();
        double[] bn = new double[30];
        int nan = 0;
        for (int seed = 1; seed <= 30; seed++) {
            Evaluation[] end = validation(seeded(p, seed), p.length())[0];
            if (end[0] == null) nan++;
            else plain.add(end[0].accuracy());
            bn[seed - 1] = accuracy(end[1]);
        }
        double[] healthy = plain.stream().mapToDouble(Double::doubleValue).toArray();
        assertEquals(1, nan, "plain " + plain);
        quoted("rateBoth plain (its NaN seed left out)", healthy, 0.50, 0.82, 0.68, 0, 0);
        assertEquals(28, nan + java.util.Arrays.stream(healthy).filter(x -> x < 0.8).count(), "below 0.8 or NaN: plain " + plain);
        quoted("rateBoth bn", bn, 0.71, 0.99, 0.93, 0.85, 25);
    }

    /** Every network's validation accuracy after {@code steps}, on seeds 1 to 25, by network. */
    private static java.util.Map<String, double[]> over25Seeds(RunConfig base, long steps) throws Exception {
        java.util.Map<String, double[]> out = new java.util.LinkedHashMap<>();
        for (int seed = 1; seed <= 25; seed++) {
            int i = seed - 1;
            accuracies(base.with("seed", (long) seed), steps).forEach((net, a) -> out.computeIfAbsent(net, k -> new double[25])[i] = a);
        }
        return out;
    }

    /** The same at the preset's own set-up and length. */
    private static java.util.Map<String, double[]> over25Seeds(Preset p) throws Exception { return over25Seeds(p.run(), p.length()); }

    /**
     * That the smallest, the largest and the median of {@code v} are the figures a text quotes (to the digits
     * it quotes them), and how many reach {@code at}.
     */
    private static void quoted(String what, double[] v, double min, double max, double median, double at, int reaching) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        double m = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        String seen = what + ": " + java.util.Arrays.toString(v);
        assertEquals(min, s[0], 0.005 + 1e-9, seen);
        assertEquals(max, s[s.length - 1], 0.005 + 1e-9, seen);
        assertEquals(median, m, (Math.rint(median * 100) == median * 100 ? 0.005 : 0.0005) + 1e-9, seen);
        if (at > 0) assertEquals(reaching, java.util.Arrays.stream(v).filter(x -> x >= at).count(), seen);
    }

    /** The figures the texts of rateX5, rateX30, paperRecipe and layer-norm (both batch sizes) quote, on seeds 1 to 25. */
    @org.junit.jupiter.api.Test
    void the_figures_the_spiral_presets_texts_quote_hold_on_25_seeds() throws Exception {
        var x5 = over25Seeds(Presets.RATE_X5);
        quoted("rateX5 bn", x5.get("bn"), 0.86, 0.98, 0.95, 0.85, 25);
        quoted("rateX5 plain", x5.get("plain"), 0.53, 0.74, 0.65, 0.75, 0);
        quoted("rateX5 plain at 0.1", over25Seeds(Presets.RATE_X5.run().with("learningRate", 0.1), Presets.RATE_X5.length()).get("plain"),
                0.58, 0.98, 0.85, 0.85, 13);
        var x30 = over25Seeds(Presets.RATE_X30);
        quoted("rateX30 bn", x30.get("bn"), 0.71, 0.99, 0.93, 0.85, 20);
        for (int i = 0; i < 25; i++) assertTrue(x30.get("bn")[i] > x30.get("plain")[i], "rateX30: BN ahead on seed " + (i + 1));
        var recipe = over25Seeds(Presets.PAPER_RECIPE);
        quoted("paperRecipe plain", recipe.get("plain"), 0.49, 0.68, 0.62, 0, 0);
        quoted("paperRecipe bn", recipe.get("bn"), 0.48, 0.70, 0.63, 0, 0);
        quoted("paperRecipe bn-paper", recipe.get("bn-paper"), 0.85, 0.99, 0.93, 0, 0);
        var decay = over25Seeds(Presets.DECAY.run(), 1200);
        quoted("decay bn at 1,200", decay.get("bn"), 0.91, 0.99, 0.95, 0.9, 25);
        quoted("decay plain at 1,200", decay.get("plain"), 0.60, 0.74, 0.675, 0.75, 0);
        var ln = over25Seeds(Presets.LAYER_NORM);
        quoted("layer-norm bn", ln.get("bn"), 0.92, 1.00, 0.99, 0, 0);
        quoted("layer-norm ln", ln.get("ln"), 0.86, 1.00, 0.975, 0, 0);
        quoted("layer-norm plain", ln.get("plain"), 0.75, 1.00, 0.98, 0, 0);
        var ln2 = over25Seeds(Presets.LAYER_NORM_2);
        quoted("layer-norm-2 bn", ln2.get("bn"), 0.46, 0.66, 0.52, 0, 0);
        quoted("layer-norm-2 ln", ln2.get("ln"), 0.69, 1.00, 0.98, 0.9, 24);
    }

    /**
     * A twin preset's validation loss on seeds 1 to 25, measured every 60 iterations: per seed {plain at the end, BN
     * at the end, plain's lowest, the iteration of plain's lowest, BN's lowest}.
     */
    private static double[][] losses(Preset p) throws Exception {
        double[][] out = new double[25][];
        for (int seed = 1; seed <= 25; seed++) {
            RunConfig c = seeded(p, seed);
            Dataset.Split data = Datasets.load(c, null, null);
            assertEquals(40, data.validation().size(), "the texts say the validation set holds 40 points");
            TwinRun twin = c.twin(data.train());
            double[] r = {Double.NaN, Double.NaN, Double.MAX_VALUE, 0, Double.MAX_VALUE};
            for (long s = 1; s <= p.length(); s++) {
                twin.step();
                if (s % 60 != 0) continue;
                double plain = Evaluation.of(twin.plain().network(), data.validation()).loss();
                double bn = Evaluation.of(twin.bn().network(), data.validation()).loss();
                r[0] = plain;
                r[1] = bn;
                if (plain < r[2]) { r[2] = plain; r[3] = s; }
                r[4] = Math.min(r[4], bn);
            }
            out[seed - 1] = r;
        }
        return out;
    }

    private static double[] column(double[][] rows, int i) { return java.util.Arrays.stream(rows).mapToDouble(r -> r[i]).toArray(); }

    private static long count(double[][] rows, java.util.function.Predicate<double[]> p) { return java.util.Arrays.stream(rows).filter(p).count(); }

    /** The figures the texts of dropout, noDropout and l2 quote, on seeds 1 to 25 (validation loss at 6,000). */
    @org.junit.jupiter.api.Test
    void the_figures_the_dropout_and_l2_presets_texts_quote_hold_on_25_seeds() throws Exception {
        double[][] dropout = losses(Presets.DROPOUT);
        String seen = java.util.Arrays.deepToString(dropout);
        assertEquals(22, count(dropout, r -> r[1] <= r[0] + 0.03), seen);
        assertEquals(20, count(dropout, r -> r[1] < r[0]), seen);
        quoted("dropout, BN", column(dropout, 1), 0.15, 0.60, 0.33, 0, 0);
        quoted("dropout, with dropout", column(dropout, 0), 0.19, 0.83, 0.34, 0, 0);

        double[][] none = losses(Presets.NO_DROPOUT);
        seen = java.util.Arrays.deepToString(none);
        assertEquals(17, count(none, r -> r[3] < 1000), "plain's lowest before 1,000: " + seen);
        quoted("noDropout plain", column(none, 0), 0.20, 1.78, 0.54, 0, 0);
        quoted("noDropout BN", column(none, 1), 0.15, 0.60, 0.33, 0, 0);
        assertEquals(24, count(none, r -> r[1] < r[0]), seen);
        assertEquals(0, count(none, r -> r[1] - r[4] > 0.10), "BN at most 0.10 above its lowest: " + seen);

        double[][] l2 = losses(Presets.L2);
        seen = java.util.Arrays.deepToString(l2);
        assertEquals(23, count(l2, r -> r[1] <= r[0] + 0.03), seen);
        assertEquals(17, count(l2, r -> r[1] < r[0]), seen);
        quoted("l2 plain", column(l2, 0), 0.16, 0.74, 0.33, 0, 0);
        quoted("l2 BN", column(l2, 1), 0.15, 0.59, 0.33, 0, 0);
    }


    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void decay_the_BN_network_at_30_times_the_rate_decaying_6_times_faster_is_done_by_1200(long seed) throws Exception {
        // At 1,200: BN 0.97/0.98/0.95, plain 0.64/0.64/0.65.
        Preset p = Presets.DECAY;
        assertEquals(6, p.run().decayEvery() / p.run().bnNetDecayEvery(), "the paper's 6 times faster decay");
        Evaluation[][] v = validation(seeded(p, seed), 1200, p.length());
        assertTrue(accuracy(v[0][1]) >= 0.9, "with BN at 1,200: " + v[0][1]);
        assertTrue(accuracy(v[0][0]) <= 0.75, "without BN at 1,200: " + v[0][0]);
        assertTrue(v[1][1].loss() < v[0][1].loss() + 0.02, "with BN it settles as its rate falls: " + v[0][1] + " -> " + v[1][1]);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void dropout_the_BN_network_without_dropout_does_as_well_as_the_plain_one_with_it(long seed) throws Exception {
        // At 6,000 validation loss: BN (no dropout) 0.44/0.44/0.40, plain (dropout 0.3) 0.54/0.51/0.40.
        Preset p = Presets.DROPOUT;
        Evaluation[] end = validation(seeded(p, seed), p.length())[0];
        assertTrue(end[1].loss() <= end[0].loss() + 0.02, "BN without dropout " + end[1] + ", plain with dropout " + end[0]);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void no_dropout_the_plain_network_overfits_and_the_BN_one_barely(long seed) throws Exception {
        // Validation loss 1,500 -> 6,000: plain 0.44->0.64, 0.52->0.71, 0.50->0.76; BN 0.45->0.44, 0.44->0.44, 0.37->0.40.
        Preset p = Presets.NO_DROPOUT;
        Evaluation[][] v = validation(seeded(p, seed), 1500, p.length());
        assertTrue(v[1][0].loss() > v[0][0].loss() + 0.1, "without BN the validation loss rises: " + v[0][0] + " -> " + v[1][0]);
        assertTrue(Math.abs(v[1][1].loss() - v[0][1].loss()) < 0.05, "with BN it stays: " + v[0][1] + " -> " + v[1][1]);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void l2_the_BN_network_with_a_fifth_of_the_L2_does_about_as_well(long seed) throws Exception {
        // At 6,000 validation loss: BN (L2 0.001) 0.44/0.43/0.40, plain (L2 0.005) 0.42/0.49/0.50.
        Preset p = Presets.L2;
        assertEquals(5, p.run().l2() / p.run().bnNetL2(), 1e-9, "the paper's 5 times smaller L2");
        Evaluation[] end = validation(seeded(p, seed), p.length())[0];
        assertTrue(end[1].loss() <= end[0].loss() + 0.03, "BN with a fifth of the L2 " + end[1] + ", plain " + end[0]);
    }

    /**
     * How far the BN network's normalized values zHat of the first hidden layer lie apart in training mode
     * (each batch of the preset's size normalized by its own mean and variance) and in inference mode (the
     * running statistics), on the same inputs after 3,000 iterations: the mean of |zHat_train - zHat_inference| / |gamma|
     * (that is, of the standardized zTilde, whatever gamma learned) over the training set and the layer's neurons.
     */
    static double modesApart(RunConfig c) throws Exception {
        Dataset.Split data = Datasets.load(c, null, null);
        TwinRun twin = c.twin(data.train());
        for (long s = 0; s < 3000; s++) twin.step();
        Network net = twin.bn().network();
        Dataset train = data.train();
        int b = c.batchSize(), batches = train.size() / b, width = c.layers()[0];
        Batch batch = new Batch(train, b);
        float[][] inference = new float[batches * width][b];
        for (int j = 0; j < batches; j++) { // first inference, as training mode moves the running statistics
            batch.gatherRange(j * b, b);
            net.forward(batch.x(), b, false);
            for (int n = 0; n < width; n++) net.activationInput(0, n, inference[j * width + n]);
        }
        float[] training = new float[b];
        float[] gamma = net.hidden().get(0).bn().gamma().value();
        double sum = 0;
        for (int j = 0; j < batches; j++) {
            batch.gatherRange(j * b, b);
            net.forward(batch.x(), b, true);
            for (int n = 0; n < width; n++) {
                net.activationInput(0, n, training);
                for (int i = 0; i < b; i++) sum += Math.abs(training[i] - inference[j * width + n][i]) / Math.abs(gamma[n]);
            }
        }
        return sum / ((double) batches * b * width);
    }

    /** The batch presets' texts: about 0.8, 0.34 and 0.11 standard deviations apart, with their ranges over seeds 1 to 25. */
    @org.junit.jupiter.api.Test
    void batch_size_the_smaller_the_batch_the_further_apart_training_and_inference_mode() throws Exception {
        double[] two = new double[25], eight = new double[25], sixty = new double[25];
        for (int seed = 1; seed <= 25; seed++) {
            two[seed - 1] = modesApart(seeded(Presets.BATCH2, seed));
            eight[seed - 1] = modesApart(seeded(Presets.BATCH8, seed));
            sixty[seed - 1] = modesApart(seeded(Presets.BATCH60, seed));
            String figures = String.format(Locale.ROOT, "seed %d, mean |zTilde training - zTilde inference|: batch 2 %.3f, 8 %.3f, 60 %.3f",
                    seed, two[seed - 1], eight[seed - 1], sixty[seed - 1]);
            assertTrue(two[seed - 1] > 1.5 * eight[seed - 1] && eight[seed - 1] > 1.5 * sixty[seed - 1], figures);
        }
        quoted("batch 2", two, 0.72, 0.87, 0.78, 0, 0);   // "about 0.8"
        quoted("batch 8", eight, 0.30, 0.38, 0.34, 0, 0);  // "about 0.34"
        quoted("batch 60", sixty, 0.08, 0.16, 0.11, 0, 0);
    }
}
