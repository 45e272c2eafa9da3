package bnlab.experiments;

import bnlab.engine.Batch;
import bnlab.engine.BatchSampler;
import bnlab.engine.Dataset;
import bnlab.engine.Loss;
import bnlab.engine.Network;
import bnlab.engine.NetworkSpec;
import bnlab.engine.Param;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Training steps per second of the Figure 1 network with BN when its first layer skips the zero pixels (the
 * batch with its bits, as the trainer feeds it) against the same step on the bare floats (the dense products),
 * in one JVM: rounds of 500 steps, in the order sparse-dense, then dense-sparse, and so on, and the median of
 * the rounds' ratios. Between processes the host's speed moves by more than the difference (see
 * docs/performance.md); within one, adjacent rounds see about the same machine. With
 * {@code -Dbnlab.sparseInput=false} both halves are dense: the control, whose ratio should be about 1.
 * Not a test: run it by hand,
 * <pre>
 *   mvn -B -DskipTests package &amp;&amp; mvn -B -o test-compile
 *   java --add-modules jdk.incubator.vector [-Dbnlab.sparseInput=false] -cp target/test-classes:target/bnlab.jar bnlab.experiments.SparseStepBench [rounds]
 * </pre>
 */
public final class SparseStepBench {
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40, steps = 500, warmUp = 4;
        Dataset train = Datasets.load(Presets.FIGURE1.run(), null, null).train();
        NetworkSpec spec = Figure1.network(train.features(), train.classes());
        Network sparse = new Network(spec, 1), dense = new Network(spec, 1);
        BatchSampler sampler = new BatchSampler(train, Figure1.BATCH, 1);
        Batch batch = new Batch(train, Figure1.BATCH);
        Loss loss = Loss.forData(train);
        List<Double> ratios = new ArrayList<>();
        for (int round = 0; round < rounds + warmUp; round++) {
            double sparseRate = 0, denseRate = 0;
            for (int half = 0; half < 2; half++) {
                boolean skip = (half == 0) == (round % 2 == 0);
                Network net = skip ? sparse : dense;
                long start = System.nanoTime();
                for (int i = 0; i < steps; i++) {
                    sampler.next(batch);
                    float[] y = skip ? net.forward(batch, true) : net.forward(batch.x(), batch.size(), true);
                    loss.forward(y, batch, spec.outputs());
                    net.backward(loss.gradient(), batch.size());
                    for (Param p : net.params()) {  // plain SGD, the same for both
                        float[] w = p.value(), g = p.grad();
                        for (int j = 0; j < w.length; j++) w[j] -= 0.5f * g[j];
                    }
                }
                double rate = steps / ((System.nanoTime() - start) / 1e9);
                if (skip) sparseRate = rate;
                else denseRate = rate;
            }
            if (round >= warmUp) ratios.add(sparseRate / denseRate);
        }
        Collections.sort(ratios);
        System.out.printf(Locale.ROOT, "sparse/dense steps per second, Figure 1 with BN, %s: median %.2f (n=%d, from %.2f to %.2f)%n",
                bnlab.engine.Kernels.implementation(), ratios.get(ratios.size() / 2), ratios.size(), ratios.get(0), ratios.get(ratios.size() - 1));
    }
}
