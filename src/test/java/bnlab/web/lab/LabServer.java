package bnlab.web.lab;

import io.javalin.Javalin;
import java.net.http.HttpClient;

/** The lab's WebSocket on a bare Javalin app, on 127.0.0.1 and a free port, for protocol tests; close() stops both. */
final class LabServer implements AutoCloseable {
    final LabEndpoint lab;
    final Javalin app;
    final HttpClient http = HttpClient.newHttpClient();

    private LabServer(LabEndpoint lab) {
        this.lab = lab;
        this.app = Javalin.create(config -> lab.register(config)).start("127.0.0.1", 0);
    }

    /** With these limits (budget, origins, connections), the standard data loader and its own training executor. */
    static LabServer start(LabEndpoint.Options options) {
        return new LabServer(new LabEndpoint(new LabRegistry(), LabEndpoint.trainingExecutor(), null, options));
    }

    int port() { return app.port(); }

    /** A new connection, before its hello. */
    LabClient connect() throws Exception { return LabClient.connect(http, port()); }

    /** A new connection whose hello has arrived. */
    LabClient client() throws Exception {
        LabClient c = connect();
        c.next(ServerMessage.Hello.class);
        return c;
    }

    @Override
    public void close() {
        app.stop();
        lab.close();
    }
}
