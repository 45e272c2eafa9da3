package bnlab.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Starts the packaged jar as a user would, {@code java -jar target/bnlab.jar ...} without any flag, and
 * checks that the vector kernels run and that exit codes and signals pass through the relaunch. Run by
 * Failsafe after {@code package} ({@code mvn verify}).
 */
class LauncherIT {
    private static final Path JAR = Path.of("target", "bnlab.jar");

    record Run(int code, String out, String err) {}

    @BeforeAll
    static void jarIsBuilt() {
        assertTrue(Files.isRegularFile(JAR), JAR + " missing: run mvn package first");
    }

    private static List<String> java(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static Run run(List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        Path out = Files.createTempFile("launcher", ".out"), err = Files.createTempFile("launcher", ".err");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + cmd);
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void plain_java_jar_bench_runs_the_vector_kernels() throws Exception {
        Run r = run(java("-jar", JAR.toString(), "bench", "--steps", "30", "--rounds", "1"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("# kernels: vector-"), r.out());
        assertTrue(r.out().contains("bench model=bn threads=1 steps_per_s="), r.out());
        assertFalse(r.err().contains("plain loops"), r.err());
    }

    @Test
    void the_exit_code_and_the_error_line_of_the_restarted_JVM_come_through() throws Exception {
        Run r = run(java("-jar", JAR.toString(), "bench", "--steps", "0"));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("bnlab: Invalid value for option '--steps'"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void JVM_options_reach_the_restarted_JVM_and_bnlab_simd_false_runs_the_plain_loops_without_a_restart() throws Exception {
        Run r = run(java("-Dbnlab.simd=false", "-jar", JAR.toString(), "bench", "--steps", "30", "--rounds", "1"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("# kernels: plain"), r.out());
        assertFalse(r.err().contains("incubator"), "no second JVM with the module: " + r.err());
    }

    @Test
    void a_SIGTERM_to_the_started_JVM_stops_the_restarted_one_with_its_heap_settings_and_gives_143() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) { port = s.getLocalPort(); }
        Process p = new ProcessBuilder(java("-jar", JAR.toString(), "serve", "--port", String.valueOf(port), "--no-record"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Optional<ProcessHandle> child = Optional.empty();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            boolean listening = false;
            while (System.nanoTime() < deadline && !listening) {
                child = p.children().findFirst();
                try (Socket ignored = new Socket("127.0.0.1", port)) {
                    listening = true;
                } catch (IOException notYet) {
                    Thread.sleep(100);
                }
            }
            assertTrue(listening, "the server never listened");
            assertTrue(child.isPresent(), "the server runs in a restarted JVM");
            assertTrue(child.get().info().arguments().map(a -> List.of(a).contains("jdk.incubator.vector")).orElse(true));
            assertTrue(child.get().info().arguments().map(a -> List.of(a).containsAll(Launcher.MEMORY)).orElse(true),
                    "the restarted JVM has the laptop's heap settings: " + child.get().info().arguments().map(List::of));
            p.destroy(); // SIGTERM to the JVM the user started
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(143, p.exitValue());
            assertTrue(child.get().onExit().get(30, TimeUnit.SECONDS) != null);
            assertFalse(child.get().isAlive(), "the restarted server stopped too");
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }
}
