package bnlab.deploy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BN Lab started as the repository's systemd unit starts it: the words of {@code ExecStart} in
 * deploy/systemd/bnlab@.service, {@code %i} the port, {@code $BNLAB_OPTIONS} and the token from deploy/systemd/bnlab.env.
 * The unit's {@code /opt/bnlab/bin/bnlab} is the app image the build made ({@code -Papp-image}, property
 * {@code bnlab.appImage}), else {@code java -jar target/bnlab.jar}.
 */
final class Service {
    static final Path UNIT = Path.of("deploy", "systemd", "bnlab@.service"), ENV = Path.of("deploy", "systemd", "bnlab.env");
    static final String INSTALLED = "/opt/bnlab/bin/bnlab";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Service() {}

    /** The value of a key of the unit's [Service] section, continuation lines joined; the last if it repeats. */
    static String key(String unit, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "=((?:.*\\\\\\n)*.*)$").matcher(unit);
        String value = null;
        while (m.find()) value = m.group(1).replace("\\\n", " ");
        if (value == null) throw new IllegalStateException(UNIT + " has no " + name + "=");
        return value.trim();
    }

    /** KEY=VALUE lines of an environment file, as systemd reads them (comments and blank lines left out). */
    static Map<String, String> environment(String text) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            int eq = l.indexOf('=');
            if (eq < 0) throw new IllegalStateException(ENV + ": not KEY=VALUE: " + l);
            env.put(l.substring(0, eq), l.substring(eq + 1));
        }
        return env;
    }

    /** How the unit's launcher is started here. */
    static List<String> launcher() {
        String image = System.getProperty("bnlab.appImage");
        if (image != null && Files.isExecutable(Path.of(image, "bin", "bnlab"))) return List.of(Path.of(image, "bin", "bnlab").toString());
        Path jar = Path.of("target", "bnlab.jar");
        if (!Files.isRegularFile(jar)) throw new IllegalStateException(jar + " missing: run mvn package first");
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString());
    }

    /** The unit's data directory, which the tests replace with a temporary one. */
    static final String STATE = "/var/lib/bnlab";

    /**
     * The unit's command line for {@code port}, with {@code $BNLAB_OPTIONS} split into words as systemd does and the
     * unit's {@value #STATE} in {@code state}.
     */
    static List<String> command(String unit, int port, String options, Path state) {
        List<String> words = new ArrayList<>(Arrays.asList(key(unit, "ExecStart").split("\\s+")));
        if (!words.get(0).equals(INSTALLED)) throw new IllegalStateException(UNIT + ": ExecStart should start " + INSTALLED);
        List<String> cmd = new ArrayList<>(launcher());
        for (String w : words.subList(1, words.size())) {
            if (w.equals("$BNLAB_OPTIONS")) cmd.addAll(Arrays.asList(options.trim().split("\\s+")));
            else if (w.startsWith("$")) throw new IllegalStateException(UNIT + ": the test knows no " + w);
            else cmd.add(w.replace("%i", Integer.toString(port)).replace(STATE, state.toString()));
        }
        return cmd;
    }

    /** The environment file's options for a proxy named {@code name} on {@code httpsPort}, and {@code --broker} when given. */
    static String options(String env, String name, int httpsPort, String broker) {
        String o = environment(env).get("BNLAB_OPTIONS");
        if (o == null || !o.contains("https://lab.example.org")) throw new IllegalStateException(ENV + ": BNLAB_OPTIONS should name https://lab.example.org");
        o = o.replace("https://lab.example.org", "https://" + name + ":" + httpsPort).replace("lab.example.org", name);
        return broker == null ? o : o + " --broker " + broker;
    }

    /** One instance, started from the unit with the test's token; returns once it answers /health. */
    static Instance start(int port, String name, int httpsPort, String broker, String token) throws Exception {
        String unit = Files.readString(UNIT);
        Path state = Files.createTempDirectory("bnlab-state-");
        List<String> cmd = command(unit, port, options(Files.readString(ENV), name, httpsPort, broker), state);
        Path log = Files.createTempFile("bnlab-service-" + port + "-", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("BNLAB_INSTRUCTOR_TOKEN", token);
        Instance i = new Instance(pb.start(), port, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!i.process.isAlive()) throw new IllegalStateException("BN Lab stopped: " + Files.readString(log));
            if (i.health() != null) return i;
            Thread.sleep(100);
        }
        i.close();
        throw new IllegalStateException("BN Lab did not answer /health within 60 s: " + Files.readString(log));
    }

    record Instance(Process process, int port, Path log) implements AutoCloseable {
        /** The body of the instance's own /health (asked directly, not through the proxy), or null. */
        String health() {
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 200 ? r.body() : null;
            } catch (IOException | InterruptedException e) {
                return null;
            }
        }

        /** The WebSockets open on this instance. */
        int connections() {
            String h = health();
            Matcher m = Pattern.compile("\"connections\":(\\d+)").matcher(h == null ? "" : h);
            if (!m.find()) throw new IllegalStateException("no connections in /health: " + h);
            return Integer.parseInt(m.group(1));
        }

        @Override public void close() {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly();
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
            try {
                Files.deleteIfExists(log);
            } catch (IOException ignored) {
                // a log left in the temporary folder
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
