package bnlab.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code nginx} running the repository's site file, {@link #SITE}, on loopback: its ports, its name, its
 * certificate and its upstream are the only lines changed ({@link #site}), each of them one the docs tell an admin to
 * change; a self-signed certificate for that name is made at the start with {@code openssl}. The main configuration
 * around it is Debian's /etc/nginx/nginx.conf with its paths moved into a temporary folder. Stopped by close(); a JVM
 * that ends without close() stops it too.
 */
public final class NginxProcess implements AutoCloseable {
    static final Path NGINX = Path.of("/usr/sbin/nginx"), OPENSSL = Path.of("/usr/bin/openssl");
    /** The site file of docs/classroom.md, "Behind nginx with HTTPS". */
    public static final Path SITE = Path.of("deploy", "nginx", "bnlab.conf");

    private final Path dir;
    private final int httpPort, httpsPort;
    private final String name;
    private final Thread stopOnExit;
    private Process process;

    /** Skips the calling test when nginx or openssl is missing; with CI=true that is a failure instead. */
    public static void requireNginx() {
        if (Files.isExecutable(NGINX) && Files.isExecutable(OPENSSL)) return;
        String message = "the proxy's tests need " + NGINX + " and " + OPENSSL + " (Debian: apt-get install -y nginx openssl)";
        if ("true".equals(System.getenv("CI"))) Assertions.fail(message + "; CI=true forbids skipping.");
        Assumptions.abort(message + ": skipped.");
    }

    /**
     * Starts nginx with the site file for {@code name}, in front of BN Lab's instances on {@code upstreams} (loopback
     * ports), and returns once it accepts on its HTTPS port.
     */
    public static NginxProcess start(String name, List<Integer> upstreams) throws IOException, InterruptedException {
        requireNginx();
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) { // another process may take a free port first
            NginxProcess n = new NginxProcess(name, freePort(), freePort());
            try {
                n.run(upstreams);
                return n;
            } catch (IOException e) {
                n.close();
                last = e;
            }
        }
        throw last;
    }

    private NginxProcess(String name, int httpPort, int httpsPort) throws IOException {
        this.name = name;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
        // nginx's workers (www-data when the tests run as root) read and write below it
        this.dir = Files.createTempDirectory("bnlab-nginx-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        this.stopOnExit = new Thread(this::stop, "nginx stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    public int httpPort() { return httpPort; }

    public int httpsPort() { return httpsPort; }

    public String name() { return name; }

    /** The site file as the test runs it: the repository's file with the lines an admin changes changed. */
    public static String site(String text, String name, int httpPort, int httpsPort, Path cert, Path key, List<Integer> upstreams) {
        String servers = upstreams.stream().map(p -> "    server 127.0.0.1:" + p + ";\n").collect(Collectors.joining());
        text = replaceOnce(text, "    server 127.0.0.1:7070;\n    # server 127.0.0.1:7071;\n", servers);
        text = replaceOnce(text, "    listen 80;\n    listen [::]:80;\n", "    listen 127.0.0.1:" + httpPort + ";\n");
        text = replaceOnce(text, "    listen 443 ssl;\n    listen [::]:443 ssl;\n", "    listen 127.0.0.1:" + httpsPort + " ssl;\n");
        text = replaceOnce(text, "/etc/letsencrypt/live/lab.example.org/fullchain.pem", cert.toString());
        text = replaceOnce(text, "/etc/letsencrypt/live/lab.example.org/privkey.pem", key.toString());
        if (!text.contains("server_name lab.example.org;")) throw new IllegalStateException(SITE + ": no server_name lab.example.org");
        return text.replace("server_name lab.example.org;", "server_name " + name + ";");
    }

    private static String replaceOnce(String text, String line, String with) {
        int at = text.indexOf(line);
        if (at < 0 || text.indexOf(line, at + 1) >= 0)
            throw new IllegalStateException(SITE + " should hold once: " + line.strip() + " (the test changes that line; docs/classroom.md names it)");
        return text.substring(0, at) + with + text.substring(at + line.length());
    }

    /** Debian's /etc/nginx/nginx.conf (nginx 1.22), with its paths in {@link #dir} and the site file included. */
    private String main() {
        boolean root = "root".equals(System.getProperty("user.name"));
        return (root ? "user www-data;\n" : "") + """
                worker_processes auto;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;
                daemon off;
                events {
                    worker_connections 768;
                }
                http {
                    sendfile on;
                    tcp_nopush on;
                    types_hash_max_size 2048;
                    include /etc/nginx/mime.types;
                    default_type application/octet-stream;
                    ssl_protocols TLSv1.2 TLSv1.3;
                    ssl_prefer_server_ciphers on;
                    access_log %1$s/access.log;
                    gzip on;
                    client_body_temp_path %1$s/temp/client;
                    proxy_temp_path %1$s/temp/proxy;
                    fastcgi_temp_path %1$s/temp/fastcgi;
                    uwsgi_temp_path %1$s/temp/uwsgi;
                    scgi_temp_path %1$s/temp/scgi;
                    include %1$s/bnlab.conf;
                }
                """.formatted(dir);
    }

    private void run(List<Integer> upstreams) throws IOException, InterruptedException {
        Path cert = dir.resolve("cert.pem"), key = dir.resolve("key.pem");
        exec(OPENSSL.toString(), "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                "-subj", "/CN=" + name, "-addext", "subjectAltName=DNS:" + name, "-keyout", key.toString(), "-out", cert.toString());
        Files.writeString(dir.resolve("bnlab.conf"), site(Files.readString(SITE), name, httpPort, httpsPort, cert, key, upstreams));
        Files.writeString(dir.resolve("nginx.conf"), main());
        Files.createDirectories(dir.resolve("temp"));
        String conf = dir.resolve("nginx.conf").toString();
        exec(NGINX.toString(), "-t", "-q", "-e", dir.resolve("error.log").toString(), "-p", dir.toString(), "-c", conf);
        process = new ProcessBuilder(NGINX.toString(), "-e", dir.resolve("error.log").toString(), "-p", dir.toString(), "-c", conf)
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IOException("nginx stopped: " + log());
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", httpsPort), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException("nginx does not accept on " + httpsPort + ": " + log());
    }

    /** nginx's error log so far (what it said about the configuration, refused upstreams, closed sockets). */
    public String log() {
        try {
            return Files.readString(dir.resolve("error.log"));
        } catch (IOException e) {
            return "(no error log: " + e.getMessage() + ")";
        }
    }

    /** A TLS context that trusts this nginx's certificate and nothing else, as a browser that was told to trust it. */
    public SSLContext trust() throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(dir.resolve("cert.pem"))) {
            store.setCertificateEntry(name, CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return tls;
    }

    private void exec(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0)
            throw new IOException(String.join(" ", List.of(cmd).subList(0, Math.min(3, cmd.length))) + " failed: " + out + log());
    }

    private synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy(); // SIGTERM: nginx's fast shutdown
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        }
    }

    @Override public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(files.sorted(Comparator.reverseOrder()).toList());
            for (Path f : all) Files.deleteIfExists(f);
        } catch (IOException ignored) {
            // a temporary folder left behind
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
