package bnlab.web;

import bnlab.web.classroom.Classroom;
import bnlab.web.classroom.ClassroomOptions;
import bnlab.web.classroom.InstructorToken;
import bnlab.web.lab.LabEndpoint;
import bnlab.web.lab.LabRegistry;
import java.util.List;

/**
 * Runs the web app with the real lesson network, for looking at the page by hand:
 * java ... bnlab.web.DevServer [port]; with -Dbnlab.token=TEXT (16+ characters) the instructor's page is
 * /teach?token=TEXT.
 */
public final class DevServer {
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 7070;
        String token = System.getProperty("bnlab.token");
        WebApp app;
        if (token == null) {
            app = new WebApp(new bnlab.lessons.LectureExample());
        } else {
            LabEndpoint lab = new LabEndpoint(new LabRegistry(), LabEndpoint.trainingExecutor(), (java.nio.file.Path) null);
            app = new WebApp(new bnlab.lessons.LectureExample(), lab,
                    new Classroom(lab, ClassroomOptions.defaults(), InstructorToken.of(token), List.of()));
        }
        int bound = app.start("127.0.0.1", port);
        System.out.println("BN Lab on http://127.0.0.1:" + bound + "/" + (token == null ? "" : " · instructor: /teach?token=" + token));
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop));
    }
}
