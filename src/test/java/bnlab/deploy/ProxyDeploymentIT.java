package bnlab.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bnlab.experiments.Presets;
import bnlab.web.Browser;
import bnlab.web.broker.RedisServerProcess;
import bnlab.web.classroom.WireClient;
import bnlab.web.classroom.WireClient.Endpoint;
import bnlab.web.lab.ClientMessage;
import bnlab.web.lab.LabJson;
import bnlab.web.lab.ServerMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The documented deployment, for real, on loopback (docs/classroom.md, "Behind nginx with HTTPS" and "Several
 * instances with Redis"): Debian's nginx with the repository's site file (deploy/nginx/bnlab.conf, two instances in its
 * upstream) and a self-signed certificate for {@value #NAME}, in front of two BN Lab instances started with the
 * ExecStart line of deploy/systemd/bnlab@.service and the options of deploy/systemd/bnlab.env, sharing the rooms
 * through a real redis-server. Every client goes through nginx over TLS and checks the certificate for that name;
 * only /health is asked of the instances directly, to see where the students landed. Chromium opens the pages over
 * HTTPS as an instructor and a student would.
 */
class ProxyDeploymentIT {
    static final String NAME = "lab.test";
    static final String TOKEN = "proxy-token-0123456789abcdef";
    private static final LabJson JSON = new LabJson();

    private static RedisServerProcess redis;
    private static final List<Service.Instance> instances = new ArrayList<>();
    private static NginxProcess nginx;
    private static Endpoint proxy;

    @BeforeAll
    static void start() throws Exception {
        NginxProcess.requireNginx();
        redis = RedisServerProcess.start();
        int[] ports = {Service.freePort(), Service.freePort()};
        // nginx first: the instances' --allowed-origin names its HTTPS port
        nginx = NginxProcess.start(NAME, List.of(ports[0], ports[1]));
        for (int port : ports) instances.add(Service.start(port, NAME, nginx.httpsPort(), redis.uri(), TOKEN));
        proxy = new Endpoint(NAME, nginx.httpsPort(), nginx.trust());
    }

    @AfterAll
    static void stop() {
        if (nginx != null) nginx.close();
        for (Service.Instance i : instances) i.close();
        if (redis != null) redis.close();
    }

    @Test
    void http_is_sent_to_https_a_foreign_name_is_refused_by_BN_Lab_and_an_upload_larger_than_nginxs_default_gets_through() throws Exception {
        Answer http = request(new Endpoint(NAME, nginx.httpPort(), null), "GET", "/join", NAME, null);
        assertEquals(301, http.status(), http.head());
        assertTrue(http.head().contains("Location: https://" + NAME + "/join"), http.head());

        Answer health = request(proxy, "GET", "/health", NAME, null);
        assertEquals(200, health.status(), health.head());
        assertTrue(health.body().contains("\"kernels\":\"vector-"), health.body());

        // nginx passes the Host on: BN Lab's own check refuses a name it was not given (--public-host)
        Answer foreign = request(proxy, "GET", "/", "rebound.example", null);
        assertEquals(403, foreign.status(), foreign.head());
        assertTrue(foreign.body().contains("rebound.example"), foreign.body());

        // 1.5 MB: nginx's default would answer 413 itself; client_max_body_size lets BN Lab judge it
        byte[] csv = "x1,x2,label\n".concat("0.5,0.25,1\n".repeat(140_000)).getBytes(StandardCharsets.US_ASCII);
        assertTrue(csv.length > 1024 * 1024);
        Answer upload = request(proxy, "POST", "/api/lab/csv", NAME, csv);
        assertTrue(!upload.body().contains("nginx") && upload.status() != 413, upload.head() + upload.body());
    }

    @Test
    void an_instructor_and_students_through_nginx_share_one_room_across_both_instances_fork_and_are_counted() throws Exception {
        try (Peer teacher = Peer.open(proxy, "/ws/teach?token=" + TOKEN)) {
            teacher.send(new ClientMessage.OpenRoom("proxy"));
            String code = teacher.next(ServerMessage.Room.class, r -> true).code();
            teacher.send(new ClientMessage.Start(Presets.LECTURE.run(), "50", false, null));
            List<Peer> students = new ArrayList<>();
            try {
                WireClient.get(proxy, "/join/" + code, 10_000); // the join page, through nginx
                // the sockets one after another: nginx takes turns between the instances per request, so a page
                // load before each socket would send every socket to the same one
                for (int i = 0; i < 6; i++) students.add(Peer.open(proxy, "/ws/join/" + code));
                for (Peer s : students) s.nextFrame(60);
                int[] open = {instances.get(0).connections(), instances.get(1).connections()};
                assertEquals(7, open[0] + open[1], "the instructor and six students");
                assertTrue(open[0] > 0 && open[1] > 0, "nginx spreads them over both instances: " + open[0] + " and " + open[1]);

                teacher.send(new ClientMessage.Release());
                for (Peer s : students) s.next(ServerMessage.Room.class, r -> !r.locked());
                for (Peer s : students) s.send(new ClientMessage.Fork());
                for (Peer s : students) s.next(ServerMessage.Room.class, r -> "fork".equals(r.view()));
                ServerMessage.Dashboard d = teacher.next(ServerMessage.Dashboard.class, x -> x.forks().size() == 6);
                assertEquals(6, d.students());
            } finally {
                for (Peer s : students) s.close();
            }
        }
    }

    @Test
    void a_socket_through_nginx_stays_open_across_a_paused_run_longer_than_nginxs_default_60_s() throws Exception {
        try (Peer teacher = Peer.open(proxy, "/ws/teach?token=" + TOKEN)) {
            teacher.send(new ClientMessage.OpenRoom("pause"));
            String code = teacher.next(ServerMessage.Room.class, r -> true).code();
            teacher.send(new ClientMessage.Start(Presets.LECTURE.run(), "50", false, null));
            try (Peer a = Peer.open(proxy, "/ws/join/" + code); Peer b = Peer.open(proxy, "/ws/join/" + code)) {
                a.nextFrame(60);
                b.nextFrame(60);
                teacher.send(new ClientMessage.Pause());
                teacher.next(ServerMessage.State.class, m -> m.state().equals("paused"));
                a.next(ServerMessage.State.class, m -> m.state().equals("paused"));
                b.next(ServerMessage.State.class, m -> m.state().equals("paused"));
                Thread.sleep(75_000); // no frame, no message: only BN Lab's pings cross nginx
                assertTrue(teacher.client.isOpen() && a.client.isOpen() && b.client.isOpen(), "open after 75 s; nginx: " + nginx.log());
                teacher.send(new ClientMessage.Resume());
                a.nextFrame(30);
                b.nextFrame(30);
            }
        }
    }

    @Test
    void in_Chromium_over_https_the_instructor_opens_a_room_and_a_student_on_a_phone_watches_it_without_a_console_error() throws Exception {
        // the browser resolves the name to loopback and accepts the test's own certificate
        List<String> arguments = List.of("--host-resolver-rules=MAP " + NAME + " 127.0.0.1", "--ignore-certificate-errors");
        String base = "https://" + NAME + ":" + nginx.httpsPort();
        try (Browser teacher = new Browser(1280, 720, arguments); Browser phone = new Browser(390, 844, arguments)) {
            ChromeDriver t = teacher.driver, s = phone.driver;
            t.get(base + "/teach?token=" + TOKEN + "&lang=en");
            waitUpTo(t, 20).until(x -> "en".equals(main(t).getAttribute("data-ready")));
            t.findElement(By.id("room-name")).sendKeys("Through nginx");
            t.findElement(By.id("btn-open-room")).click();
            String code = waitUpTo(t, 20).until(x -> {
                String c = t.findElement(By.id("room-code")).getText();
                return c.length() == 4 ? c : null;
            });
            t.findElement(By.id("btn-join-hide")).sendKeys(Keys.ESCAPE);
            s.get(base + "/join/" + code + "?lang=de");
            waitUpTo(s, 20).until(x -> "class".equals(main(s).getAttribute("data-view")));
            t.findElement(By.id("btn-play")).click();
            waitUpTo(s, 30).until(x -> step(s) > 20);
            assertEquals("https:", s.executeScript("return location.protocol"));
            assertEquals(List.of(), teacher.consoleErrors());
            assertEquals(List.of(), phone.consoleErrors());
        }
    }

    private static WebDriverWait waitUpTo(ChromeDriver d, int seconds) { return new WebDriverWait(d, Duration.ofSeconds(seconds)); }

    private static WebElement main(ChromeDriver d) { return d.findElement(By.id("main")); }

    private static long step(ChromeDriver d) {
        String v = main(d).getAttribute("data-step");
        return v == null || v.isEmpty() ? -1 : Long.parseLong(v);
    }

    /** A WebSocket through nginx with what arrived on it, parsed (frames only counted). */
    static final class Peer implements AutoCloseable {
        final WireClient client;
        private final LinkedBlockingQueue<String> inbox = new LinkedBlockingQueue<>();

        private Peer(Endpoint to, String path) throws IOException {
            client = WireClient.open(to, path, true, inbox::add);
        }

        static Peer open(Endpoint to, String path) throws IOException { return new Peer(to, path); }

        void send(ClientMessage m) throws IOException { client.send(m); }

        /** The next frame of a run within {@code seconds}. */
        void nextFrame(int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline) {
                String m = inbox.poll(100, TimeUnit.MILLISECONDS);
                if (m != null && (m.startsWith("{\"type\":\"wf\"") || m.startsWith("{\"type\":\"frame\""))) return;
            }
            throw new AssertionError("no frame within " + seconds + " s; open: " + client.isOpen());
        }

        /** The next message of this type that {@code test} accepts, within 30 s; others are passed over. */
        <T extends ServerMessage> T next(Class<T> type, Predicate<T> test) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            List<String> seen = new ArrayList<>();
            while (System.nanoTime() < deadline) {
                String m = inbox.poll(100, TimeUnit.MILLISECONDS);
                if (m == null || m.startsWith("{\"type\":\"wf\"") || m.startsWith("{\"type\":\"frame\"")) continue;
                if (seen.size() < 20) seen.add(m.length() > 200 ? m.substring(0, 200) : m);
                ServerMessage parsed;
                try {
                    parsed = JSON.readServer(m);
                } catch (IOException notOneOfOurs) {
                    continue; // the watchers' thin messages
                }
                if (type.isInstance(parsed) && test.test(type.cast(parsed))) return type.cast(parsed);
            }
            throw new AssertionError("no " + type.getSimpleName() + " within 30 s; got " + seen);
        }

        @Override public void close() { client.close(); }
    }

    record Answer(int status, String head, String body) {}

    /** One HTTP/1.1 request on a socket of its own, naming {@code host}, read to its end. */
    static Answer request(Endpoint to, String method, String path, String host, byte[] body) throws IOException {
        try (Socket s = to.connect(10_000, new AtomicLong())) {
            s.setSoTimeout(30_000);
            String head = method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n"
                    + (body == null ? "" : "Content-Type: text/csv\r\nContent-Length: " + body.length + "\r\n") + "\r\n";
            s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            if (body != null) s.getOutputStream().write(body);
            s.getOutputStream().flush();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            s.getInputStream().transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String h = split < 0 ? text : text.substring(0, split);
            return new Answer(Integer.parseInt(h.substring(9, 12)), h, split < 0 ? "" : text.substring(split + 4));
        }
    }
}
