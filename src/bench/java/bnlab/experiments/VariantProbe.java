package bnlab.experiments;

import bnlab.engine.Dataset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the figures of a preset's headless claim (what VariantClaimsTest checks), for choosing set-ups:
 * {@code VariantProbe KEY [seeds...] [name=value ...]} with overrides of the preset's run.
 */
public final class VariantProbe {
    public static void main(String[] args) throws Exception {
        Preset p = Presets.byKey(args[0]).orElseThrow();
        List<Long> seeds = new ArrayList<>();
        StringBuilder over = new StringBuilder();
        long length = p.length();
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("length=")) length = Long.parseLong(args[i].substring(7));
            else if (args[i].contains("=")) over.append('&').append(args[i]);
            else seeds.add(Long.parseLong(args[i]));
        }
        if (seeds.isEmpty()) seeds = List.of(1L, 2L, 3L);
        for (long seed : seeds) {
            RunConfig run = RunFields.fromQuery(RunFields.toQuery(p.run().with("seed", seed)) + over, null);
            Preset q = over.indexOf("batchSize=") >= 0 ? new Preset(p.key(), run, length, p.speed(), p.watchLayer(), p.watchNeuron(),
                    p.measure(), List.of(), p.every()) : p.withRun(run);
            long t0 = System.nanoTime();
            String s = summary(q, length);
            System.out.println("seed " + seed + String.format(Locale.ROOT, " (%.1f s):", (System.nanoTime() - t0) / 1e9) + s);
        }
    }

    /** Per batch size and model: the last validation, and the mean of every measure column over its points. */
    static String summary(Preset p, long length) throws Exception {
        Dataset.Split data = RunConfig.FASHION_MNIST.equals(p.run().dataset())
                ? bnlab.data.MnistLike.bundled(bnlab.data.MnistLike.ALL, p.run().seed()).split() // the 8,000 / 2,000 split
                : Datasets.load(p.run(), null, null);
        Experiment e = new Experiment(p, data);
        List<String> cols = e.measureColumns();
        Map<String, double[]> sums = new LinkedHashMap<>();
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, String> last = new LinkedHashMap<>();
        e.run(length, r -> {
            String k = r.batchSize() + "/" + r.model();
            double[] s = sums.computeIfAbsent(k, x -> new double[r.measures().length]);
            int[] c = counts.computeIfAbsent(k, x -> new int[r.measures().length]);
            for (int i = 0; i < s.length; i++) if (!Double.isNaN(r.measures()[i])) { s[i] += r.measures()[i]; c[i]++; }
            if (!Double.isNaN(r.valAccuracy())) last.put(k, String.format(Locale.ROOT, "acc %.3f loss %.3f", r.valAccuracy(), r.valLoss()));
        }, null, null);
        StringBuilder b = new StringBuilder();
        for (String k : sums.keySet()) {
            b.append("\n  ").append(k).append(": ").append(last.get(k));
            double[] s = sums.get(k);
            for (int i = 0; i < s.length; i++)
                b.append(String.format(Locale.ROOT, " %s=%.3g", cols.get(i), s[i] / Math.max(1, counts.get(k)[i])));
        }
        return b.toString();
    }
}
