package bnlab.engine;

import java.util.List;

/**
 * Trains one network with mini-batch SGD (see {@link TrainSpec} for the update rule). Batches come
 * from outside, so two trainers can be fed the very same batch ({@link VariantRun}). The learning rate
 * can be changed between steps; the schedule keeps counting. Allocates nothing per step once warm.
 */
public final class Trainer {
    private final Network net;
    private final Loss loss;
    private final Schedule schedule;
    private final float momentum;
    private final float l2;
    private double baseRate;
    private long step;
    private boolean diverged;
    private double lastLoss = Double.NaN, lastAccuracy = Double.NaN, lastRate = Double.NaN;

    public Trainer(Network net, TrainSpec spec, boolean classification) {
        this.net = net;
        this.loss = classification ? new Loss.SoftmaxCrossEntropy() : new Loss.MeanSquaredError();
        this.schedule = spec.schedule();
        this.momentum = (float) spec.momentum();
        this.l2 = (float) spec.l2();
        this.baseRate = spec.learningRate();
    }

    /** See {@link #copy}. */
    private Trainer(Trainer from) {
        this.net = from.net.copy();
        this.loss = from.loss instanceof Loss.SoftmaxCrossEntropy ? new Loss.SoftmaxCrossEntropy() : new Loss.MeanSquaredError();
        this.schedule = from.schedule;
        this.momentum = from.momentum;
        this.l2 = from.l2;
        this.baseRate = from.baseRate;
        this.step = from.step;
        this.diverged = from.diverged;
        this.lastLoss = from.lastLoss;
        this.lastAccuracy = from.lastAccuracy;
        this.lastRate = from.lastRate;
    }

    /**
     * A trainer whose next {@link #train} does bit for bit what this one's would, sharing nothing with it:
     * a {@link Network#copy} (momentum buffers included), the step count (the schedule's place), the base
     * rate as last set, momentum and L2, the divergence flag (a diverged network stays still in the copy
     * too) and the last loss, accuracy and rate. The loss's buffers are scratch of one step and start anew.
     */
    public Trainer copy() { return new Trainer(this); }

    public Network network() { return net; }
    public long step() { return step; }
    public boolean diverged() { return diverged; }
    public double baseLearningRate() { return baseRate; }

    /** The rate the next step will use. */
    public double learningRate() { return baseRate * schedule.multiplier(step); }

    /** Changes the base rate from the next step on; momentum buffers and the schedule's place are kept. */
    public void setBaseLearningRate(double rate) {
        TrainSpec.checkLearningRate(rate);
        baseRate = rate;
    }

    /**
     * One SGD step on the batch; returns false (and changes nothing) once the loss has diverged.
     * Allocates nothing: read the outcome with {@link #lastStats()} or the last* getters.
     */
    public boolean train(Batch batch) {
        if (diverged) return false;
        int m = batch.size();
        lastRate = learningRate();
        float[] y = net.forward(batch, true);
        lastLoss = loss.forward(y, batch, net.spec().outputs());
        lastAccuracy = loss.correct() < 0 ? Double.NaN : (double) loss.correct() / m;
        if (!Double.isFinite(lastLoss)) {
            diverged = true;
            return false;
        }
        net.backward(loss.gradient(), m);
        update(net.params(), (float) lastRate);
        step++;
        return true;
    }

    /** Mean loss of the last batch, before its update. */
    public double lastLoss() { return lastLoss; }

    /** The rate of the last step (NaN before the first). */
    public double lastLearningRate() { return lastRate; }

    /** Accuracy on the last batch before its update, NaN for regression. */
    public double lastAccuracy() { return lastAccuracy; }

    /** The outcome of the last step as a record. */
    public StepStats lastStats() { return new StepStats(step, lastLoss, lastAccuracy, lastRate, diverged); }

    private void update(List<Param> params, float lr) {
        for (int k = 0; k < params.size(); k++) {
            Param p = params.get(k);
            float[] w = p.value(), g = p.grad(), v = p.velocity();
            float decay = p.decayed() ? l2 : 0f;
            int n = w.length;
            if (momentum == 0f) {
                for (int i = 0; i < n; i++) w[i] -= lr * (g[i] + decay * w[i]);
            } else {
                for (int i = 0; i < n; i++) {
                    v[i] = momentum * v[i] + g[i] + decay * w[i];
                    w[i] -= lr * v[i];
                }
            }
        }
    }
}
