package bnlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bnlab.record.ClassRecord;
import bnlab.web.classroom.Classroom;
import bnlab.web.classroom.ClassroomOptions;
import bnlab.web.classroom.InstructorToken;
import bnlab.web.classroom.Recorder;
import bnlab.web.lab.LabEndpoint;
import bnlab.web.lab.LabRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The class's record after class in Chromium: the instructor's list and a room (its chart drawn, its PNG made), and
 * the downloaded report opened from a file with the network cut off. {@code -Dbnlab.shots=DIR} saves screenshots at a
 * projector's, a tablet's and a phone's size in both languages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PastRoomsBrowserTest {
    private static final String TOKEN = PastRoomsTest.TOKEN;
    private LabEndpoint lab;
    private WebApp app;
    private int port;
    private long room;
    private Path downloads;

    @BeforeAll
    void start() throws Exception {
        Browser.requireChromium();
        ClassRecord record = ClassRecord.open(Files.createTempDirectory("past-browser"));
        room = PastRoomsTest.aLecture(record, PastRoomsTest.firstQuestion());
        lab = new LabEndpoint(new LabRegistry(), LabEndpoint.trainingExecutor(), (Path) null);
        Classroom classroom = new Classroom(lab, ClassroomOptions.defaults(), InstructorToken.of(TOKEN), List.of());
        classroom.recordTo(new Recorder(record));
        app = new WebApp(new bnlab.lessons.LectureExample(), lab, classroom);
        port = app.start("127.0.0.1", 0);
        downloads = Files.createTempDirectory("past-downloads");
    }

    @AfterAll
    void stop() { if (app != null) app.stop(); }

    private String url(String path) { return "http://127.0.0.1:" + port + path; }

    private static void shot(ChromeDriver d, String name) throws Exception {
        String dir = System.getProperty("bnlab.shots");
        if (dir == null) return;
        Files.createDirectories(Path.of(dir));
        Files.write(Path.of(dir, name + ".png"), d.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void the_list_and_a_room_on_a_projector_a_tablet_and_a_phone_and_its_chart_as_png() throws Exception {
        for (int[] size : new int[][]{{1920, 1080}, {1280, 720}, {768, 1024}, {390, 844}}) {
            try (Browser b = new Browser(size[0], size[1], downloads)) {
                ChromeDriver d = b.driver;
                for (String lang : List.of("en", "de")) {
                    d.get(url("/teach/rooms?token=" + TOKEN + "&lang=" + lang));
                    assertEquals(1, d.findElements(By.cssSelector("#past-rooms tbody tr")).size());
                    shot(d, "past-rooms-" + lang + "-" + size[0] + "x" + size[1]);
                    d.findElement(By.cssSelector("#past-rooms tbody a")).click();
                    new WebDriverWait(d, Duration.ofSeconds(10)).until(x -> !d.findElements(By.cssSelector("#past-chart svg")).isEmpty());
                    assertTrue(d.findElements(By.cssSelector("#past-chart svg circle, #past-chart svg path")).size() >= 4,
                            "the class run and the copy drawn");
                    assertEquals(3, d.findElements(By.cssSelector("#past-runs tbody tr")).size() + 1, "the class run and one copy");
                    shot(d, "past-room-" + lang + "-" + size[0] + "x" + size[1]);
                    assertEquals(List.of(), b.consoleErrors());
                }
            }
        }
        try (Browser b = new Browser(1280, 720, downloads)) {
            // from the instructor's page: its link shows no token, and takes it along when followed
            b.driver.get(url("/teach?token=" + TOKEN + "&lang=en"));
            assertEquals(url("/teach/rooms"), b.driver.findElement(By.id("past-rooms-link")).getAttribute("href"));
            b.driver.findElement(By.id("past-rooms-link")).click();
            new WebDriverWait(b.driver, Duration.ofSeconds(10)).until(x -> !b.driver.findElements(By.id("past-rooms")).isEmpty());
            b.driver.findElement(By.cssSelector("#past-rooms tbody a")).click();
            new WebDriverWait(b.driver, Duration.ofSeconds(10)).until(x -> !b.driver.findElements(By.id("past-png")).isEmpty());
            b.driver.findElement(By.id("past-png")).click();
            Path png = downloads.resolve("bnlab-K7PX-class-chart.png");
            new WebDriverWait(b.driver, Duration.ofSeconds(10)).until(x -> Files.exists(png));
            byte[] head = Files.readAllBytes(png);
            assertTrue(head.length > 5000 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G', "a PNG of the chart: " + head.length + " bytes");
        }
    }

    @Test
    void the_report_opens_from_a_file_with_no_network() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                url("/teach/rooms/" + room + "/report.html?token=" + TOKEN + "&lang=de"))).build(), HttpResponse.BodyHandlers.ofString());
        Path file = Files.createTempDirectory("report").resolve("bnlab-K7PX.html");
        Files.writeString(file, r.body());
        // every name resolves to nothing: whatever the file would load from elsewhere fails (and shows in the console)
        try (Browser b = new Browser(1280, 900, List.of("--host-resolver-rules=MAP * ~NOTFOUND"))) {
            b.driver.get(file.toUri().toString());
            assertEquals("Raum K7PX", b.driver.getTitle());
            assertTrue(b.driver.findElements(By.cssSelector("svg circle")).size() >= 2, "the chart is drawn");
            assertTrue(b.driver.findElement(By.tagName("body")).getText().contains("Grace"));
            assertEquals(List.of(), b.consoleErrors());
            shot(b.driver, "past-report-de");
        }
    }
}
