package bnlab.web.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bnlab.experiments.Presets;
import bnlab.web.lab.ClientMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.junit.jupiter.api.io.TempDir;

/**
 * A room survives a crash (issue 25): the server from its jar, as the README starts it, with a data directory; a room
 * runs with a student who forked; the server's JVMs are killed with SIGKILL; the same command starts it again. The
 * room is back with its code, the student's page comes back to its seat and number, the class run is back (paused)
 * where the record had it, and the student's copy is back on the instructor's dashboard.
 */
class RestartIT {
    private static final Path JAR = Path.of("target", "bnlab.jar");
    private static final String TOKEN = "restart-token-0123456789";
    @TempDir Path data;

    /** A socket: messages sent as records, the server's read as text. */
    static final class Peer implements AutoCloseable {
        final LinkedBlockingQueue<String> inbox = new LinkedBlockingQueue<>();
        final WireClient client;

        Peer(int port, String path) throws IOException { client = WireClient.open(port, path, false, inbox::add); }

        String next(Predicate<String> test, int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            List<String> seen = new ArrayList<>();
            while (System.nanoTime() < deadline) {
                String m = inbox.poll(100, TimeUnit.MILLISECONDS);
                if (m == null) continue;
                if (test.test(m)) return m;
                if (seen.size() < 10 && !m.startsWith("{\"type\":\"frame\"") && !m.startsWith("{\"type\":\"wf\"")) seen.add(m.length() > 160 ? m.substring(0, 160) : m);
            }
            throw new AssertionError("nothing as wanted within " + seconds + " s; got " + seen);
        }

        void send(ClientMessage m) throws IOException { client.send(m); }

        @Override public void close() { client.close(); }
    }

    private static String field(String message, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"?([^\",}]*)").matcher(message);
        return m.find() ? m.group(1) : null;
    }

    private Process start(int port) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(),
                "--port", String.valueOf(port), "--data-dir", data.toString(), "--instructor-token", TOKEN)
                .redirectErrorStream(true).redirectOutput(data.resolveSibling(data.getFileName() + ".log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertTrue(p.isAlive(), "the server stopped: " + Files.readString(data.resolveSibling(data.getFileName() + ".log")));
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return p;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the server never listened");
    }

    private static void kill(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroyForcibly); // SIGKILL: the launcher's JVM and the one it started
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    @Test
    void a_room_comes_back_after_the_server_was_killed_with_its_code_seats_class_run_and_fork() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) { port = s.getLocalPort(); }
        Process first = start(port);
        String code, seat, number;
        long before;
        try {
            try (Peer t = new Peer(port, "/ws/teach?token=" + TOKEN)) {
                t.send(new ClientMessage.OpenRoom("restart"));
                code = field(t.next(m -> m.startsWith("{\"type\":\"room\""), 10), "code");
            }
            try (Peer t = new Peer(port, "/ws/teach?token=" + TOKEN + "&room=" + code); Peer s = new Peer(port, "/ws/join/" + code)) {
                t.next(m -> m.startsWith("{\"type\":\"room\""), 10);
                t.send(new ClientMessage.Start(Presets.LECTURE.run(), "100", false, null));
                String room = s.next(m -> m.startsWith("{\"type\":\"room\""), 10);
                seat = field(room, "seat");
                number = field(room, "number");
                t.send(new ClientMessage.Release());
                s.next(m -> m.startsWith("{\"type\":\"room\"") && m.contains("\"locked\":false"), 10);
                s.next(m -> m.startsWith("{\"type\":\"wf\"") || m.startsWith("{\"type\":\"frame\""), 10); // the run is there
                s.send(new ClientMessage.Fork());
                s.next(m -> m.startsWith("{\"type\":\"room\"") && m.contains("\"view\":\"fork\""), 10);
                Thread.sleep(7000); // a snapshot every 5 s
                t.inbox.clear();
                String frame = t.next(m -> m.startsWith("{\"type\":\"frame\""), 10);
                before = Long.parseLong(field(frame, "step"));
                assertTrue(before > 300, "the class run got to " + before);
                kill(first); // no goodbye: the sockets just drop
            }
        } finally {
            kill(first);
        }

        Process second = start(port);
        try {
            Path logFile = data.resolveSibling(data.getFileName() + ".log");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Files.readString(logFile).contains(" is back") && System.nanoTime() < deadline) Thread.sleep(100);
            String log = Files.readString(logFile);
            assertTrue(log.contains("Room " + code + " is back"), log);
            try (Peer s = new Peer(port, "/ws/join/" + code + "?seat=" + seat); Peer t = new Peer(port, "/ws/teach?token=" + TOKEN + "&room=" + code)) {
                String room = s.next(m -> m.startsWith("{\"type\":\"room\""), 10);
                assertEquals(seat, field(room, "seat"), "the page is back on its seat");
                assertEquals(number, field(room, "number"));
                String paused = t.next(m -> m.startsWith("{\"type\":\"state\"") && m.contains("\"paused\"") && Long.parseLong(field(m, "step")) > 0, 60);
                long after = Long.parseLong(field(paused, "step"));
                assertTrue(after >= before - 600 && after <= before, "the class run back where the record had it (at most 5 s before "
                        + before + "): " + after);
                String dash = t.next(m -> m.startsWith("{\"type\":\"dashboard\"") && m.contains("\"forks\":[{"), 20);
                assertTrue(dash.contains("\"number\":" + number), "the student's copy is back: " + dash);
                // a planned stop (SIGTERM, as Ctrl+C and systemd) tells nobody the room ended: it is kept for the next start
                second.destroy();
                assertTrue(second.waitFor(30, TimeUnit.SECONDS));
                assertTrue(s.inbox.stream().noneMatch(m -> m.contains("roomClosed")), "the student's page is not told the room ended");
            }
        } finally {
            kill(second);
        }
        Process third = start(port);
        try (Peer s = new Peer(port, "/ws/join/" + code + "?seat=" + seat)) {
            String room = s.next(m -> m.startsWith("{\"type\":\"room\"") || m.contains("roomClosed"), 10);
            assertEquals(seat, field(room, "seat"), "back on its seat after a planned restart too: " + room);
        } finally {
            kill(third);
        }
    }

    @Test
    void a_students_phone_page_reconnects_by_itself_to_its_seat_after_the_server_was_killed() throws Exception {
        bnlab.web.Browser.requireChromium();
        int port;
        try (ServerSocket s = new ServerSocket(0)) { port = s.getLocalPort(); }
        Process first = start(port);
        Process second = null;
        try (bnlab.web.Browser phone = new bnlab.web.Browser(390, 844, List.of())) {
            ChromeDriver d = phone.driver;
            String code;
            try (Peer t = new Peer(port, "/ws/teach?token=" + TOKEN)) {
                t.send(new ClientMessage.OpenRoom("restart"));
                code = field(t.next(m -> m.startsWith("{\"type\":\"room\""), 10), "code");
                t.send(new ClientMessage.Start(Presets.LECTURE.run(), "100", false, null));
                d.get("http://127.0.0.1:" + port + "/join/" + code + "?lang=en");
                new WebDriverWait(d, java.time.Duration.ofSeconds(20)).until(x -> step(d) > 50);
                Thread.sleep(6000); // a snapshot every 5 s
            }
            String seat = (String) d.executeScript("return sessionStorage.getItem('bnlab.seat." + code + "')");
            String line = d.findElement(By.id("nickname-state")).getText();
            kill(first);
            // the page notices (its notice says the connection is lost and it tries again) ...
            new WebDriverWait(d, java.time.Duration.ofSeconds(20)).until(x -> d.findElement(By.id("connection")).isDisplayed());
            second = start(port);
            // ... tries again by itself (after 1, 2, 4 ... s), and is back on its seat, the run shown again
            new WebDriverWait(d, java.time.Duration.ofSeconds(40)).until(x -> !d.findElement(By.id("connection")).getText().contains("lost")
                    && step(d) > 50 && d.findElement(By.id("room-ended")).getAttribute("hidden") != null);
            assertEquals(seat, d.executeScript("return sessionStorage.getItem('bnlab.seat." + code + "')"));
            assertEquals(line, d.findElement(By.id("nickname-state")).getText(), "the same student number");
        } finally {
            kill(first);
            if (second != null) kill(second);
        }
    }

    private static long step(ChromeDriver d) {
        String v = d.findElement(By.id("main")).getAttribute("data-step");
        return v == null || v.isEmpty() ? -1 : Long.parseLong(v);
    }
}
