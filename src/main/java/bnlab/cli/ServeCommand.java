package bnlab.cli;

import bnlab.experiments.RunBudget;
import bnlab.lessons.LectureExample;
import bnlab.web.WebApp;
import bnlab.web.lab.LabEndpoint;
import bnlab.web.lab.OriginCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Starts the web app (the default command).")
final class ServeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--port", description = "TCP port (1..65535, default ${DEFAULT-VALUE})", defaultValue = "7070")
    int port;

    @Option(names = "--host", description = {"address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 lets students",
            "on the classroom network connect)"}, defaultValue = "127.0.0.1")
    String host;

    @Option(names = "--data", description = {"a directory with the full Fashion-MNIST (or MNIST) IDX files for the lab;",
            "default: /usr/share/datasets/fashion-mnist if present, else the bundled test set"})
    java.nio.file.Path data;

    @Option(names = "--max-inputs", defaultValue = "" + RunBudget.DEFAULT_MAX_INPUTS,
            description = "most inputs per example a lab run may train on, e.g. a CSV's columns (default ${DEFAULT-VALUE}; Fashion-MNIST has 784)")
    int maxInputs;

    @Option(names = "--max-parameters", defaultValue = "" + RunBudget.DEFAULT_MAX_PARAMETERS,
            description = "most parameters of one network of a lab run (default ${DEFAULT-VALUE}; the Figure 1 network has about 100,000)")
    long maxParameters;

    @Option(names = "--max-activations", defaultValue = "" + RunBudget.DEFAULT_MAX_ACTIVATIONS,
            description = "most values of one batch through one network: batch size times neurons, inputs and outputs included (default ${DEFAULT-VALUE})")
    long maxActivations;

    @Option(names = "--max-step-work", defaultValue = "" + RunBudget.DEFAULT_MAX_WORK,
            description = "most multiply-adds of one twin iteration (default ${DEFAULT-VALUE}; Figure 1 with batches of 60 needs about 36 million)")
    long maxWork;

    @Option(names = "--max-eval-work", defaultValue = "" + RunBudget.DEFAULT_MAX_EVALUATION,
            description = "most multiply-adds of evaluating both networks for a frame: validation and, for 2-D data, the decision grid (default ${DEFAULT-VALUE}; Figure 1 needs about 200 million)")
    long maxEvaluation;

    @Option(names = "--max-connections", defaultValue = "" + LabEndpoint.Options.DEFAULT_MAX_CONNECTIONS,
            description = "most lab connections open at once (default ${DEFAULT-VALUE})")
    int maxConnections;

    @Option(names = "--max-connections-per-address", defaultValue = "" + LabEndpoint.Options.DEFAULT_MAX_PER_ADDRESS,
            description = "most lab connections from one network address (default ${DEFAULT-VALUE}); behind a reverse proxy all come from its address: raise it")
    int maxPerAddress;

    @Option(names = "--allowed-origin", paramLabel = "ORIGIN",
            description = "a web origin besides this server's own whose pages may open the lab's WebSocket, e.g. https://lab.example.org behind a reverse proxy (repeatable)")
    List<String> allowedOrigins = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Main.require(spec, port >= 1 && port <= 65535, "--port", "must be between 1 and 65535", port);
        Main.require(spec, data == null || java.nio.file.Files.isDirectory(data), "--data", "must be an existing directory", data);
        Main.require(spec, maxInputs >= 1, "--max-inputs", "must be at least 1", maxInputs);
        Main.require(spec, maxParameters >= 1, "--max-parameters", "must be at least 1", maxParameters);
        Main.require(spec, maxActivations >= 1, "--max-activations", "must be at least 1", maxActivations);
        Main.require(spec, maxWork >= 1, "--max-step-work", "must be at least 1", maxWork);
        Main.require(spec, maxEvaluation >= 1, "--max-eval-work", "must be at least 1", maxEvaluation);
        Main.require(spec, maxConnections >= 1, "--max-connections", "must be at least 1", maxConnections);
        Main.require(spec, maxPerAddress >= 1, "--max-connections-per-address", "must be at least 1", maxPerAddress);
        for (String o : allowedOrigins)
            Main.require(spec, OriginCheck.normalize(o) != null, "--allowed-origin", "must be an http or https origin such as https://lab.example.org", o);
        var options = new LabEndpoint.Options(new RunBudget(maxInputs, maxParameters, maxActivations, maxWork, maxEvaluation),
                new OriginCheck(allowedOrigins), maxConnections, maxPerAddress);
        var lab = new LabEndpoint(new bnlab.web.lab.LabRegistry(), LabEndpoint.trainingExecutor(), data, options);
        WebApp app = new WebApp(new LectureExample(), lab);
        int bound = app.start(host, port);
        spec.commandLine().getOut().println("BN Lab is running at http://" + (host.equals("0.0.0.0") ? "localhost" : host)
                + ":" + bound + "/  (Ctrl+C stops it)");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> { app.stop(); stopped.countDown(); }));
        stopped.await();
        return 0;
    }
}
