package bnlab.web.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bnlab.web.WebApp;
import bnlab.web.lab.ClientMessage;
import bnlab.web.lab.LabClient;
import bnlab.web.lab.LabEndpoint;
import bnlab.web.lab.LabRegistry;
import bnlab.web.lab.ServerMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One limit per address for every route that tells whether a room code exists: the join page, the QR image and the
 * student's socket count against the same minute, so a guesser learns nothing faster through HTTP.
 */
class JoinLimitTest {
    static final String TOKEN = "limit-token-0123456789";
    static final int LIMIT = 4;

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private LabEndpoint lab;
    private WebApp app;
    private int port;
    private LabClient instructor;
    private String code;

    @BeforeEach
    void start() throws Exception {
        lab = new LabEndpoint(new LabRegistry(), LabEndpoint.trainingExecutor(), (java.nio.file.Path) null);
        ClassroomOptions d = ClassroomOptions.defaults();
        ClassroomOptions options = new ClassroomOptions(d.maxRooms(), d.maxStudents(), d.maxForks(), d.maxForksPerStudent(), LIMIT,
                d.instructorGrace(), d.forkIdle(), d.roomIdle(), d.studentGrace());
        Classroom classroom = new Classroom(lab, options, InstructorToken.of(TOKEN), List.of(), null, clock::get);
        app = new WebApp(new bnlab.lessons.LectureExample(), lab, classroom);
        port = app.start("127.0.0.1", 0);
        instructor = LabClient.connect(http, port, ClassroomEndpoint.TEACH + "?token=" + TOKEN); // not a look-up
        instructor.next(ServerMessage.Hello.class);
        instructor.send(new ClientMessage.OpenRoom("limit"));
        code = instructor.next(ServerMessage.Room.class).code();
    }

    @AfterEach
    void stop() throws Exception {
        instructor.close();
        app.stop();
    }

    private HttpResponse<String> get(String path, String language) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Accept-Language", language).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A student's socket: whether the room let it in (hello, then its room message) or refused it for the join rate. */
    private boolean socketAdmitted() throws Exception {
        LabClient c = LabClient.connect(http, port, ClassroomEndpoint.JOIN + code);
        ServerMessage m = c.next(ServerMessage.class, x -> x instanceof ServerMessage.Room || x instanceof ServerMessage.Error);
        if (m instanceof ServerMessage.Error e) {
            assertEquals("joinRate", e.rule());
            assertTrue(c.awaitClosed(Duration.ofSeconds(5)), "a refused socket is closed");
            return false;
        }
        c.close();
        return true;
    }

    private void assertRefused(HttpResponse<String> r, String words) {
        assertEquals(429, r.statusCode(), r.uri().toString());
        long retry = Long.parseLong(r.headers().firstValue("Retry-After").orElse("-1"));
        assertTrue(retry >= 1 && retry <= 60, "Retry-After in whole seconds within the minute: " + retry);
        assertTrue(r.body().contains(words) && r.body().contains(String.valueOf(LIMIT)), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), r.headers().toString());
        assertTrue(r.headers().firstValue("Content-Security-Policy").isPresent(), "the security headers stay");
    }

    @Test
    void page_loads_and_qr_images_use_up_the_limit_of_the_students_socket() throws Exception {
        assertEquals(200, get("/join/" + code, "en").statusCode());
        assertEquals(404, get("/join/ZZZZ", "en").statusCode(), "an unknown code counts as much as a known one");
        assertEquals(200, get("/join/" + code + "/qr.svg", "en").statusCode());
        assertEquals(200, get("/join/" + code.toLowerCase(), "en").statusCode());
        assertEquals(false, socketAdmitted(), "the fifth look-up of the minute, on the socket, is refused");
        assertRefused(get("/join/" + code, "de"), "Zu viele Versuche");
        assertRefused(get("/join/ZZZZ", "en"), "Too many tries");
        assertRefused(get("/join/" + code + "/qr.svg", "en"), "Too many tries");
    }

    @Test
    void sockets_use_up_the_limit_of_the_join_page_and_the_qr_image() throws Exception {
        for (int i = 0; i < LIMIT; i++) assertTrue(socketAdmitted(), "join " + (i + 1));
        assertRefused(get("/join/" + code, "en"), "Too many tries");
        assertRefused(get("/join/WXYZ", "en"), "Too many tries");
        assertRefused(get("/join/" + code + "/qr.svg", "de"), "Zu viele Versuche");
        assertEquals(false, socketAdmitted());
    }

    @Test
    void the_limit_resets_after_a_minute_and_retry_after_counts_down() throws Exception {
        for (int i = 0; i < LIMIT; i++) assertEquals(200, get("/join/" + code, "en").statusCode());
        clock.addAndGet(TimeUnit.SECONDS.toNanos(45));
        HttpResponse<String> refused = get("/join/" + code, "en");
        assertEquals(429, refused.statusCode());
        assertEquals("15", refused.headers().firstValue("Retry-After").orElse(""), "the minute began with the first look-up");
        clock.addAndGet(TimeUnit.SECONDS.toNanos(15));
        assertTrue(socketAdmitted(), "a new minute");
        for (int i = 1; i < LIMIT; i++) assertEquals(200, get("/join/" + code, "en").statusCode());
        assertEquals(429, get("/join/" + code + "/qr.svg", "en").statusCode());
    }

    @Test
    void the_instructors_socket_and_the_join_form_do_not_count() throws Exception {
        for (int i = 0; i < 2 * LIMIT; i++) {
            assertEquals(200, get("/join", "en").statusCode());
            LabClient t = LabClient.connect(http, port, ClassroomEndpoint.TEACH + "?token=" + TOKEN);
            t.next(ServerMessage.Hello.class);
            t.close();
        }
        assertEquals(200, get("/join/" + code, "en").statusCode());
    }

    @Test
    void an_address_is_the_same_however_it_is_spelled() {
        assertEquals(JoinLimit.key("0:0:0:0:0:0:0:1"), JoinLimit.key("[::1]"));
        assertEquals("127.0.0.1", JoinLimit.key("127.0.0.1"));
        assertEquals(JoinLimit.key("fe80:0:0:0:0:0:0:1"), JoinLimit.key("[fe80::1]"));
    }
}
