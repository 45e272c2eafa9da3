package bnlab.web.classroom;

import bnlab.deploy.NginxProcess;
import bnlab.experiments.Preset;
import bnlab.experiments.Presets;
import bnlab.web.broker.RedisServerProcess;
import bnlab.web.classroom.WireClient.Endpoint;
import bnlab.web.lab.ClientMessage;
import bnlab.web.lab.LabJson;
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
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A lecture hall on loopback, the benchmark of docs/performance.md ("The classroom"): starts the server from its
 * jar as the README says (one process, or two sharing rooms through a redis-server it also starts), opens a
 * room as the instructor, starts a preset's run and connects students to it. Every client offers compression
 * as a browser does and counts the bytes that arrive on its socket ({@link WireClient}). Not a test; bounded (at
 * most 1,000 students, 15 minutes, loopback only); it stops the servers and itself at the end.
 *
 * <pre>
 *   mvn -B -DskipTests package && mvn -B -q test-compile && mvn -q dependency:build-classpath -Dmdep.outputFile=cp.txt
 *   java -cp target/test-classes:target/classes:$(cat cp.txt) bnlab.web.classroom.ClassLoad SCENARIO [students] [seconds] [presets]
 * </pre>
 *
 * Scenarios:
 * <ul>
 *   <li>{@code hall} (the default): for each preset (default lecture, figure1, rate-x30, landscape, paper-recipe), on
 *       a fresh server: N students (200) watch for the given seconds (20): frames per second per student (median,
 *       minimum), the delay from the server's making a frame to its arrival (p50, p99; same machine, same clock),
 *       bytes per second per student on the wire, the class run's thread's CPU, the server's resident memory; then
 *       300 more students join within one second (each loads /join/CODE, then opens its socket): the longest gap
 *       between two frames any of the first N saw while they joined, and how long the joiners waited for their
 *       full charts (history and a first frame).</li>
 *   <li>{@code forks}: N students watch the figure1 preset while 30 of them run forks of it at full speed: the
 *       same figures, and the memory.</li>
 *   <li>{@code churn}: students join and leave all the time; memory every 60 s.</li>
 *   <li>{@code redis}: the students spread over two instances sharing the room through Redis.</li>
 *   <li>{@code proxy}: a preset (the lecture's, or the first one given) watched by N students directly, then by N others through Debian's nginx
 *       with TLS and the repository's site file (deploy/nginx/bnlab.conf, a self-signed certificate; bnlab.deploy.
 *       NginxProcess), round by round (direct, proxy, direct, proxy) on one server: the same figures per round, the
 *       bytes on the wire being TLS's records through nginx.</li>
 * </ul>
 * {@code -Dbnlab.jar=PATH} measures another jar (e.g. an earlier build, for before-and-after figures);
 * {@code -Dbnlab.serverOptions='-XX:...'} starts the server's JVM with these options (they replace the launcher's
 * heap settings, see cli/Launcher).
 */
public final class ClassLoad {
    static final int MAX_STUDENTS = 1000;
    static final int MAX_SECONDS = 900;
    static final int BURST = 300;
    static final String TOKEN = "load-token-0123456789abcdef";
    static final List<String> HALL_PRESETS = List.of("lecture", "figure1", "rate-x30", "landscape", "paper-recipe");
    private static final Pattern STEP = Pattern.compile("\"(?:s|step)\":(\\d+)");
    private static final Pattern SENT = Pattern.compile("\"sent\":(\\d+)\\}$");
    private static final LabJson JSON = new LabJson();

    public static void main(String[] args) throws Exception {
        String scenario = args.length > 0 ? args[0] : "hall";
        int students = Math.min(MAX_STUDENTS, args.length > 1 ? Integer.parseInt(args[1]) : 200);
        int seconds = Math.min(MAX_SECONDS, args.length > 2 ? Integer.parseInt(args[2]) : 20);
        List<String> presets = args.length > 3 ? List.of(args[3].split(",")) : HALL_PRESETS;
        Path jar = Path.of(System.getProperty("bnlab.jar", "target/bnlab.jar"));
        if (!Files.isRegularFile(jar)) throw new IllegalStateException(jar + " missing: mvn -B -DskipTests package first");
        System.out.printf("%s: %d students, %d s, %s, %d cores, load average %s%n", scenario, students, seconds, jar,
                Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).trim());
        try {
            switch (scenario) {
                case "hall" -> { for (String p : presets) hall(jar, p, students, seconds); }
                case "forks" -> forks(jar, students, seconds);
                case "churn", "redis" -> churnOrRedis(jar, scenario, students, seconds);
                case "proxy" -> proxy(jar, args.length > 3 ? presets.get(0) : "lecture", students, seconds);
                default -> throw new IllegalArgumentException("scenario: hall, forks, churn, redis or proxy");
            }
        } finally {
            System.out.printf("load average after: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
        }
        System.exit(0); // the clients' threads
    }

    /** One preset: watch, then a burst of joins. */
    private static void hall(Path jar, String key, int n, int seconds) throws Exception {
        Preset preset = Presets.byKey(key).orElseThrow(() -> new IllegalArgumentException("no preset " + key));
        try (Server server = Server.start(jar, null)) {
            Teacher teacher = Teacher.open(server);
            String code = teacher.openRoom();
            teacher.send(start(preset));
            List<Student> students = connect(server, code, n);
            Thread.sleep(3000); // settled
            for (Student s : students) s.reset();
            long cpu0 = server.classThreadCpuNanos(), t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            double window = (System.nanoTime() - t0) / 1e9;
            double cpu = (server.classThreadCpuNanos() - cpu0) / 1e9 / window;
            Report r = Report.of(students, teacher, window);
            long rss = server.jvmRssMb();

            for (Student s : students) s.reset();
            long burstStart = System.currentTimeMillis();
            List<Student> joiners = burst(server, code, BURST);
            Thread.sleep(5000);
            long gap = 0;
            List<Long> gaps = new ArrayList<>();
            for (Student s : students) { long g = s.longestGap(burstStart); gaps.add(g); gap = Math.max(gap, g); }
            long[] ready = joiners.stream().mapToLong(Student::millisToCharts).filter(t -> t != Long.MAX_VALUE).sorted().toArray();
            long[] setup = joiners.stream().filter(s -> s.millisToCharts() != Long.MAX_VALUE).mapToLong(s -> s.setupBytes).sorted().toArray();
            System.out.printf("%-12s %s | class thread %.2f core | serving JVM's RSS %d MB | %d joins in 1 s: longest frame gap of the watchers %d ms"
                            + " (median %d), joiners' full charts after p50 %s ms, max %s ms (%d not within 5 s), set-up on the wire median %s B,"
                            + " RSS %d MB%n",
                    key, r, cpu, rss, joiners.size(), gap, median(gaps), pick(ready, 0.5), ready.length == 0 ? "-" : ready[ready.length - 1],
                    joiners.stream().filter(s -> s.millisToCharts() == Long.MAX_VALUE).count(), pick(setup, 0.5), server.jvmRssMb());
            System.out.printf("%-12s where a joiner's time went (p50 / max ms): page %s, socket to upgrade %s, to history %s, to charts %s;"
                            + " page and charts together %s%n",
                    "", stages(joiners, s -> s.page), stages(joiners, s -> s.upgraded), stages(joiners, s -> s.historyAt),
                    stages(joiners, Student::millisToCharts),
                    stages(joiners, s -> s.page < 0 || s.charts == Long.MAX_VALUE ? -1 : s.page + s.charts));
            for (Student s : joiners) s.close();
            for (Student s : students) s.close();
            teacher.close();
        }
    }

    /** The median and the largest of one stage of the joiners' times, of those who reached it. */
    private static String stages(List<Student> joiners, java.util.function.ToLongFunction<Student> stage) {
        long[] v = joiners.stream().mapToLong(s -> { synchronized (s) { return stage.applyAsLong(s); } })
                .filter(t -> t >= 0 && t != Long.MAX_VALUE).sorted().toArray();
        return v.length == 0 ? "-" : pick(v, 0.5) + " / " + v[v.length - 1];
    }

    /** N students watch the figure1 preset while 30 of them run forks at full speed. */
    private static void forks(Path jar, int n, int seconds) throws Exception {
        try (Server server = Server.start(jar, null)) {
            Teacher teacher = Teacher.open(server);
            String code = teacher.openRoom();
            teacher.send(start(Presets.FIGURE1));
            List<Student> students = connect(server, code, n);
            teacher.send("{\"type\":\"release\"}");
            Thread.sleep(1000);
            List<Student> forks = students.subList(0, Math.min(30, n));
            for (Student f : forks) f.client.send("{\"type\":\"fork\"}");
            Thread.sleep(3000);
            for (Student f : forks) {
                f.client.send("{\"type\":\"setSpeed\",\"stepsPerSecond\":\"max\"}");
                f.client.send("{\"type\":\"resume\"}");
            }
            Thread.sleep(3000);
            for (Student s : students) s.reset();
            long cpu0 = server.classThreadCpuNanos(), t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            double window = (System.nanoTime() - t0) / 1e9;
            double cpu = (server.classThreadCpuNanos() - cpu0) / 1e9 / window;
            System.out.printf("watchers   %s | class thread %.2f core%n", Report.of(students.subList(forks.size(), n), teacher, window), cpu);
            System.out.printf("forks      %s%n", Report.of(forks, null, window)); // their frames are their own runs': no delay known
            System.out.printf("server RSS %d MB (the serving JVM: %d MB), heap after a full GC %d MB%n", server.rssMb(), server.jvmRssMb(),
                    server.heapAfterGcMb());
            for (Student s : students) s.close();
            teacher.close();
        }
    }

    /** One room watched directly and through nginx with TLS, alternately, by as many students each round. */
    private static void proxy(Path jar, String key, int n, int seconds) throws Exception {
        Preset preset = Presets.byKey(key).orElseThrow(() -> new IllegalArgumentException("no preset " + key));
        int port;
        try (ServerSocket s = new ServerSocket(0)) { port = s.getLocalPort(); }
        try (NginxProcess nginx = NginxProcess.start("lab.test", List.of(port));
             Server server = Server.start(jar, null, port, List.of("--public-host", "lab.test",
                     "--allowed-origin", "https://lab.test:" + nginx.httpsPort()))) {
            Endpoint direct = Endpoint.direct(port), proxy = new Endpoint("lab.test", nginx.httpsPort(), nginx.trust());
            Teacher teacher = Teacher.open(server);
            String code = teacher.openRoom();
            teacher.send(start(preset));
            for (int round = 0; round < 4; round++) {
                Endpoint via = round % 2 == 0 ? direct : proxy;
                List<Student> students = new ArrayList<>();
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) students.add(Student.join(via, code, true));
                double joined = (System.nanoTime() - t0) / 1e9;
                Thread.sleep(3000); // settled
                for (Student s : students) s.reset();
                long w0 = System.nanoTime();
                Thread.sleep(seconds * 1000L);
                Report r = Report.of(students, teacher, window(w0));
                System.out.printf("%-22s %s | %d joined (page and socket) in %.1f s%n", via.tls() == null ? "direct" : "nginx, TLS", r, n, joined);
                for (Student s : students) s.close();
                Thread.sleep(2000);
            }
            teacher.close();
        }
    }

    private static double window(long startNanos) { return (System.nanoTime() - startNanos) / 1e9; }

    private static void churnOrRedis(Path jar, String scenario, int n, int seconds) throws Exception {
        RedisServerProcess redis = scenario.equals("redis") ? RedisServerProcess.start() : null;
        List<Server> servers = new ArrayList<>();
        try {
            servers.add(Server.start(jar, redis));
            if (redis != null) servers.add(Server.start(jar, redis));
            Teacher teacher = Teacher.open(servers.get(0));
            String code = teacher.openRoom();
            teacher.send(start(Presets.LECTURE));
            List<Student> students = new ArrayList<>();
            for (int i = 0; i < n; i++) students.add(Student.join(servers.get(i % servers.size()), code, false));
            Thread.sleep(3000);
            if (scenario.equals("churn")) {
                churn(servers, code, students, seconds);
            } else {
                for (Student s : students) s.reset();
                long t0 = System.nanoTime();
                Thread.sleep(seconds * 1000L);
                double window = (System.nanoTime() - t0) / 1e9;
                for (int k = 0; k < servers.size(); k++) {
                    int at = k;
                    List<Student> here = new ArrayList<>();
                    for (int i = at; i < students.size(); i += servers.size()) here.add(students.get(i));
                    System.out.printf("instance %d: %s | RSS %d MB%n", k + 1, Report.of(here, teacher, window), servers.get(k).rssMb());
                }
            }
            for (Student s : students) s.close();
            teacher.close();
        } finally {
            for (Server s : servers) s.close();
            if (redis != null) redis.close();
        }
    }

    /** Every second a tenth of the students leave and as many new ones join; memory every 60 s. */
    private static void churn(List<Server> servers, String code, List<Student> students, int seconds) throws Exception {
        Random random = new Random(1);
        long begin = System.nanoTime(), end = begin + seconds * 1_000_000_000L, nextReport = begin;
        int joined = 0;
        while (System.nanoTime() < end) {
            for (int k = 0; k < Math.max(1, students.size() / 10); k++) {
                int i = random.nextInt(students.size());
                students.get(i).close();
                students.set(i, Student.join(servers.get(i % servers.size()), code, false));
                joined++;
            }
            if (System.nanoTime() >= nextReport) {
                nextReport += TimeUnit.SECONDS.toNanos(60);
                System.out.printf("t=%4d s  joined %6d  server RSS %d MB  heap after GC %d MB%n",
                        (System.nanoTime() - begin) / 1_000_000_000L, joined, servers.get(0).rssMb(), servers.get(0).heapAfterGcMb());
            }
            Thread.sleep(1000);
        }
        System.out.printf("end: joined %d, server RSS %d MB, heap after GC %d MB%n", joined, servers.get(0).rssMb(), servers.get(0).heapAfterGcMb());
    }

    /** The start message of a preset's run as the instructor's page sends it (going on past its length). */
    static String start(Preset p) {
        return JSON.writeClient(new ClientMessage.Start(p.run(), p.speed(), false, null));
    }

    private static List<Student> connect(Server server, String code, int n) throws Exception {
        List<Student> out = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) out.add(Student.join(server, code, false));
        System.out.printf("room %s: %d students connected in %.1f s%n", code, n, (System.nanoTime() - t0) / 1e9);
        return out;
    }

    /** {@code n} students join within about a second, each loading the room's page and then opening its socket. */
    private static List<Student> burst(Server server, String code, int n) throws Exception {
        List<Student> out = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long at = t0 + TimeUnit.MILLISECONDS.toNanos(1000L * i / n);
            Thread t = new Thread(() -> {
                try {
                    long wait = at - System.nanoTime();
                    if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    out.add(Student.join(server, code, true));
                } catch (Exception e) {
                    System.out.println("a joiner failed: " + e);
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) t.join(30_000);
        return new ArrayList<>(out);
    }

    private static long median(List<Long> v) {
        long[] s = v.stream().mapToLong(Long::longValue).sorted().toArray();
        return s.length == 0 ? 0 : s[s.length / 2];
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length == 0 ? 0 : s[s.length / 2];
    }

    private static String pick(long[] sorted, double q) {
        return sorted.length == 0 ? "-" : String.valueOf(sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))]);
    }

    /**
     * Frames per second, delays and bytes of a group of clients over a window. A frame's delay is from its making
     * (the full frame's {@code sent}, which the instructor's copy of the same frame carries) to its arrival; none for
     * runs the instructor does not receive ({@code teacher} null).
     */
    record Report(double fpsMedian, double fpsMin, String delayP50, String delayP99, double kbMedian, double kbMax) {
        static Report of(List<Student> students, Teacher teacher, double window) {
            double[] fps = new double[students.size()], kb = new double[students.size()];
            List<Long> delays = new ArrayList<>();
            for (int i = 0; i < students.size(); i++) {
                Student s = students.get(i);
                synchronized (s) {
                    fps[i] = s.frames / window;
                    kb[i] = (s.client.wireBytes() - s.wireAtReset) / window / 1000;
                    for (long[] a : s.arrivals) {
                        Long sent = a[2] > 0 ? Long.valueOf(a[2]) : teacher == null ? null : teacher.sent.get(a[0]);
                        if (sent != null) delays.add(a[1] - sent);
                    }
                }
            }
            long[] d = delays.stream().mapToLong(Long::longValue).sorted().toArray();
            return new Report(median(fps), Arrays.stream(fps).min().orElse(0), pick(d, 0.5), pick(d, 0.99), median(kb),
                    Arrays.stream(kb).max().orElse(0));
        }

        @Override public String toString() {
            return String.format("frames/s median %.1f, min %.1f | delay ms p50 %s, p99 %s | KB/s on the wire median %.2f, max %.2f",
                    fpsMedian, fpsMin, delayP50, delayP99, kbMedian, kbMax);
        }
    }

    /** A student's page: its socket, and what it counts. */
    static final class Student {
        final WireClient client;
        final long opened = System.currentTimeMillis();
        long frames, wireAtReset, charts = Long.MAX_VALUE, setupBytes;
        long page = -1, upgraded = -1, historyAt = -1; // ms: the page's GET; from opening the socket to its upgrade, to the history
        boolean history;
        final List<long[]> arrivals = new ArrayList<>(); // {step, arrival ms, sent ms or 0}

        private Student(Endpoint to, String path) throws IOException {
            client = WireClient.open(to, path, true, this::heard);
            synchronized (this) { upgraded = System.currentTimeMillis() - opened; }
        }

        /** @param page whether to load the room's page first, as a student's browser does */
        static Student join(Server server, String code, boolean page) throws Exception {
            return join(Endpoint.direct(server.port), code, page);
        }

        static Student join(Endpoint to, String code, boolean page) throws Exception {
            long t0 = System.currentTimeMillis();
            if (page) WireClient.get(to, "/join/" + code, 10_000);
            long got = System.currentTimeMillis() - t0;
            Student s = new Student(to, "/ws/join/" + code);
            synchronized (s) { s.page = page ? got : -1; }
            return s;
        }

        private synchronized void heard(String m) {
            long now = System.currentTimeMillis();
            if ((m.startsWith("{\"type\":\"history\"") || m.startsWith("{\"type\":\"wh\"")) && !history) {
                history = true;
                historyAt = now - opened;
            }
            boolean frame = m.startsWith("{\"type\":\"wf\"") || m.startsWith("{\"type\":\"frame\"");
            if (!frame) return;
            frames++;
            if (history && charts == Long.MAX_VALUE) {
                charts = now - opened;
                setupBytes = client.wireBytes() - m.length(); // what came before this first frame (about: its header too)
            }
            Matcher step = STEP.matcher(m);
            Matcher sent = SENT.matcher(m.substring(Math.max(0, m.length() - 40)));
            arrivals.add(new long[]{step.find() ? Long.parseLong(step.group(1)) : -1, now, sent.find() ? Long.parseLong(sent.group(1)) : 0});
        }

        synchronized void reset() {
            frames = 0;
            arrivals.clear();
            wireAtReset = client.wireBytes();
        }

        /** The longest time between two frames after {@code from} (ms since 1970), up to now. */
        synchronized long longestGap(long from) {
            long last = from, gap = 0;
            for (long[] a : arrivals) if (a[1] >= from) { gap = Math.max(gap, a[1] - last); last = a[1]; }
            return Math.max(gap, System.currentTimeMillis() - last);
        }

        /** From opening the socket to holding the history and a first frame, in ms; Long.MAX_VALUE if not yet. */
        synchronized long millisToCharts() { return charts; }

        void close() { client.close(); }
    }

    /** The instructor's page: opens the room, drives the run, notes when each frame was made. */
    static final class Teacher {
        final WireClient client;
        final Map<Long, Long> sent = new ConcurrentHashMap<>(); // step -> ms since 1970 when the server made the frame
        private final List<String> others = new ArrayList<>();

        private Teacher(Server server) throws IOException {
            client = WireClient.open(server.port, "/ws/teach?token=" + TOKEN, true, this::heard);
        }

        /**
         * The instructor's page, then its socket. The page matters: /teach and /join/CODE share a template, and a
         * server that has never rendered it parses it once per request until one parse is done; 300 first renders
         * at once queue on Thymeleaf's fair lock for 10 s and more (seen in a thread dump).
         */
        static Teacher open(Server server) throws IOException {
            WireClient.get(server.port, "/teach?token=" + TOKEN, 10_000);
            return new Teacher(server);
        }

        private void heard(String m) {
            if (m.startsWith("{\"type\":\"frame\"")) {
                Matcher step = STEP.matcher(m), at = SENT.matcher(m.substring(Math.max(0, m.length() - 40)));
                if (step.find() && at.find()) sent.put(Long.parseLong(step.group(1)), Long.parseLong(at.group(1)));
                return;
            }
            synchronized (this) {
                if (others.size() < 200) others.add(m);
                notifyAll();
            }
        }

        void send(String text) throws IOException { client.send(text); }

        String openRoom() throws Exception {
            send("{\"type\":\"openRoom\",\"name\":\"load\"}");
            return await("\"type\":\"room\"").replaceAll(".*\"code\":\"([^\"]+)\".*", "$1");
        }

        synchronized String await(String text) throws InterruptedException {
            long deadline = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < deadline) {
                for (String m : others) if (m.contains(text)) return m;
                wait(200);
            }
            throw new IllegalStateException("no message with " + text + "; got " + others);
        }

        void close() { client.close(); }
    }

    /** The server from its jar, in its own process, on loopback and a free port. */
    static final class Server implements AutoCloseable {
        final Process process;
        final int port;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

        private Server(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static Server start(Path jar, RedisServerProcess redis) throws Exception {
            int port;
            try (ServerSocket s = new ServerSocket(0)) { port = s.getLocalPort(); }
            return start(jar, redis, port, List.of());
        }

        /** @param more further flags, e.g. a proxy's name */
        static Server start(Path jar, RedisServerProcess redis, int port, List<String> more) throws Exception {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            String options = System.getProperty("bnlab.serverOptions", "").trim(); // JVM options, e.g. another collector
            if (!options.isEmpty()) cmd.addAll(List.of(options.split("\\s+")));
            cmd.addAll(List.of("-jar", jar.toString(), "--host", "127.0.0.1", "--port", String.valueOf(port), "--instructor-token", TOKEN,
                    // every student comes from 127.0.0.1, as behind a reverse proxy: the per-address limits are raised
                    "--max-connections-per-address", "2000", "--max-joins-per-minute", "100000", "--max-students-per-room", "2000",
                    "--no-record")); // the load alone, and any number of servers at once
            if (redis != null) cmd.addAll(List.of("--broker", redis.uri()));
            cmd.addAll(more);
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

        String health() { return get("/health"); }

        /** The body of a GET, or null. */
        String get(String path) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) System.out.println("GET " + path + ": " + r.statusCode());
                return r.statusCode() == 200 ? r.body() : null;
            } catch (IOException | InterruptedException e) {
                if (!path.equals("/health")) System.out.println("GET " + path + ": " + e); // /health: asked until the server is up
                return null;
            }
        }

        /** The resident memory of the server's process (its launcher's child JVM included), from /proc. */
        long rssMb() {
            long kb = status(process.pid(), "VmRSS:");
            for (ProcessHandle c : process.descendants().toList()) kb += status(c.pid(), "VmRSS:");
            return kb / 1024;
        }

        /** The JVM that serves: the launcher's child (it starts a second JVM for the SIMD module), else the process itself. */
        long jvm() { return process.descendants().map(ProcessHandle::pid).findFirst().orElse(process.pid()); }

        /** CPU time of the thread that trains the rooms' runs ("class-training"), from /proc. */
        long classThreadCpuNanos() throws IOException {
            long ticks = 0;
            try (var tasks = Files.list(Path.of("/proc/" + jvm() + "/task"))) {
                for (Path t : tasks.toList()) {
                    try {
                        if (!Files.readString(t.resolve("comm")).trim().equals("class-training")) continue;
                        String stat = Files.readString(t.resolve("stat"));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
                    } catch (java.nio.file.NoSuchFileException ended) {
                        // a thread that ended while we listed them (not the class run's, which lives as long as its room)
                    }
                }
            }
            return ticks * 10_000_000L; // 100 ticks a second
        }

        /** The resident memory of the JVM that serves alone (without the launcher that waits for it). */
        long jvmRssMb() { return status(jvm(), "VmRSS:") / 1024; }

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

        private static long status(long pid, String field) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status")))
                    if (line.startsWith(field)) return Long.parseLong(line.replaceAll("\\D", ""));
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
            process.descendants().forEach(ProcessHandle::destroyForcibly);
        }
    }
}
