package bnlab.engine;

import java.util.List;

/**
 * One stage of a network. Activations flow as flat row-major (batch, width) float arrays. Each layer
 * owns its output and input-gradient buffers; a returned buffer stays valid until the layer's next
 * forward (resp. backward) call. Buffers grow to the largest batch seen and are then reused, so a
 * training step allocates nothing in steady state.
 */
public interface Layer {
    int inputSize();

    int outputSize();

    /**
     * @param x        (batch, inputSize) input; the layer may keep a reference for backward
     * @param training training behaviour (batch statistics, dropout) or inference behaviour
     * @return (batch, outputSize) output
     */
    float[] forward(float[] x, int batch, boolean training);

    /**
     * Back-propagates dy = dL/dy of the last forward call and stores the parameter gradients.
     *
     * @param dy                (batch, outputSize)
     * @param needInputGradient false for the first layer, whose dL/dx nobody needs
     * @return (batch, inputSize) dL/dx, or null when not needed
     */
    float[] backward(float[] dy, int batch, boolean needInputGradient);

    default List<Param> params() { return List.of(); }

    /**
     * A layer in this one's state that shares no array with it, so that each can train on without changing
     * the other ({@link Network#copy}). Copied is everything the next steps depend on: the parameters with
     * their gradients and momentum buffers, running statistics, a random stream at its place, a mask or
     * noise held for tests. Not copied are the buffers of the last pass (input, output, gradients, which
     * the next forward and backward overwrite): the copy starts them afresh, like a new layer before its
     * first forward call.
     */
    Layer copy();

    /** Grows a buffer to hold at least n floats; returns the same array when it is large enough. */
    static float[] ensure(float[] buffer, int n) {
        return buffer != null && buffer.length >= n ? buffer : new float[n];
    }
}
