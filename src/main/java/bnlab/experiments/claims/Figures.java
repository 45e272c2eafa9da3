package bnlab.experiments.claims;

import bnlab.data.MnistLike;
import bnlab.engine.Batch;
import bnlab.engine.Dataset;
import bnlab.engine.Evaluation;
import bnlab.engine.Network;
import bnlab.engine.VariantRun;
import bnlab.experiments.Datasets;
import bnlab.experiments.Experiment;
import bnlab.experiments.Measure;
import bnlab.experiments.Preset;
import bnlab.experiments.RunConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the figures of the claims are measured: on the run a preset describes, with the data the lab gives it (the
 * full Fashion-MNIST with its 10,000 validation images; a 2-D set split by the seed), on the validation set.
 */
final class Figures {
    private Figures() {}

    private static Dataset.Split fashion;

    /** The run's data; the full Fashion-MNIST does not depend on the seed and is loaded once. */
    static synchronized Dataset.Split data(RunConfig c) throws IOException {
        if (!RunConfig.FASHION_MNIST.equals(c.dataset())) return Datasets.load(c, null, null);
        if (fashion == null) fashion = MnistLike.load(null, MnistLike.ALL, c.seed()).split();
        return fashion;
    }

    /** Every network's validation accuracy after {@code steps}, by name (NaN for a diverged one). */
    static Map<String, Double> accuracies(RunConfig c, long steps) throws IOException {
        Dataset.Split data = data(c);
        VariantRun run = c.variantRun(data.train());
        for (long s = 0; s < steps; s++) run.step();
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < run.size(); i++)
            out.put(run.variants().get(i).name(), run.trainer(i).diverged() ? Double.NaN
                    : Evaluation.of(run.trainer(i).network(), data.validation()).accuracy());
        return out;
    }

    /** Every network's validation at each of the iterations {@code at} (ascending), by name (null for a diverged one). */
    static List<Map<String, Evaluation>> validations(RunConfig c, long... at) throws IOException {
        Dataset.Split data = data(c);
        VariantRun run = c.variantRun(data.train());
        List<Map<String, Evaluation>> out = new ArrayList<>();
        long done = 0;
        for (long step : at) {
            for (; done < step; done++) run.step();
            Map<String, Evaluation> m = new LinkedHashMap<>();
            for (int i = 0; i < run.size(); i++)
                m.put(run.variants().get(i).name(), run.trainer(i).diverged() ? null : Evaluation.of(run.trainer(i).network(), data.validation()));
            out.add(m);
        }
        return out;
    }

    /**
     * The twin's validation loss every 60 iterations up to {@code steps}: {plain at the end, BN at the end, plain's
     * lowest, the iteration of plain's lowest, BN's lowest}.
     */
    static double[] losses(RunConfig c, long steps) throws IOException {
        Dataset.Split data = data(c);
        VariantRun twin = c.variantRun(data.train());
        double[] r = {Double.NaN, Double.NaN, Double.MAX_VALUE, 0, Double.MAX_VALUE};
        for (long s = 1; s <= steps; s++) {
            twin.step();
            if (s % 60 != 0) continue;
            double plain = Evaluation.of(twin.trainer("plain").network(), data.validation()).loss();
            double bn = Evaluation.of(twin.trainer("bn").network(), data.validation()).loss();
            r[0] = plain;
            r[1] = bn;
            if (plain < r[2]) { r[2] = plain; r[3] = s; }
            r[4] = Math.min(r[4], bn);
        }
        return r;
    }

    /**
     * How far the BN network's normalized values of the first hidden layer lie apart in training mode (each batch
     * normalized by its own mean and variance) and in inference mode (the running statistics), on the same inputs
     * after {@code steps}: the mean of |zHat_train - zHat_inference| / |gamma| (that is, of the standardized values,
     * whatever gamma learned) over the training set and the layer's neurons, in standard deviations.
     */
    static double modesApart(RunConfig c, long steps) throws IOException {
        Dataset.Split data = data(c);
        VariantRun twin = c.variantRun(data.train());
        for (long s = 0; s < steps; s++) twin.step();
        Network net = twin.trainer("bn").network();
        Dataset train = data.train();
        int b = c.batchSize(), batches = train.size() / b, width = c.layers()[0];
        Batch batch = new Batch(train, b);
        float[][] inference = new float[batches * width][b];
        for (int j = 0; j < batches; j++) { // inference first, as training mode moves the running statistics
            batch.gatherRange(j * b, b);
            net.forward(batch.x(), b, false);
            for (int n = 0; n < width; n++) net.activationInput(0, n, inference[j * width + n]);
        }
        float[] training = new float[b];
        float[] gamma = net.hidden().get(0).bn().gamma().value();
        double sum = 0;
        for (int j = 0; j < batches; j++) {
            batch.gatherRange(j * b, b);
            net.forward(batch.x(), b, true);
            for (int n = 0; n < width; n++) {
                net.activationInput(0, n, training);
                for (int i = 0; i < b; i++) sum += Math.abs(training[i] - inference[j * width + n][i]) / Math.abs(gamma[n]);
            }
        }
        return sum / ((double) batches * b * width);
    }

    /**
     * One network's record of an {@link Experiment}: its validation accuracy at every point, the median of the
     * watched neuron's input on the probe set at every step (the input shift's {@code probe_p50} only), and each measure column's mean over the points where it
     * was taken, all of them and those from iteration {@code lateFrom} on.
     */
    record Trace(Map<Long, Double> accuracy, List<Double> p50, double[] means, double[] lateMeans) {
        /** max - min of the median's moving average over {@code window} steps (1: of the median itself). */
        double drift(int window) {
            double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE, sum = 0;
            for (int i = 0; i < p50.size(); i++) {
                sum += p50.get(i);
                if (i >= window) sum -= p50.get(i - window);
                if (i < window - 1) continue;
                lo = Math.min(lo, sum / window);
                hi = Math.max(hi, sum / window);
            }
            return hi - lo;
        }

        double accuracyAt(long step) {
            Double a = accuracy.get(step);
            if (a == null) throw new IllegalArgumentException("no validation at " + step + ": " + accuracy.keySet());
            return a;
        }
    }

    /** Every network's {@link Trace} of the experiment over {@code steps}, by name (its first batch size only). */
    static Map<String, Trace> traces(Preset p, long steps, long lateFrom) throws IOException {
        Experiment e = new Experiment(p, data(p.run()));
        int columns = e.measureColumns().size();
        int probeMedian = e.measureColumns().indexOf("probe_p50");
        Map<String, Map<Long, Double>> acc = new LinkedHashMap<>();
        Map<String, List<Double>> p50 = new LinkedHashMap<>();
        Map<String, double[][]> sums = new LinkedHashMap<>(); // {sum, count, late sum, late count} per column
        int first = p.batchSizes().get(0);
        e.run(steps, r -> {
            if (r.batchSize() != first) return;
            if (!Double.isNaN(r.valAccuracy())) acc.computeIfAbsent(r.model(), k -> new LinkedHashMap<>()).put(r.step(), r.valAccuracy());
            if (probeMedian >= 0) p50.computeIfAbsent(r.model(), k -> new ArrayList<>()).add(r.measures()[probeMedian]);
            double[][] s = sums.computeIfAbsent(r.model(), k -> new double[4][columns]);
            for (int i = 0; i < columns; i++) {
                double v = r.measures()[i];
                if (Double.isNaN(v)) continue;
                s[0][i] += v;
                s[1][i]++;
                if (r.step() >= lateFrom) { s[2][i] += v; s[3][i]++; }
            }
        }, null, null);
        Map<String, Trace> out = new LinkedHashMap<>();
        for (String model : sums.keySet()) {
            double[][] s = sums.get(model);
            double[] all = new double[columns], late = new double[columns];
            for (int i = 0; i < columns; i++) {
                all[i] = s[0][i] / Math.max(1, s[1][i]);
                late[i] = s[2][i] / Math.max(1, s[3][i]);
            }
            out.put(model, new Trace(acc.getOrDefault(model, Map.of()), p50.getOrDefault(model, List.of()), all, late));
        }
        return out;
    }
}
