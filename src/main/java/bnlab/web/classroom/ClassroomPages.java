package bnlab.web.classroom;

import bnlab.web.i18n.Language;
import bnlab.web.i18n.LanguageResolver;
import bnlab.web.i18n.Messages;
import bnlab.web.labpage.LabPageController;
import bnlab.web.render.Assets;
import bnlab.web.render.PageModel;
import bnlab.web.render.QrSvg;
import bnlab.web.render.ThymeleafRenderer;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The classroom's pages: /teach (the instructor's, only with the token), /join (a form for the code) and
 * /join/CODE (a student in a room), and the QR code of a room's address. /teach and /join/CODE are the lab
 * page in another mode, so students see the same charts and numbers as in the lab.
 */
public final class ClassroomPages {
    private final Classroom classroom;
    private final LabPageController lab;
    private final Messages messages;
    private final LanguageResolver languages;
    private final Assets assets;
    private final ObjectMapper json;

    /**
     * A room's page per language, rendered once. It depends on nothing else (no per-request value), and 300 students
     * who scan the QR code within a second would otherwise cost 300 renders of the lab page: on 2 cores they took
     * 2 to 4 s and held up the class run's frames for 0.7 to 0.8 s (docs/performance.md, "The classroom").
     */
    private final Map<String, String> roomPages = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_ROOM_PAGES = 256;
    private final ThymeleafRenderer renderer;

    public ClassroomPages(Classroom classroom, LabPageController lab, Messages messages, LanguageResolver languages,
                          Assets assets, ObjectMapper json, ThymeleafRenderer renderer) {
        this.renderer = renderer;
        this.classroom = classroom;
        this.lab = lab;
        this.messages = messages;
        this.languages = languages;
        this.assets = assets;
        this.json = json;
    }

    /** GET /teach?token=T: the lab page as the instructor's; without the right token a 403 page that says how to get in. */
    public void teach(Context ctx) {
        Language language = languages.resolveAndRemember(ctx);
        if (!classroom.token().matches(ctx.queryParam("token"))) {
            Map<String, Object> model = PageModel.of("teach", language, assets, messages, json);
            ctx.status(403).render("teach-refused", model);
            return;
        }
        Map<String, Object> model = lab.model(language, "teach");
        model.put("plans", classroom.plans().all());
        model.put("roomCode", ctx.queryParam("room") == null ? "" : JoinCode.normalize(ctx.queryParam("room")).orElse(""));
        ctx.header("Referrer-Policy", "no-referrer"); // the token is in this page's address
        ctx.render("lab", model);
    }

    /** A plan as the instructor's page learns it after an upload. */
    public record PlanAccepted(String key, bnlab.lessons.plan.LecturePlan.Text title, int steps) {}

    /**
     * POST /api/plans?token=T with a plan's JSON as the body (the instructor's "upload a plan"): checked as at start
     * ({@link bnlab.lessons.plan.PlanReader}); a refusal names the step and the field. 403 without the token.
     */
    public void uploadPlan(Context ctx) throws java.io.IOException {
        if (!classroom.token().matches(ctx.queryParam("token"))) throw new bnlab.web.api.ApiError(403, "error.plan.token");
        byte[] body;
        try (java.io.InputStream in = ctx.req().getInputStream()) {
            body = bnlab.web.api.RequestBodies.readAtMost(in, bnlab.lessons.plan.PlanReader.MAX_BYTES);
        }
        if (body == null) throw bnlab.web.api.ApiError.tooLarge("error.plan.tooLarge", bnlab.lessons.plan.PlanReader.MAX_BYTES / 1024);
        if (body.length == 0) throw bnlab.web.api.ApiError.badRequest("error.plan.empty");
        String name = bnlab.web.TypedText.name(String.valueOf(ctx.queryParam("name")).replaceAll(".*[/\\\\]", ""), 80);
        try {
            var plan = bnlab.lessons.plan.PlanReader.read(name == null || name.equals("null") ? "plan.json" : name,
                    new String(body, java.nio.charset.StandardCharsets.UTF_8));
            classroom.plans().upload(plan);
            ctx.json(new PlanAccepted(plan.key(), plan.title(), plan.steps().size()));
        } catch (bnlab.lessons.plan.PlanException e) {
            throw bnlab.web.api.ApiError.badRequest("error.plan.invalid", e.getMessage());
        }
    }

    /** GET /join: the form for a room's code (and a nickname). */
    public void joinForm(Context ctx) {
        Language language = languages.resolveAndRemember(ctx);
        String typed = ctx.queryParam("code"); // the form sent without its script: on to the room's address
        if (typed != null && JoinCode.normalize(typed).isPresent()) {
            ctx.redirect("/join/" + JoinCode.normalize(typed).get()); // the nickname is the script's (sessionStorage)
            return;
        }
        ctx.render("join", joinModel(language, "", false));
    }

    /**
     * GET /join/CODE: the student's page in the room; an unknown code gives the form again, saying so (404). Over the
     * address's join limit: 429.
     */
    public void join(Context ctx) {
        Language language = languages.resolveAndRemember(ctx);
        if (overJoinLimit(ctx, language)) return;
        String typed = ctx.pathParam("code");
        Optional<Room> room = classroom.find(typed);
        Optional<RemoteRoom> remote = room.isPresent() ? Optional.empty() : classroom.remote(typed);
        if (room.isEmpty() && remote.isEmpty()) {
            ctx.status(404).render("join", joinModel(language, JoinCode.normalize(typed).orElse(""), true));
            return;
        }
        String code = room.map(r -> r.code).orElseGet(() -> remote.get().code);
        String name = room.map(r -> r.name == null ? "" : r.name).orElse("");
        if (roomPages.size() > MAX_ROOM_PAGES) roomPages.clear();
        ctx.html(roomPages.computeIfAbsent(code + ' ' + language.code() + ' ' + name, key -> {
            Map<String, Object> model = lab.model(language, "join");
            model.put("roomCode", code);
            model.put("roomName", name);
            return renderer.render("lab", model, ctx);
        }));
    }

    /** GET /join/CODE/qr.svg: the QR code of the room's address, as students would type it (the join limit applies). */
    public void qr(Context ctx) {
        if (overJoinLimit(ctx, languages.resolve(ctx))) return;
        Optional<String> code = classroom.find(ctx.pathParam("code")).map(r -> r.code)
                .or(() -> classroom.remote(ctx.pathParam("code")).map(r -> r.code));
        if (code.isEmpty()) {
            ctx.status(404).result("no such room");
            return;
        }
        String url = bases(ctx).get(0) + "/join/" + code.get(); // the first printed LAN address, else this one
        ctx.contentType("image/svg+xml").header("Cache-Control", "no-store").result(QrSvg.of(url));
    }

    /**
     * Counts a look-up of a room code against the address's limit (shared with the student's socket); over it, answers
     * 429 with Retry-After and a line in the page's language.
     */
    private boolean overJoinLimit(Context ctx, Language language) {
        long wait = classroom.lookUp(ctx.req().getRemoteAddr());
        if (wait == 0) return false;
        ctx.status(429).header("Retry-After", String.valueOf(wait)).header("Cache-Control", "no-store")
                .contentType("text/plain; charset=utf-8")
                .result(messages.get(language, "join.tooMany", classroom.options().joinsPerMinute(), wait));
        return true;
    }

    private static String base(Context ctx) {
        return ctx.scheme() + "://" + ctx.host();
    }

    /** The addresses a room's join links start with: serve's printed ones, else the request's. */
    private List<String> bases(Context ctx) {
        return classroom.studentBases().isEmpty() ? List.of(base(ctx)) : classroom.studentBases();
    }

    private Map<String, Object> joinModel(Language language, String code, boolean unknown) {
        Map<String, Object> model = PageModel.of("join", language, assets, messages, json);
        model.put("code", code);
        model.put("unknown", unknown);
        return model;
    }
}
