package bnlab.engine;

/** Applies an {@link Activation} element-wise: y = f(x), dx = dy * f'(x). */
public final class ActivationLayer implements Layer {
    private final Activation f;
    private final int width;
    private float[] x;   // (batch, width) reference to the last input
    private float[] y;   // (batch, width)
    private float[] dx;  // (batch, width)

    public ActivationLayer(Activation f, int width) {
        this.f = f;
        this.width = width;
    }

    /** See {@link Layer#copy}: an activation holds nothing but the buffers of its last pass. */
    @Override public ActivationLayer copy() { return new ActivationLayer(f, width); }

    public Activation activation() { return f; }

    @Override public int inputSize() { return width; }
    @Override public int outputSize() { return width; }

    /** The input of the last forward call, (batch, width): what the paper's Figure 1 plots. */
    float[] input() { return x; }

    @Override
    public float[] forward(float[] x, int batch, boolean training) {
        this.x = x;
        int n = batch * width;
        y = Layer.ensure(y, n);
        switch (f) { // the common cases as tight loops; the enum's apply() is the reference
            case SIGMOID -> Kernels.sigmoid(y, x, n);
            case RELU -> { for (int i = 0; i < n; i++) y[i] = Math.max(0f, x[i]); }
            default -> { for (int i = 0; i < n; i++) y[i] = f.apply(x[i]); }
        }
        return y;
    }

    @Override
    public float[] backward(float[] dy, int batch, boolean needInputGradient) {
        if (!needInputGradient) return null;
        int n = batch * width;
        dx = Layer.ensure(dx, n);
        for (int i = 0; i < n; i++) dx[i] = dy[i] * f.derivative(x[i], y[i]);
        return dx;
    }
}
