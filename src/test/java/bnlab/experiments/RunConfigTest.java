package bnlab.experiments;

import bnlab.engine.VariantRun;

import static org.junit.jupiter.api.Assertions.*;

import bnlab.engine.Activation;
import bnlab.engine.BnPlacement;
import bnlab.engine.Dataset;
import bnlab.engine.Evaluation;
import bnlab.engine.Init;
import bnlab.engine.InvalidConfigException;
import bnlab.engine.Schedule;
import bnlab.engine.VariantRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RunConfigTest {

    static RunConfig twoD(String dataset, int[] layers, double lr, int batch) {
        return twoD(dataset, layers, Activation.TANH, lr, batch);
    }

    static RunConfig twoD(String dataset, int[] layers, Activation activation, double lr, int batch) {
        return RunConfig.defaults().with("dataset", dataset, "points", 600, "noise", 0.05, "validationFraction", 0.25,
                "layers", layers, "activation", activation.key(), "init", "xavier", "learningRate", lr, "momentum", 0.9,
                "batchSize", batch, "seed", 7);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"circle, 1500, 0.9", "xor, 1500, 0.9", "gauss, 300, 0.95", "spiral, 3000, 0.9"})
    void the_two_d_sets_are_learned_with_and_without_batch_normalization(String name, int steps, double accuracy) throws Exception {
        // The spiral needs a wider ReLU network and batches of 32 (with batches of 16 the BN twin's
        // batch statistics are too noisy for its running averages at this learning rate).
        RunConfig c = name.equals("spiral") ? twoD(name, new int[]{24, 24}, Activation.RELU, 0.03, 32)
                : twoD(name, new int[]{8, 8}, 0.05, 16);
        Dataset.Split data = Datasets.load(c, null, null);
        VariantRun run = c.variantRun(data.train());
        for (int s = 0; s < steps; s++) run.step();
        double plain = Evaluation.of(run.trainer("plain").network(), data.validation()).accuracy();
        double bn = Evaluation.of(run.trainer("bn").network(), data.validation()).accuracy();
        assertTrue(plain >= accuracy, name + " without BN: validation accuracy " + plain);
        assertTrue(bn >= accuracy, name + " with BN: validation accuracy " + bn);
    }

    @Test
    void the_lecture_default_runs_the_slides_network() throws Exception {
        RunConfig c = RunConfig.defaults();
        Dataset.Split data = Datasets.load(c, null, null);
        assertEquals(5, data.train().features());
        assertArrayEquals(new int[]{8}, c.layers());
        assertEquals(8, c.batchSize());
    }

    @Test
    void an_unknown_data_set_is_refused_naming_the_allowed_ones() {
        var e = assertThrows(InvalidConfigException.class, () -> twoD("moons", new int[]{8}, 0.1, 8));
        assertEquals("dataset", e.field());
        assertTrue(e.getMessage().contains("lecture, circle, xor, gauss, spiral, fashion-mnist, csv"), e.getMessage());
    }

    @Test
    void engine_limits_are_checked_when_the_config_is_made() {
        assertEquals("learningRate", assertThrows(InvalidConfigException.class, () -> twoD("xor", new int[]{8}, -1, 8)).field());
        assertEquals("layers", assertThrows(InvalidConfigException.class, () -> twoD("xor", new int[]{100_000}, 0.1, 8)).field());
        assertEquals("batchSize", assertThrows(InvalidConfigException.class, () -> twoD("xor", new int[]{8}, 0.1, 1)).field());
    }
}
