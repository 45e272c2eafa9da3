package bnlab.experiments;

import bnlab.engine.Batch;
import bnlab.engine.Dataset;
import bnlab.engine.Network;
import bnlab.engine.Stats;
import java.util.Arrays;

/**
 * {@link Measure#INPUT_SHIFT} of one network, step after step: how far the distribution of each hidden layer's
 * inputs moved in one step of training, without the jitter of drawing another batch. Looked at on a fixed probe set
 * (the first {@value #PROBE} training examples, or all if fewer), after the step's update, in training mode, on a
 * copy of the network (so the run's noise and running statistics stay untouched). With mu_tj and sigma_tj the mean
 * and standard deviation over the probe set of neuron j's activation input (what the nonlinearity sees: with noisy
 * BN before it the noisy values, with BN zHat): {@code mean_shift_l = mean_j |mu_tj - mu_(t-1)j|} and
 * {@code std_shift_l = mean_j |sigma_tj - sigma_(t-1)j|}, NaN at the first step; {@code probe_p15..p85} are the
 * percentiles of the watched neuron over the probe set.
 */
public final class InputShift {
    /** Examples in the probe set. */
    public static final int PROBE = 100;

    private final Batch probe;
    private final int layer, neuron;
    private final float[] column;
    private double[][] last; // (2 * layers): each layer's previous mu, then sigma, per neuron; null before the first

    public InputShift(Dataset train, int layer, int neuron) {
        int size = Math.min(PROBE, train.size());
        this.probe = new Batch(train, size);
        probe.gatherRange(0, size);
        this.column = new float[size];
        this.layer = layer;
        this.neuron = neuron;
    }

    /** The values after a step of {@code trained} (in {@link Measure#columns} order); all NaN for a diverged network. */
    public double[] after(Network trained, boolean diverged) {
        int layers = trained.hidden().size();
        double[] out = new double[3 + 2 * layers];
        Arrays.fill(out, Double.NaN);
        if (diverged) return out;
        Network net = trained.copy();
        net.forward(probe.x(), probe.size(), true);
        int m = net.activationInput(layer, neuron, column);
        System.arraycopy(Stats.percentiles(column, Stats.PAPER), 0, out, 0, 3);
        boolean first = last == null;
        if (first) last = new double[2 * layers][];
        for (int l = 0; l < layers; l++) {
            int w = net.hidden().get(l).activation().outputSize();
            double[] mu = new double[w], sigma = new double[w];
            for (int j = 0; j < w; j++) {
                net.activationInput(l, j, column);
                double sum = 0, sq = 0;
                for (int k = 0; k < m; k++) sum += column[k];
                double mean = sum / m;
                for (int k = 0; k < m; k++) sq += (column[k] - mean) * (column[k] - mean);
                mu[j] = mean;
                sigma[j] = Math.sqrt(sq / m);
            }
            if (!first) {
                double dMu = 0, dSigma = 0;
                for (int j = 0; j < w; j++) {
                    dMu += Math.abs(mu[j] - last[2 * l][j]);
                    dSigma += Math.abs(sigma[j] - last[2 * l + 1][j]);
                }
                out[3 + l] = dMu / w;
                out[3 + layers + l] = dSigma / w;
            }
            last[2 * l] = mu;
            last[2 * l + 1] = sigma;
        }
        return out;
    }
}
