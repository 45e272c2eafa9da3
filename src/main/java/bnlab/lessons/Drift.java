package bnlab.lessons;

import bnlab.data.LectureData;
import bnlab.engine.Batch;
import bnlab.engine.BatchNormObservation;
import bnlab.engine.Dataset;
import bnlab.engine.LayerObservation;
import bnlab.engine.Network;
import bnlab.engine.TrainSpec;
import bnlab.engine.Variant;
import bnlab.engine.VariantRun;
import java.util.ArrayList;
import java.util.List;

/**
 * How the inputs of a few neurons of the example network move during training, measured always on
 * the same batch: the first one the network trains on (the batch section 4 shows at iteration 0).
 * Because the data stay the same, what changes from row to row is the network, not the sample.
 *
 * <p>The example network is trained twice in lockstep ({@link VariantRun} of the {@link Variant#twin twin}: same
 * initial weights, same batches): without batch normalization, whose neuron j receives z_j = W x + b, and with it (exactly
 * {@link LectureExample}'s network), whose neuron j receives zHat_j. For each checkpoint iteration t
 * both networks, with their weights after t steps, run forward on the fixed batch, and per neuron
 * <pre>
 *   mean_j = 1/m sum_i v_ij,   std_j = sqrt(1/m sum_i (v_ij - mean_j)^2)     (biased, no epsilon)
 * </pre>
 * is reported for v = z (without BN), zTilde and zHat (with BN). On one batch zTilde has mean 0 and
 * std 1 (up to epsilon) by construction, so zHat's mean is beta and its std |gamma| (up to epsilon):
 * what still moves with BN is what gamma and beta learn.
 *
 * <p>The measuring forward pass runs in training mode (batch statistics, as in training); it also
 * nudges the BN layer's running averages, which neither training nor these numbers use.
 */
public final class Drift {
    private Drift() {}

    /** Mean and standard deviation of one neuron's values over the fixed batch. */
    public record Moments(double mean, double std) {}

    /**
     * One checkpoint: per shown neuron j (0-based), the moments of its input.
     *
     * @param iteration training steps taken before measuring
     * @param plainZ    (neurons) z of the network without BN
     * @param bnZTilde  (neurons) zTilde of the network with BN
     * @param bnZHat    (neurons) zHat of the network with BN, the input of its activation
     * @param gamma     (neurons) the BN network's gamma at this iteration
     * @param beta      (neurons) the BN network's beta at this iteration
     */
    public record Row(int iteration, Moments[] plainZ, Moments[] bnZTilde, Moments[] bnZHat,
                      double[] gamma, double[] beta) {}

    /**
     * The rows for the given iterations (ascending, each 0..{@link BatchSource#MAX_ITERATION}) and
     * the first {@code neurons} neurons of the example network started from {@code seed}.
     */
    public static List<Row> measure(long seed, int[] iterations, int neurons) {
        if (neurons < 1 || neurons > LectureExample.NEURONS)
            throw new IllegalArgumentException("neurons must be 1.." + LectureExample.NEURONS + ", was " + neurons);
        Dataset data = LectureData.generate(seed);
        VariantRun twins = new VariantRun(Variant.twin(LectureExample.spec(),
                TrainSpec.sgd(LectureExample.LEARNING_RATE, LectureExample.BATCH, seed)), data);
        Batch fixed = firstBatch(data, seed);
        List<Row> rows = new ArrayList<>();
        int done = 0;
        for (int it : iterations) {
            if (it < done || it > BatchSource.MAX_ITERATION)
                throw new IllegalArgumentException("iterations must ascend within 0.." + BatchSource.MAX_ITERATION);
            for (; done < it; done++) twins.step();
            LayerObservation plain = observe(twins.trainer("plain").network(), fixed);
            LayerObservation bn = observe(twins.trainer("bn").network(), fixed);
            BatchNormObservation o = bn.bn();
            Moments[] z = new Moments[neurons], tilde = new Moments[neurons], hat = new Moments[neurons];
            double[] gamma = new double[neurons], beta = new double[neurons];
            for (int j = 0; j < neurons; j++) {
                z[j] = moments(plain.z(), LectureExample.NEURONS, j);
                tilde[j] = moments(o.zTilde(), LectureExample.NEURONS, j);
                hat[j] = moments(o.zHat(), LectureExample.NEURONS, j);
                gamma[j] = o.gamma()[j];
                beta[j] = o.beta()[j];
            }
            rows.add(new Row(it, z, tilde, hat, gamma, beta));
        }
        return rows;
    }

    /** The batch a fresh run trains on first: the sampler's first draw with the run's seed. */
    static Batch firstBatch(Dataset data, long seed) {
        Batch batch = new Batch(data, LectureExample.BATCH);
        new bnlab.engine.BatchSampler(data, LectureExample.BATCH, seed).next(batch);
        return batch;
    }

    private static LayerObservation observe(Network net, Batch batch) {
        net.forward(batch.x(), batch.size(), true);
        return net.observe().get(0);
    }

    /** Moments of column j of a (m, width) row-major matrix. */
    private static Moments moments(float[] values, int width, int j) {
        int m = values.length / width;
        double mean = 0;
        for (int i = 0; i < m; i++) mean += values[i * width + j];
        mean /= m;
        double var = 0;
        for (int i = 0; i < m; i++) var += Math.pow(values[i * width + j] - mean, 2);
        return new Moments(mean, Math.sqrt(var / m));
    }
}
