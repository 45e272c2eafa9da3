package bnlab.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A feed-forward network built from a {@link NetworkSpec}: per hidden layer
 * dense → [norm] → activation → [norm] → [dropout], then a dense output layer and the loss, where norm is
 * the spec's {@link Normalization} at its placement: BN, BN → noise (noisy BN), or LN.
 * Weights are drawn from {@code Rng.of(seed, "init")} in layer order, W only, so networks built from the
 * same spec and seed with any normalization start from identical weights. Biases start at 0; the dense
 * layer before a BN (noisy or not) has none, as beta takes its role; before LN it keeps its bias (LN
 * subtracts one mean per example, not one per neuron, so the bias is not redundant; PyTorch keeps it too).
 * The noise of noisy BN comes from {@code Rng.of(seed, "noise")}, one stream per layer.
 */
public final class Network {
    /**
     * The parts of one hidden layer, for observation: its dense part, its normalization (null without one; of any
     * {@link Normalization kind}) and its activation.
     */
    public record Hidden(Dense dense, NormalizationLayer norm, ActivationLayer activation) {
        /** The batch normalization (noisy or not), or null with none or with layer normalization. */
        public BatchNorm bn() {
            return norm instanceof BatchNorm b ? b : norm instanceof NoisyBatchNorm n ? n.batchNorm() : null;
        }
    }

    private final NetworkSpec spec;
    private final List<Layer> layers = new ArrayList<>();
    private final List<Hidden> hidden = new ArrayList<>();
    private final List<Param> params = new ArrayList<>();
    private final List<Param> paramsView = Collections.unmodifiableList(params);
    private final Dense output;
    private int lastBatch;

    public Network(NetworkSpec spec, long seed) {
        this.spec = spec;
        Rng init = Rng.of(seed, "init");
        Rng dropout = Rng.of(seed, "dropout");
        Rng noise = Rng.of(seed, "noise");
        Normalization kind = spec.normalization();
        int in = spec.inputs();
        int[] widths = spec.hidden();
        for (int l = 0; l < widths.length; l++) {
            int w = widths[l];
            Dense dense = new Dense(in, w, spec.bn() != BnPlacement.BEFORE_ACTIVATION || kind == Normalization.LN);
            spec.init().fill(dense.weights().value(), in, w, spec.initStd(), init);
            ActivationLayer act = new ActivationLayer(spec.activation(), w);
            NormalizationLayer norm = kind == Normalization.NONE ? null
                    : NormalizationLayer.of(kind, w, spec.bnEpsilon(), spec.bnMomentum(), noise.fork(l));
            layers.add(dense);
            if (spec.bn() == BnPlacement.BEFORE_ACTIVATION) layers.add(norm);
            layers.add(act);
            if (spec.bn() == BnPlacement.AFTER_ACTIVATION) layers.add(norm);
            if (spec.dropout() > 0) layers.add(new Dropout(w, spec.dropout(), dropout.fork(l)));
            hidden.add(new Hidden(dense, norm, act));
            in = w;
        }
        output = new Dense(in, spec.outputs(), true);
        spec.init().fill(output.weights().value(), in, spec.outputs(), spec.initStd(), init);
        layers.add(output);
        for (Layer layer : layers) params.addAll(layer.params());
    }

    /** See {@link #copy}. */
    private Network(Network from) {
        this.spec = from.spec;
        Map<Layer, Layer> copyOf = new IdentityHashMap<>(); // each layer of from -> its copy, for hidden and output
        for (Layer layer : from.layers) {
            Layer c = layer.copy();
            copyOf.put(layer, c);
            layers.add(c);
        }
        for (Hidden h : from.hidden)
            hidden.add(new Hidden((Dense) copyOf.get(h.dense()), (NormalizationLayer) copyOf.get(h.norm()),
                    (ActivationLayer) copyOf.get(h.activation())));
        output = (Dense) copyOf.get(from.output);
        for (Layer layer : layers) params.addAll(layer.params());
    }

    /**
     * A deep copy that trains on exactly as this network would and shares no array with it: every layer's
     * {@link Layer#copy} (weights, biases, gamma and beta with their gradients and momentum buffers, BN's
     * running mean and variance, dropout's random streams at their place). The buffers of the last pass
     * are not copied, so, as on a new network, {@link #observe} and {@link #activationInput} need a
     * forward pass of the copy first. A cold path: it allocates every parameter anew.
     */
    public Network copy() { return new Network(this); }

    public NetworkSpec spec() { return spec; }
    public List<Hidden> hidden() { return Collections.unmodifiableList(hidden); }
    public Dense outputLayer() { return output; }
    public List<Param> params() { return paramsView; }

    /** All layers in forward order (tests). */
    List<Layer> layers() { return Collections.unmodifiableList(layers); }

    /**
     * The forward pass on a batch: as {@link #forward(float[], int, boolean)} on its x, with the same results, but
     * the first layer's products skip the zero inputs through the batch's {@link NonZero} bits (the input
     * pixels are about half zeros). The backward pass that follows skips them too.
     *
     * @return (batch.size(), outputs) the output layer's values (logits for classification)
     */
    public float[] forward(Batch batch, boolean training) {
        return pass(batch.x(), batch.nonZero(), batch.size(), training);
    }

    /**
     * @param x (batch, inputs)
     * @return (batch, outputs) the output layer's values (logits for classification)
     */
    public float[] forward(float[] x, int batch, boolean training) {
        return pass(x, null, batch, training);
    }

    private float[] pass(float[] x, long[] nonZero, int batch, boolean training) {
        ((Dense) layers.get(0)).inputNonZero(nonZero);
        lastBatch = batch;
        float[] a = x;
        for (int i = 0; i < layers.size(); i++) a = layers.get(i).forward(a, batch, training);
        return a;
    }

    /** Back-propagates dL/dy of the output, (batch, outputs), filling every parameter's gradient. */
    public void backward(float[] dy, int batch) {
        float[] g = dy;
        for (int i = layers.size() - 1; i >= 0; i--) g = layers.get(i).backward(g, batch, i > 0);
    }

    /** Number of examples in the last forward call. */
    public int lastBatchSize() { return lastBatch; }

    /**
     * Copies the numbers of the last forward and backward pass out of every hidden layer. Costs
     * nothing unless called; the copies stay valid after further steps.
     */
    public List<LayerObservation> observe() {
        int m = lastBatch;
        List<LayerObservation> out = new ArrayList<>(hidden.size());
        for (int l = 0; l < hidden.size(); l++) {
            Hidden h = hidden.get(l);
            int w = h.dense().outputSize();
            Param b = h.dense().bias();
            out.add(new LayerObservation(l, m, w,
                    Arrays.copyOf(h.dense().output(), m * w),
                    Arrays.copyOf(h.activation().input(), m * w),
                    h.norm() == null ? null : h.norm().observe(m),
                    h.dense().weights().gradNorm(), b == null ? Double.NaN : b.gradNorm(),
                    h.norm() == null ? Double.NaN : h.norm().gamma().gradNorm(),
                    h.norm() == null ? Double.NaN : h.norm().beta().gradNorm()));
        }
        return out;
    }

    /**
     * The largest magnitude among the inputs of every hidden neuron's nonlinearity over the last batch: max over
     * layers l, examples i and neurons j of |x_l[i, j]| (x as in {@link #activationInput}: W u + b without BN, zHat
     * with BN before the activation); NaN when any of them is NaN, 0 before the first pass. One pass over the
     * (batch, width) input buffers of the activations, which the JIT vectorizes; allocates nothing.
     */
    public float largestActivationInput() {
        float most = 0f;
        for (Hidden h : hidden) {
            float[] x = h.activation().input();
            if (x == null) continue;
            int n = lastBatch * h.activation().outputSize();
            for (int i = 0; i < n; i++) most = Math.max(most, Math.abs(x[i])); // Math.max keeps a NaN
        }
        return most;
    }

    /**
     * The input with the largest magnitude of {@link #largestActivationInput}, with its sign (NaN when any is NaN, 0
     * before the first pass): a second, slower pass, for when that magnitude matters.
     */
    public float extremeActivationInput() {
        float most = 0f, value = 0f;
        for (Hidden h : hidden) {
            float[] x = h.activation().input();
            if (x == null) continue;
            int n = lastBatch * h.activation().outputSize();
            for (int i = 0; i < n; i++) {
                float a = Math.abs(x[i]);
                if (a > most) { most = a; value = x[i]; }
                else if (a != a) return Float.NaN;
            }
        }
        return value;
    }

    /**
     * Copies one neuron's activation input over the last batch into out (at least batch long): the
     * paper's Figure 1 quantity (x = W u + b without BN, zHat with BN before the activation). Allocates nothing.
     *
     * @return the batch size
     */
    public int activationInput(int layer, int neuron, float[] out) {
        ActivationLayer act = hidden.get(layer).activation();
        int w = act.outputSize();
        if (neuron < 0 || neuron >= w) throw new IndexOutOfBoundsException("neuron " + neuron + " of " + w);
        float[] in = act.input();
        for (int i = 0; i < lastBatch; i++) out[i] = in[i * w + neuron];
        return lastBatch;
    }
}
