package bnlab.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar bnlab.jar [serve|bench|experiment] ...}. Without a command it serves the web app. A bad
 * argument prints one line naming the argument and the allowed values and exits with code 2. A JVM started
 * without the Vector API module restarts itself with it first ({@link Launcher}).
 */
@Command(name = "bnlab", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "BN Lab: watch neural networks train with and without batch normalization.",
        footer = {"", "Start it with: java -jar bnlab.jar [COMMAND]",
                "The SIMD kernels need no flag: a JVM without jdk.incubator.vector restarts",
                "itself with it; -Dbnlab.simd=false runs the plain loops."},
        subcommands = {ServeCommand.class, BenchCommand.class, ExperimentCommand.class, ClaimsCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @Override
    public void run() { throw new IllegalStateException("unreachable: serve is the default command"); }

    private static final java.util.Set<String> COMMANDS = java.util.Set.of("serve", "bench", "experiment", "claims", "help");
    private static final java.util.Set<String> TOP_LEVEL = java.util.Set.of("-h", "--help", "-V", "--version");

    public static void main(String[] args) {
        int child = Launcher.relaunch(args); // plain "java -jar": run again with the Vector API module
        if (child >= 0) System.exit(child);
        Launcher.watchParent();
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

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
        // serve is the default: "bnlab" and "bnlab --port 8080" mean "bnlab serve ..."
        boolean serve = args.length == 0 || (!COMMANDS.contains(args[0]) && !TOP_LEVEL.contains(args[0]) && args[0].startsWith("-"));
        if (serve) {
            String[] a = new String[args.length + 1];
            a[0] = "serve";
            System.arraycopy(args, 0, a, 1, args.length);
            args = a;
        }
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
