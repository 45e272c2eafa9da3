package bnlab.web;

/**
 * Runs the web app with the real lesson network, for looking at the page by hand:
 * java ... bnlab.web.DevServer [port]
 */
public final class DevServer {
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 7070;
        WebApp app = new WebApp(new bnlab.lessons.LectureExample());
        int bound = app.start("127.0.0.1", port);
        System.out.println("BN Lab on http://127.0.0.1:" + bound + "/");
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop));
    }
}
