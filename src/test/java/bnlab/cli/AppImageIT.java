package bnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The app image of {@code mvn -Papp-image} (docs/classroom.md, "Without Java"): its own trimmed Java runtime and a
 * launcher, started with no Java on the PATH and no JAVA_HOME, as on an instructor's laptop without Java. Run by
 * Failsafe when the profile built the image (it passes {@code bnlab.appImage}); with CI=true a missing image is a
 * failure, so that CI cannot pass without starting it.
 */
class AppImageIT {
    private static final String TOKEN = "image-token-0123456789";
    private static Path image;

    @BeforeAll
    static void imageIsBuilt() {
        String dir = System.getProperty("bnlab.appImage");
        if (dir == null || !Files.isExecutable(Path.of(dir, "bin", "bnlab"))) {
            String message = "the app image is built by mvn -B -Papp-image verify (" + dir + ")";
            if ("true".equals(System.getenv("CI"))) Assertions.fail(message + "; CI=true forbids skipping.");
            Assumptions.abort(message + ": skipped.");
        }
        image = Path.of(dir);
    }

    /** The launcher with an environment that has no Java in it. */
    private static ProcessBuilder launcher(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(image.resolve("bin/bnlab").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("JAVA") || k.startsWith("JDK_"));
        env.put("PATH", Files.createTempDirectory("no-java").toString()); // nothing to find there
        return pb;
    }

    @Test
    void the_runtime_holds_every_module_the_jar_needs_and_the_launcher_the_kernels_module_and_the_laptops_heap() throws Exception {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = jdeps.run(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, "--print-module-deps",
                "--ignore-missing-deps", "--multi-release", "17", image.resolve("lib/app/bnlab.jar").toString());
        assertEquals(0, code, out.toString(StandardCharsets.UTF_8));
        TreeSet<String> needed = new TreeSet<>(Arrays.asList(out.toString(StandardCharsets.UTF_8).trim().split(",")));
        String release = Files.readString(image.resolve("lib/runtime/release"));
        TreeSet<String> present = new TreeSet<>(Arrays.asList(release.replaceAll("(?s).*MODULES=\"([^\"]*)\".*", "$1").split(" ")));
        TreeSet<String> missing = new TreeSet<>(needed);
        missing.removeAll(present);
        assertTrue(missing.isEmpty(), "app.modules in pom.xml lacks " + missing + " (jdeps: " + needed + ")");
        assertTrue(present.contains("jdk.incubator.vector") && present.contains("jdk.localedata"), present.toString());

        List<String> options = Files.readAllLines(image.resolve("lib/app/bnlab.cfg")).stream()
                .filter(l -> l.startsWith("java-options=")).map(l -> l.substring("java-options=".length())).toList();
        String joined = String.join(" ", options);
        assertTrue(joined.contains("--add-modules jdk.incubator.vector"), joined);
        assertTrue(options.containsAll(Launcher.MEMORY), "app.javaOptions in pom.xml are cli/Launcher.MEMORY: " + options);
    }

    @Test
    void bench_prints_the_vector_kernels_line() throws Exception {
        Path out = Files.createTempFile("image", ".out"), err = Files.createTempFile("image", ".err");
        Process p = launcher("bench", "--steps", "30", "--rounds", "1").redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "bench timed out");
        String o = Files.readString(out), e = Files.readString(err);
        assertEquals(0, p.exitValue(), e);
        assertTrue(o.contains("# kernels: vector-"), o);
        assertFalse(e.contains("plain loops"), e);
    }

    @Test
    void serve_starts_in_one_process_without_java_answers_health_and_the_pages_and_stops_on_SIGTERM_with_143() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) { port = s.getLocalPort(); }
        Path out = Files.createTempFile("image", ".out"), err = Files.createTempFile("image", ".err");
        long t0 = System.nanoTime();
        Path data = Files.createTempDirectory("image-data").resolve("record");
        Process p = launcher("--port", String.valueOf(port), "--instructor-token", TOKEN, "--data-dir", data.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            HttpResponse<String> health = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (health == null && System.nanoTime() < deadline && p.isAlive()) {
                try {
                    health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                            HttpResponse.BodyHandlers.ofString());
                } catch (IOException notYet) {
                    Thread.sleep(50);
                }
            }
            long startMillis = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(health != null, "no /health within 60 s; stderr: " + Files.readString(err));
            assertEquals(200, health.statusCode());
            JsonNode h = new ObjectMapper().readTree(health.body());
            assertEquals("ok", h.get("status").asText());
            assertTrue(h.get("kernels").asText().startsWith("vector-"), health.body());
            assertEquals(0, p.children().count(), "the launcher runs the server itself, no second JVM");
            assertTrue(Files.readString(out).contains("BN Lab is running at"), Files.readString(out));
            assertTrue(Files.readString(out).contains("The class's record: " + data.resolve("bnlab.db")), "SQLite runs in the image: "
                    + Files.readString(out));
            assertFalse(Files.readString(err).contains("plain loops"), Files.readString(err));

            HttpResponse<String> de = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/?lang=de")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, de.statusCode());
            assertTrue(de.body().contains("lang=\"de\""), "the lesson in German");
            HttpResponse<String> teach = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/teach?token=" + TOKEN))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, teach.statusCode());
            System.out.printf("app image %s: %d MB on disk; /health after %d ms%n", image, sizeMb(image), startMillis);

            p.destroy(); // SIGTERM, as systemd and Ctrl+C stop it
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "stopped");
            assertEquals(143, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }

    private static long sizeMb(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum() / (1024 * 1024);
        }
    }
}
