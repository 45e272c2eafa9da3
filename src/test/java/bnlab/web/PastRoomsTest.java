package bnlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bnlab.lessons.plan.LecturePlan;
import bnlab.lessons.plan.LecturePlans;
import bnlab.record.ClassRecord;
import bnlab.web.classroom.Classroom;
import bnlab.web.classroom.ClassroomOptions;
import bnlab.web.classroom.InstructorToken;
import bnlab.web.classroom.Recorder;
import bnlab.web.lab.LabEndpoint;
import bnlab.web.lab.LabRegistry;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The class's record after class over HTTP (/teach/rooms), on a real record (SQLite in a temporary folder) filled as a
 * lecture fills it: the instructor's token only, the list, one room read-only, the CSV parsed back, the report with
 * nothing to load, deletion.
 */
class PastRoomsTest {
    static final String TOKEN = "past-token-0123456789";
    private LabEndpoint lab;
    private Classroom classroom;
    private WebApp app;
    private int port;
    private ClassRecord record;
    private long room;
    private int question;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void start() throws Exception {
        Path data = Files.createTempDirectory("past-rooms");
        record = ClassRecord.open(data);
        question = firstQuestion();
        room = aLecture(record, question);
        lab = new LabEndpoint(new LabRegistry(), LabEndpoint.trainingExecutor(), (Path) null);
        classroom = new Classroom(lab, ClassroomOptions.defaults(), InstructorToken.of(TOKEN), List.of());
        classroom.recordTo(new Recorder(record));
        app = new WebApp(new bnlab.lessons.LectureExample(), lab, classroom);
        port = app.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() { app.stop(); }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void only_the_instructor_sees_the_past_rooms_and_a_room_read_only_in_both_languages() throws Exception {
        for (String path : List.of("/teach/rooms", "/teach/rooms?token=wrong-token-0123456789", "/teach/rooms/" + room,
                "/teach/rooms/" + room + "/forks.csv", "/teach/rooms/" + room + "/report.html")) {
            var r = get(path);
            assertEquals(403, r.statusCode(), path);
            assertFalse(r.body().contains("Grace") || r.body().contains("K7PX"), path);
        }
        var list = get("/teach/rooms?token=" + TOKEN + "&lang=en");
        assertEquals(200, list.statusCode());
        assertTrue(list.body().contains("K7PX") && list.body().contains("BN &lt;101&gt;"), "the room, its name as text");
        assertEquals("no-referrer", list.headers().firstValue("Referrer-Policy").orElse(""));
        assertFalse(list.body().contains("token=" + TOKEN), "no link shows the token (it is added when one is followed)");
        assertTrue(get("/teach/rooms?token=" + TOKEN + "&lang=de").body().contains("Frühere Räume"));

        var page = get("/teach/rooms/" + room + "?token=" + TOKEN + "&lang=en");
        assertEquals(200, page.statusCode());
        String body = page.body();
        assertTrue(body.contains("<svg") && body.contains("Grace"), "the chart and the student's copy");
        String prompt = ((LecturePlan.Question) LecturePlans.builtIn().steps().get(question)).prompt().en();
        assertTrue(body.contains(prompt.replace("’", "’")), "the question as the plan asks it");
        assertTrue(body.contains("at 612"), "when the copy without BN diverged");
        assertEquals(404, get("/teach/rooms/999999?token=" + TOKEN).statusCode());
        assertEquals(404, get("/teach/rooms/nope?token=" + TOKEN).statusCode());
    }

    @Test
    void the_csv_reads_back_with_every_copy_and_the_link_that_replays_it() throws Exception {
        var csv = get("/teach/rooms/" + room + "/forks.csv?token=" + TOKEN);
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        List<CsvRecord> rows;
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(csv.body())) {
            rows = reader.stream().toList();
        }
        List<String> head = rows.get(0).getFields();
        assertEquals(List.of("room", "run", "student", "nickname", "from_step", "step", "plain_learning_rate", "plain_accuracy",
                "plain_accuracy_at_1000", "plain_diverged", "bn_learning_rate", "bn_accuracy", "bn_accuracy_at_1000", "bn_diverged", "link"), head);
        assertEquals(3, rows.size(), "a header, the class run and one copy");
        CsvRecord fork = rows.get(2);
        assertEquals("Grace", fork.getField(head.indexOf("nickname")));
        assertEquals("7", fork.getField(head.indexOf("student")));
        assertEquals("0.74", fork.getField(head.indexOf("bn_accuracy_at_1000")));
        assertEquals("exploded@612", fork.getField(head.indexOf("plain_diverged")));
        assertEquals("http://127.0.0.1:" + port + "/lab?seed=1&rateChanges=400:3", fork.getField(head.indexOf("link")));
        assertEquals("class", rows.get(1).getField(head.indexOf("run")));
    }

    @Test
    void the_report_is_one_file_with_nothing_to_load() throws Exception {
        var report = get("/teach/rooms/" + room + "/report.html?token=" + TOKEN + "&lang=de");
        assertEquals(200, report.statusCode());
        assertTrue(report.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment;"));
        String body = report.body();
        assertTrue(body.contains("<svg") && body.contains("Grace") && body.contains("lang=\"de\""), "the chart, the copies, in German");
        for (String outside : List.of("<script", "src=", "<link", "url(", "@import"))
            assertFalse(body.contains(outside), "nothing loaded from elsewhere: " + outside);
    }

    @Test
    void a_deleted_room_is_gone_from_the_list_and_the_record() throws Exception {
        var refused = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/teach/rooms/" + room + "/delete"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("token=wrong")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, refused.statusCode());
        assertEquals(1, record.rooms().size());
        var deleted = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/teach/rooms/" + room + "/delete"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("token=" + TOKEN)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(303, deleted.statusCode());
        assertTrue(deleted.headers().firstValue("Location").orElse("").startsWith("/teach/rooms?token="));
        assertEquals(List.of(), record.rooms());
        assertFalse(get("/teach/rooms?token=" + TOKEN).body().contains("K7PX"));
    }

    /** The first question of the built-in plan. */
    static int firstQuestion() {
        LecturePlan plan = LecturePlans.builtIn();
        int q = 0;
        while (!(plan.steps().get(q) instanceof LecturePlan.Question)) q++;
        return q;
    }

    /** A closed room as a lecture leaves it: the class run, a student's copy that partly diverged, three answers. */
    static long aLecture(ClassRecord record, int question) throws Exception {
        LecturePlan plan = LecturePlans.builtIn();
        long room = record.roomOpened("K7PX", "BN <101>", 1_700_000_000_000L);
        record.plan(room, plan.key());
        record.runs(room, List.of(
                new ClassRecord.RunRows(new ClassRecord.Run("", null, null, "/lab?seed=1", 1_700_000_000_000L, 0, 3000),
                        List.of(new ClassRecord.Net("", "plain", 0, 0.5, 0.7, 0.6, 3000L, null, null),
                                new ClassRecord.Net("", "bn", 1, 0.5, 0.8, 0.4, 3000L, null, null)),
                        List.of(new ClassRecord.Checkpoint("", "plain", 1000, 1000, 0.65, 0.7), new ClassRecord.Checkpoint("", "bn", 1000, 1000, 0.78, 0.5))),
                new ClassRecord.RunRows(new ClassRecord.Run("f1", 7, "Grace", "/lab?seed=1&rateChanges=400:3", 1_700_000_100_000L, 400, 2500),
                        List.of(new ClassRecord.Net("f1", "plain", 0, 3.0, null, null, null, "exploded", 612L),
                                new ClassRecord.Net("f1", "bn", 1, 3.0, 0.75, 0.5, 2500L, null, null)),
                        List.of(new ClassRecord.Checkpoint("f1", "bn", 1000, 1010, 0.74, 0.5)))));
        record.answer(room, new ClassRecord.Answer(question, 1, 7, 1, 1_700_000_200_000L));
        record.answer(room, new ClassRecord.Answer(question, 1, 8, 1, 1_700_000_200_000L));
        record.answer(room, new ClassRecord.Answer(question, 1, 9, 0, 1_700_000_200_000L));
        record.roomClosed(room, "closed", 1_700_000_900_000L);
        return room;
    }
}
