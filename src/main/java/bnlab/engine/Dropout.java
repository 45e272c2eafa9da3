package bnlab.engine;

/**
 * Inverted dropout: in training each value is kept with probability q = 1 - p and scaled by 1/q,
 * so inference is the identity. y = x * mask, dx = dy * mask, mask in {0, 1/q}.
 */
public final class Dropout implements Layer {
    private final int width;
    private final float p;
    private final Rng rng;
    private float[] mask;  // (batch, width)
    private float[] y;     // (batch, width)
    private float[] dx;    // (batch, width)
    private boolean frozen; // tests: reuse the last mask instead of drawing a new one

    /** @param p drop probability in [0, 1) */
    public Dropout(int width, double p, Rng rng) {
        if (!(p >= 0 && p < 1)) throw new InvalidConfigException("dropout", "must be at least 0 and below 1, was " + p,
                InvalidConfigException.Rule.AT_LEAST_BELOW, 0, 1, p);
        this.width = width;
        this.p = (float) p;
        this.rng = rng;
    }

    /**
     * See {@link Layer#copy}: the random stream at its place, so the copy draws the masks this one would
     * draw next; the last mask too, which a frozen layer reuses (tests).
     */
    private Dropout(Dropout from) {
        this.width = from.width;
        this.p = from.p;
        this.rng = from.rng.copy();
        this.mask = from.mask == null ? null : from.mask.clone();
        this.frozen = from.frozen;
    }

    @Override public Dropout copy() { return new Dropout(this); }

    @Override public int inputSize() { return width; }
    @Override public int outputSize() { return width; }

    void freezeMask(boolean frozen) { this.frozen = frozen; }

    @Override
    public float[] forward(float[] x, int batch, boolean training) {
        if (!training || p == 0f) return x;
        int n = batch * width;
        y = Layer.ensure(y, n);
        if (!frozen || mask == null || mask.length < n) {
            mask = Layer.ensure(mask, n);
            float scale = 1f / (1f - p);
            for (int i = 0; i < n; i++) mask[i] = rng.nextFloat() < p ? 0f : scale;
        }
        for (int i = 0; i < n; i++) y[i] = x[i] * mask[i];
        return y;
    }

    @Override
    public float[] backward(float[] dy, int batch, boolean needInputGradient) {
        if (!needInputGradient) return null;
        if (p == 0f) return dy;
        int n = batch * width;
        dx = Layer.ensure(dx, n);
        for (int i = 0; i < n; i++) dx[i] = dy[i] * mask[i];
        return dx;
    }
}
