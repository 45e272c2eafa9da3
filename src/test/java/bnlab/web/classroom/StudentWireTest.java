package bnlab.web.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bnlab.experiments.Presets;
import bnlab.web.WebApp;
import bnlab.web.lab.ClientMessage;
import bnlab.web.lab.LabEndpoint;
import bnlab.web.lab.LabRegistry;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What a student's phone receives on the wire, through the whole app as a browser meets it: the students'
 * socket negotiates no per-connection compression (the lab's and the instructor's do), and a late joiner's
 * whole set-up (ready, history, state) stays under 50 KB.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StudentWireTest {
    static final String TOKEN = "wire-token-0123456789";
    private final LabEndpoint lab = new LabEndpoint(new LabRegistry(), LabEndpoint.trainingExecutor(), (java.nio.file.Path) null);
    private final Classroom classroom = new Classroom(lab, ClassroomOptions.defaults(), InstructorToken.of(TOKEN), List.of());
    private final WebApp app = new WebApp(new bnlab.lessons.LectureExample(), lab, classroom);
    private final int port = app.start("127.0.0.1", 0);

    @AfterAll
    void stop() { app.stop(); }

    private static String await(BlockingQueue<String> in, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String m = in.poll(100, TimeUnit.MILLISECONDS);
            if (m != null && m.startsWith(prefix)) return m;
        }
        throw new AssertionError("no " + prefix + " within 30 s");
    }

    @Test
    void the_students_socket_declines_compression_and_a_late_joiners_set_up_is_under_50_kb() throws Exception {
        BlockingQueue<String> teacher = new LinkedBlockingQueue<>();
        try (WireClient t = WireClient.open(port, "/ws/teach?token=" + TOKEN, true, teacher::add)) {
            assertTrue(t.deflate(), "the instructor's socket compresses, as browsers ask");
            t.send(new ClientMessage.OpenRoom("wire"));
            String code = await(teacher, "{\"type\":\"room\"").replaceAll(".*\"code\":\"([^\"]+)\".*", "$1");
            t.send(new ClientMessage.Start(Presets.LECTURE.run(), "max", false, 3000L));
            await(teacher, "{\"type\":\"state\",\"state\":\"paused\",\"step\":3000");

            BlockingQueue<String> student = new LinkedBlockingQueue<>();
            try (WireClient s = WireClient.open(port, "/ws/join/" + code, true, student::add)) {
                assertFalse(s.deflate(), "the students' socket declines permessage-deflate");
                await(student, "{\"type\":\"ready\"");
                await(student, "{\"type\":\"wh\"");
                await(student, "{\"type\":\"state\"");
                assertTrue(s.wireBytes() < 50_000, "hello, room, ready, history and state of a 3,000-iteration run: " + s.wireBytes());
            }
        }
        BlockingQueue<String> labPage = new LinkedBlockingQueue<>();
        try (WireClient l = WireClient.open(port, LabEndpoint.PATH, true, labPage::add)) {
            await(labPage, "{\"type\":\"hello\"");
            assertTrue(l.deflate(), "the lab's own socket compresses");
        }
    }

    @Test
    void a_rooms_page_is_made_once_per_language_and_names_its_room() throws Exception {
        BlockingQueue<String> teacher = new LinkedBlockingQueue<>();
        try (WireClient t = WireClient.open(port, "/ws/teach?token=" + TOKEN, true, teacher::add)) {
            t.send(new ClientMessage.OpenRoom("Hörsaal 3"));
            String code = await(teacher, "{\"type\":\"room\"").replaceAll(".*\"code\":\"([^\"]+)\".*", "$1");
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            java.util.function.Function<String, String> page = (lang) -> {
                try {
                    var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                            "http://127.0.0.1:" + port + "/join/" + code + "?lang=" + lang)).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, r.statusCode());
                    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), r.headers().toString());
                    return r.body();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            };
            String en = page.apply("en"), de = page.apply("de");
            assertEquals(en, page.apply("en"), "every student gets the same page");
            assertTrue(en.contains("<html lang=\"en\"") && de.contains("<html lang=\"de\""), "each language its own");
            for (String p : List.of(en, de)) {
                assertTrue(p.contains("Hörsaal 3") && p.contains(code), "the room's name and code");
                assertFalse(p.contains(TOKEN), "nothing of the instructor's");
            }
        }
    }
}
