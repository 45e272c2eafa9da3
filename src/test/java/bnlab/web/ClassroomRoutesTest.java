package bnlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bnlab.web.classroom.Classroom;
import bnlab.web.classroom.ClassroomOptions;
import bnlab.web.classroom.InstructorToken;
import bnlab.web.lab.LabEndpoint;
import bnlab.web.lab.LabRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The classroom's pages over HTTP: the token's gate, unknown codes, the QR code, /health, the headers. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClassroomRoutesTest {
    static final String TOKEN = "routes-token-0123456789";
    private final LabEndpoint lab = new LabEndpoint(new LabRegistry(), LabEndpoint.trainingExecutor(), (java.nio.file.Path) null);
    private final Classroom classroom = new Classroom(lab, ClassroomOptions.defaults(), InstructorToken.of(TOKEN), List.of());
    private final WebApp app = new WebApp(new bnlab.lessons.LectureExample(), lab, classroom);
    private final int port = app.start("127.0.0.1", 0);
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @AfterAll
    void stop() { app.stop(); }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (headers.length > 0) b.headers(headers);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void the_instructors_page_needs_the_token_and_says_in_the_pages_language_how_to_get_it() throws Exception {
        for (String path : List.of("/teach", "/teach?token=", "/teach?token=wrong-token-0123456789", "/teach?token=" + TOKEN + "0")) {
            var page = get(path + (path.contains("?") ? "&" : "?") + "lang=en");
            assertEquals(403, page.statusCode(), path);
            assertFalse(page.body().contains("room-panel"), "no instructor page without the token: " + path);
            assertFalse(page.body().contains(TOKEN), "the token never appears in a refusal");
        }
        assertEquals("de", get("/teach?lang=de").body().replaceAll("(?s).*<html lang=\"(..)\".*", "$1"));
        var ok = get("/teach?token=" + TOKEN);
        assertEquals(200, ok.statusCode());
        assertEquals("no-referrer", ok.headers().firstValue("Referrer-Policy").orElse(""), "the token stays out of Referer headers");
    }

    @Test
    void every_classroom_page_has_the_security_headers() throws Exception {
        for (String path : List.of("/teach", "/teach?token=" + TOKEN, "/join", "/join/ZZZZ", "/health")) {
            var r = get(path);
            assertTrue(r.headers().firstValue("Content-Security-Policy").isPresent(), path);
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), path);
        }
    }

    @Test
    void a_code_that_names_no_room_gives_the_form_again_saying_so() throws Exception {
        var page = get("/join/ZZZZ?lang=en");
        assertEquals(404, page.statusCode());
        assertTrue(page.body().contains("ZZZZ"), "the code typed is shown again");
        assertEquals(404, get("/join/ZZZZ/qr.svg").statusCode());
        assertEquals(404, get("/join/%3Cscript%3E").statusCode(), "no such code; nothing of it is echoed unescaped");
        assertFalse(get("/join/%3Cscript%3E").body().contains("<script>alert"));
        assertEquals(200, get("/join?lang=de").statusCode());
        var sent = get("/join?code=k7-px");
        assertEquals(302, sent.statusCode(), "the form sent without its script goes on to the room's address");
        assertEquals("/join/K7PX", sent.headers().firstValue("Location").orElse(""));
    }

    @Test
    void health_answers_for_monitoring() throws Exception {
        var r = get("/health");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("\"status\":\"ok\""), r.body());
        assertTrue(r.body().contains("\"rooms\":"), r.body());
        assertTrue(r.body().contains("\"kernels\":\"" + bnlab.engine.Kernels.implementation() + "\""), r.body());
    }
}
