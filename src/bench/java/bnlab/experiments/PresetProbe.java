package bnlab.experiments;

import bnlab.engine.VariantRun;

import bnlab.engine.Dataset;
import bnlab.engine.Evaluation;
import bnlab.engine.VariantRun;
import java.util.Locale;

/**
 * Prints how a run's two networks do on validation at a few iterations, on several seeds: the measurement
 * behind each preset's claim ({@code PresetClaimsTest} checks it). Usage, after {@code mvn test-compile}:
 * <pre>
 *   java --add-modules jdk.incubator.vector -cp target/classes:target/test-classes bnlab.experiments.PresetProbe \
 *        'dataset=spiral&layers=32,32,32&activation=relu&learningRate=0.02&bnNetLearningRate=0.6' 300,600,1500 1,2,3
 * </pre>
 * or a preset's key instead of the query.
 */
public final class PresetProbe {
    public static void main(String[] args) throws Exception {
        RunConfig base = Presets.byKey(args[0]).map(Preset::run).orElseGet(() -> RunFields.fromQuery(args[0], null));
        String[] at = args[1].split(",");
        String[] seeds = args.length > 2 ? args[2].split(",") : new String[]{"1", "2", "3"};
        for (String seed : seeds) {
            RunConfig c = base.with("seed", Long.parseLong(seed));
            Dataset.Split data = Datasets.load(c, null, null);
            VariantRun twin = c.variantRun(data.train());
            long done = 0;
            StringBuilder line = new StringBuilder("seed " + seed + ":");
            for (String a : at) {
                long n = Long.parseLong(a);
                for (; done < n; done++) twin.step();
                Evaluation p = twin.trainer("plain").diverged() ? null : Evaluation.of(twin.trainer("plain").network(), data.validation());
                Evaluation b = twin.trainer("bn").diverged() ? null : Evaluation.of(twin.trainer("bn").network(), data.validation());
                line.append(String.format(Locale.ROOT, "  @%d plain %s bn %s", n, text(p), text(b)));
            }
            System.out.println(line);
        }
    }

    private static String text(Evaluation e) {
        return e == null ? "diverged" : String.format(Locale.ROOT, "acc %.3f loss %.3f", e.accuracy(), e.loss());
    }
}
