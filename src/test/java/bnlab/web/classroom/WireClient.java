package bnlab.web.classroom;

import bnlab.web.lab.ClientMessage;
import bnlab.web.lab.LabJson;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A WebSocket client on a plain socket that offers compression as a browser does ({@code permessage-deflate;
 * client_max_window_bits}, as Chromium sends it) and counts every byte that arrives on the socket: what a
 * student's phone receives on the wire, the WebSocket framing (and over TLS its records) included, not TCP/IP's.
 * For the load tool (ClassLoad) and the proxy's test, loopback only. Messages from the server are handed to
 * {@code onText} on the client's own reader thread; pings are answered.
 */
public final class WireClient implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final LabJson JSON = new LabJson();

    private final Socket socket;
    private final OutputStream out;
    private final AtomicLong wire;
    private final boolean deflate;
    private final Inflater inflater = new Inflater(true);
    private final Consumer<String> onText;
    private final Thread reader;
    private volatile boolean closing;

    private WireClient(Socket socket, boolean deflate, InputStream in, AtomicLong wire, Consumer<String> onText) throws IOException {
        this.socket = socket;
        this.wire = wire;
        this.out = socket.getOutputStream();
        this.deflate = deflate;
        this.onText = onText;
        this.reader = new Thread(() -> read(in), "wire-client");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Where a client connects: always 127.0.0.1 on {@code port}, naming {@code host} in the Host and Origin headers
     * and, over TLS ({@code tls} not null), in the server name it asks for and the certificate it checks, as a
     * browser does for {@code https://host:port/}.
     */
    public record Endpoint(String host, int port, SSLContext tls) {
        /** BN Lab itself on loopback, over plain HTTP. */
        public static Endpoint direct(int port) { return new Endpoint("127.0.0.1", port, null); }

        public String origin() { return (tls == null ? "http://" : "https://") + host + ":" + port; }

        /** A connected socket (TLS handshake and certificate check done), counting into {@code wire} what arrives on TCP. */
        public Socket connect(int timeoutMillis, AtomicLong wire) throws IOException {
            Socket raw = new CountingSocket(wire);
            raw.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
            raw.setTcpNoDelay(true);
            if (tls == null) return raw;
            SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(raw, host, port, true);
            SSLParameters p = s.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name host
            s.setSSLParameters(p);
            s.setSoTimeout(timeoutMillis);
            s.startHandshake();
            s.setSoTimeout(0);
            return s;
        }
    }

    static WireClient open(int port, String path, boolean offerDeflate, Consumer<String> onText) throws IOException {
        return open(Endpoint.direct(port), path, offerDeflate, onText);
    }

    /**
     * Opens a WebSocket to {@code path} at {@code to}.
     *
     * @param offerDeflate whether to offer permessage-deflate, as every browser does
     */
    public static WireClient open(Endpoint to, String path, boolean offerDeflate, Consumer<String> onText) throws IOException {
        AtomicLong wire = new AtomicLong();
        Socket s = to.connect(5000, wire);
        s.setSoTimeout(0);
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + to.host() + ":" + to.port() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\nSec-WebSocket-Version: 13\r\n"
                + "Origin: " + to.origin() + "\r\n"
                + (offerDeflate ? "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n" : "") + "\r\n";
        s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        InputStream in = new java.io.BufferedInputStream(s.getInputStream(), 16384);
        String head = readHead(in);
        if (!head.startsWith("HTTP/1.1 101")) {
            s.close();
            throw new IOException("no upgrade: " + head.lines().findFirst().orElse(head));
        }
        boolean deflate = head.toLowerCase(java.util.Locale.ROOT).contains("sec-websocket-extensions: permessage-deflate");
        return new WireClient(s, deflate, in, wire, onText);
    }

    /**
     * A page load as a browser's first visit makes it: one GET on a socket of its own, compressed if the server
     * will, read to its end. The JDK's HttpClient, shared by 300 threads of this process beside 200 sockets' readers,
     * timed out on every request of a join burst that the same server answered within 3 s to a process of its own.
     *
     * @return the bytes received (head and body)
     * @throws IOException on any answer but 200, or none within {@code timeoutMillis}
     */
    static long get(int port, String path, int timeoutMillis) throws IOException {
        return get(Endpoint.direct(port), path, timeoutMillis);
    }

    public static long get(Endpoint to, String path, int timeoutMillis) throws IOException {
        try (Socket s = to.connect(timeoutMillis, new AtomicLong())) {
            s.setSoTimeout(timeoutMillis);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + to.host() + ":" + to.port() + "\r\nAccept: text/html\r\n"
                    + "Accept-Encoding: gzip, deflate\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            byte[] buffer = new byte[16384];
            long total = 0;
            String status = null;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (status == null) status = new String(buffer, 0, Math.min(n, 12), StandardCharsets.US_ASCII);
                total += n;
            }
            if (status == null || !status.startsWith("HTTP/1.1 200")) throw new IOException("GET " + path + ": " + status);
            return total;
        }
    }

    /** Bytes received on the socket so far (the handshake's answer included). */
    public long wireBytes() { return wire.get(); }

    /** Whether the server agreed to compress. */
    boolean deflate() { return deflate; }

    public boolean isOpen() { return !socket.isClosed() && reader.isAlive(); }

    /** Sends a text message (masked, uncompressed: a client may always send uncompressed). */
    public synchronized void send(String text) throws IOException { frame(0x1, text.getBytes(StandardCharsets.UTF_8)); }

    /** Sends a client message as LabJson writes it, the text a page sends. */
    public void send(ClientMessage message) throws IOException { send(JSON.writeClient(message)); }

    private synchronized void frame(int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(payload.length + 14);
        b.write(0x80 | opcode);
        if (payload.length < 126) b.write(0x80 | payload.length);
        else if (payload.length < 65536) { b.write(0x80 | 126); b.write(payload.length >> 8); b.write(payload.length); }
        else { b.write(0x80 | 127); for (int i = 7; i >= 0; i--) b.write((int) ((long) payload.length >> (8 * i))); }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        b.write(mask);
        for (int i = 0; i < payload.length; i++) b.write(payload[i] ^ mask[i & 3]);
        out.write(b.toByteArray());
        out.flush();
    }

    private void read(InputStream in) {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        boolean compressed = false;
        try {
            while (!closing) {
                int b0 = in.read(), b1 = in.read();
                if (b0 < 0 || b1 < 0) break;
                int opcode = b0 & 0x0f;
                long length = b1 & 0x7f;
                if (length == 126) length = (in.read() << 8) | in.read();
                else if (length == 127) { length = 0; for (int i = 0; i < 8; i++) length = (length << 8) | in.read(); }
                byte[] payload = in.readNBytes((int) length);
                if (opcode == 0x8) break; // close
                if (opcode == 0x9) { frame(0xA, payload); continue; } // ping
                if (opcode == 0xA) continue;
                if (opcode == 0x1 || opcode == 0x2) { message.reset(); compressed = (b0 & 0x40) != 0; }
                message.write(payload);
                if ((b0 & 0x80) == 0) continue; // more fragments follow
                byte[] whole = message.toByteArray();
                if (compressed) whole = inflate(whole);
                if (opcode != 0x2) onText.accept(new String(whole, StandardCharsets.UTF_8));
            }
        } catch (IOException | DataFormatException | RuntimeException e) {
            // closed under our feet, or not our business
        } finally {
            try { socket.close(); } catch (IOException ignored) { }
        }
    }

    private byte[] inflate(byte[] data) throws DataFormatException {
        inflater.setInput(concat(data, new byte[]{0, 0, (byte) 0xff, (byte) 0xff}));
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length * 4);
        byte[] buf = new byte[8192];
        while (true) {
            int n = inflater.inflate(buf);
            if (n == 0) break;
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            b.append((char) c);
            if (b.length() >= 4 && b.substring(b.length() - 4).equals("\r\n\r\n")) break;
        }
        return b.toString();
    }

    @Override public void close() {
        closing = true;
        try {
            frame(0x8, new byte[]{0x03, (byte) 0xe8});
        } catch (IOException ignored) { }
        try { socket.close(); } catch (IOException ignored) { }
    }

    /** A socket whose input stream counts what arrives (a TLS socket layered on it reads through that stream). */
    private static final class CountingSocket extends Socket {
        private final AtomicLong wire;
        private InputStream in;

        CountingSocket(AtomicLong wire) { this.wire = wire; }

        @Override public synchronized InputStream getInputStream() throws IOException {
            if (in == null) in = new Counting(super.getInputStream(), wire);
            return in;
        }
    }

    /** Counts the bytes read. */
    private static final class Counting extends FilterInputStream {
        private final AtomicLong total;

        Counting(InputStream in, AtomicLong total) {
            super(in);
            this.total = total;
        }

        @Override public int read() throws IOException {
            int c = super.read();
            if (c >= 0) total.incrementAndGet();
            return c;
        }

        @Override public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) total.addAndGet(n);
            return n;
        }
    }
}
