package bnlab.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java --add-modules jdk.incubator.vector -jar bnlab.jar [serve|bench|experiment] ...}.
 * Without a command it serves the web app. A bad argument prints one line naming the argument and
 * the allowed values and exits with code 2.
 */
@Command(name = "bnlab", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "BN Lab: watch neural networks train with and without batch normalization.",
        subcommands = {ServeCommand.class, BenchCommand.class, ExperimentCommand.class})
public final class Main implements Runnable {

    @Override
    public void run() { new CommandLine(new ServeCommand()).execute(); }

    public static void main(String[] args) { System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true))); }

    /** Runs the command line and returns the exit code (0 ok, 1 failure, 2 bad arguments). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("bnlab: " + ex.getMessage() + " (see '"
                    + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return CommandLine.ExitCode.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            c.getErr().println("bnlab: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return CommandLine.ExitCode.SOFTWARE;
        });
        return cl.execute(args);
    }

    /** Fails the parse with a message naming the option and its allowed range. */
    static void require(CommandLine.Model.CommandSpec spec, boolean ok, String option, String allowed, Object value) {
        if (!ok) throw new CommandLine.ParameterException(spec.commandLine(),
                "Invalid value for option '" + option + "': " + allowed + ", was " + value);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[]{"BN Lab " + (v == null ? "dev" : v)};
        }
    }
}
