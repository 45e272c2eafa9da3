package bnlab.engine;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void percentiles_interpolate_between_closest_ranks_like_numpy() {
        float[] v = {7, 1, 3, 5, 9};
        // numpy.percentile([1,3,5,7,9], [0, 15, 50, 85, 100]) = [1, 2.2, 5, 7.8, 9]
        assertArrayEquals(new double[]{1, 2.2, 5, 7.8, 9}, Stats.percentiles(v, 0, 15, 50, 85, 100), 1e-9);
        assertEquals(9, Stats.TENSORBOARD.length);
        double[] tb = Stats.percentiles(v, Stats.TENSORBOARD);
        for (int i = 1; i < tb.length; i++) assertTrue(tb[i] >= tb[i - 1], "non-decreasing");
    }

    @Test
    void a_histogram_counts_every_value_once() {
        float[] v = {0, 0.1f, 0.5f, 0.9f, 1, 1};
        Stats.Histogram h = Stats.histogram(v, 2);
        assertArrayEquals(new int[]{2, 4}, h.counts());
        assertEquals(0, h.lo(), 0);
        assertEquals(1, h.hi(), 0);
        assertEquals(3, Stats.histogram(new float[]{2, 2, 2}, 4).counts()[2] + Stats.histogram(new float[]{2, 2, 2}, 4).counts()[1]);
    }

    @Test
    void a_layer_observation_gives_a_neurons_percentiles_over_the_batch() {
        Dataset d = TrainingTest.xor(40, 2);
        VariantRun run = new VariantRun(Variant.twin(TrainingTest.small(BnPlacement.BEFORE_ACTIVATION), TrainSpec.sgd(0.1, 20, 1)), d);
        run.step();
        LayerObservation o = run.trainer("bn").network().observe().get(1);
        assertEquals(20, o.batch());
        float[] col = Stats.column(o.bn().zHat(), 20, 8, 3);
        assertArrayEquals(col, o.activationInputOf(3), "with BN before the activation its input is zHat");
        assertArrayEquals(Stats.percentiles(col, Stats.PAPER), o.percentiles(3, Stats.PAPER), 0);
        float[] buf = new float[20];
        run.trainer("bn").network().activationInput(1, 3, buf);
        assertArrayEquals(col, buf);
        LayerObservation plain = run.trainer("plain").network().observe().get(1);
        assertArrayEquals(plain.z(), plain.activationInput(), "without BN the activation's input is z");
        assertTrue(o.weightGradNorm() > 0 && Double.isNaN(o.biasGradNorm()) && o.gammaGradNorm() > 0);
    }
}
