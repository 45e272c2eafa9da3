package bnlab.web;

/**
 * Runs the web app with the {@link FakeBatchSource}, for looking at the page by hand until the
 * engine-backed source is wired: java ... bnlab.web.DevServer [port]
 */
public final class DevServer {
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 7070;
        WebApp app = new WebApp(new FakeBatchSource());
        int bound = app.start("127.0.0.1", port);
        System.out.println("BN Lab (fake batches) on http://127.0.0.1:" + bound + "/");
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop));
    }
}
