package bnlab.engine;

import static bnlab.engine.GradCheck.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every layer's backward pass against central finite differences of L = sum(r * forward(x)). */
class LayerGradientTest {
    static final int BATCH = 6;

    /** Checks dL/dx and dL/dparam of one layer, for a random upstream gradient r. */
    static void check(Layer layer, float[] x, Rng rng) {
        int in = layer.inputSize(), out = layer.outputSize();
        float[] r = random(rng, BATCH * out, 1);
        layer.forward(x, BATCH, true);
        float[] dx = layer.backward(r, BATCH, true).clone();
        java.util.List<float[]> grads = layer.params().stream().map(p -> p.grad().clone()).toList();
        java.util.function.DoubleSupplier loss = () -> dot(layer.forward(x, BATCH, true), r, BATCH * out);
        assertClose(layer.getClass().getSimpleName() + " dx", dx, numeric(x, BATCH * in, loss));
        for (int k = 0; k < grads.size(); k++) {
            Param p = layer.params().get(k);
            assertClose(layer.getClass().getSimpleName() + " d" + p.name(), grads.get(k), numeric(p.value(), p.value().length, loss));
        }
    }

    @Test
    void dense_with_bias_backward_matches_finite_differences() {
        Rng rng = new Rng(1);
        Dense d = new Dense(5, 7, true);
        System.arraycopy(random(rng, 35, 0.5), 0, d.weights().value(), 0, 35);
        System.arraycopy(random(rng, 7, 0.5), 0, d.bias().value(), 0, 7);
        check(d, random(rng, BATCH * 5, 1), rng);
    }

    @Test
    void dense_without_bias_backward_matches_finite_differences() {
        Rng rng = new Rng(2);
        Dense d = new Dense(20, 17, false);
        System.arraycopy(random(rng, 340, 0.3), 0, d.weights().value(), 0, 340);
        check(d, random(rng, BATCH * 20, 1), rng);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void activation_backward_matches_finite_differences(Activation f) {
        Rng rng = new Rng(3);
        float[] x = random(rng, BATCH * 9, 1.5);
        if (f == Activation.RELU) for (int i = 0; i < x.length; i++) if (Math.abs(x[i]) < 0.05f) x[i] = 0.3f; // away from the kink
        check(new ActivationLayer(f, 9), x, rng);
    }

    @Test
    void batch_norm_backward_matches_finite_differences() {
        Rng rng = new Rng(4);
        BatchNorm bn = new BatchNorm(5, 1e-5, 0.1);
        System.arraycopy(random(rng, 5, 1), 0, bn.gamma().value(), 0, 5);
        System.arraycopy(random(rng, 5, 1), 0, bn.beta().value(), 0, 5);
        float[] x = random(rng, BATCH * 5, 2);
        for (int i = 0; i < x.length; i++) x[i] += 3; // a mean far from 0 must not matter
        check(bn, x, rng);
    }

    @Test
    void batch_norm_backward_with_epsilon_zero_matches_finite_differences() {
        Rng rng = new Rng(5);
        BatchNorm bn = new BatchNorm(4, 0, 0.1);
        check(bn, random(rng, BATCH * 4, 1), rng);
    }

    @Test
    void dropout_backward_matches_finite_differences_for_a_fixed_mask() {
        Rng rng = new Rng(6);
        Dropout d = new Dropout(8, 0.4, new Rng(7));
        float[] x = random(rng, BATCH * 8, 1);
        d.forward(x, BATCH, true);
        d.freezeMask(true);
        check(d, x, rng);
    }

    @Test
    void softmax_cross_entropy_gradient_matches_finite_differences() {
        Rng rng = new Rng(8);
        Dataset data = Dataset.classification("t", 1, new float[BATCH], new int[]{0, 1, 2, 3, 1, 0}, 4, null);
        Batch b = new Batch(data, BATCH);
        b.gatherRange(0, BATCH);
        float[] y = random(rng, BATCH * 4, 2);
        Loss loss = new Loss.SoftmaxCrossEntropy();
        loss.forward(y, b, 4);
        float[] g = loss.gradient().clone();
        assertClose("softmax cross-entropy", g, numeric(y, y.length, () -> loss.forward(y, b, 4)));
    }

    @Test
    void mean_squared_error_gradient_matches_finite_differences() {
        Rng rng = new Rng(9);
        Dataset data = Dataset.regression("t", 1, new float[BATCH], random(rng, BATCH * 2, 1), 2);
        Batch b = new Batch(data, BATCH);
        b.gatherRange(0, BATCH);
        float[] y = random(rng, BATCH * 2, 1);
        Loss loss = new Loss.MeanSquaredError();
        loss.forward(y, b, 2);
        float[] g = loss.gradient().clone();
        assertClose("mean squared error", g, numeric(y, y.length, () -> loss.forward(y, b, 2)));
    }
}
