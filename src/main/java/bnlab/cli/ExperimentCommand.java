package bnlab.cli;

import bnlab.data.MnistLike;
import bnlab.engine.Dataset;
import bnlab.engine.InvalidConfigException;
import bnlab.experiments.Datasets;
import bnlab.experiments.Preset;
import bnlab.experiments.Presets;
import bnlab.experiments.RunConfig;
import bnlab.experiments.RunFields;
import bnlab.experiments.TwinExperiment;
import bnlab.experiments.VariantExperiment;
import bnlab.experiments.VariantPreset;
import bnlab.experiments.WarmUp;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = {"Runs an experiment headless (by default the twin: one network with, one without batch",
                "normalization, same initial weights, same batches) and writes one CSV row per step and model.",
                "The run is a preset of the lab (--preset) or any run as the lab's address writes it (--run).",
                "What we know today: ${sys:bnlab.todayPresets}, and any run with nets= or measure=,",
                "train more networks (models plain, bn, bn-paper, noisy-bn, ln) and write",
                "  step,model,batch_size,train_loss,train_accuracy,val_loss,val_accuracy",
                "and then, for L hidden layers:",
                "  noisy-bn       p15,p50,p85,mean_shift_1..L,std_shift_1..L",
                "  ics-gradients  g_diff_1..L,g_cos_1..L: ||G-G'||, cos(G,G') per layer",
                "  landscape      loss_range,predictiveness,beta_smoothness,loss_min,loss_max,change_min",
                "  layer-norm     nothing more; batch_size 60, then 2 with 30x the steps",
                "  a run with measure=gradient-shift or landscape: those columns every 50 steps",
                "(see the README's Command line)"})
final class ExperimentCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--preset", description = {"a preset of the lab; allowed: ${sys:bnlab.presets}",
            "(figure1 is the paper's Figure 1 on Fashion-MNIST; a preset's former name, e.g. fig1, still works)"})
    String preset;

    @Option(names = "--run", description = {"a run as the lab's address writes it, e.g.",
            "'dataset=xor&layers=6&learningRate=0.5&bnNetLearningRate=2.5' (the rest: the lab's defaults)"})
    String run;

    @Option(names = "--steps", description = "training steps (1..1000000; default: the preset's length, or 6000)")
    Long steps;

    @Option(names = "--seed", description = "fixes initialization, shuffling and the data split (default: the run's, 1)")
    Long seed;

    @Option(names = "--out", required = true, description = "the CSV file to write")
    Path out;

    @Option(names = "--data", description = {"a directory with the four MNIST-format IDX files (train-images-idx3-ubyte[.gz], ...);",
            "default: /usr/share/datasets/fashion-mnist if present, else the bundled Fashion-MNIST"})
    Path data;

    @Option(names = "--train-limit", description = "Fashion-MNIST: use at most this many training images (1..1000000, default: all)")
    Integer trainLimit;

    @Option(names = "--eval-every", description = {"validation every this many steps (1..1000000; default: a hundredth of --steps,",
            "so that a run has about 100 validation points: on Fashion-MNIST each one passes 10,000 images through both networks)"})
    Integer evalEvery;

    @Option(names = "--neuron", description = "the tracked neuron of the preset's watched layer, from 0 (default: the preset's)")
    Integer neuron;

    static {
        System.setProperty("bnlab.presets", String.join(", ", allKeys()));
        System.setProperty("bnlab.todayPresets", String.join(", ", todayKeys()));
    }

    private static List<String> todayKeys() { return Presets.TODAY.stream().map(VariantPreset::key).toList(); }

    private static List<String> allKeys() { return Presets.keys(); }

    @Override
    public Integer call() throws Exception {
        Main.require(spec, (preset == null) != (run == null), "--preset/--run", "give exactly one of them", preset == null ? run : preset);
        String key = Presets.canonicalKey(preset); // a former name (Presets.FORMER_KEYS) runs as the current one
        VariantPreset today = key == null ? null : Presets.todayByKey(key).orElse(null);
        if (today != null) return runToday(today);
        Preset p = key == null ? null : Presets.byKey(key).orElse(null);
        Main.require(spec, key == null || p != null, "--preset", "must be one of " + String.join(", ", allKeys()), preset);
        RunConfig config;
        try {
            config = p != null ? p.run() : RunFields.fromQuery(run, null);
        } catch (InvalidConfigException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--run: " + e.getMessage());
        }
        if (VariantPreset.needed(config)) // more networks than the twin, or a measure
            return runToday(VariantPreset.of(p != null ? p.key() : "run", config, p != null ? p.length() : 6000));
        if (seed != null) config = config.with("seed", seed);
        long n = steps != null ? steps : p != null ? p.length() : 6000;
        int layer = p != null ? p.watchLayer() : config.layers().length - 1;
        int unit = neuron != null ? neuron : p != null ? p.watchNeuron() : 0;
        Main.require(spec, n >= 1 && n <= 1_000_000, "--steps", "must be between 1 and 1000000", n);
        if (evalEvery == null) evalEvery = (int) Math.max(1, n / 100);
        Main.require(spec, evalEvery >= 1 && evalEvery <= 1_000_000, "--eval-every", "must be between 1 and 1000000", evalEvery);
        Main.require(spec, unit >= 0 && unit < config.layers()[layer], "--neuron",
                "must be between 0 and " + (config.layers()[layer] - 1), unit);
        Main.require(spec, trainLimit == null || (trainLimit >= 1 && trainLimit <= 1_000_000), "--train-limit",
                "must be between 1 and 1000000", trainLimit);
        Main.require(spec, data == null || Files.isDirectory(data), "--data", "must be an existing directory", data);
        Main.require(spec, !RunConfig.CSV.equals(config.dataset()), "--run", "an uploaded CSV exists only in the lab", run);
        Path parent = out.toAbsolutePath().getParent();
        Main.require(spec, parent != null && Files.isDirectory(parent), "--out", "must be in an existing directory", out);
        PrintWriter err = spec.commandLine().getErr();
        String name = p != null ? p.key() : "run";
        Dataset.Split split = load(config, name, err, layer, unit);
        // The run as the lab's address names it: the same link replays it in the lab.
        err.println("experiment " + name + ": run " + RunFields.toQuery(config));
        var experiment = new TwinExperiment(config, split, layer, unit, evalEvery);
        long started = System.nanoTime();
        long[] lastReport = {started};
        // the two networks train at the same time when there is a second core (the CSV is the same)
        ExecutorService helper = Runtime.getRuntime().availableProcessors() > 1 ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "experiment-helper");
            t.setDaemon(true);
            return t;
        }) : null;
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            experiment.run(n, w, (step, total, twin) -> {
                long now = System.nanoTime();
                if (now - lastReport[0] < 2_000_000_000L && step != total) return;
                lastReport[0] = now;
                double secs = (now - started) / 1e9, rate = step / secs;
                err.printf(Locale.ROOT, "experiment %s: step %d/%d (%.0f%%), %.0f twin steps/s, %.0f s left%n",
                        name, step, total, 100.0 * step / total, rate, (total - step) / rate);
            }, helper);
        } finally {
            if (helper != null) helper.shutdownNow();
        }
        err.printf(Locale.ROOT, "experiment %s: wrote %s (%d steps in %.1f s)%n", name, out, n, (System.nanoTime() - started) / 1e9);
        return 0;
    }

    /**
     * The run's data. Meanwhile the other core compiles the kernels on a small copy of the twin ({@link WarmUp};
     * the CSV is the same); layer and neuron are the run's watched ones.
     */
    private Dataset.Split load(RunConfig config, String name, PrintWriter err, int layer, int neuron) throws java.io.IOException {
        try (WarmUp warm = WarmUp.during(config, layer, neuron)) {
            if (!RunConfig.FASHION_MNIST.equals(config.dataset())) return Datasets.load(config, data, null);
            MnistLike.Loaded loaded = MnistLike.load(data, trainLimit == null ? MnistLike.ALL : trainLimit, config.seed());
            err.println("experiment " + name + ": " + loaded.source());
            return loaded.split();
        }
    }

    /**
     * A preset of {@link Presets#TODAY} or any run of more networks than the twin or with a measure: its own CSV
     * columns, see {@link VariantExperiment}.
     */
    private int runToday(VariantPreset p) throws Exception {
        if (seed != null) p = p.withSeed(seed);
        long n = steps != null ? steps : p.length();
        Main.require(spec, n >= 1 && n <= 1_000_000, "--steps", "must be between 1 and 1000000", n);
        Main.require(spec, evalEvery == null || (evalEvery >= 1 && evalEvery <= 1_000_000), "--eval-every",
                "must be between 1 and 1000000", evalEvery);
        if (evalEvery != null) p = p.withEvery(evalEvery);
        Main.require(spec, neuron == null, "--neuron", "this preset watches the first neuron of the last layer", neuron);
        Main.require(spec, trainLimit == null || (trainLimit >= 1 && trainLimit <= 1_000_000), "--train-limit",
                "must be between 1 and 1000000", trainLimit);
        Main.require(spec, data == null || Files.isDirectory(data), "--data", "must be an existing directory", data);
        Path parent = out.toAbsolutePath().getParent();
        Main.require(spec, parent != null && Files.isDirectory(parent), "--out", "must be in an existing directory", out);
        PrintWriter err = spec.commandLine().getErr();
        Dataset.Split split = load(p.run(), p.key(), err, p.run().layers().length - 1, 0);
        err.println("experiment " + p.key() + ": " + String.join(", ", p.names())
                + " at batch size " + p.batchSizes() + ", run " + RunFields.toQuery(p.run()));
        long started = System.nanoTime();
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            new VariantExperiment(p, split).run(n, w);
        }
        err.printf(Locale.ROOT, "experiment %s: wrote %s (%d steps in %.1f s)%n", p.key(), out, n, (System.nanoTime() - started) / 1e9);
        return 0;
    }
}
