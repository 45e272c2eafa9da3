package bnlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** POST /api/plans: an instructor's own plan, checked as at start; refused without the token, too long, or wrong. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlanUploadTest {
    static final String TOKEN = "plan-upload-token-0123456789";
    private final LabEndpoint lab = new LabEndpoint(new LabRegistry(), LabEndpoint.trainingExecutor(), (java.nio.file.Path) null);
    private final Classroom classroom = new Classroom(lab, ClassroomOptions.defaults(), InstructorToken.of(TOKEN), List.of());
    private final WebApp app = new WebApp(new bnlab.lessons.LectureExample(), lab, classroom);
    private final int port = app.start("127.0.0.1", 0);
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterAll
    void stop() { app.stop(); }

    private HttpResponse<String> post(String query, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/plans?" + query))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String plan(String key, String steps) {
        return "{\"key\": \"" + key + "\", \"title\": {\"de\": \"Mein Plan\", \"en\": \"My plan\"}, \"steps\": [" + steps + "]}";
    }

    private static final String RUN = "{\"type\": \"run\", \"preset\": \"rate-both\"}";

    @Test
    void an_instructor_uploads_a_plan_that_the_room_can_follow() throws Exception {
        var ok = post("token=" + TOKEN + "&name=mine.json", plan("mine", RUN));
        assertEquals(200, ok.statusCode(), ok.body());
        assertTrue(ok.body().contains("\"key\":\"mine\"") && ok.body().contains("\"steps\":1"), ok.body());
        assertTrue(classroom.plans().byKey("mine").isPresent());
        var again = post("token=" + TOKEN, plan("mine", RUN + "," + RUN));
        assertEquals(200, again.statusCode(), "an upload of the same key replaces it");
        assertEquals(2, classroom.plans().byKey("mine").orElseThrow().steps().size());
    }

    @Test
    void a_stranger_a_wrong_plan_and_a_huge_body_are_refused_with_a_clear_error() throws Exception {
        var stranger = post("token=wrong-token-0123456789", plan("x", RUN));
        assertEquals(403, stranger.statusCode());
        assertTrue(stranger.body().contains("instructor"), stranger.body());
        var wrong = post("token=" + TOKEN + "&name=mine.json&lang=en",
                plan("x", "{\"type\": \"question\", \"prompt\": {\"de\": \"?\", \"en\": \"?\"}, \"answers\": [{\"de\": \"a\", \"en\": \"a\"}]}"));
        assertEquals(400, wrong.statusCode());
        assertTrue(wrong.body().contains("mine.json, step 1 (question), answers: needs 2 to 5"), wrong.body());
        var german = post("token=" + TOKEN + "&lang=de", "{");
        assertEquals(400, german.statusCode());
        assertTrue(german.body().contains("Der Plan ist nicht verwendbar") && german.body().contains("not JSON"), german.body());
        var builtIn = post("token=" + TOKEN, plan("lecture", RUN));
        assertEquals(400, builtIn.statusCode(), "the built-in plan's key stays the built-in plan's");
        var huge = post("token=" + TOKEN, plan("x", RUN) + " ".repeat(300 * 1024));
        assertEquals(413, huge.statusCode());
        assertEquals(400, post("token=" + TOKEN, "").statusCode());
    }
}
