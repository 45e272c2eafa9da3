package bnlab.web.lab;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import bnlab.experiments.live.LiveSettings;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Records the frames quoted in docs/protocol.md from a real session, with the small frame settings the
 * document names (4 buckets, 5 bins, a 3x3 grid). Not a check: it runs only when asked,
 * {@code mvn test -Dtest=ProtocolCapture -Dbnlab.capture=FILE -Dsurefire.failIfNoSpecifiedTests=false},
 * and writes one message per line to FILE. ProtocolDocTest checks that the document still fits the server.
 */
class ProtocolCapture {
    static final String XOR = "{\"dataset\":\"xor\",\"points\":200,\"noise\":0.1,\"validationFraction\":0.2,\"layers\":[4],"
            + "\"activation\":\"tanh\",\"learningRate\":0.3,\"batchSize\":8,\"seed\":1}";

    @Test
    void capture() throws Exception {
        String file = System.getProperty("bnlab.capture");
        assumeTrue(file != null, "set -Dbnlab.capture=FILE to record the protocol's examples");
        LiveSettings small = new LiveSettings(4, 5, 3, 10, 50, 4);
        LabEndpoint lab = new LabEndpoint(new LabRegistry(), LabEndpoint.trainingExecutor(), LabEndpoint.loader(null, new CsvUploads()), small);
        Javalin app = Javalin.create(config -> lab.register(config)).start("127.0.0.1", 0);
        BlockingQueue<String> in = new LinkedBlockingQueue<>();
        StringBuilder partial = new StringBuilder();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + app.port() + "/ws/lab"), new WebSocket.Listener() {
                    @Override public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) { in.add(partial.toString()); partial.setLength(0); }
                        w.request(1);
                        return null;
                    }
                }).get(5, TimeUnit.SECONDS);
        List<String> out = new ArrayList<>();
        try {
            ws.sendText("{\"type\":\"start\",\"paused\":true,\"config\":" + XOR + "}", true).get();
            out.add(nextFrame(in));
            ws.sendText("{\"type\":\"step\",\"count\":2}", true).get();
            out.add(nextFrame(in));
            ws.sendText("{\"type\":\"step\",\"count\":188}", true).get();
            out.add(nextFrame(in));
        } finally {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");
            app.stop();
            lab.close();
        }
        Files.write(Path.of(file), out);
    }

    /**
     * The diverged messages of docs/protocol.md, into FILE.diverged: ReLU 2-6-2 on xor at rate 20 with momentum 0.9,
     * seed 3 (the plain network's inputs explode, then its loss overflows; the BN network's inputs explode too).
     */
    @Test
    void captureDivergences() throws Exception {
        String file = System.getProperty("bnlab.capture");
        assumeTrue(file != null, "set -Dbnlab.capture=FILE to record the protocol's examples");
        LabEndpoint lab = new LabEndpoint(new LabRegistry(), LabEndpoint.trainingExecutor(), LabEndpoint.loader(null, new CsvUploads()),
                LiveSettings.defaults());
        Javalin app = Javalin.create(config -> lab.register(config)).start("127.0.0.1", 0);
        List<String> out = new ArrayList<>();
        try (LabClient c = LabClient.connect(java.net.http.HttpClient.newHttpClient(), app.port(), "/ws/lab")) {
            c.send("{\"type\":\"start\",\"speed\":\"max\",\"config\":{\"dataset\":\"xor\",\"points\":200,\"noise\":0.05,"
                    + "\"validationFraction\":0.25,\"layers\":[6],\"activation\":\"relu\",\"learningRate\":20,"
                    + "\"momentum\":0.9,\"seed\":3}}");
            LabJson json = new LabJson();
            for (int i = 0; i < 3; i++) out.add(json.write(c.next(ServerMessage.Diverged.class)));
        } finally {
            app.stop();
            lab.close();
        }
        Files.write(Path.of(file + ".diverged"), out);
    }

    private static String nextFrame(BlockingQueue<String> in) throws InterruptedException {
        for (;;) {
            String m = in.poll(10, TimeUnit.SECONDS);
            if (m == null) throw new IllegalStateException("no frame within 10 s");
            if (m.startsWith("{\"type\":\"frame\"")) return m;
        }
    }
}
