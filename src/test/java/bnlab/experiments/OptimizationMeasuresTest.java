package bnlab.experiments;

import bnlab.engine.VariantRun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bnlab.engine.Batch;
import bnlab.engine.BatchSampler;
import bnlab.engine.Dataset;
import bnlab.engine.Network;
import bnlab.engine.VariantRun;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The measures of Santurkar et al. 2018 on cases whose answers are known. */
class OptimizationMeasuresTest {

    /** L(w) = c/2 ||w||^2: gradient c w, beta-smoothness exactly c. */
    private static Objective quadratic(int n, double c) {
        return new Objective() {
            @Override public int size() { return n; }

            @Override public double lossAndGradient(float[] w, float[] grad) {
                double l = 0;
                for (int i = 0; i < n; i++) {
                    l += c / 2 * w[i] * w[i];
                    grad[i] = (float) (c * w[i]);
                }
                return l;
            }
        };
    }

    @Test
    void on_a_quadratic_the_landscape_measures_are_its_known_smoothness_and_the_loss_along_the_gradient() {
        double c = 3, rate = 0.05;
        float[] w = {1, -2, 0.5f, 4};
        double sum = 0;
        for (float x : w) sum += x * x;
        double sq = sum;
        Landscape l = Landscape.at(quadratic(4, c), w, rate);
        assertEquals(c, l.betaSmoothness(), 1e-4, "beta-smoothness of c/2 ||w||^2");
        // L(w - eta c w) = c/2 (1 - eta c)^2 ||w||^2 for eta = 0.5, 1, 2, 4 times the rate.
        double[] losses = Arrays.stream(Landscape.MULTIPLES).map(k -> c / 2 * Math.pow(1 - k * rate * c, 2) * sq).toArray();
        double range = Arrays.stream(losses).max().orElseThrow() - Arrays.stream(losses).min().orElseThrow();
        assertEquals(range, l.lossRange(), 1e-4);
        assertEquals(4 * rate * c * c * Math.sqrt(sq), l.predictiveness(), 1e-4, "the gradient changes most at the longest step");
        assertEquals(Arrays.stream(losses).min().orElseThrow(), l.lossMin(), 1e-4, "the band's ends: the loss at each step size");
        assertEquals(Arrays.stream(losses).max().orElseThrow(), l.lossMax(), 1e-4);
        assertEquals(0.5 * rate * c * c * Math.sqrt(sq), l.changeMin(), 1e-4, "and the gradient changes least at the shortest");
    }

    private static RunConfig small() {
        return RunConfig.defaults().with("dataset", "spiral", "points", 300, "layers", new int[]{8, 8, 8},
                "activation", "relu", "init", "he", "learningRate", 0.1, "batchSize", 16);
    }

    /** The BN twin of a small run after a few steps, with its current batch, as an objective. */
    private static NetworkObjective objective(boolean bn) throws Exception {
        RunConfig c = small();
        Dataset.Split data = Datasets.load(c, null, null);
        VariantRun twin = c.variantRun(data.train());
        for (int s = 0; s < 20; s++) twin.step();
        Network net = bn ? twin.trainer("bn").network() : twin.trainer("plain").network();
        Batch batch = new Batch(data.train(), 16);
        new BatchSampler(data.train(), 16, 9).next(batch);
        return new NetworkObjective(net, batch, true);
    }

    private static int[] weightSizes(NetworkObjective f) {
        int[] at = f.weightOffsets();
        int[] sizes = new int[at.length - 1];
        int[] widths = {2, 8, 8, 8};
        for (int l = 0; l < sizes.length; l++) sizes[l] = widths[l] * widths[l + 1];
        return sizes;
    }

    @Test
    void the_gradient_shift_is_zero_for_the_first_layer_and_for_a_step_of_zero_and_not_for_later_layers() throws Exception {
        for (boolean bn : new boolean[]{false, true}) {
            NetworkObjective f = objective(bn);
            float[] w = f.parameters();
            int[] from = f.weightOffsets(), sizes = weightSizes(f);
            GradientShift none = GradientShift.at(f, w, from, sizes, 0);
            for (int l = 0; l < sizes.length; l++) {
                assertEquals(0, none.difference()[l], 0, "rate 0, layer " + l);
                assertEquals(1, none.cosine()[l], 1e-12);
            }
            GradientShift s = GradientShift.at(f, w, from, sizes, 0.1);
            assertEquals(0, s.difference()[0], 0, "nothing comes before the first layer");
            assertTrue(s.difference()[1] > 0 && s.difference()[2] > 0, Arrays.toString(s.difference()));
            assertTrue(s.cosine()[2] < 1, Arrays.toString(s.cosine()));
            assertArrayEquals(w, f.parameters(), "measuring leaves the network as it was");
        }
    }

    @Test
    void a_networks_objective_has_the_gradient_of_its_loss_and_leaves_the_network_as_it_was() throws Exception {
        NetworkObjective f = objective(true);
        float[] w = f.parameters();
        float[] g = new float[f.size()];
        double l0 = f.lossAndGradient(w, g);
        assertEquals(l0, f.lossAndGradient(w, new float[f.size()]), 0, "the same batch, the same loss: running statistics put back");
        for (int k : new int[]{0, 7, f.size() / 2, f.size() - 1}) {
            float[] plus = w.clone(), minus = w.clone();
            float h = 1e-2f;
            plus[k] += h;
            minus[k] -= h;
            double numeric = (f.lossAndGradient(plus, new float[f.size()]) - f.lossAndGradient(minus, new float[f.size()])) / (2 * h);
            assertEquals(numeric, g[k], 2e-3 + 0.02 * Math.abs(numeric), "parameter " + k);
        }
        assertArrayEquals(w, f.parameters());
    }

    @Test
    void the_gradient_shift_of_a_network_with_one_layer_is_zero_at_any_rate() throws Exception {
        RunConfig c = small().with("layers", new int[]{8});
        Dataset.Split data = Datasets.load(c, null, null);
        VariantRun twin = c.variantRun(data.train());
        for (int s = 0; s < 20; s++) twin.step();
        for (Network net : new Network[]{twin.trainer("plain").network(), twin.trainer("bn").network()}) {
            NetworkObjective f = new NetworkObjective(net, twin.batch(), true);
            GradientShift g = GradientShift.at(f, f.parameters(), f.weightOffsets(), new int[]{2 * 8}, 0.5);
            assertEquals(0, g.difference()[0], 0, "no layer comes before it");
            assertEquals(1, g.cosine()[0], 1e-12);
        }
    }
}
