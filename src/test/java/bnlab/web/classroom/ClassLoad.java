package bnlab.web.classroom;

import bnlab.web.broker.RedisServerProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A lecture hall on loopback: starts the server from its jar (one process, or two sharing rooms through a
 * redis-server it also starts), opens a room as the instructor, starts the lecture's run, connects N
 * students to it and measures what they receive: frames per second per student, the delay from the
 * server's making a frame to its arrival (the frame's {@code sent}; same machine, same clock), bytes per
 * second per student, and the server's resident memory. Bounded: at most 1,000 students and 15 minutes,
 * loopback only; it stops the servers and itself at the end. Not a test; a benchmark (docs/performance.md):
 *
 * <pre>
 *   mvn -B -DskipTests package && mvn -B -q test-compile && mvn -q dependency:build-classpath -Dmdep.outputFile=cp.txt
 *   java -cp target/test-classes:target/classes:$(cat cp.txt) bnlab.web.classroom.ClassLoad SCENARIO [students] [seconds]
 * </pre>
 *
 * Scenarios: {@code watch} (every student watches the class run), {@code forks} (the same while 30 of them
 * run forks of it at full speed), {@code churn} (students join and leave all the time; memory sampled every
 * 10 s), {@code redis} (the students spread over two instances sharing the room through Redis).
 */
public final class ClassLoad {
    static final int MAX_STUDENTS = 1000;
    static final int MAX_SECONDS = 900;
    static final String TOKEN = "load-token-0123456789abcdef";
    private static final Pattern SENT = Pattern.compile("\"sent\":(\\d+)\\}$");

    public static void main(String[] args) throws Exception {
        String scenario = args.length > 0 ? args[0] : "watch";
        int students = Math.min(MAX_STUDENTS, args.length > 1 ? Integer.parseInt(args[1]) : 200);
        int seconds = Math.min(MAX_SECONDS, args.length > 2 ? Integer.parseInt(args[2]) : 20);
        Path jar = Path.of(System.getProperty("bnlab.jar", "target/bnlab.jar"));
        if (!Files.isRegularFile(jar)) throw new IllegalStateException(jar + " missing: mvn -B -DskipTests package first");
        System.out.printf("%s: %d students, %d s, %d cores here%n", scenario, students, seconds, Runtime.getRuntime().availableProcessors());
        RedisServerProcess redis = scenario.equals("redis") ? RedisServerProcess.start() : null;
        List<Server> servers = new ArrayList<>();
        try {
            servers.add(Server.start(jar, redis));
            if (redis != null) servers.add(Server.start(jar, redis));
            run(scenario, students, seconds, servers);
        } finally {
            for (Server s : servers) s.close();
            if (redis != null) redis.close();
        }
        System.exit(0); // the HTTP client's threads
    }

    private static void run(String scenario, int n, int seconds, List<Server> servers) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Server home = servers.get(0);
        Probe teacher = Probe.open(http, home.ws("/ws/teach?token=" + TOKEN));
        teacher.send("{\"type\":\"openRoom\",\"name\":\"load\"}");
        String code = teacher.await("\"type\":\"room\"").replaceAll(".*\"code\":\"([^\"]+)\".*", "$1");
        teacher.send(System.getProperty("bnlab.start", "{\"type\":\"start\",\"speed\":\"100\"}")); // -Dbnlab.start: another start message
        List<Probe> probes = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) probes.add(Probe.open(http, servers.get(i % servers.size()).ws("/ws/join/" + code)));
        System.out.printf("room %s, %d students connected in %.1f s; server RSS %s%n", code, n, (System.nanoTime() - t0) / 1e9, rss(servers));
        List<Probe> forks = new ArrayList<>();
        if (scenario.equals("forks")) {
            teacher.send("{\"type\":\"release\"}");
            Thread.sleep(500);
            for (int i = 0; i < Math.min(30, n); i++) forks.add(probes.get(i));
            for (Probe f : forks) f.send("{\"type\":\"fork\"}");
            Thread.sleep(2500);
            for (Probe f : forks) {
                f.send("{\"type\":\"setSpeed\",\"stepsPerSecond\":\"max\"}");
                f.send("{\"type\":\"resume\"}");
            }
        }
        Thread.sleep(3000); // settled
        if (scenario.equals("churn")) {
            churn(http, servers, code, probes, seconds);
        } else {
            for (Probe p : probes) p.reset();
            teacher.reset();
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            double window = (System.nanoTime() - start) / 1e9;
            List<Probe> watchers = probes.stream().filter(p -> !forks.contains(p)).toList();
            report("watchers", watchers, window);
            if (!forks.isEmpty()) report("forks (their own runs)", forks, window);
            report("instructor", List.of(teacher), window);
            System.out.printf("server RSS %s (the serving JVM: %s MB), heap after a full GC %s%n", rss(servers),
                    servers.get(0).jvmRssMb(), heap(servers));
        }
        for (Probe p : probes) p.close();
        teacher.close();
    }

    /** Every second a tenth of the students leave and as many new ones join; memory every 10 s. */
    private static void churn(HttpClient http, List<Server> servers, String code, List<Probe> probes, int seconds) throws Exception {
        Random random = new Random(1);
        long begin = System.nanoTime(), end = begin + seconds * 1_000_000_000L, nextReport = begin;
        int joined = 0;
        System.out.printf("t=   0 s  joined      0  server RSS %s  heap after GC %s%n", rss(servers), heap(servers));
        while (System.nanoTime() < end) {
            for (int k = 0; k < Math.max(1, probes.size() / 10); k++) {
                int i = random.nextInt(probes.size());
                probes.get(i).close();
                probes.set(i, Probe.open(http, servers.get(i % servers.size()).ws("/ws/join/" + code)));
                joined++;
            }
            if (System.nanoTime() >= nextReport) {
                nextReport += TimeUnit.SECONDS.toNanos(60);
                System.out.printf("t=%4d s  joined %6d  server RSS %s  heap after GC %s  %s%n", (System.nanoTime() - begin) / 1_000_000_000L,
                        joined, rss(servers), heap(servers), servers.get(0).health());
            }
            Thread.sleep(1000);
        }
        Thread.sleep(3000);
        System.out.printf("end: t=%d s, joined %d, server RSS %s, heap after GC %s, %s%n", (System.nanoTime() - begin) / 1_000_000_000L,
                joined, rss(servers), heap(servers), servers.get(0).health());
    }

    private static void report(String who, List<Probe> probes, double window) {
        double[] fps = new double[probes.size()], kbps = new double[probes.size()];
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < probes.size(); i++) {
            Probe p = probes.get(i);
            synchronized (p) {
                fps[i] = p.frames / window;
                kbps[i] = p.bytes / window / 1000;
                delays.addAll(p.delays);
            }
        }
        long[] d = delays.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("%-24s n=%-4d frames/s per client: median %.1f, min %.1f | delay ms: p50 %s, p99 %s, max %s | KB/s per client: median %.1f%n",
                who, probes.size(), median(fps), Arrays.stream(fps).min().orElse(0), pick(d, 0.5), pick(d, 0.99),
                d.length == 0 ? "-" : String.valueOf(d[d.length - 1]), median(kbps));
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length == 0 ? 0 : s[s.length / 2];
    }

    private static String pick(long[] sorted, double q) {
        return sorted.length == 0 ? "-" : String.valueOf(sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))]);
    }

    /** The heap in use right after a full collection, per server (jcmd GC.class_histogram's total): what is really kept. */
    private static String heap(List<Server> servers) {
        StringBuilder b = new StringBuilder();
        for (Server s : servers) b.append(b.length() == 0 ? "" : " + ").append(s.heapAfterGcMb()).append(" MB");
        return b.toString();
    }

    private static String rss(List<Server> servers) {
        StringBuilder b = new StringBuilder();
        for (Server s : servers) b.append(b.length() == 0 ? "" : " + ").append(s.rssMb()).append(" MB");
        return b.toString();
    }

    /** One student (or the instructor): counts frames and bytes, notes each frame's delay. */
    static final class Probe implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private final List<String> others = new ArrayList<>();
        long frames, bytes;
        final List<Long> delays = new ArrayList<>();
        private WebSocket ws;

        static Probe open(HttpClient http, URI uri) throws Exception {
            Probe p = new Probe();
            p.ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5)).buildAsync(uri, p).get(10, TimeUnit.SECONDS);
            return p;
        }

        @Override public void onOpen(WebSocket w) { w.request(1); }

        @Override public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String m = partial.toString();
                partial.setLength(0);
                long now = System.currentTimeMillis();
                synchronized (this) {
                    bytes += m.length();
                    if (m.startsWith("{\"type\":\"frame\"")) {
                        frames++;
                        Matcher s = SENT.matcher(m.substring(Math.max(0, m.length() - 40)));
                        if (s.find()) delays.add(now - Long.parseLong(s.group(1)));
                    } else if (others.size() < 200) {
                        others.add(m);
                        notifyAll();
                    }
                }
            }
            w.request(1);
            return null;
        }

        synchronized void reset() {
            frames = 0;
            bytes = 0;
            delays.clear();
        }

        /** The first message (not a frame) containing the text, within 10 s. */
        synchronized String await(String text) throws InterruptedException {
            long deadline = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < deadline) {
                for (String m : others) if (m.contains(text)) return m;
                wait(200);
            }
            throw new IllegalStateException("no message with " + text + "; got " + others);
        }

        void send(String text) throws Exception { ws.sendText(text, true).get(5, TimeUnit.SECONDS); }

        void close() {
            try {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                ws.abort();
            }
        }
    }

    /** The server from its jar, in its own process, on loopback and a free port. */
    static final class Server implements AutoCloseable {
        final Process process;
        final int port;
        private final HttpClient http = HttpClient.newHttpClient();

        private Server(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static Server start(Path jar, RedisServerProcess redis) throws Exception {
            int port;
            try (ServerSocket s = new ServerSocket(0)) { port = s.getLocalPort(); }
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", jar.toString(), "--host", "127.0.0.1", "--port", String.valueOf(port), "--instructor-token", TOKEN,
                    // every student comes from 127.0.0.1, as behind a reverse proxy: the per-address limits are raised
                    "--max-connections-per-address", "2000", "--max-joins-per-minute", "100000", "--max-students-per-room", "2000"));
            if (redis != null) cmd.addAll(List.of("--broker", redis.uri()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Server s = new Server(p, port);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) throw new IllegalStateException("the server stopped: exit " + p.exitValue());
                if (s.health() != null) return s;
                Thread.sleep(200);
            }
            s.close();
            throw new IllegalStateException("the server did not answer /health within 30 s");
        }

        URI ws(String path) { return URI.create("ws://127.0.0.1:" + port + path); }

        String health() {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 200 ? r.body() : null;
            } catch (IOException | InterruptedException e) {
                return null;
            }
        }

        /** The resident memory of the server's process (its launcher's child JVM included), from /proc. */
        long rssMb() {
            long kb = rssKb(process.pid());
            for (ProcessHandle c : process.descendants().toList()) kb += rssKb(c.pid());
            return kb / 1024;
        }

        /** The resident memory of the JVM that serves alone (without the launcher that waits for it). */
        long jvmRssMb() { return rssKb(jvm()) / 1024; }

        /** The JVM that serves: the launcher's child (it starts a second JVM for the SIMD module), else the process itself. */
        long jvm() { return process.descendants().map(ProcessHandle::pid).findFirst().orElse(process.pid()); }

        /** The heap in use after a full collection: the class histogram's total (it collects first), whatever the collector. */
        long heapAfterGcMb() {
            String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            try {
                Matcher m = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)").matcher(run(jcmd, String.valueOf(jvm()), "GC.class_histogram"));
                return m.find() ? Long.parseLong(m.group(1)) / (1024 * 1024) : -1;
            } catch (IOException | InterruptedException e) {
                return -1;
            }
        }

        private static String run(String... cmd) throws IOException, InterruptedException {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(20, TimeUnit.SECONDS);
            return out;
        }

        private static long rssKb(long pid) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status")))
                    if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", ""));
            } catch (IOException | NumberFormatException e) {
                return 0;
            }
            return 0;
        }

        @Override public void close() {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
            CompletableFuture.runAsync(() -> process.descendants().forEach(ProcessHandle::destroyForcibly));
        }
    }
}
