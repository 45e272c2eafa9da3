package bnlab.engine;

import static bnlab.engine.GradCheck.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Networks whose hidden layers are normalized by BN, noisy BN or LN: gradients, weights, layer order. */
class NormalizedNetworkTest {
    private static final int BATCH = 7, INPUTS = 4, OUTPUTS = 3;

    private static NetworkSpec spec(Normalization kind, BnPlacement at, Activation f) {
        return new NetworkSpec(INPUTS, new int[]{6, 5}, OUTPUTS, f, kind == Normalization.NONE ? BnPlacement.NONE : at,
                Init.GAUSSIAN, 0.8, 0, 1e-5, 0.1, kind);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
            "bn,       before, sigmoid",
            "noisy-bn, before, sigmoid",
            "noisy-bn, after,  tanh",
            "ln,       before, sigmoid",
            "ln,       after,  tanh",
            "ln,       before, tanh",
    })
    void every_parameter_gradient_of_a_normalized_network_matches_finite_differences(String kind, String at, String f) {
        Rng rng = new Rng(21);
        float[] x = random(rng, BATCH * INPUTS, 1);
        int[] labels = new int[BATCH];
        for (int i = 0; i < BATCH; i++) labels[i] = rng.nextInt(OUTPUTS);
        Dataset data = Dataset.classification("t", INPUTS, x, labels, OUTPUTS, null);
        Network net = new Network(spec(Normalization.parse(kind), BnPlacement.parse(at), Activation.parse(f)), 3);
        Batch b = new Batch(data, BATCH);
        b.gatherRange(0, BATCH);
        Loss loss = Loss.forData(data);
        loss.forward(net.forward(b.x(), BATCH, true), b, OUTPUTS); // draws the noise once
        for (Layer layer : net.layers()) if (layer instanceof NoisyBatchNorm n) n.noise().holdNoise(true);
        loss.forward(net.forward(b.x(), BATCH, true), b, OUTPUTS);
        net.backward(loss.gradient(), BATCH);
        java.util.function.DoubleSupplier l = () -> loss.forward(net.forward(b.x(), BATCH, true), b, OUTPUTS);
        for (Param p : net.params())
            assertClose(kind + "/" + at + " " + p.name() + "[" + p.value().length + "]", p.grad().clone(),
                    numeric(p.value(), p.value().length, l));
    }

    @Test
    void every_kind_built_from_one_spec_and_seed_starts_from_the_same_weights() {
        float[][] first = null;
        for (Normalization kind : Normalization.values()) {
            Network net = new Network(spec(kind, BnPlacement.BEFORE_ACTIVATION, Activation.SIGMOID), 5);
            float[][] w = {net.hidden().get(0).dense().weights().value(), net.hidden().get(1).dense().weights().value(),
                    net.outputLayer().weights().value()};
            if (first == null) first = w;
            for (int k = 0; k < 3; k++) assertArrayEquals(first[k], w[k], kind + " layer " + k);
        }
    }

    @Test
    void the_layers_are_in_the_stated_order_and_observable() {
        Network noisy = new Network(spec(Normalization.NOISY_BN, BnPlacement.BEFORE_ACTIVATION, Activation.RELU), 1);
        assertEquals(List.of("Dense", "NoisyBatchNorm", "ActivationLayer", "Dense", "NoisyBatchNorm", "ActivationLayer",
                "Dense"), names(noisy));
        assertNull(noisy.hidden().get(0).dense().bias(), "the bias before BN is dropped");
        assertEquals(Normalization.NOISY_BN, noisy.hidden().get(1).norm().kind());
        assertNotNull(noisy.hidden().get(1).bn(), "noisy BN shows its batch normalization");
        Network ln = new Network(spec(Normalization.LN, BnPlacement.AFTER_ACTIVATION, Activation.RELU), 1);
        assertEquals(List.of("Dense", "ActivationLayer", "LayerNorm", "Dense", "ActivationLayer", "LayerNorm", "Dense"), names(ln));
        Network lnBefore = new Network(spec(Normalization.LN, BnPlacement.BEFORE_ACTIVATION, Activation.RELU), 1);
        assertNotNull(lnBefore.hidden().get(0).dense().bias(), "before LN the bias stays");
        assertEquals(Normalization.LN, lnBefore.hidden().get(0).norm().kind());
        assertNull(lnBefore.hidden().get(0).bn());
        assertNull(new Network(spec(Normalization.NONE, BnPlacement.NONE, Activation.RELU), 1).hidden().get(0).norm());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"none", "bn", "noisy-bn", "ln"})
    void every_kind_is_observed_the_same_way(String key) {
        Normalization kind = Normalization.parse(key);
        Network net = new Network(spec(kind, kind == Normalization.NONE ? BnPlacement.NONE : BnPlacement.BEFORE_ACTIVATION,
                Activation.RELU), 4);
        Rng rng = new Rng(8);
        float[] x = random(rng, BATCH * INPUTS, 1);
        int[] labels = new int[BATCH];
        for (int i = 0; i < BATCH; i++) labels[i] = rng.nextInt(OUTPUTS);
        Dataset data = Dataset.classification("t", INPUTS, x, labels, OUTPUTS, null);
        Batch b = new Batch(data, BATCH);
        b.gatherRange(0, BATCH);
        Loss loss = Loss.forData(data);
        loss.forward(net.forward(b.x(), BATCH, true), b, OUTPUTS);
        net.backward(loss.gradient(), BATCH);
        for (LayerObservation o : net.observe()) {
            if (kind == Normalization.NONE) {
                assertTrue(Double.isNaN(o.gammaGradNorm()) && Double.isNaN(o.betaGradNorm()), "no normalization, no gamma");
                continue;
            }
            assertTrue(o.gammaGradNorm() > 0 && Double.isFinite(o.gammaGradNorm()), key + " gamma's gradient " + o.gammaGradNorm());
            assertTrue(o.betaGradNorm() > 0 && Double.isFinite(o.betaGradNorm()), key + " beta's gradient " + o.betaGradNorm());
            assertEquals(kind.batchStatistics(), o.bn() != null, key + ": batch statistics shown exactly for BN kinds");
        }
    }

    private static List<String> names(Network net) {
        return net.layers().stream().map(l -> l.getClass().getSimpleName()).toList();
    }

    @Test
    void the_spec_keeps_kind_and_placement_together_and_only_batch_statistics_need_two_examples() {
        NetworkSpec plain = spec(Normalization.NONE, BnPlacement.NONE, Activation.SIGMOID);
        assertEquals(Normalization.BN, plain.withBn(BnPlacement.BEFORE_ACTIVATION).normalization(), "withBn as before");
        NetworkSpec ln = plain.withNormalization(Normalization.LN);
        assertEquals(BnPlacement.BEFORE_ACTIVATION, ln.bn());
        assertEquals(Normalization.LN, ln.withBn(BnPlacement.AFTER_ACTIVATION).normalization());
        assertEquals(Normalization.NONE, ln.withBn(BnPlacement.NONE).normalization());
        assertThrows(InvalidConfigException.class, () -> new NetworkSpec(INPUTS, new int[]{3}, OUTPUTS, Activation.RELU,
                BnPlacement.NONE, Init.HE, 0.1, 0, 1e-5, 0.1, Normalization.LN));
        Dataset data = Dataset.classification("t", INPUTS, new float[2 * INPUTS], new int[]{0, 1}, OUTPUTS, null);
        TrainSpec one = TrainSpec.sgd(0.1, 1, 1);
        one.checkAgainst(ln, data);
        assertThrows(InvalidConfigException.class, () -> one.checkAgainst(plain.withNormalization(Normalization.NOISY_BN), data));
    }

    @Test
    void a_copy_of_a_noisy_network_draws_the_same_noise_and_trains_on_bit_for_bit() {
        Rng rng = new Rng(22);
        float[] x = random(rng, 20 * INPUTS, 1);
        int[] labels = new int[20];
        for (int i = 0; i < 20; i++) labels[i] = rng.nextInt(OUTPUTS);
        Dataset data = Dataset.classification("t", INPUTS, x, labels, OUTPUTS, null);
        Trainer a = new Trainer(new Network(spec(Normalization.NOISY_BN, BnPlacement.BEFORE_ACTIVATION, Activation.RELU), 2),
                TrainSpec.sgd(0.1, 5, 2), true);
        BatchSampler s = new BatchSampler(data, 5, 2);
        Batch b = new Batch(data, 5);
        for (int t = 0; t < 3; t++) { s.next(b); a.train(b); }
        Trainer c = a.copy();
        for (int t = 0; t < 5; t++) {
            s.next(b);
            a.train(b);
            c.train(b);
            assertEquals(a.lastLoss(), c.lastLoss(), 0, "step " + t);
        }
    }
}
