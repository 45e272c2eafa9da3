package bnlab.web.lab;

import bnlab.experiments.Datasets;
import bnlab.experiments.RunBudget;
import bnlab.experiments.RunConfig;
import bnlab.experiments.live.LiveSettings;
import io.javalin.config.JavalinConfig;
import io.javalin.websocket.WsBinaryMessageContext;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsErrorContext;
import io.javalin.websocket.WsMessageContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live lab's WebSocket, {@value #PATH}: each connection gets its own run (the twin, or the networks its config names), trained on the
 * training executor (never on a Jetty thread) and streamed as frames. The protocol is in
 * docs/protocol.md. Jetty threads only parse messages and queue them for the run.
 *
 * <p>Wiring, inside the app's {@code Javalin.create(config -> ...)}:
 * <pre>
 *   LabEndpoint lab = new LabEndpoint(new LabRegistry(), LabEndpoint.trainingExecutor(), fashionDir); // dir may be null
 *   Javalin app = Javalin.create(config -> {
 *       lab.register(config);
 *       config.events.serverStopped(lab::close);
 *       ...
 *   });
 * </pre>
 */
public final class LabEndpoint implements AutoCloseable {
    public static final String PATH = "/ws/lab";
    public static final int PROTOCOL = 1;
    /** Idle connections (a paused run sends nothing) are kept open by pings this often. */
    static final long PING_SECONDS = 15;
    /** Largest text message read; a start with a full config is under 2 KB. Larger ones close the connection (1009). */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024;
    /** Binary frames are not part of the protocol; they are answered with an error (larger ones close the connection). */
    static final int MAX_BINARY_BYTES = 1024;
    /** A connection that neither sends nor receives anything (not even a ping's answer) for this long is closed. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

    /**
     * What this server allows one client.
     *
     * @param budget          what one run may cost (serve --max-parameters etc.)
     * @param origins         which web pages may connect (serve --allowed-origin)
     * @param maxConnections  lab connections open at once on this server (serve --max-connections)
     * @param maxPerAddress   of them from one network address (serve --max-connections-per-address): one machine
     *                        opening sockets, or trickling bytes into many, cannot take every place; behind a
     *                        reverse proxy every student has the proxy's address, so raise it there
     */
    public record Options(RunBudget budget, OriginCheck origins, int maxConnections, int maxPerAddress) {
        public static final int DEFAULT_MAX_CONNECTIONS = 1000, DEFAULT_MAX_PER_ADDRESS = 100;

        public Options {
            if (maxConnections < 1 || maxPerAddress < 1) throw new IllegalArgumentException("connection limits must be at least 1");
        }

        public Options(RunBudget budget, OriginCheck origins) {
            this(budget, origins, DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_PER_ADDRESS);
        }

        public static Options defaults() { return new Options(RunBudget.defaults(), OriginCheck.sameHostOnly()); }
    }

    private final LabRegistry registry;
    private final ScheduledExecutorService executor;
    private final int threads; // the executor's, so that the runs can share its time fairly
    /**
     * The runs broadcast to a class tick here, on a thread of their own beside the training executor's: a
     * class's run never waits in the queue behind its students' forks (30 forks at full speed on 2 cores cut
     * the class's frames from 20 to 15 a second when they shared one queue). One thread: a server has few
     * rooms, and each class run trains at most 40 ms of every 50.
     */
    private final ScheduledExecutorService classExecutor = singleThread("class-training");
    /**
     * Makes and sends what viewers who join a run get first (ready, history, state: up to a few hundred KB of
     * JSON for a long run), off the runs' threads: 300 students joining a class within a second stalled its
     * frames for 6 to 13 s when each greeting was made on the run's tick. One thread: greetings are made once per
     * group that joins within a tick.
     */
    private final ScheduledExecutorService greeter = singleThread("greeter");
    private final LabRun.DataLoader loader;
    private final LiveSettings settings;
    private final CsvUploads uploads;
    private final Options options;
    private final LabJson json = new LabJson();
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final Connections limits;

    private record Connection(Viewer viewer, LabRun run, String address) {}

    /**
     * @param registry   where the runs are kept while they live
     * @param executor   runs the training; see {@link #trainingExecutor()}
     * @param fashionDir a directory with the Fashion-MNIST files, or null for the default search
     */
    public LabEndpoint(LabRegistry registry, ScheduledExecutorService executor, Path fashionDir) {
        this(registry, executor, fashionDir, Options.defaults());
    }

    /** @param options the run budget and the allowed origins */
    public LabEndpoint(LabRegistry registry, ScheduledExecutorService executor, Path fashionDir, Options options) {
        this(registry, executor, fashionDir, new CsvUploads(), options);
    }

    private LabEndpoint(LabRegistry registry, ScheduledExecutorService executor, Path fashionDir, CsvUploads uploads,
                        Options options) {
        this(registry, executor, loader(fashionDir, uploads), LiveSettings.defaults(), uploads, options);
    }

    /** With a loader of its own (tests); CSV uploads are kept but only a loader that asks for them uses them. */
    public LabEndpoint(LabRegistry registry, ScheduledExecutorService executor, LabRun.DataLoader loader,
                       LiveSettings settings) {
        this(registry, executor, loader, settings, new CsvUploads());
    }

    public LabEndpoint(LabRegistry registry, ScheduledExecutorService executor, LabRun.DataLoader loader,
                       LiveSettings settings, CsvUploads uploads) {
        this(registry, executor, loader, settings, uploads, Options.defaults());
    }

    public LabEndpoint(LabRegistry registry, ScheduledExecutorService executor, LabRun.DataLoader loader,
                       LiveSettings settings, CsvUploads uploads, Options options) {
        this.options = options;
        this.limits = new Connections(options.maxConnections(), options.maxPerAddress());
        this.registry = registry;
        this.executor = executor;
        this.threads = executor instanceof java.util.concurrent.ThreadPoolExecutor pool ? pool.getCorePoolSize() : 1;
        this.loader = loader;
        this.settings = settings;
        this.uploads = uploads;
    }

    /** The standard loader: Fashion-MNIST from {@code fashionDir} (read once, shared), "csv" from the uploads. */
    public static LabRun.DataLoader loader(Path fashionDir, CsvUploads uploads) {
        FashionCache fashion = new FashionCache(fashionDir);
        return c -> {
            if (RunConfig.FASHION_MNIST.equals(c.dataset())) return fashion.get(c.seed());
            return Datasets.load(c, fashionDir, RunConfig.CSV.equals(c.dataset()) ? uploads.require(c.upload()) : null);
        };
    }

    /** Where uploaded CSV data sets are kept for this endpoint's runs (POST /api/lab/csv fills it). */
    public CsvUploads uploads() { return uploads; }

    /** A scheduler with one daemon thread per core; cancelled runs leave its queue at once. */
    public static ScheduledExecutorService trainingExecutor() {
        AtomicInteger n = new AtomicInteger();
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(Math.max(1, Runtime.getRuntime().availableProcessors()), r -> {
            Thread t = new Thread(r, "lab-training-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.setRemoveOnCancelPolicy(true);
        return pool;
    }

    public LabRegistry registry() { return registry; }

    /** A new run in the registry, not yet scheduled (see {@link #schedule}), with this endpoint's data, budget and threads. */
    public LabRun newRun(LabRun.Kind kind) {
        LabRun run = new LabRun(registry.newId(), json, loader, settings, registry::remove,
                new FairShare(registry::training, registry::priorityTraining, threads), options.budget(), kind, greeter);
        registry.add(run);
        return run;
    }

    /** Starts a run's ticks on the training executor (a class's run on its own thread). */
    public void schedule(LabRun run) {
        if (run.kind() == LabRun.Kind.CLASS) run.schedule(classExecutor, executor); // its second lane on a free pool thread
        else run.schedule(executor);
    }

    private static ScheduledExecutorService singleThread(String name) {
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        pool.setRemoveOnCancelPolicy(true);
        return pool;
    }

    /** The one JSON mapping of the protocol. */
    public LabJson json() { return json; }

    /** The live settings every run gets. */
    public LiveSettings settings() { return settings; }

    /** Open connections. */
    public int connections() { return connections.size(); }

    /** Bytes handed to the connections and not yet written, over all of them (monitoring, tests). */
    public long bytesWaiting() {
        long n = 0;
        for (Connection c : connections.values()) n += c.viewer().bytesInFlight();
        return n;
    }

    /** What this endpoint allows one client. */
    public Options options() { return options; }

    /**
     * Registers the WebSocket route {@value #PATH}, refusing a handshake from a foreign web page with 403
     * (see {@link OriginCheck}), and bounds what one message may be.
     */
    public void register(JavalinConfig config) {
        config.routes.wsBeforeUpgrade(PATH, ctx -> options.origins().require(ctx));
        config.jetty.modifyWebSocketServletFactory(f -> {
            f.setMaxTextMessageSize(MAX_MESSAGE_BYTES);
            f.setMaxBinaryMessageSize(MAX_BINARY_BYTES);
            f.setIdleTimeout(IDLE_TIMEOUT);
        });
        config.routes.ws(PATH, ws -> {
            ws.onConnect(this::connected);
            ws.onMessage(this::message);
            ws.onBinaryMessage(this::binary);
            ws.onClose(this::closed);
            ws.onError(this::failed);
        });
    }

    private void connected(WsConnectContext ctx) {
        String address = Connections.address(ctx);
        if (!limits.admit(ctx, address, json)) return;
        Viewer viewer = Connections.viewer(ctx);
        LabRun run = newRun(LabRun.Kind.LAB);
        run.attach(viewer);
        connections.put(ctx.sessionId(), new Connection(viewer, run, address));
        ctx.enableAutomaticPings(PING_SECONDS, TimeUnit.SECONDS);
        viewer.send(json.write(new ServerMessage.Hello(PROTOCOL, run.id(), RunConfig.defaults(),
                RunConfig.datasets(), LabRun.MAX_FRAMES_PER_SECOND)));
        run.schedule(executor);
    }

    private void message(WsMessageContext ctx) {
        Connection c = connections.get(ctx.sessionId());
        if (c == null) return;
        try {
            ClientMessage m = json.readClient(ctx.message());
            if (m instanceof ClientMessage.RoomMessage) {
                c.viewer().sendError(json.write(new ServerMessage.Error("this message belongs to a room: open /teach or /join",
                        "type", ClientMessage.typeOf(m))));
                return;
            }
            if (!c.run().submit(c.viewer(), m))
                c.viewer().sendError(json.write(new ServerMessage.Error("too many messages waiting (at most "
                        + LabRun.MAX_QUEUED + "): wait for the answers", null, ClientMessage.typeOf(m))));
        } catch (LabJson.BadMessage e) {
            c.viewer().sendError(json.write(e.toError()));
        }
    }

    private void binary(WsBinaryMessageContext ctx) {
        Connection c = connections.get(ctx.sessionId());
        if (c != null) c.viewer().sendError(json.write(Connections.BINARY_REFUSED));
    }

    private void closed(WsCloseContext ctx) { leave(ctx); }

    private void failed(WsErrorContext ctx) { leave(ctx); }

    private void leave(WsContext ctx) {
        ctx.disableAutomaticPings();
        Connection c = connections.remove(ctx.sessionId());
        if (c == null) return;
        c.run().detach(c.viewer());
        limits.release(c.address());
    }

    /** The connections of this server, counted over every socket (the classroom's too). */
    public Connections limits() { return limits; }

    /** Ends every run and stops the training executor. */
    @Override
    public void close() {
        for (Connection c : connections.values()) c.run().close();
        connections.clear();
        executor.shutdownNow();
        classExecutor.shutdownNow();
        greeter.shutdownNow();
    }
}
