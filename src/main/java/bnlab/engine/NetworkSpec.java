package bnlab.engine;

import java.util.Arrays;

/**
 * The shape of a network: inputs, hidden widths, outputs, and how each hidden layer is built:
 * dense, optional normalization (batch normalization, noisy batch normalization or layer normalization,
 * before or after the activation), activation, optional dropout. The output layer is dense with bias,
 * followed by the loss. Specs that differ only in their normalization give networks with the same
 * initial weights W (see {@link Network}).
 *
 * @param inputs     features per example, 1..100,000
 * @param hidden     widths of the hidden layers, 1..10 layers of 1..4,096 neurons
 * @param outputs    classes (softmax) or regression outputs, 1..1,000
 * @param activation of every hidden layer
 * @param bn         placement of the normalization in every hidden layer (NONE exactly when there is none)
 * @param init       weight initialization
 * @param initStd    standard deviation for {@link Init#GAUSSIAN}, (0, 10]
 * @param dropout    drop probability after each hidden layer, [0, 0.95]
 * @param bnEpsilon  epsilon in sigma = sqrt(var + eps), [0, 1]
 * @param bnMomentum weight of the new batch in the running statistics, [0, 1]
 * @param normalization which normalization the hidden layers have (also epsilon for layer normalization)
 */
public record NetworkSpec(int inputs, int[] hidden, int outputs, Activation activation, BnPlacement bn,
                          Init init, double initStd, double dropout, double bnEpsilon, double bnMomentum,
                          Normalization normalization) {

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
        InvalidConfigException.present(normalization, "normalization", Normalization.keys());
        InvalidConfigException.check((normalization == Normalization.NONE) == (bn == BnPlacement.NONE), "normalization",
                "a placement needs a normalization and a normalization a placement, was " + normalization.key()
                        + " at " + bn.key());
    }

    /** A spec with batch normalization where {@code bn} says (none for NONE), as before normalizations had kinds. */
    public NetworkSpec(int inputs, int[] hidden, int outputs, Activation activation, BnPlacement bn,
                       Init init, double initStd, double dropout, double bnEpsilon, double bnMomentum) {
        this(inputs, hidden, outputs, activation, bn, init, initStd, dropout, bnEpsilon, bnMomentum,
                bn == BnPlacement.NONE ? Normalization.NONE : Normalization.BN);
    }

    /** A spec with PyTorch's BN defaults (eps 1e-5, momentum 0.1) and no dropout. */
    public static NetworkSpec of(int inputs, int[] hidden, int outputs, Activation activation, BnPlacement bn,
                                 Init init, double initStd) {
        return new NetworkSpec(inputs, hidden, outputs, activation, bn, init, initStd, 0, 1e-5, 0.1);
    }

    /** This spec with the normalization at another place: NONE removes it, else its kind stays (BN if there was none). */
    public NetworkSpec withBn(BnPlacement placement) {
        Normalization kind = placement == BnPlacement.NONE ? Normalization.NONE
                : normalization == Normalization.NONE ? Normalization.BN : normalization;
        return new NetworkSpec(inputs, hidden, outputs, activation, placement, init, initStd, dropout, bnEpsilon, bnMomentum, kind);
    }

    /** This spec with another normalization: at its placement, before the activation if it had none. */
    public NetworkSpec withNormalization(Normalization kind) {
        BnPlacement at = kind == Normalization.NONE ? BnPlacement.NONE
                : bn == BnPlacement.NONE ? BnPlacement.BEFORE_ACTIVATION : bn;
        return new NetworkSpec(inputs, hidden, outputs, activation, at, init, initStd, dropout, bnEpsilon, bnMomentum, kind);
    }

    public NetworkSpec withDropout(double p) {
        return new NetworkSpec(inputs, hidden, outputs, activation, bn, init, initStd, p, bnEpsilon, bnMomentum, normalization);
    }

    @Override public int[] hidden() { return hidden.clone(); }

    @Override public boolean equals(Object o) {
        return o instanceof NetworkSpec s && inputs == s.inputs && Arrays.equals(hidden, s.hidden) && outputs == s.outputs
                && activation == s.activation && bn == s.bn && init == s.init
                && Double.compare(initStd, s.initStd) == 0 && Double.compare(dropout, s.dropout) == 0
                && Double.compare(bnEpsilon, s.bnEpsilon) == 0 && Double.compare(bnMomentum, s.bnMomentum) == 0
                && normalization == s.normalization;
    }

    @Override public int hashCode() { return 31 * Arrays.hashCode(hidden) + java.util.Objects.hash(inputs, outputs,
            activation, bn, init, initStd, dropout, bnEpsilon, bnMomentum, normalization); }

    @Override public String toString() {
        return "NetworkSpec[" + inputs + "-" + Arrays.toString(hidden) + "-" + outputs + ", " + activation.key()
                + ", " + (normalization == Normalization.BN || normalization == Normalization.NONE ? "bn" : normalization.key())
                + "=" + bn.key() + ", init=" + init.key() + (init == Init.GAUSSIAN ? "(" + initStd + ")" : "")
                + ", dropout=" + dropout + "]";
    }
}
