package bnlab.experiments;

import bnlab.engine.Activation;
import bnlab.engine.BnPlacement;
import bnlab.engine.Init;
import bnlab.engine.NetworkSpec;
import bnlab.engine.TrainSpec;

/**
 * The paper's Figure 1 set-up (Ioffe and Szegedy 2015, Sec. 4.1): 784 inputs, three fully connected
 * hidden layers of 100 sigmoid units, a 10-way softmax with cross-entropy, mini-batches of 60.
 *
 * <p>The paper leaves initialization and learning rate open. Chosen here: plain SGD (no momentum,
 * no decay) with learning rate 0.5 and weights drawn from N(0, 0.01^2). With these the picture of the
 * paper appears on Fashion-MNIST: without BN the network trains slowly for the first thousand steps
 * and the last hidden layer's sigmoid inputs drift; with BN it learns at once and they stay steady.
 * With N(0, 0.1^2) the contrast mostly vanishes (science.md).
 */
public final class Figure1 {
    public static final int[] HIDDEN = {100, 100, 100};
    public static final int BATCH = 60;
    public static final double LEARNING_RATE = 0.5;
    public static final double INIT_STD = 0.01;

    private Figure1() {}

    /** The network with BN before each sigmoid, as in the paper; its twin without BN comes from the same spec. */
    public static NetworkSpec network(int inputs, int classes) {
        return NetworkSpec.of(inputs, HIDDEN, classes, Activation.SIGMOID, BnPlacement.BEFORE_ACTIVATION,
                Init.GAUSSIAN, INIT_STD);
    }

    public static TrainSpec training(long seed) { return TrainSpec.sgd(LEARNING_RATE, BATCH, seed); }
}
