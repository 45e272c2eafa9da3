package bnlab.web;

import bnlab.engine.Kernels;
import bnlab.lessons.BatchSource;
import bnlab.web.api.ApiError;
import bnlab.web.api.BatchNormController;
import bnlab.web.api.ErrorResponse;
import bnlab.web.classroom.Classroom;
import bnlab.web.classroom.ClassroomEndpoint;
import bnlab.web.classroom.ClassroomOptions;
import bnlab.web.classroom.ClassroomPages;
import bnlab.web.classroom.InstructorToken;
import bnlab.web.i18n.LanguageResolver;
import bnlab.web.i18n.Messages;
import bnlab.web.lab.LabEndpoint;
import bnlab.web.lab.LabRegistry;
import bnlab.web.labpage.CsvUploadController;
import bnlab.web.labpage.LabPageController;
import bnlab.web.lesson.LessonController;
import bnlab.web.render.Assets;
import bnlab.web.render.StaticFolder;
import bnlab.web.render.ThymeleafRenderer;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web server: the lesson page, the lab page, their JSON API (incl. CSV upload), the lab's WebSocket, static files and webjars.
 * Built from its dependencies so tests can start it on a random port. All routes are declared in
 * {@link #routes}.
 */
public final class WebApp {
    private static final Logger log = LoggerFactory.getLogger(WebApp.class);

    private final Messages messages = new Messages();
    private final LanguageResolver languages = new LanguageResolver();
    private final ObjectMapper json = JavalinJackson.defaultMapper();
    private final LessonController lesson;
    private final BatchNormController batchNorm = new BatchNormController();
    private final LabPageController labPage;
    private final CsvUploadController csvUpload;
    private final ClassroomPages classroomPages;
    private final bnlab.web.classroom.PastRooms pastRooms;
    private final Classroom classroom;
    private final LabEndpoint lab;
    private final StaticFiles staticFiles;
    private final Javalin app;
    /** The names the server answers to; set by {@link #start} (which knows the host it listens on). */
    private volatile HostCheck hosts = HostCheck.loopbackOnly();
    /** Refused names already logged (at most {@value #LOGGED_HOSTS}): the log says each once. */
    private final java.util.Set<String> loggedHosts = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final int LOGGED_HOSTS = 16;

    /** The app with its own lab endpoint (Fashion-MNIST from the default places). */
    public WebApp(BatchSource source) {
        this(source, new LabEndpoint(new LabRegistry(), LabEndpoint.trainingExecutor(), (java.nio.file.Path) null));
    }

    /** With a classroom of default limits and a random instructor token (tests that need none). */
    public WebApp(BatchSource source, LabEndpoint lab) {
        this(source, lab, new Classroom(lab, ClassroomOptions.defaults(),
                InstructorToken.random(new java.security.SecureRandom()), java.util.List.of()));
    }

    /**
     * @param lab       the live lab's WebSocket endpoint; the app closes it when it stops
     * @param classroom the rooms; the app closes it (ending every room) when it stops
     */
    public WebApp(BatchSource source, LabEndpoint lab, Classroom classroom) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(lab, "lab");
        this.lab = lab;
        this.classroom = classroom;
        StaticFolder folder = StaticFolder.app();
        Assets assets = Assets.of(folder);
        this.staticFiles = new StaticFiles(folder, WebApp.class.getClassLoader());
        ThymeleafRenderer renderer = new ThymeleafRenderer(messages, true);
        this.lesson = new LessonController(source, messages, languages, assets, json, renderer);
        this.labPage = new LabPageController(messages, languages, assets, json);
        this.csvUpload = new CsvUploadController(lab.uploads());
        this.classroomPages = new ClassroomPages(classroom, labPage, messages, languages, assets, json, renderer);
        this.pastRooms = new bnlab.web.classroom.PastRooms(classroom, messages, languages, assets, json);
        ClassroomEndpoint rooms = new ClassroomEndpoint(classroom, lab);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(json, false));
            config.fileRenderer(renderer);
            config.http.maxRequestSize = BatchNormController.MAX_BODY_BYTES;
            // Students' sockets send each student the same compact frame: no compression per connection.
            config.jetty.modifyServer(server -> server.setHandler(new UncompressedSockets(ClassroomEndpoint.JOIN)));
            config.routes.before(SecurityHeaders::apply); // every response, static files included
            config.routes.before(ctx -> ctx.header("Cache-Control", "no-cache")); // pages: asked again at every use (StaticFiles sets its own)
            config.routes.before(this::checkHost);        // every request, static files included
            config.routes.wsBeforeUpgrade(this::checkHandshakeHost); // every WebSocket, before the sockets' own checks
            lab.register(config);                      // WebSocket route /ws/lab
            rooms.register(config);                    // WebSocket routes /ws/teach, /ws/join/{code}
            config.events.serverStopping(classroom::close); // students see the room end
            config.events.serverStopped(lab::close);   // ends runs, stops the training executor
            routes(config.routes);
        });
    }

    private void routes(io.javalin.config.RoutesConfig r) {
        r.get("/", lesson::page);
        r.get("/static/<path>", staticFiles::staticFile);   // /static/VERSION/... for the pages, /static/... for links
        r.get("/webjars/<path>", staticFiles::webjar);      // /webjars/NAME/VERSION/...
        r.get("/favicon.ico", ctx -> ctx.redirect(Assets.STATIC + "/favicon.svg", HttpStatus.MOVED_PERMANENTLY));
        r.get("/api/lesson/batch", lesson::batch);
        r.post("/api/batchnorm", batchNorm::compute);
        r.get("/lab", labPage::page);
        r.post("/api/lab/csv", csvUpload::upload);
        r.get("/teach", classroomPages::teach);
        r.post("/api/plans", classroomPages::uploadPlan);
        r.get("/teach/rooms", pastRooms::list);                     // the class's record after class
        r.get("/teach/rooms/{id}", pastRooms::show);
        r.get("/teach/rooms/{id}/forks.csv", pastRooms::csv);
        r.get("/teach/rooms/{id}/report.html", pastRooms::report);
        r.post("/teach/rooms/{id}/delete", pastRooms::delete);
        r.get("/join", classroomPages::joinForm);
        r.get("/join/{code}", classroomPages::join);
        r.get("/join/{code}/qr.svg", classroomPages::qr);
        r.get("/health", this::health);

        r.exception(ApiError.class, (e, ctx) -> error(ctx, e.status, messages.get(languages.resolve(ctx), e.key, e.args)));
        r.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
        r.exception(Exception.class, (e, ctx) -> {
            log.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            error(ctx, 500, messages.get(languages.resolve(ctx), "error.internal"));
        });
    }

    /** A request for a name this server does not answer to (DNS rebinding, or a proxy's name not given): 403, saying which flag lets it in. */
    private void checkHost(Context ctx) {
        String refused = refusedHost(ctx);
        if (refused == null) return;
        ctx.status(403).header("Cache-Control", "no-store").contentType("text/plain; charset=utf-8").result(refused);
        ctx.skipRemainingHandlers();
    }

    private void checkHandshakeHost(Context ctx) {
        String refused = refusedHost(ctx);
        if (refused != null) throw new io.javalin.http.ForbiddenResponse(refused);
    }

    /** Null when the request's Host is allowed, else the refusal's text in the page's language. */
    private String refusedHost(Context ctx) {
        String header = ctx.header("Host");
        if (hosts.allows(header)) return null;
        String name = HostCheck.host(header);
        String shown = name != null ? name : TypedText.cut(TypedText.withoutControls(header), 80);
        if (loggedHosts.size() < LOGGED_HOSTS && loggedHosts.add(shown))
            log.warn("refused a request for the host name {} from {}: if it is this server's name, start it with --public-host {}",
                    shown, ctx.req().getRemoteAddr(), shown);
        return messages.get(languages.resolve(ctx), "error.host", shown);
    }

    /** For monitoring: 200 and a few counts while the server serves. */
    private void health(Context ctx) {
        ctx.header("Cache-Control", "no-store").json(new Health("ok", classroom.rooms(), lab.registry().size(),
                lab.registry().training(), lab.limits().open(), Kernels.implementation()));
    }

    /**
     * @param runs live runs (lab pages, rooms, forks) @param training of them training now @param connections WebSockets open
     * @param kernels the engine's matrix kernels ("vector-512", "vector-256" or "plain"): whether a deployed server runs SIMD
     */
    record Health(String status, int rooms, int runs, int training, int connections, String kernels) {}

    private static void error(Context ctx, int status, String message) {
        ctx.status(status).json(new ErrorResponse(message));
    }

    /** Starts listening; port 0 picks a free port. Returns the port bound. Answers to localhost and IP addresses. */
    public int start(String host, int port) { return start(host, port, java.util.List.of()); }

    /**
     * Starts listening; port 0 picks a free port. Returns the port bound.
     *
     * @param names names the server answers to besides localhost, IP addresses and the hosts of the allowed origins
     *              ({@link HostCheck}): {@code serve --public-host}, and this machine's names when it listens beyond
     *              the loopback
     */
    public int start(String host, int port, java.util.Collection<String> names) {
        java.util.Set<String> all = new java.util.LinkedHashSet<>(names);
        all.addAll(lab.options().origins().hosts());
        hosts = HostCheck.of(host, all);
        app.start(host, port);
        return app.port();
    }

    public void stop() { app.stop(); }

    /** Live runs on the server (lab pages, rooms, forks): tests and monitoring. */
    public int labRuns() { return lab.registry().size(); }
}
