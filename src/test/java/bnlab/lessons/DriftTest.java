package bnlab.lessons;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bnlab.data.LectureData;
import bnlab.engine.Batch;
import bnlab.engine.BatchSampler;
import bnlab.engine.BnPlacement;
import bnlab.engine.Dataset;
import bnlab.engine.Network;
import bnlab.engine.TrainSpec;
import bnlab.engine.Trainer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Section 2's table measures the drift on one fixed batch, so that only the weights change. */
class DriftTest {
    private static final long SEED = 1;
    private final List<Drift.Row> rows = Drift.measure(SEED, new int[]{0, 10, 50}, 3);

    /** The plain twin rebuilt here by hand, independent of Drift: its W and b after each step. */
    private static final class PlainByHand {
        final Dataset data = LectureData.generate(SEED);
        final Network net = new Network(LectureExample.spec().withBn(BnPlacement.NONE), SEED);
        final Trainer trainer = new Trainer(net, TrainSpec.sgd(LectureExample.LEARNING_RATE, LectureExample.BATCH, SEED), true);
        final BatchSampler sampler = new BatchSampler(data, LectureExample.BATCH, SEED);
        final Batch batch = new Batch(data, LectureExample.BATCH);
        int done;

        /** Draws and trains until `iteration` steps are done; returns a copy of the last batch's x. */
        float[] trainTo(int iteration) {
            float[] x = null;
            for (; done < iteration; done++) {
                sampler.next(batch);
                x = batch.x().clone();
                trainer.train(batch);
            }
            return x;
        }

        /** mean over the rows of x of z_j = sum_k x_ik W_kj + b_j, with the current weights. */
        double meanZ(float[] x, int j) {
            float[] w = net.hidden().get(0).dense().weights().value(); // (inputs, neurons)
            float[] b = net.hidden().get(0).dense().bias().value();
            int n = LectureExample.NEURONS, in = LectureExample.INPUTS, m = x.length / in;
            double sum = 0;
            for (int i = 0; i < m; i++) {
                double z = b[j];
                for (int k = 0; k < in; k++) z += x[i * in + k] * w[k * n + j];
                sum += z;
            }
            return sum / m;
        }
    }

    @Test
    void the_change_between_iteration_0_and_10_is_what_the_weights_change_gives_on_the_first_batch() {
        PlainByHand hand = new PlainByHand();
        float[] first = hand.trainTo(1);            // the batch of step 1 is the first batch
        hand = new PlainByHand();                   // start again: weights of iteration 0
        double[] at0 = new double[3];
        for (int j = 0; j < 3; j++) at0[j] = hand.meanZ(first, j);
        float[] tenth = hand.trainTo(10);           // weights after 10 steps; tenth = the batch of step 10
        for (int j = 0; j < 3; j++) {
            double byWeights = hand.meanZ(first, j) - at0[j];
            double inTable = rows.get(1).plainZ()[j].mean() - rows.get(0).plainZ()[j].mean();
            assertEquals(byWeights, inTable, 1e-4, "neuron " + (j + 1));
            // Measured on another batch (the old table's way), the same weights give another number.
            double otherBatch = hand.meanZ(tenth, j) - at0[j];
            assertTrue(Math.abs(otherBatch - inTable) > 0.01,
                    "neuron " + (j + 1) + ": a different batch would give " + otherBatch + ", the table " + inTable);
        }
    }

    @Test
    void the_fixed_batch_is_the_one_section_4_shows_at_iteration_0() {
        BatchView v = new LectureExample().batchAt(SEED, 0);
        for (int j = 0; j < 3; j++) {
            double mean = 0;
            for (int i = 0; i < LectureExample.BATCH; i++) mean += v.z()[i][j];
            assertEquals(mean / LectureExample.BATCH, rows.get(0).plainZ()[j].mean(), 1e-5, "same data, same initial W");
        }
    }

    @Test
    void the_network_with_BN_is_the_lessons_network_and_its_zHat_moves_only_with_gamma_and_beta() {
        BatchView at50 = new LectureExample().batchAt(SEED, 50);
        Drift.Row row = rows.get(2);
        for (int j = 0; j < 3; j++) {
            assertEquals(at50.gamma()[j], row.gamma()[j], 0, "gamma after 50 steps");
            assertEquals(at50.beta()[j], row.beta()[j], 0, "beta after 50 steps");
            assertEquals(0, row.bnZTilde()[j].mean(), 1e-5);
            assertEquals(1, row.bnZTilde()[j].std(), 1e-3);
            assertEquals(row.beta()[j], row.bnZHat()[j].mean(), 1e-5);
            assertEquals(Math.abs(row.gamma()[j]), row.bnZHat()[j].std(), 1e-3);
        }
        assertTrue(Math.abs(row.gamma()[1] - 1) > 0.01, "gamma has learnt something by iteration 50");
    }

    @Test
    void the_same_seed_gives_the_same_table() {
        List<Drift.Row> again = Drift.measure(SEED, new int[]{0, 10, 50}, 3);
        for (int r = 0; r < 3; r++) {
            assertArrayEquals(rows.get(r).gamma(), again.get(r).gamma(), 0);
            assertEquals(rows.get(r).plainZ()[2], again.get(r).plainZ()[2]);
        }
    }

    @Test
    void iterations_must_ascend_and_neurons_exist() {
        assertThrows(IllegalArgumentException.class, () -> Drift.measure(SEED, new int[]{10, 0}, 3));
        assertThrows(IllegalArgumentException.class, () -> Drift.measure(SEED, new int[]{0}, 9));
    }
}
