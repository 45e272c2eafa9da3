package bnlab.web.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Debian {@code redis-server} for the tests: on 127.0.0.1, on a free port, with no
 * persistence (no RDB, no AOF, its working directory a temporary one), started and stopped by its
 * process. Start it once per test class; stopping it and starting it again on the same port is how
 * the tests restart Redis.
 */
public final class RedisServerProcess implements AutoCloseable {
    static final Path REDIS_SERVER = Path.of("/usr/bin/redis-server");
    private static final long START_TIMEOUT_MS = 10_000, STOP_TIMEOUT_MS = 5_000;

    private final int port;
    private final Path dir;
    private final Thread killOnExit;
    private Process process;

    /**
     * Skips the calling test class when redis-server is missing, saying so; with CI=true a missing
     * server is a failure instead, so CI cannot pass without running the Redis tests.
     */
    public static void requireRedisServer() {
        if (Files.isExecutable(REDIS_SERVER)) return;
        String message = "Redis tests need " + REDIS_SERVER + " (Debian: apt-get install -y redis-server); not found";
        if ("true".equals(System.getenv("CI"))) Assertions.fail(message + ", and CI=true forbids skipping.");
        Assumptions.abort(message + ": Redis tests skipped.");
    }

    /** Starts redis-server on a free loopback port and returns once it answers PING. */
    public static RedisServerProcess start() throws IOException {
        requireRedisServer();
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) { // another process may take the free port first
            RedisServerProcess server = new RedisServerProcess(freePort());
            try {
                server.startAgain();
                return server;
            } catch (IOException e) {
                server.close();
                last = e;
            }
        }
        throw last;
    }

    private RedisServerProcess(int port) throws IOException {
        this.port = port;
        this.dir = Files.createTempDirectory("bnlab-redis-");
        this.killOnExit = new Thread(this::stop, "redis-server " + port + " stop");
        Runtime.getRuntime().addShutdownHook(killOnExit); // a JVM that ends without @AfterAll leaves no server behind
    }

    public int port() { return port; }

    public String uri() { return "redis://127.0.0.1:" + port; }

    /** Starts the server (again, after {@link #stop()}) on the same port and waits until it answers PING. */
    synchronized void startAgain() throws IOException {
        if (process != null && process.isAlive()) throw new IllegalStateException("redis-server is running");
        process = new ProcessBuilder(REDIS_SERVER.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--daemonize", "no")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
        while (!answersPing()) {
            if (!process.isAlive()) throw new IOException("redis-server on port " + port + " exited: " + log());
            if (System.nanoTime() > deadline) {
                stop();
                throw new IOException("redis-server on port " + port + " did not answer PING within "
                        + START_TIMEOUT_MS + " ms: " + log());
            }
            try {
                Thread.sleep(20); // polling interval, not a wait for something to happen
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting redis-server", e);
            }
        }
    }

    /** Stops the server (SIGTERM, then SIGKILL if it has not ended within a few seconds) and waits for it. */
    synchronized void stop() {
        if (process == null) return;
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Stops the server for good and deletes its directory. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running or has run
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException e) {
            return false;
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("redis.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
