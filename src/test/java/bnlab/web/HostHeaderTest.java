package bnlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bnlab.web.lab.LabEndpoint;
import bnlab.web.lab.LabRegistry;
import bnlab.web.lab.OriginCheck;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every request and WebSocket handshake is checked against the names the server answers to (DNS rebinding), over real
 * connections with hand-written Host headers (Java's HTTP client will not send a Host of its choosing).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostHeaderTest {
    private final LabEndpoint lab = new LabEndpoint(new LabRegistry(), LabEndpoint.trainingExecutor(), null,
            new LabEndpoint.Options(bnlab.experiments.RunBudget.defaults(), new OriginCheck(List.of("https://lab.example.org"))));
    private final WebApp app = new WebApp(new bnlab.lessons.LectureExample(), lab);
    private final int port = app.start("127.0.0.1", 0, List.of("proxy.example"));

    @AfterAll
    void stop() { app.stop(); }

    /** The status line and headers (and as much of the body as came within the read) of one request. */
    private String request(String method, String path, String... headerLines) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            StringBuilder r = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            for (String h : headerLines) r.append(h).append("\r\n");
            r.append("Connection: close\r\n");
            if (method.equals("POST")) r.append("Content-Type: application/json\r\nContent-Length: 20\r\n\r\n{\"z\":[[1,2],[3,4]]}\n");
            else r.append("\r\n");
            OutputStream out = s.getOutputStream();
            out.write(r.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    got.write(buf, 0, n);
                    if (method.equals("GET") && path.startsWith("/ws/") && got.toString(StandardCharsets.UTF_8).contains("\r\n\r\n")) break;
                }
            } catch (java.net.SocketTimeoutException e) {
                // a socket that was let in stays open: what came is enough
            }
            return got.toString(StandardCharsets.UTF_8);
        }
    }

    private static int status(String response) { return Integer.parseInt(response.substring(9, 12)); }

    private String handshake(String path, String host, String origin) throws IOException {
        return request("GET", path, "Host: " + host, "Origin: " + origin, "Upgrade: websocket", "Connection: Upgrade",
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13");
    }

    @Test
    void pages_api_and_static_files_answer_to_localhost_and_ip_addresses() throws IOException {
        for (String host : List.of("localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port, "192.168.1.20:" + port))
            assertEquals(200, status(request("GET", "/", "Host: " + host)), host);
        assertEquals(200, status(request("POST", "/api/batchnorm", "Host: 127.0.0.1:" + port)));
        assertEquals(200, status(request("GET", "/static/js/lab.js", "Host: localhost:" + port)));
    }

    @Test
    void a_foreign_host_is_refused_on_a_page_the_api_and_a_static_file_saying_which_flag_lets_it_in() throws IOException {
        for (String[] r : new String[][]{{"GET", "/"}, {"GET", "/lab"}, {"POST", "/api/batchnorm"}, {"GET", "/static/js/lab.js"},
                {"GET", "/webjars/chart.js/4.5.1/dist/chart.umd.js"}, {"GET", "/join/ABCD"}, {"GET", "/health"}}) {
            String response = request(r[0], r[1], "Host: evil.example:" + port, "Accept-Language: en");
            assertEquals(403, status(response), r[1] + ": " + response);
            assertTrue(response.contains("does not answer to the name evil.example") && response.contains("--public-host evil.example"),
                    response);
            assertTrue(response.contains("Content-Security-Policy: "), "the security headers stay on a refusal");
        }
        String german = request("GET", "/", "Host: rebind.example", "Accept-Language: de");
        assertTrue(german.contains("antwortet nicht auf den Namen rebind.example"), german);
    }

    @Test
    void a_handshake_whose_host_and_origin_are_both_a_foreign_name_is_refused() throws IOException {
        String own = handshake("/ws/lab", "localhost:" + port, "http://localhost:" + port);
        assertEquals(101, status(own), own);
        for (String path : List.of("/ws/lab", "/ws/join/ABCD", "/ws/teach?token=x")) {
            String rebound = handshake(path, "evil.example:" + port, "http://evil.example:" + port);
            assertEquals(403, status(rebound), path + ": " + rebound);
        }
    }

    @Test
    void public_hosts_and_the_hosts_of_allowed_origins_are_let_in() throws IOException {
        assertEquals(200, status(request("GET", "/", "Host: proxy.example")));
        assertEquals(200, status(request("GET", "/lab", "Host: LAB.example.org")));
        assertEquals(101, status(handshake("/ws/lab", "lab.example.org", "https://lab.example.org")));
        assertEquals(101, status(handshake("/ws/lab", "proxy.example:" + port, "http://proxy.example:" + port)));
    }
}
