package bnlab.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Layer#copy} for every layer, also those a {@link Network} does not build yet (layer
 * normalization, noise injection): the copy computes what the original computes, and they share nothing.
 */
class LayerCopyTest {
    private static final int BATCH = 5;

    record Named(String name, Supplier<Layer> layer) {
        @Override public String toString() { return name; }
    }

    static Stream<Named> layers() {
        return Stream.of(
                new Named("dense with bias", () -> {
                    Dense d = new Dense(4, 6, true);
                    Init.XAVIER.fill(d.weights().value(), 4, 6, 0, new Rng(1));
                    return d;
                }),
                new Named("dense without bias", () -> {
                    Dense d = new Dense(4, 6, false);
                    Init.HE.fill(d.weights().value(), 4, 6, 0, new Rng(2));
                    return d;
                }),
                new Named("batch normalization", () -> new BatchNorm(6, 1e-5, 0.1)),
                new Named("layer normalization", () -> new LayerNorm(6, 1e-5)),
                new Named("dropout", () -> new Dropout(6, 0.3, new Rng(4))),
                new Named("noise injection, an odd number of Gaussians a step (a spare pending at the copy)",
                        () -> new NoiseInjection(5, new Rng(5))),
                new Named("activation", () -> new ActivationLayer(Activation.TANH, 6)));
    }

    /**
     * One training step of a layer on its own: forward, backward of a fixed upstream gradient, an SGD update
     * with momentum. Returns the output followed by the input gradient (copies).
     */
    private static float[] step(Layer layer, Rng data) {
        int in = layer.inputSize(), out = layer.outputSize();
        float[] x = new float[BATCH * in], dy = new float[BATCH * out];
        for (int i = 0; i < x.length; i++) x[i] = (float) data.nextGaussian();
        for (int i = 0; i < dy.length; i++) dy[i] = (float) data.nextGaussian();
        float[] y = layer.forward(x, BATCH, true).clone();
        float[] dx = layer.backward(dy, BATCH, true);
        for (Param p : layer.params()) {
            float[] w = p.value(), g = p.grad(), v = p.velocity();
            for (int i = 0; i < w.length; i++) {
                v[i] = 0.9f * v[i] + g[i];
                w[i] -= 0.1f * v[i];
            }
        }
        float[] both = Arrays.copyOf(y, y.length + dx.length);
        System.arraycopy(dx, 0, both, y.length, dx.length);
        return both;
    }

    private static void assertSameParams(Layer expected, Layer actual, String when) {
        List<Param> e = expected.params(), a = actual.params();
        assertEquals(e.size(), a.size());
        for (int i = 0; i < e.size(); i++) {
            assertTrue(Arrays.equals(e.get(i).value(), a.get(i).value()), e.get(i).name() + " value " + when);
            assertTrue(Arrays.equals(e.get(i).grad(), a.get(i).grad()), e.get(i).name() + " gradient " + when);
            assertTrue(Arrays.equals(e.get(i).velocity(), a.get(i).velocity()), e.get(i).name() + " velocity " + when);
        }
        if (expected instanceof BatchNorm eb) {
            BatchNorm ab = (BatchNorm) actual;
            assertTrue(Arrays.equals(eb.runningMean(), ab.runningMean()), "running mean " + when);
            assertTrue(Arrays.equals(eb.runningVar(), ab.runningVar()), "running variance " + when);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void a_copied_layer_computes_what_its_original_computes_step_after_step(Named n) {
        Layer original = n.layer().get();
        Rng data = new Rng(9);
        for (int s = 0; s < 3; s++) step(original, data);
        Layer copy = original.copy();
        assertEquals(original.getClass(), copy.getClass());
        assertSameParams(original, copy, "at the copy");
        for (int s = 0; s < 4; s++) {
            Rng same = data.copy();
            assertArrayEquals(step(original, data), step(copy, same), "step " + s + " after the copy");
            data = same;
        }
        assertSameParams(original, copy, "4 steps after the copy");
        float[] x = new float[BATCH * original.inputSize()];
        Arrays.fill(x, 0.25f);
        assertArrayEquals(original.forward(x, BATCH, false).clone(), copy.forward(x, BATCH, false).clone(),
                "inference too (running statistics)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void training_a_copied_layer_leaves_its_original_as_it_was(Named n) {
        Layer original = n.layer().get(), reference = n.layer().get();
        Rng a = new Rng(9), b = new Rng(9);
        for (int s = 0; s < 3; s++) {
            step(original, a);
            step(reference, b);
        }
        Layer copy = original.copy();
        Rng other = new Rng(10);
        for (int s = 0; s < 4; s++) step(copy, other);
        assertSameParams(reference, original, "after the copy trained");
        assertArrayEquals(step(reference, b), step(original, a), "the original's next step");
    }
}
