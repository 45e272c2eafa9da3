package bnlab.web.security;

import bnlab.lessons.LectureExample;
import bnlab.web.WebApp;
import bnlab.web.lab.LabEndpoint;
import bnlab.web.lab.LabRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tries the server as a hostile client would (issue 8) and prints what held. Starts the app in this JVM
 * on 127.0.0.1 (loopback only, a random port), so that it can read the server's heap and registry; each
 * attack is bounded in count and in time and the tool stops by itself. While each attack runs, a second
 * client (the "watcher") trains the lecture's example at speed 100, and the tool measures the frames a
 * second it gets and how long its pause takes to be confirmed; it also records the peak heap in use and,
 * after the attacker left and the watcher paused, the CPU the process still uses.
 *
 * <pre>
 *   mvn -B -q test-compile
 *   java --add-modules jdk.incubator.vector -cp target/classes:target/test-classes:$(cat cp.txt) \
 *       bnlab.web.security.HostileClient [scale [seconds [attack,...]]]
 *   # scale 1 = the counts (default), 0.1 = quick; 6 s per attack; all attacks, or the ones named
 * </pre>
 * (cp.txt: {@code mvn -q dependency:build-classpath -Dmdep.outputFile=cp.txt}). The JUnit test
 * {@code HostileClientTest} runs the same attacks at a small scale with assertions.
 */
public final class HostileClient implements AutoCloseable {
    /** A network near the edge of the default budget: 5-480-480-3 on the lecture data, batches of 8 (237,123 parameters). */
    static final String EDGE_NETWORK = "{\"dataset\":\"lecture\",\"layers\":[480,480],\"batchSize\":8}";

    /** What one attack showed. */
    record Result(String attack, String held, double watcherFps, double watcherPauseMs, long peakHeapMb,
                  double cpuCoresAfterLeaving, long errors5xx) {
        String line() {
            return String.format(Locale.ROOT, "%-15s watcher %5.1f frames/s, pause %6.1f ms | heap peak %5d MB | "
                    + "CPU after leaving %4.2f cores | 5xx %d | %s", attack, watcherFps, watcherPauseMs, peakHeapMb,
                    cpuCoresAfterLeaving, errors5xx, held);
        }
    }

    /** An attack: does its harm for about {@code duration}, checks what must hold, says what it saw. */
    @FunctionalInterface
    interface Attack {
        String run(HostileClient target, double scale, Duration duration) throws Exception;
    }

    final LabEndpoint lab;
    final WebApp app;
    final int port;
    final HttpClient http = HttpClient.newHttpClient();
    final AtomicLong errors5xx = new AtomicLong();

    HostileClient() {
        lab = new LabEndpoint(new LabRegistry(), LabEndpoint.trainingExecutor(), (java.nio.file.Path) null);
        app = new WebApp(new LectureExample(), lab);
        port = app.start("127.0.0.1", 0);
    }

    @Override public void close() { app.stop(); }

    public static void main(String[] args) throws Exception {
        double scale = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        Duration duration = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 6);
        System.out.printf(Locale.ROOT, "hostile client: scale %.2f, %d s per attack, %d cores, max heap %d MB%n", scale,
                duration.toSeconds(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        List<Result> results = new ArrayList<>();
        try (HostileClient target = new HostileClient()) {
            java.util.Set<String> only = args.length > 2 ? java.util.Set.of(args[2].split(",")) : null;
            for (var e : attacks().entrySet()) {
                if (only != null && !only.contains(e.getKey())) continue;
                Result r;
                try {
                    r = target.measure(e.getKey(), e.getValue(), scale, duration);
                } catch (Throwable t) {
                    r = new Result(e.getKey(), "FAILED: " + t, 0, 0, 0, 0, target.errors5xx.get());
                }
                results.add(r);
                System.out.println(r.line());
            }
        }
        System.exit(results.stream().allMatch(r -> !r.held().startsWith("FAILED")) ? 0 : 1);
    }

    /** The attacks of issue 8, in its order. */
    static java.util.LinkedHashMap<String, Attack> attacks() {
        var a = new java.util.LinkedHashMap<String, Attack>();
        a.put("none", HostileClient::none);
        a.put("memory", HostileClient::memory);
        a.put("long-step", HostileClient::longStep);
        a.put("not-reading", HostileClient::notReading);
        a.put("rate-changes", HostileClient::rateChanges);
        a.put("foreign-origin", HostileClient::foreignOrigin);
        a.put("lesson-batch", HostileClient::lessonBatch);
        a.put("garbage", HostileClient::garbage);
        return a;
    }

    /** Runs one attack in the background while a watcher trains, and measures. */
    Result measure(String name, Attack attack, double scale, Duration duration) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        AtomicLong peak = new AtomicLong(memory.getHeapMemoryUsage().getUsed());
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> { Thread t = new Thread(r, "hostile-" + name); t.setDaemon(true); return t; });
        long before5xx = errors5xx.get();
        // The watcher has its own HTTP client (its own selector thread), as a student's browser is another machine.
        HttpClient watcherHttp = HttpClient.newHttpClient();
        try (WsClient watcher = WsClient.connect(watcherHttp, port)) {
            watcher.next("hello");
            watcher.send("{\"type\":\"start\",\"speed\":\"100\"}");
            watcher.next("ready");
            Future<?> sampler = pool.submit(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try { Thread.sleep(50); } catch (InterruptedException e) { return; }
                }
            });
            Future<String> harm = pool.submit(() -> attack.run(this, scale, duration));
            Thread.sleep(Math.min(1000, duration.toMillis() / 4)); // the attack under way
            long from = System.nanoTime();
            Thread.sleep(Math.max(1000, duration.toMillis() / 2));
            double fps = watcher.framesPerSecond(from, System.nanoTime());
            double pause = watcher.pauseMillis();
            watcher.send("{\"type\":\"resume\"}");
            String held = harm.get(duration.toMillis() + 30_000, TimeUnit.MILLISECONDS);
            watcher.pauseMillis();
            Thread.sleep(1000); // the attacker left a second ago
            double cpu = cpuCores(Duration.ofSeconds(1));
            sampler.cancel(true);
            return new Result(name, held, fps, pause, peak.get() >> 20, cpu, errors5xx.get() - before5xx);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Cores this process keeps busy over the given time. */
    static double cpuCores(Duration over) throws InterruptedException {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long c0 = os.getProcessCpuTime(), t0 = System.nanoTime();
        Thread.sleep(over.toMillis());
        return (os.getProcessCpuTime() - c0) / (double) (System.nanoTime() - t0);
    }

    // ---- the attacks ------------------------------------------------------------------------------------

    /** No attack: what the watcher gets on this machine anyway, to compare with. */
    static String none(HostileClient t, double scale, Duration duration) throws Exception {
        Thread.sleep(duration.toMillis());
        return "baseline: the watcher alone";
    }

    /** 1. Memory from one message: a network far over the budget, a CSV of 100,000 columns, and many starts at the edge. */
    static String memory(HostileClient t, double scale, Duration duration) throws Exception {
        try (WsClient c = t.client()) {
            long t0 = System.nanoTime();
            c.send("{\"type\":\"start\",\"config\":{\"dataset\":\"xor\",\"layers\":[4096,4096,4096,4096,4096,4096,4096,4096,4096,4096]}}");
            JsonNode e = c.next("error");
            check("budgetParameters".equals(e.path("rule").asText()), "ten layers of 4,096 refused by the budget: " + e);
            double refusedMs = (System.nanoTime() - t0) / 1e6;
            StringBuilder csv = new StringBuilder();
            int columns = 100_000;
            for (int r = 0; r < 5; r++) {
                for (int k = 0; k < columns; k++) csv.append(k % 10).append(',');
                csv.append(r % 2).append('\n');
            }
            HttpResponse<String> up = t.post("/api/lab/csv?name=wide.csv", csv.toString(), "text/csv");
            check(up.statusCode() == 400 || up.statusCode() == 413, "CSV of 100,000 columns refused, got " + up.statusCode());
            // Starts at the edge of the budget, again and again, from 4 connections.
            int starts = 0;
            List<WsClient> cs = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) cs.add(t.client());
                long end = System.nanoTime() + duration.toNanos();
                while (System.nanoTime() < end && starts < 400 * scale + 8) {
                    for (WsClient x : cs) x.send("{\"type\":\"start\",\"config\":" + EDGE_NETWORK + "}");
                    starts += cs.size();
                    Thread.sleep(50);
                }
            } finally {
                cs.forEach(WsClient::close);
            }
            return String.format(Locale.ROOT, "10x4096 refused in %.0f ms; 100,000 columns: %d; %d starts at the budget's edge",
                    refusedMs, up.statusCode(), starts);
        }
    }

    /** 2. Work that outlives its client: many steps of 1,000 on a heavy network, then a pause, then leaving mid-step. */
    static String longStep(HostileClient t, double scale, Duration duration) throws Exception {
        WsClient a = t.client(), b = t.client();
        try {
            for (WsClient c : List.of(a, b)) {
                c.send("{\"type\":\"start\",\"paused\":true,\"config\":" + EDGE_NETWORK + "}");
                c.next("ready");
            }
            int n = (int) Math.max(10, 200 * scale), refused = 0;
            for (int i = 0; i < n; i++) { a.send("{\"type\":\"step\",\"count\":1000}"); b.send("{\"type\":\"step\",\"count\":1000}"); }
            Thread.sleep(duration.toMillis() / 2);
            for (JsonNode m : a.takeAll()) if ("error".equals(m.path("type").asText())) refused++;
            double pause = a.pauseMillis();
            long stepAtPause = a.pausedAt;
            long stepNow = lastStep(a, Duration.ofMillis(300));
            check(stepNow <= stepAtPause, "no steps after the pause: " + stepAtPause + " then " + stepNow);
            int runs = t.lab.registry().size();
            b.abort(); // leaves mid-step
            long t0 = System.nanoTime();
            while (t.lab.registry().size() >= runs && System.nanoTime() - t0 < 2_000_000_000L) Thread.sleep(10);
            double goneMs = (System.nanoTime() - t0) / 1e6;
            check(goneMs < 1000, "a run whose client left stops within a second, took " + goneMs + " ms");
            Thread.sleep(duration.toMillis() / 2);
            return String.format(Locale.ROOT, "%d steps of 1,000 from each of 2 clients (%d answered 'too many messages waiting'); "
                    + "attacker's pause %.0f ms; run gone %.0f ms after its client left", n, refused, pause, goneMs);
        } finally {
            a.close();
            b.close();
        }
    }

    /** 3. A client that never reads: bad messages of 60 KB, and a run at max speed whose frames it never takes. */
    static String notReading(HostileClient t, double scale, Duration duration) throws Exception {
        WsClient c = WsClient.connect(t.http, t.port, null, false);
        long maxWaiting = 0;
        int sent = 0;
        try {
            c.send("{\"type\":\"start\",\"speed\":\"max\"}");
            String junk = "{\"type\":\"start\",\"config\":{\"" + "x".repeat(60_000) + "\":1}}";
            int n = (int) Math.max(200, 6000 * scale);
            long end = System.nanoTime() + duration.toNanos();
            for (; sent < n && System.nanoTime() < end && !c.isClosed(); sent++) {
                c.send(junk);
                if (sent % 50 == 0) maxWaiting = Math.max(maxWaiting, t.lab.bytesWaiting());
            }
            check(maxWaiting <= 2L * 1024 * 1024, "bytes waiting for the non-reader stay bounded, saw " + maxWaiting);
            return String.format(Locale.ROOT, "%d messages of 60 KB sent unread; at most %d KB waiting on the server", sent,
                    maxWaiting >> 10);
        } finally {
            c.abort();
        }
    }

    /** 4. Quadratic output: step and setLearningRate pairs; the answers must not grow with the changes. */
    static String rateChanges(HostileClient t, double scale, Duration duration) throws Exception {
        try (WsClient c = t.client()) {
            c.send("{\"type\":\"start\",\"paused\":true}");
            c.next("ready");
            long in0 = c.bytesIn();
            int n = (int) Math.max(1100, 4000 * scale), sent = 0;
            long end = System.nanoTime() + duration.toNanos();
            int refused = 0;
            for (; sent < n && System.nanoTime() < end; sent++) {
                c.send("{\"type\":\"step\"}");
                c.send("{\"type\":\"setLearningRate\",\"value\":" + (0.1 + (sent % 7) / 10.0) + "}");
                if (sent % 25 == 24) { // stay below the queue's bound of 64 messages: wait for the answers
                    long step = sent + 1;
                    if (step <= 1000) c.next("rates", m -> m.path("change").path("after").asLong() == step, WsClient.WAIT);
                    else Thread.sleep(60);
                }
            }
            Thread.sleep(500);
            for (JsonNode m : c.takeAll()) if ("rateChanges".equals(m.path("rule").asText())) refused++;
            long out = c.bytesIn() - in0;
            c.send("{\"type\":\"reset\"}");
            JsonNode ready = c.next("ready");
            check(ready.path("config").path("rateChanges").size() <= 1000, "reset works after many changes");
            check(sent <= 1000 || refused > 0, "changes past 1,000 are refused with the rule rateChanges");
            check(out < 64L * sent * 20 + 10_000_000, "answers do not grow with the changes: " + out + " bytes");
            return String.format(Locale.ROOT, "%d step+setLearningRate pairs: %,d bytes of answers (%.0f per pair), "
                    + "%d changes refused past 1,000, reset works", sent, out, out / (double) sent, refused);
        }
    }

    /** 5. Headers and origins: a foreign page's WebSocket is refused; every kind of response has the headers. */
    static String foreignOrigin(HostileClient t, double scale, Duration duration) throws Exception {
        int refused = 0, tries = (int) Math.max(5, 50 * scale);
        for (int i = 0; i < tries; i++) {
            try (WsClient c = WsClient.connect(t.http, t.port, "http://evil.example", true)) {
                c.next("hello", m -> true, Duration.ofSeconds(1));
            } catch (Exception e) {
                refused++;
            }
        }
        check(refused == tries, "a foreign Origin is refused, " + refused + " of " + tries);
        try (WsClient own = WsClient.connect(t.http, t.port, "http://127.0.0.1:" + t.port, true)) {
            own.next("hello");
        }
        for (String path : List.of("/", "/lab", "/api/lesson/batch", "/static/js/lab.js")) {
            HttpResponse<String> r = t.get(path);
            for (String h : List.of("content-security-policy", "x-content-type-options", "referrer-policy"))
                check(r.headers().firstValue(h).isPresent(), path + " has " + h);
            check(r.headers().firstValue("content-security-policy").get().contains("frame-ancestors 'self'"), path + " frame-ancestors");
        }
        Thread.sleep(duration.toMillis() / 2);
        return tries + " connections with Origin http://evil.example refused; the page's own origin connects; headers on /, /lab, API, static";
    }

    /** 6. Cheap CPU load over HTTP: 20 clients asking for large iterations of the lesson's batch. */
    static String lessonBatch(HostileClient t, double scale, Duration duration) throws Exception {
        int clients = 20;
        AtomicInteger ok = new AtomicInteger(), busy = new AtomicInteger(), seeds = new AtomicInteger(1000);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long end = System.nanoTime() + duration.toNanos();
        int perClient = (int) Math.max(5, 100 * scale);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                fs.add(pool.submit(() -> {
                    for (int k = 0; k < perClient && System.nanoTime() < end; k++) {
                        // Half repeat one iteration (kept after the first), half ask for new seeds (replayed, one at a time).
                        String q = k % 2 == 0 ? "seed=1&iteration=100000" : "seed=" + seeds.incrementAndGet() + "&iteration=100000";
                        int s = t.get("/api/lesson/batch?" + q).statusCode();
                        if (s == 200) ok.incrementAndGet(); else if (s == 429) busy.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) f.get(duration.toMillis() + 30_000, TimeUnit.MILLISECONDS);
        } finally {
            pool.shutdownNow();
        }
        long t0 = System.nanoTime();
        t.get("/api/lesson/batch?seed=1&iteration=100000");
        double repeatMs = (System.nanoTime() - t0) / 1e6;
        check(repeatMs < 100, "a repeated iteration costs little, took " + repeatMs + " ms");
        return String.format(Locale.ROOT, "%d clients: %d answers, %d told to wait (429); a repeated iteration=100000 takes %.1f ms",
                clients, ok.get(), busy.get(), repeatMs);
    }

    /** 7. The smaller ones: null body, binary frames, fractional counts, huge fields; no Java in any answer. */
    static String garbage(HostileClient t, double scale, Duration duration) throws Exception {
        HttpResponse<String> nul = t.post("/api/batchnorm", "null", "application/json");
        check(nul.statusCode() == 400, "body null gives 400, got " + nul.statusCode());
        List<String> texts = new ArrayList<>();
        try (WsClient c = t.client()) {
            c.sendBinary(new byte[] {1, 2, 3});
            JsonNode bin = c.next("error");
            texts.add(bin.toString());
            c.send("{\"type\":\"start\",\"paused\":true}");
            c.next("ready");
            c.send("{\"type\":\"step\",\"count\":1.5}");
            JsonNode frac = c.next("error");
            check("count".equals(frac.path("field").asText()), "count 1.5 refused: " + frac);
            texts.add(frac.toString());
            String[] bad = {"{\"type\":\"step\",\"count\":\"many\"}", "{\"type\":\"start\",\"config\":[]}", "{\"type\":\"start\",\"config\":{\"layers\":\"x\"}}",
                    "{\"type\":\"watch\",\"layer\":{}}", "[1,2]", "\"hello\"", "{\"type\":5}", "{\"type\":\"" + "y".repeat(5000) + "\"}",
                    "{\"type\":\"start\",\"config\":{\"activation\":\"" + "z".repeat(5000) + "\"}}", "{", "nul"};
            int n = (int) Math.max(bad.length, 5000 * scale);
            for (int i = 0; i < n; i++) {
                c.send(bad[i % bad.length]);
                if (i % 200 == 199) { Thread.sleep(20); for (JsonNode m : c.takeAll()) texts.add(m.toString()); }
            }
            Thread.sleep(300);
            for (JsonNode m : c.takeAll()) texts.add(m.toString());
        }
        StringBuilder csv = new StringBuilder("a,b,label\n");
        csv.append("1,").append("9".repeat(2_000_00)).append("x,c\n2,3,d\n");
        HttpResponse<String> up = t.post("/api/lab/csv?name=f.csv", csv.toString(), "text/csv");
        check(up.statusCode() == 400 && up.body().length() < 2000, "a CSV error does not echo a whole field: " + up.body().length() + " chars");
        texts.add(up.body());
        for (String s : texts)
            for (String java : List.of("java.", "bnlab.", "Exception", "Cannot deserialize", "`"))
                check(!s.contains(java), "no Java internals in an answer: " + s.substring(0, Math.min(300, s.length())));
        return texts.size() + " answers read, none with Java internals; null body 400; binary and count 1.5 answered";
    }

    // ---- helpers --------------------------------------------------------------------------------------

    WsClient client() throws Exception {
        WsClient c = WsClient.connect(http, port);
        c.next("hello");
        return c;
    }

    HttpResponse<String> get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 500) errors5xx.incrementAndGet();
        return r;
    }

    HttpResponse<String> post(String path, String body, String type) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 500) errors5xx.incrementAndGet();
        return r;
    }

    /** The step of the last frame within the given time, or -1 if none came. */
    private static long lastStep(WsClient c, Duration within) throws InterruptedException {
        Thread.sleep(within.toMillis());
        long step = -1;
        for (JsonNode m : c.takeAll()) if ("frame".equals(m.path("type").asText())) step = m.path("frame").path("step").asLong();
        return step;
    }

    static void check(boolean ok, String what) {
        if (!ok) throw new AssertionError(what);
    }
}
