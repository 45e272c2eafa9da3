package bnlab.cli;

import bnlab.lessons.LectureExample;
import bnlab.web.WebApp;
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

    @Override
    public Integer call() throws Exception {
        Main.require(spec, port >= 1 && port <= 65535, "--port", "must be between 1 and 65535", port);
        Main.require(spec, data == null || java.nio.file.Files.isDirectory(data), "--data", "must be an existing directory", data);
        var lab = new bnlab.web.lab.LabEndpoint(new bnlab.web.lab.LabRegistry(), bnlab.web.lab.LabEndpoint.trainingExecutor(), data);
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
