package bnlab.engine;

import static bnlab.engine.GradCheck.*;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whole networks, every parameter, against finite differences of the training loss on one batch. */
class NetworkGradientTest {

    @ParameterizedTest(name = "bn={0} activation={1} dropout={2} classification={3}")
    @CsvSource({
            "none,   sigmoid, 0,   true",
            "before, sigmoid, 0,   true",
            "after,  sigmoid, 0,   true",
            "none,   tanh,    0,   false",
            "before, tanh,    0,   false",
            "after,  tanh,    0,   true",
            "before, relu,    0,   true",
            "before, sigmoid, 0.3, true",
    })
    void every_parameter_gradient_of_a_small_network_matches_finite_differences(
            String bn, String activation, double dropout, boolean classification) {
        Rng rng = new Rng(11);
        int batch = 7, inputs = 4, outputs = 3;
        float[] x = random(rng, batch * inputs, 1);
        Dataset data;
        if (classification) {
            int[] labels = new int[batch];
            for (int i = 0; i < batch; i++) labels[i] = rng.nextInt(outputs);
            data = Dataset.classification("t", inputs, x, labels, outputs, null);
        } else {
            data = Dataset.regression("t", inputs, x, random(rng, batch * outputs, 1), outputs);
        }
        NetworkSpec spec = new NetworkSpec(inputs, new int[]{6, 5}, outputs, Activation.parse(activation),
                BnPlacement.parse(bn), Init.GAUSSIAN, 0.8, dropout, 1e-5, 0.1);
        Network net = new Network(spec, 3);
        Batch b = new Batch(data, batch);
        b.gatherRange(0, batch);
        Loss loss = Loss.forData(data);
        loss.forward(net.forward(b.x(), batch, true), b, outputs); // draws the dropout masks once
        for (Layer layer : net.layers()) if (layer instanceof Dropout d) d.freezeMask(true);
        loss.forward(net.forward(b.x(), batch, true), b, outputs);
        net.backward(loss.gradient(), batch);
        java.util.function.DoubleSupplier l = () -> loss.forward(net.forward(b.x(), batch, true), b, outputs);
        for (Param p : net.params()) {
            float[] analytic = p.grad().clone();
            assertClose(bn + "/" + activation + " " + p.name() + "[" + p.value().length + "]",
                    analytic, numeric(p.value(), p.value().length, l));
        }
    }
}
