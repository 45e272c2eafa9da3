package bnlab.experiments;

import bnlab.engine.Batch;
import bnlab.engine.BatchNorm;
import bnlab.engine.Loss;
import bnlab.engine.Network;
import bnlab.engine.Param;
import java.util.List;

/**
 * A network's training loss on one fixed mini-batch (training mode: batch statistics), as a function of all
 * its parameters laid end to end in {@link Network#params()} order. Evaluating it leaves the network as it
 * was: the parameters are put back, and so are the running statistics that a training-mode pass moves.
 * A network with dropout or noisy BN would draw new masks or noise at every evaluation: measure networks
 * without them (layer normalization keeps no statistics and needs nothing put back).
 */
public final class NetworkObjective implements Objective {
    private final Network net;
    private final Batch batch;
    private final Loss loss;
    private final List<Param> params;
    private final int size;
    private final float[] saved;

    public NetworkObjective(Network net, Batch batch, boolean classification) {
        this.net = net;
        this.batch = batch;
        this.loss = classification ? new Loss.SoftmaxCrossEntropy() : new Loss.MeanSquaredError();
        this.params = net.params();
        int n = 0;
        for (Param p : params) n += p.value().length;
        this.size = n;
        this.saved = new float[n];
    }

    @Override public int size() { return size; }

    /** The parameters as they are now, (size). */
    public float[] parameters() {
        float[] w = new float[size];
        copyOut(w, false);
        return w;
    }

    /** Where each hidden layer's weights W start in the flat vector, and the output layer's last: (layers + 1). */
    public int[] weightOffsets() {
        int[] at = new int[net.hidden().size() + 1];
        for (int l = 0; l < at.length; l++) {
            Param w = l < net.hidden().size() ? net.hidden().get(l).dense().weights() : net.outputLayer().weights();
            at[l] = offsetOf(w);
        }
        return at;
    }

    /** Where parameter p starts in the flat vector. */
    public int offsetOf(Param p) {
        int at = 0;
        for (Param q : params) {
            if (q == p) return at;
            at += q.value().length;
        }
        throw new IllegalArgumentException("not a parameter of this network: " + p.name());
    }

    @Override
    public double lossAndGradient(float[] w, float[] grad) {
        copyOut(saved, false);
        float[][] running = runningStatistics();
        try {
            copyIn(w);
            int m = batch.size();
            float[] y = net.forward(batch.x(), m, true);
            double value = loss.forward(y, batch, net.spec().outputs());
            net.backward(loss.gradient(), m);
            copyOut(grad, true);
            return value;
        } finally {
            copyIn(saved);
            restore(running);
        }
    }

    private void copyOut(float[] into, boolean gradients) {
        int at = 0;
        for (Param p : params) {
            float[] v = gradients ? p.grad() : p.value();
            System.arraycopy(v, 0, into, at, v.length);
            at += v.length;
        }
    }

    private void copyIn(float[] from) {
        int at = 0;
        for (Param p : params) {
            System.arraycopy(from, at, p.value(), 0, p.value().length);
            at += p.value().length;
        }
    }

    private float[][] runningStatistics() {
        float[][] out = new float[2 * net.hidden().size()][];
        for (int l = 0; l < net.hidden().size(); l++) {
            BatchNorm bn = net.hidden().get(l).bn();
            if (bn == null) continue;
            out[2 * l] = bn.runningMean().clone();
            out[2 * l + 1] = bn.runningVar().clone();
        }
        return out;
    }

    private void restore(float[][] running) {
        for (int l = 0; l < net.hidden().size(); l++) {
            BatchNorm bn = net.hidden().get(l).bn();
            if (bn == null) continue;
            System.arraycopy(running[2 * l], 0, bn.runningMean(), 0, bn.runningMean().length);
            System.arraycopy(running[2 * l + 1], 0, bn.runningVar(), 0, bn.runningVar().length);
        }
    }
}
