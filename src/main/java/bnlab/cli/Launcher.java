package bnlab.cli;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes plain {@code java -jar bnlab.jar ...} run the SIMD kernels.
 *
 * <p>Java 17's Vector API is the incubator module {@code jdk.incubator.vector}, which the JVM resolves only
 * when its command line asks for it ({@code --add-modules}). A jar's manifest cannot ask: it knows
 * {@code Add-Opens}, {@code Add-Exports} and {@code Launcher-Agent-Class}, which open or export packages of
 * modules that are already resolved, and an agent cannot add a module to the boot layer either. Loading
 * the module into a new layer would not help: C2 trusts the Vector API's {@code @ForceInline} only for
 * classes of the boot and platform loaders, so the vectors would not be compiled into registers.
 *
 * <p>So when the module is missing from this JVM but the JDK has it, {@link #relaunch} starts a second JVM
 * with the same java executable, the same JVM options and class path, {@code --add-modules
 * jdk.incubator.vector}, and the same arguments. The child inherits the three standard streams (the same
 * file descriptors, so a terminal stays a terminal), its exit code becomes this JVM's, a SIGTERM or SIGINT
 * to this JVM is passed on (the child shuts down as it would itself, e.g. the server closes its runs) and
 * the child ends when this JVM disappears without a chance to pass anything on (SIGKILL). The waiting JVM
 * costs a few tens of MB and nothing else; the child's JVM prints its one warning line about an incubator
 * module.
 *
 * <p>The child is also where the heap is sized for an instructor's laptop ({@link #MEMORY}), unless the user chose
 * the heap or the collector themselves (any {@code -Xms}, {@code -Xmx}, {@code -Xmn} or {@code -XX:} option: then
 * theirs go on alone).
 *
 * <p>No relaunch with {@code -Dbnlab.simd=false} (the plain loops were asked for), in the child itself
 * (the property {@value #RELAUNCHED} carries the parent's pid), or when the JDK has no such module (a
 * trimmed runtime); in that case one line on stderr says that the plain loops run.
 */
final class Launcher {
    private Launcher() {}

    static final String MODULE = "jdk.incubator.vector";
    /** Set in the child: the pid of the JVM that started it. */
    static final String RELAUNCHED = "bnlab.relaunched";
    /**
     * The child's heap, for a laptop that also runs a browser and a projector (docs/performance.md, "Memory"): the serial
     * collector, which has no collector threads to compete with training on two cores and no remembered sets (with 200
     * watchers and 30 Figure 1 forks: 566 to 584 MB resident, G1 with the same heap policy 724 MB); a young generation
     * of 48 MB (under that load collected every one or two seconds, in 2 to 8 ms); a heap that starts at 64 MB, grows
     * only while less than 10 % of it is free after a full collection and shrinks when more than 30 % is; at most half
     * of the machine's memory, a ceiling a class at the limits (60 forks: about 650 MB in use) stays below. Without
     * these the JVM took a quarter of the memory as its limit, and G1 grew towards it and kept what it had: 565 to
     * 645 MB idle after the warm-up, 1.2 to 1.45 GB under the load above. Objects aligned to 64 bytes, a cache line:
     * with the serial collector's default of 8 the Figure 1 twin trained 4 to 7 % slower than with G1 (`bench`,
     * medians of 7 paired runs on an AVX-512 EPYC); aligned, as fast as with G1, for 14 MB more under the load above
     * and 5 MB more idle.
     */
    static final List<String> MEMORY = List.of("-XX:+UseSerialGC", "-Xms64m", "-Xmn48m", "-XX:MinHeapFreeRatio=10",
            "-XX:MaxHeapFreeRatio=30", "-XX:MaxRAMPercentage=50", "-XX:ObjectAlignmentInBytes=64");

    /** How long a parent told to stop waits for its child to shut down before killing it. */
    private static final long STOP_GRACE_SECONDS = 20;

    /** What to do in this JVM. */
    enum Decision { RUN_HERE, RELAUNCH, RUN_PLAIN }

    /** The rule, without side effects (tested): relaunch only where it gains the module and nothing else says no. */
    static Decision decide(boolean moduleInThisJvm, boolean moduleInJdk, String simdProperty, String relaunchedProperty) {
        if (moduleInThisJvm || "false".equalsIgnoreCase(simdProperty)) return Decision.RUN_HERE;
        if (relaunchedProperty != null || !moduleInJdk) return Decision.RUN_PLAIN;
        return Decision.RELAUNCH;
    }

    /**
     * Relaunches this program with the Vector API module if that is needed and possible.
     *
     * @return the child's exit code, or -1 when the program is to run in this JVM
     */
    static int relaunch(String[] args) {
        Decision d = decide(ModuleLayer.boot().findModule(MODULE).isPresent(),
                ModuleFinder.ofSystem().find(MODULE).isPresent(),
                System.getProperty("bnlab.simd"), System.getProperty(RELAUNCHED));
        if (d == Decision.RUN_PLAIN) {
            System.err.println("bnlab: kernels: plain loops (several times slower): this Java has no usable "
                    + MODULE + " module");
            return -1;
        }
        if (d == Decision.RUN_HERE) return -1;
        Path java = javaExecutable();
        if (java == null) {
            System.err.println("bnlab: kernels: plain loops (several times slower): cannot find the java executable"
                    + " to restart with --add-modules " + MODULE);
            return -1;
        }
        ProcessBuilder pb = new ProcessBuilder(command(java, ManagementFactory.getRuntimeMXBean().getInputArguments(),
                System.getProperty("java.class.path"), ProcessHandle.current().pid(), args)).inheritIO();
        // The launcher's option variables were already read into this JVM's options, which the child gets
        // on its command line: reading them again would repeat them (and print "Picked up ..." twice).
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        Process child;
        try {
            child = pb.start();
        } catch (java.io.IOException e) {
            System.err.println("bnlab: kernels: plain loops (several times slower): cannot restart with --add-modules "
                    + MODULE + ": " + e.getMessage());
            return -1;
        }
        Thread forward = new Thread(() -> stop(child), "bnlab-stop-child");
        Runtime.getRuntime().addShutdownHook(forward);
        int code;
        while (true) {
            try {
                code = child.waitFor();
                break;
            } catch (InterruptedException e) {
                // only a signal ends this wait: the shutdown hook passes it on
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(forward);
        } catch (IllegalStateException shuttingDown) {
            // the hook is already running
        }
        return code;
    }

    /**
     * The child's command line: java, the heap settings ({@link #MEMORY}, unless this JVM's options size the heap or
     * choose the collector), this JVM's options, the module, the marker, the class path, main, args.
     */
    static List<String> command(Path java, List<String> jvmOptions, String classPath, long parentPid, String[] args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        if (jvmOptions.stream().noneMatch(Launcher::tunesTheJvm)) cmd.addAll(MEMORY);
        cmd.addAll(jvmOptions);
        cmd.add("--add-modules");
        cmd.add(MODULE);
        cmd.add("-D" + RELAUNCHED + "=" + parentPid);
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Whether an option sizes the heap or tunes the JVM: then the user's choice stands and {@link #MEMORY} is left out. */
    static boolean tunesTheJvm(String option) {
        return option.startsWith("-Xms") || option.startsWith("-Xmx") || option.startsWith("-Xmn") || option.startsWith("-XX:");
    }

    /** The executable of this JVM (as the OS reports it), else java.home's bin/java. */
    private static Path javaExecutable() {
        Path p = ProcessHandle.current().info().command().map(Path::of).orElse(null);
        if (p != null && Files.isExecutable(p)) return p;
        p = Path.of(System.getProperty("java.home"), "bin", File.separatorChar == '\\' ? "java.exe" : "java");
        return Files.isExecutable(p) ? p : null;
    }

    /** In the parent's shutdown (SIGTERM, SIGINT, SIGHUP): ask the child to stop the same way, then wait. */
    private static void stop(Process child) {
        if (!child.isAlive()) return;
        child.destroy(); // SIGTERM: the child runs its own shutdown hooks
        try {
            if (!child.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) child.destroyForcibly();
        } catch (InterruptedException e) {
            child.destroyForcibly();
        }
    }

    /**
     * In a relaunched child: exit when the parent is gone (killed with SIGKILL, which it cannot pass on),
     * so that no server is left running without the process its user started.
     */
    static void watchParent() {
        String pid = System.getProperty(RELAUNCHED);
        if (pid == null) return;
        long ppid;
        try {
            ppid = Long.parseLong(pid);
        } catch (NumberFormatException e) {
            return;
        }
        ProcessHandle.of(ppid).ifPresentOrElse(
                p -> p.onExit().thenRun(() -> System.exit(143)),
                () -> System.exit(143));
    }
}
