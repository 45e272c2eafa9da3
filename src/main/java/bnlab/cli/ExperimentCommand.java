package bnlab.cli;

import bnlab.data.MnistLike;
import bnlab.experiments.Figure1;
import bnlab.experiments.TwinExperiment;
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
        description = {"Runs a twin experiment headless (one network with, one without batch normalization, same",
                "initial weights, same batches) and writes one CSV row per step and model."})
final class ExperimentCommand implements Callable<Integer> {
    enum Preset { fig1 }

    @Spec CommandSpec spec;

    @Option(names = "--preset", required = true,
            description = "the set-up; allowed: ${COMPLETION-CANDIDATES} (the paper's Figure 1 on Fashion-MNIST)")
    Preset preset;

    @Option(names = "--steps", description = "training steps (1..1000000, default ${DEFAULT-VALUE})", defaultValue = "6000")
    long steps;

    @Option(names = "--seed", description = "fixes initialization, shuffling and the data split (default ${DEFAULT-VALUE})",
            defaultValue = "1")
    long seed;

    @Option(names = "--out", required = true, description = "the CSV file to write")
    Path out;

    @Option(names = "--data", description = {"a directory with the four MNIST-format IDX files (train-images-idx3-ubyte[.gz], ...);",
            "default: /usr/share/datasets/fashion-mnist if present, else the bundled Fashion-MNIST test set"})
    Path data;

    @Option(names = "--train-limit", description = "use at most this many training images (1..1000000, default: all)")
    Integer trainLimit;

    @Option(names = "--eval-every", description = "validation every this many steps (1..1000000, default ${DEFAULT-VALUE})",
            defaultValue = "100")
    int evalEvery;

    @Option(names = "--neuron", description = "the neuron of the last hidden layer whose input is tracked (0..99, default ${DEFAULT-VALUE})",
            defaultValue = "0")
    int neuron;

    @Override
    public Integer call() throws Exception {
        Main.require(spec, steps >= 1 && steps <= 1_000_000, "--steps", "must be between 1 and 1000000", steps);
        Main.require(spec, evalEvery >= 1 && evalEvery <= 1_000_000, "--eval-every", "must be between 1 and 1000000", evalEvery);
        Main.require(spec, neuron >= 0 && neuron < Figure1.HIDDEN[2], "--neuron", "must be between 0 and 99", neuron);
        Main.require(spec, trainLimit == null || (trainLimit >= 1 && trainLimit <= 1_000_000), "--train-limit",
                "must be between 1 and 1000000", trainLimit);
        Main.require(spec, data == null || Files.isDirectory(data), "--data", "must be an existing directory", data);
        Path parent = out.toAbsolutePath().getParent();
        Main.require(spec, parent != null && Files.isDirectory(parent), "--out", "must be in an existing directory", out);
        PrintWriter err = spec.commandLine().getErr();
        MnistLike.Loaded loaded = MnistLike.load(data, trainLimit == null ? MnistLike.ALL : trainLimit, seed);
        err.println("experiment " + preset + ": " + loaded.source());
        var train = loaded.split().train();
        var experiment = new TwinExperiment(Figure1.network(train.features(), train.classes()), Figure1.training(seed),
                loaded.split(), neuron, evalEvery);
        long started = System.nanoTime();
        long[] lastReport = {started};
        // the two networks train at the same time when there is a second core (the CSV is the same)
        ExecutorService helper = Runtime.getRuntime().availableProcessors() > 1 ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "experiment-helper");
            t.setDaemon(true);
            return t;
        }) : null;
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            experiment.run(steps, w, (step, total, run) -> {
                long now = System.nanoTime();
                if (now - lastReport[0] < 2_000_000_000L && step != total) return;
                lastReport[0] = now;
                double secs = (now - started) / 1e9, rate = step / secs;
                err.printf(Locale.ROOT, "experiment %s: step %d/%d (%.0f%%), %.0f twin steps/s, %.0f s left%n",
                        preset, step, total, 100.0 * step / total, rate, (total - step) / rate);
            }, helper);
        } finally {
            if (helper != null) helper.shutdownNow();
        }
        err.printf(Locale.ROOT, "experiment %s: wrote %s (%d steps in %.1f s)%n", preset, out, steps, (System.nanoTime() - started) / 1e9);
        return 0;
    }
}
