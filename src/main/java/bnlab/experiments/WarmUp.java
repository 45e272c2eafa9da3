package bnlab.experiments;

import bnlab.engine.Dataset;
import bnlab.engine.Evaluation;
import bnlab.engine.Network;
import bnlab.engine.Rng;
import bnlab.engine.Stats;
import bnlab.engine.VariantRun;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * A small copy of a run's networks, trained on made-up images on a thread of its own, so that the JIT has compiled
 * the engine's kernels when the run starts: {@code experiment} runs it while the data load and stops it then,
 * {@code serve} once it listens, until {@link #MAX_STEPS} (the lab's first Figure 1 run trained 1 to 2 twin
 * iterations in its first second without it, 600 to 781 after it: {@code LiveSpeed first [warm]}).
 *
 * <p>Until C2 has compiled them, the Vector API's kernels run in the interpreter and in C1's code, which box
 * every vector: the first 100 steps of the Figure 1 experiment took 2.2 s, and the run reached its full speed
 * about 6 s after the start, while one core idled as the data loaded. The copy has the run's layers,
 * normalization and training settings, so its calls take the same paths through the kernels; its batches
 * have 9 rows (the same register blocks as 60) and its images are 95% zeros, so each call is cheap and the
 * kernels are called often enough to be compiled while the data load. It shares nothing with the run (its
 * own networks, data and random numbers; the engine has no shared state), so the run's results are the same
 * bits with or without it (WarmUpTest).
 */
public final class WarmUp implements AutoCloseable {
    /** Examples in the made-up set. */
    static final int EXAMPLES = 96;
    /** Rows per batch: with 8 or more the products take the blocks of the runs' batches of 60. */
    static final int BATCH = 9;
    /** Steps between validations of the copy (the run's validation path: larger batches, inference mode). */
    static final int VALIDATE_EVERY = 8;
    /** At most this many steps (about a second once compiled; the experiment's data normally load sooner). */
    static final int MAX_STEPS = 20_000;
    /** Fashion-MNIST's images and classes, known before they load. */
    private static final int PIXELS = 28 * 28, CLASSES = 10;

    private final Thread thread;  // null when there is nothing to warm up
    private final AtomicBoolean stop;

    private WarmUp(Thread thread, AtomicBoolean stop) {
        this.thread = thread;
        this.stop = stop;
    }

    /**
     * Starts warming up for {@code config}'s networks if that is worth it: a Fashion-MNIST run (large products,
     * about a second of loading) on a machine with a second core. {@link #close} stops it.
     *
     * @param layer  the run's watched hidden layer, from 0, and neuron its watched neuron (its percentiles)
     */
    public static WarmUp during(RunConfig config, int layer, int neuron) {
        if (!RunConfig.FASHION_MNIST.equals(config.dataset()) || Runtime.getRuntime().availableProcessors() < 2)
            return new WarmUp(null, new AtomicBoolean());
        AtomicBoolean stop = new AtomicBoolean();
        Thread t = new Thread(() -> {
            try {
                train(config, PIXELS, CLASSES, layer, neuron, MAX_STEPS, stop::get);
            } catch (RuntimeException e) {
                // only the speed of the run's first steps is lost; the run itself reports what is wrong with it
            }
        }, "warm-up");
        t.setDaemon(true);
        t.start();
        return new WarmUp(t, stop);
    }

    /** Stops the warm-up after its current step and waits for it (a few milliseconds). */
    @Override
    public void close() {
        stop.set(true);
        if (thread == null) return;
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /**
     * Trains the copy until {@code stop} says so or {@code maxSteps} steps are done, on this thread. Each step
     * also takes what the experiment takes per row (the watched neuron's inputs and their percentiles), and
     * every {@link #VALIDATE_EVERY} steps every network is validated and the loss formatted.
     *
     * @return the steps trained
     */
    static int train(RunConfig config, int features, int classes, int layer, int neuron, int maxSteps, BooleanSupplier stop) {
        Rng rng = new Rng(config.seed());
        float[] x = new float[EXAMPLES * features];
        int[] labels = new int[EXAMPLES];
        for (int i = 0; i < EXAMPLES; i++) {
            labels[i] = i % classes;
            for (int f = 0; f < features; f++) if (rng.nextInt(20) == 0) x[i * features + f] = rng.nextFloat();
        }
        Dataset set = Dataset.classification("warm-up", features, x, labels, classes, null);
        VariantRun run = config.with("batchSize", BATCH).variantRun(set);
        Network[] nets = new Network[run.size()];
        for (int i = 0; i < nets.length; i++) nets[i] = run.trainer(i).network();
        float[] column = new float[BATCH];
        int s = 0;
        while (s < maxSteps && !stop.getAsBoolean()) {
            run.step();
            s++;
            for (Network net : nets) {
                int m = net.activationInput(layer, neuron, column);
                Stats.percentiles(Arrays.copyOf(column, m), Stats.PAPER);
                if (s % VALIDATE_EVERY == 0) General6.format(Evaluation.of(net, set).loss());
            }
        }
        return s;
    }
}
