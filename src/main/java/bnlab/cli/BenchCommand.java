package bnlab.cli;

import bnlab.data.MnistLike;
import bnlab.engine.Kernels;
import bnlab.experiments.Benchmark;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Trains the paper's Figure 1 network (784-100-100-100-10, sigmoid, batch 60) on the bundled",
                "Fashion-MNIST data, without and with batch normalization, and prints steps per second.",
                "Rounds alternate the two models; the median round is reported."})
final class BenchCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--steps", description = "steps per model and round (1..1000000, default ${DEFAULT-VALUE})", defaultValue = "2000")
    int steps;

    @Option(names = "--threads", description = "independent trainings at once, as on a classroom server (1..64, default ${DEFAULT-VALUE})",
            defaultValue = "1")
    int threads;

    @Option(names = "--rounds", description = "timed rounds per model (1..100, default ${DEFAULT-VALUE})", defaultValue = "5")
    int rounds;

    @Override
    public Integer call() throws Exception {
        Main.require(spec, steps >= 1 && steps <= 1_000_000, "--steps", "must be between 1 and 1000000", steps);
        Main.require(spec, threads >= 1 && threads <= 64, "--threads", "must be between 1 and 64", threads);
        Main.require(spec, rounds >= 1 && rounds <= 100, "--rounds", "must be between 1 and 100", rounds);
        PrintWriter out = spec.commandLine().getOut();
        MnistLike.Loaded data = MnistLike.bundled(MnistLike.ALL, 1);
        out.printf(Locale.ROOT, "# data: %s%n# kernels: %s; java %s; %d cores%n", data.source(), Kernels.implementation(),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        var results = new Benchmark(data.split().train(), steps, threads, rounds).run();
        for (var r : results) {
            StringBuilder rs = new StringBuilder();
            for (double v : r.rounds()) rs.append(String.format(Locale.ROOT, " %.1f", v));
            out.printf(Locale.ROOT, "# %s rounds:%s%n", r.model(), rs);
        }
        for (var r : results)
            out.printf(Locale.ROOT, "bench model=%s threads=%d steps_per_s=%.1f%n", r.model(), r.threads(), r.stepsPerSecond());
        return 0;
    }
}
