package bnlab.engine;

import java.util.Arrays;

/**
 * The shape of a network: inputs, hidden widths, outputs, and how each hidden layer is built:
 * dense, optional batch normalization (before or after the activation), activation, optional dropout.
 * The output layer is dense with bias, followed by the loss.
 *
 * @param inputs     features per example, 1..100,000
 * @param hidden     widths of the hidden layers, 1..10 layers of 1..4,096 neurons
 * @param outputs    classes (softmax) or regression outputs, 1..1,000
 * @param activation of every hidden layer
 * @param bn         placement of batch normalization in every hidden layer
 * @param init       weight initialization
 * @param initStd    standard deviation for {@link Init#GAUSSIAN}, (0, 10]
 * @param dropout    drop probability after each hidden layer, [0, 0.95]
 * @param bnEpsilon  epsilon in sigma = sqrt(var + eps), [0, 1]
 * @param bnMomentum weight of the new batch in the running statistics, [0, 1]
 */
public record NetworkSpec(int inputs, int[] hidden, int outputs, Activation activation, BnPlacement bn,
                          Init init, double initStd, double dropout, double bnEpsilon, double bnMomentum) {

    public static final int MAX_LAYERS = 10, MAX_WIDTH = 4096, MAX_INPUTS = 100_000, MAX_OUTPUTS = 1000;

    public NetworkSpec {
        InvalidConfigException.range(inputs, 1, MAX_INPUTS, "inputs");
        int depth = hidden == null ? 0 : hidden.length;
        InvalidConfigException.check(depth >= 1 && depth <= MAX_LAYERS, "layers",
                "needs 1 to " + MAX_LAYERS + " hidden layers, was " + depth, InvalidConfigException.Rule.LAYER_COUNT, MAX_LAYERS, depth);
        hidden = hidden.clone();
        for (int w : hidden) InvalidConfigException.range(w, 1, MAX_WIDTH, "layers");
        InvalidConfigException.range(outputs, 1, MAX_OUTPUTS, "outputs");
        InvalidConfigException.present(activation, "activation", Activation.keys());
        InvalidConfigException.present(bn, "bn", BnPlacement.keys());
        InvalidConfigException.present(init, "init", Init.keys());
        if (init == Init.GAUSSIAN) InvalidConfigException.aboveAtMost(initStd, 0, 10, "initStd");
        InvalidConfigException.range(dropout, 0, 0.95, "dropout");
        InvalidConfigException.range(bnEpsilon, 0, 1, "bnEpsilon");
        InvalidConfigException.range(bnMomentum, 0, 1, "bnMomentum");
    }

    /** A spec with PyTorch's BN defaults (eps 1e-5, momentum 0.1) and no dropout. */
    public static NetworkSpec of(int inputs, int[] hidden, int outputs, Activation activation, BnPlacement bn,
                                 Init init, double initStd) {
        return new NetworkSpec(inputs, hidden, outputs, activation, bn, init, initStd, 0, 1e-5, 0.1);
    }

    public NetworkSpec withBn(BnPlacement placement) {
        return new NetworkSpec(inputs, hidden, outputs, activation, placement, init, initStd, dropout, bnEpsilon, bnMomentum);
    }

    public NetworkSpec withDropout(double p) {
        return new NetworkSpec(inputs, hidden, outputs, activation, bn, init, initStd, p, bnEpsilon, bnMomentum);
    }

    public NetworkSpec withBnEpsilon(double eps) {
        return new NetworkSpec(inputs, hidden, outputs, activation, bn, init, initStd, dropout, eps, bnMomentum);
    }

    @Override public int[] hidden() { return hidden.clone(); }

    @Override public boolean equals(Object o) {
        return o instanceof NetworkSpec s && inputs == s.inputs && Arrays.equals(hidden, s.hidden) && outputs == s.outputs
                && activation == s.activation && bn == s.bn && init == s.init
                && Double.compare(initStd, s.initStd) == 0 && Double.compare(dropout, s.dropout) == 0
                && Double.compare(bnEpsilon, s.bnEpsilon) == 0 && Double.compare(bnMomentum, s.bnMomentum) == 0;
    }

    @Override public int hashCode() { return 31 * Arrays.hashCode(hidden) + java.util.Objects.hash(inputs, outputs,
            activation, bn, init, initStd, dropout, bnEpsilon, bnMomentum); }

    @Override public String toString() {
        return "NetworkSpec[" + inputs + "-" + Arrays.toString(hidden) + "-" + outputs + ", " + activation.key()
                + ", bn=" + bn.key() + ", init=" + init.key() + (init == Init.GAUSSIAN ? "(" + initStd + ")" : "")
                + ", dropout=" + dropout + "]";
    }
}
