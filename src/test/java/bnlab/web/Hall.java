package bnlab.web;

import bnlab.lessons.LectureExample;
import bnlab.web.classroom.Classroom;
import bnlab.web.classroom.ClassroomOptions;
import bnlab.web.classroom.InstructorToken;
import bnlab.web.lab.LabEndpoint;
import bnlab.web.lab.LabRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the browser tests of a lecture hall share: the app with a classroom on a free port, and the few things
 * every such test does with a page (wait, find main, size the viewport as a phone or a projector).
 */
final class Hall {
    private Hall() {}

    /** The web app with a classroom whose instructor's token is {@code token}, started on 127.0.0.1. */
    static WebApp app(String token) {
        LabEndpoint lab = new LabEndpoint(new LabRegistry(), LabEndpoint.trainingExecutor(), (Path) null);
        return new WebApp(new LectureExample(), lab, new Classroom(lab, ClassroomOptions.defaults(), InstructorToken.of(token), List.of()));
    }

    static WebDriverWait waitUpTo(ChromeDriver d, int seconds) { return new WebDriverWait(d, Duration.ofSeconds(seconds)); }

    static WebElement main(ChromeDriver d) { return d.findElement(By.id("main")); }

    /** An exact viewport (the window's inner size), as a phone (touch, device width) below 800 pixels. */
    static void viewport(ChromeDriver d, int w, int h) {
        d.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", w, "height", h, "deviceScaleFactor", 1, "mobile", w < 800));
    }
}
