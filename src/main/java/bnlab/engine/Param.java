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

    /**
     * A deep copy: new value, grad and velocity arrays with the same numbers. The velocity must travel with
     * the value, or a copied trainer with momentum would take a different next step.
     */
    public Param copy() {
        return new Param(name, value.clone(), grad.clone(), velocity.clone(), decayed);
    }

    /** Euclidean norm of the gradient. */
    public double gradNorm() {
        double s = 0;
        for (float g : grad) s += (double) g * g;
        return Math.sqrt(s);
    }
}
