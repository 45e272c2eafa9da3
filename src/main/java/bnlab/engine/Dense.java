package bnlab.engine;

import java.util.List;

/**
 * Fully connected layer: z = x W + b.
 * <pre>
 *   forward   z(batch,out)  = x(batch,in) · W(in,out) + b(out)
 *   backward  dW(in,out)    = x^T · dz
 *             db(out)       = sum over the batch of dz
 *             dx(batch,in)  = dz · W^T      (computed from a transposed copy of W)
 * </pre>
 * Without bias (when batch normalization follows, beta takes its role) b is absent.
 *
 * <p>The first layer is told which input features are zero ({@link #inputNonZero}, the batch's {@link NonZero}
 * bits) before a forward call; its forward product and weight gradient then skip them, with the same results.
 */
public final class Dense implements Layer {
    private final int in, out;
    private final Param w;      // (in, out)
    private final Param b;      // (out), or null
    private float[] x;          // (batch, in) reference to the last input
    private float[] z;          // (batch, out)
    private float[] dx;         // (batch, in)
    private final float[] wT;   // (out, in) W transposed, so that dx = dz · W^T runs as a plain product
    private long[] nonZero;     // NonZero bits of the next (then the last) input, or null: see inputNonZero
    private long[] work;        // scratch of Kernels.gemmTNSparse

    public Dense(int in, int out, boolean bias) {
        this.in = in;
        this.out = out;
        this.w = Param.of("W", in * out, true);
        this.b = bias ? Param.of("b", out, false) : null;
        this.wT = new float[in * out];
    }

    /** See {@link Layer#copy}: W and b with their gradients and velocities; no buffers of the last pass. */
    private Dense(Dense from) {
        this.in = from.in;
        this.out = from.out;
        this.w = from.w.copy();
        this.b = from.b == null ? null : from.b.copy();
        this.wT = new float[in * out];
    }

    @Override public Dense copy() { return new Dense(this); }

    @Override public int inputSize() { return in; }
    @Override public int outputSize() { return out; }

    public Param weights() { return w; }

    /** The bias, or null when the layer has none. */
    public Param bias() { return b; }

    /** The output z of the last forward call, (batch, out). */
    float[] output() { return z; }

    /**
     * The {@link NonZero} bits of the input of the next forward call (batch rows of {@code in} features), which
     * its products may then skip; null when they are unknown (the input is taken as dense). Kept for the
     * backward pass, like the input.
     */
    void inputNonZero(long[] bits) { this.nonZero = bits; }

    @Override
    public float[] forward(float[] x, int batch, boolean training) {
        this.x = x;
        z = Layer.ensure(z, batch * out);
        if (nonZero != null) Kernels.gemmSparse(z, x, nonZero, w.value(), batch, in, out);
        else Kernels.gemm(z, x, w.value(), batch, in, out);
        if (b != null) Kernels.addBias(z, b.value(), batch, out);
        return z;
    }

    @Override
    public float[] backward(float[] dz, int batch, boolean needInputGradient) {
        if (nonZero != null) {
            int need = Kernels.sparseWork(batch, in);
            if (work == null || work.length < need) work = new long[need];
            Kernels.gemmTNSparse(w.grad(), x, nonZero, dz, batch, in, out, work);
        } else Kernels.gemmTN(w.grad(), x, dz, batch, in, out);
        if (b != null) Kernels.columnSums(b.grad(), dz, batch, out);
        if (!needInputGradient) return null;
        dx = Layer.ensure(dx, batch * in);
        // dz · W^T through a transposed copy of W: the product kernel beat dot products of rows (one
        // lane reduction per output) by ~6% of a Figure 1 step; the copy costs in*out moves.
        Kernels.transpose(wT, w.value(), in, out);
        Kernels.gemm(dx, dz, wT, batch, out, in);
        return dx;
    }

    @Override
    public List<Param> params() { return b == null ? List.of(w) : List.of(w, b); }
}
