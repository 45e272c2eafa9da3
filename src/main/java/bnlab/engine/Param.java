package bnlab.engine;

/**
 * A learnable parameter tensor with its gradient and its momentum buffer, all the same length.
 *
 * @param name     for observation and tests, e.g. "W", "b", "gamma", "beta"
 * @param value    the parameter values (layout defined by the owning layer)
 * @param grad     dL/dvalue of the last backward pass
 * @param velocity SGD momentum buffer
 * @param decayed  whether L2 weight decay applies (weights yes; biases, gamma, beta no)
 */
public record Param(String name, float[] value, float[] grad, float[] velocity, boolean decayed) {
    public static Param of(String name, int size, boolean decayed) {
        return new Param(name, new float[size], new float[size], new float[size], decayed);
    }

    /** Euclidean norm of the gradient. */
    public double gradNorm() {
        double s = 0;
        for (float g : grad) s += (double) g * g;
        return Math.sqrt(s);
    }
}
