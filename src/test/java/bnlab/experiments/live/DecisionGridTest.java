package bnlab.experiments.live;

import bnlab.engine.VariantRun;

import static org.junit.jupiter.api.Assertions.assertEquals;

import bnlab.engine.Activation;
import bnlab.engine.BnPlacement;
import bnlab.engine.Dataset;
import bnlab.engine.Init;
import bnlab.engine.Network;
import bnlab.engine.NetworkSpec;
import bnlab.engine.Rng;
import bnlab.engine.VariantRun;
import bnlab.experiments.Datasets;
import bnlab.experiments.RunConfig;
import org.junit.jupiter.api.Test;

/** The decision grid is evaluated in pieces (small buffers in every run's networks), with the values of one pass. */
class DecisionGridTest {

    private static void assertPiecesMatchOnePass(Dataset.Split data, Network[] nets, int size) {
        DecisionGrid grid = new DecisionGrid(data, size);
        int n = size * size;
        for (Network net : nets) {
            int out = net.spec().outputs();
            float[] whole = net.forward(grid.inputs(), n, false).clone(); // (n, outputs) in one pass
            float[] cells = grid.evaluate(net);
            assertEquals(n, cells.length);
            for (int i = 0; i < n; i++) {
                if (out == 2) {
                    double p = 1.0 / (1.0 + Math.exp(-((double) whole[i * out + 1] - whole[i * out])));
                    assertEquals(p, cells[i], 1e-5, "cell " + i);
                } else {
                    int best = 0;
                    for (int j = 1; j < out; j++) if (whole[i * out + j] > whole[i * out + best]) best = j;
                    assertEquals(best, cells[i], 0, "cell " + i);
                }
            }
        }
    }

    @Test
    void a_grid_in_pieces_has_the_values_of_one_pass_for_two_classes() throws Exception {
        RunConfig c = RunConfig.defaults().with("dataset", "xor", "layers", new int[]{8, 8}, "activation", "tanh", "learningRate", 0.3);
        Dataset.Split data = Datasets.load(c, null, null);
        VariantRun twin = c.variantRun(data.train());
        for (int s = 0; s < 300; s++) twin.step();
        assertPiecesMatchOnePass(data, new Network[]{twin.trainer("plain").network(), twin.trainer("bn").network()}, 40);
    }

    @Test
    void a_grid_in_pieces_has_the_classes_of_one_pass_and_a_size_that_is_no_multiple_of_the_piece() {
        Rng rng = new Rng(5);
        int m = 90;
        float[] x = new float[2 * m];
        int[] y = new int[m];
        for (int i = 0; i < m; i++) {
            x[2 * i] = (float) (rng.nextDouble() * 4 - 2);
            x[2 * i + 1] = (float) (rng.nextDouble() * 4 - 2);
            y[i] = i % 3;
        }
        Dataset d = Dataset.classification("three", 2, x, y, 3, new String[]{"a", "b", "c"});
        Network net = new Network(NetworkSpec.of(2, new int[]{16, 16}, 3, Activation.RELU, BnPlacement.BEFORE_ACTIVATION, Init.HE, 0), 7);
        assertPiecesMatchOnePass(new Dataset.Split(d, d), new Network[]{net}, 23); // 529 cells: 2 pieces of 200 and 129
    }
}
