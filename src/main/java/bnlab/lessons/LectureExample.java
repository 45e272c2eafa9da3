package bnlab.lessons;

import bnlab.data.LectureData;
import bnlab.engine.Activation;
import bnlab.engine.Batch;
import bnlab.engine.BatchNorm;
import bnlab.engine.BatchNormObservation;
import bnlab.engine.BatchSampler;
import bnlab.engine.BnPlacement;
import bnlab.engine.Dataset;
import bnlab.engine.Init;
import bnlab.engine.LayerObservation;
import bnlab.engine.Loss;
import bnlab.engine.Network;
import bnlab.engine.NetworkSpec;
import bnlab.engine.TrainSpec;
import bnlab.engine.Trainer;

/**
 * The lecture's example network, trained for real: 5 inputs, one hidden layer of 8 sigmoid neurons
 * with batch normalization before the activation, 3 output classes, SGD on batches of 8 of the
 * synthetic {@link LectureData}. Each call replays the run from its seed (a few microseconds a step),
 * so it needs no state and any number of students can ask at once.
 */
public final class LectureExample implements BatchSource {
    public static final int BATCH = 8, INPUTS = 5, NEURONS = 8;
    public static final double LEARNING_RATE = 0.5;

    static NetworkSpec spec() {
        return NetworkSpec.of(INPUTS, new int[]{NEURONS}, LectureData.CLASS_NAMES.length, Activation.SIGMOID,
                BnPlacement.BEFORE_ACTIVATION, Init.XAVIER, 0);
    }

    @Override
    public BatchView batchAt(long seed, int iteration) {
        if (iteration < 0 || iteration > MAX_ITERATION)
            throw new IllegalArgumentException("iteration must be between 0 and " + MAX_ITERATION + ", was " + iteration);
        Dataset data = LectureData.generate(seed);
        Network net = new Network(spec(), seed);
        Trainer trainer = new Trainer(net, TrainSpec.sgd(LEARNING_RATE, BATCH, seed), true);
        BatchSampler sampler = new BatchSampler(data, BATCH, seed);
        Batch batch = new Batch(data, BATCH);
        for (int i = 0; i < iteration; i++) {
            sampler.next(batch);
            trainer.train(batch);
        }
        // The next batch: forward and backward without the update, to show its numbers and gradients.
        sampler.next(batch);
        Loss loss = new Loss.SoftmaxCrossEntropy();
        double l = loss.forward(net.forward(batch.x(), BATCH, true), batch, spec().outputs());
        net.backward(loss.gradient(), BATCH);
        LayerObservation layer = net.observe().get(0);
        BatchNorm bn = net.hidden().get(0).bn();
        BatchNormObservation o = layer.bn();
        return new BatchView(seed, iteration, spec().bnEpsilon(),
                matrix(batch.x(), BATCH, INPUTS), matrix(layer.z(), BATCH, NEURONS),
                vector(o.mu()), vector(o.sigma()), vector(o.gamma()), vector(o.beta()),
                matrix(o.zTilde(), BATCH, NEURONS), matrix(o.zHat(), BATCH, NEURONS), l,
                matrix(bn.inputGradient(BATCH), BATCH, NEURONS),
                vector(bn.gamma().grad()), vector(bn.beta().grad()), matrix(bn.outputGradient(BATCH), BATCH, NEURONS));
    }

    private static double[][] matrix(float[] m, int rows, int cols) {
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) out[i][j] = m[i * cols + j];
        return out;
    }

    private static double[] vector(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i];
        return out;
    }
}
