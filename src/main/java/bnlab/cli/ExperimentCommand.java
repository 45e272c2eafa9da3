package bnlab.cli;

import bnlab.data.MnistLike;
import bnlab.engine.Dataset;
import bnlab.engine.InvalidConfigException;
import bnlab.experiments.Datasets;
import bnlab.experiments.Preset;
import bnlab.experiments.Presets;
import bnlab.experiments.RunConfig;
import bnlab.experiments.RunFields;
import bnlab.experiments.Experiment;
import bnlab.experiments.WarmUp;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = {"Runs an experiment headless: the run's networks (by default the twin, one network without and",
                "one with batch normalization; or the run's nets: plain, bn, bn-paper, noisy-bn, ln), same initial",
                "weights, same batches, and writes one CSV row per step and network, for every preset the same:",
                "  step,model,batch_size,train_loss,train_accuracy,learning_rate,val_loss,val_accuracy,p15,p50,p85",
                "(p15..p85: the watched neuron's input over the step's batch), then the columns of its measure",
                "(L hidden layers, at the points of --eval-every):",
                "  gradient-shift  g_diff_1..L,g_cos_1..L: ||G-G'||, cos(G,G') per layer (ics-gradients)",
                "  landscape       loss_range,predictiveness,beta_smoothness,loss_min,loss_max,change_min",
                "  input-shift     probe_p15,probe_p50,probe_p85,mean_shift_1..L,std_shift_1..L, every step (noisy-bn)",
                "layer-norm runs at batch size 60, then at 2 with 30x the steps.",
                "The run is a preset of the lab (--preset) or any run as the lab's address writes it (--run).",
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

    @Option(names = "--eval-every", description = {"validation (and the measure) every this many steps (1..1000000; default: the",
            "preset's, else every 50 with a measure, else a hundredth of --steps, so that a run has about 100",
            "validation points: on Fashion-MNIST each one passes 10,000 images through every network)"})
    Integer evalEvery;

    @Option(names = "--neuron", description = "the tracked neuron of the preset's watched layer, from 0 (default: the preset's)")
    Integer neuron;

    static {
        System.setProperty("bnlab.presets", String.join(", ", Presets.keys()));
    }

    @Override
    public Integer call() throws Exception {
        Main.require(spec, (preset == null) != (run == null), "--preset/--run", "give exactly one of them", preset == null ? run : preset);
        String key = Presets.canonicalKey(preset); // a former name (Presets.FORMER_KEYS) runs as the current one
        Preset p = key == null ? null : Presets.byKey(key).orElse(null);
        Main.require(spec, key == null || p != null, "--preset", "must be one of " + String.join(", ", Presets.keys()), preset);
        if (p == null) {
            RunConfig config;
            try {
                config = RunFields.fromQuery(run, null);
            } catch (InvalidConfigException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--run: " + e.getMessage());
            }
            Main.require(spec, !RunConfig.CSV.equals(config.dataset()), "--run", "an uploaded CSV exists only in the lab", run);
            p = new Preset("run", config, 6000, "max", config.layers().length - 1, 0);
        }
        if (seed != null) p = p.withSeed(seed);
        long n = steps != null ? steps : p.length();
        Main.require(spec, n >= 1 && n <= 1_000_000, "--steps", "must be between 1 and 1000000", n);
        Main.require(spec, evalEvery == null || (evalEvery >= 1 && evalEvery <= 1_000_000), "--eval-every",
                "must be between 1 and 1000000", evalEvery);
        if (evalEvery != null) p = p.withEvery(evalEvery);
        int width = p.run().layers()[p.watchLayer()];
        Main.require(spec, neuron == null || (neuron >= 0 && neuron < width), "--neuron", "must be between 0 and " + (width - 1), neuron);
        if (neuron != null) p = p.withNeuron(neuron);
        Main.require(spec, trainLimit == null || (trainLimit >= 1 && trainLimit <= 1_000_000), "--train-limit",
                "must be between 1 and 1000000", trainLimit);
        Main.require(spec, data == null || Files.isDirectory(data), "--data", "must be an existing directory", data);
        Path parent = out.toAbsolutePath().getParent();
        Main.require(spec, parent != null && Files.isDirectory(parent), "--out", "must be in an existing directory", out);
        PrintWriter err = spec.commandLine().getErr();
        String name = p.key();
        Dataset.Split split = load(p, err);
        // The run as the lab's address names it: the same link replays it in the lab.
        err.println("experiment " + name + ": " + String.join(", ", p.run().netNames()) + " at batch size "
                + p.batchSizes() + ", run " + RunFields.toQuery(p.run()));
        var experiment = new Experiment(p, split);
        long total = experiment.totalSteps(n);
        long started = System.nanoTime();
        long[] lastReport = {started};
        // the networks train on two threads when there is a second core (the CSV is the same)
        ExecutorService helper = Runtime.getRuntime().availableProcessors() > 1 ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "experiment-helper");
            t.setDaemon(true);
            return t;
        }) : null;
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            experiment.run(n, w, (step, all) -> {
                long now = System.nanoTime();
                if (now - lastReport[0] < 2_000_000_000L && step != all) return;
                lastReport[0] = now;
                double secs = (now - started) / 1e9, rate = step / secs;
                err.printf(Locale.ROOT, "experiment %s: step %d/%d (%.0f%%), %.0f steps/s, %.0f s left%n",
                        name, step, all, 100.0 * step / all, rate, (all - step) / rate);
            }, helper);
        } finally {
            if (helper != null) helper.shutdownNow();
        }
        err.printf(Locale.ROOT, "experiment %s: wrote %s (%d steps in %.1f s)%n", name, out, total, (System.nanoTime() - started) / 1e9);
        return 0;
    }

    /**
     * The run's data. Meanwhile the other core compiles the kernels on a small copy of the run ({@link WarmUp};
     * the CSV is the same).
     */
    private Dataset.Split load(Preset p, PrintWriter err) throws java.io.IOException {
        RunConfig config = p.run();
        try (WarmUp warm = WarmUp.during(config, p.watchLayer(), p.watchNeuron())) {
            if (!RunConfig.FASHION_MNIST.equals(config.dataset())) return Datasets.load(config, data, null);
            MnistLike.Loaded loaded = MnistLike.load(data, trainLimit == null ? MnistLike.ALL : trainLimit, config.seed());
            err.println("experiment " + p.key() + ": " + loaded.source());
            return loaded.split();
        }
    }
}
