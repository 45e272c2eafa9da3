package bnlab.web.classroom;

import bnlab.lessons.plan.LecturePlan;
import bnlab.record.ClassRecord;
import bnlab.web.i18n.Language;
import bnlab.web.i18n.LanguageResolver;
import bnlab.web.i18n.Messages;
import bnlab.web.render.Assets;
import bnlab.web.render.PageModel;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.writer.CsvWriter;
import io.javalin.http.Context;
import java.io.StringWriter;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The class's record after class, for the instructor only (the token): /teach/rooms lists the past rooms, newest
 * first; /teach/rooms/ID shows one read-only (the class chart at a checkpoint, the dashboard's rows, the answers);
 * its forks as CSV (each with the lab's link that replays it), a report as one HTML file that opens offline, and
 * a form that deletes the room's record.
 */
public final class PastRooms {
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final Classroom classroom;
    private final Messages messages;
    private final LanguageResolver languages;
    private final Assets assets;
    private final ObjectMapper json;

    public PastRooms(Classroom classroom, Messages messages, LanguageResolver languages, Assets assets, ObjectMapper json) {
        this.classroom = classroom;
        this.messages = messages;
        this.languages = languages;
        this.assets = assets;
        this.json = json;
    }

    /** The instructor's token is right; else a 403 page that says how to get in. */
    private boolean allowed(Context ctx, Language language, String token) {
        ctx.header("Referrer-Policy", "no-referrer").header("Cache-Control", "no-store"); // the token is in the address
        if (classroom.token().matches(token)) return true;
        ctx.status(403).render("teach-refused", PageModel.of("teach", language, assets, messages, json));
        return false;
    }

    private Map<String, Object> model(Language language, String token) {
        Map<String, Object> model = PageModel.of("past", language, assets, messages, json);
        model.put("token", token);
        model.put("recorded", classroom.recorder().record() != null);
        model.put("selfPath", "/teach/rooms"); // where the language links go
        return model;
    }

    /** GET /teach/rooms?token=T */
    public void list(Context ctx) throws SQLException {
        Language language = languages.resolveAndRemember(ctx);
        String token = ctx.queryParam("token");
        if (!allowed(ctx, language, token)) return;
        Map<String, Object> model = model(language, token);
        ClassRecord record = classroom.recorder().record();
        List<Map<String, Object>> rooms = new ArrayList<>();
        if (record != null) for (ClassRecord.Room r : record.rooms()) rooms.add(roomModel(r));
        model.put("rooms", rooms);
        ctx.render("past-rooms", model);
    }

    private static Map<String, Object> roomModel(ClassRecord.Room r) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("id", r.id());
        m.put("code", r.code());
        m.put("name", r.name());
        m.put("opened", WHEN.format(Instant.ofEpochMilli(r.openedAt())));
        m.put("closed", r.closedAt() == null ? "" : WHEN.format(Instant.ofEpochMilli(r.closedAt())));
        m.put("forks", r.forks());
        m.put("plan", r.plan() == null ? "" : r.plan());
        return m;
    }

    /** The room of {@code /teach/rooms/{id}}, read with the plan it followed; empty (and 404 given) when there is none. */
    private Optional<PastRoom> room(Context ctx, Language language) throws SQLException {
        ClassRecord record = classroom.recorder().record();
        Optional<ClassRecord.Room> room = Optional.empty();
        try {
            if (record != null) room = record.room(Long.parseLong(ctx.pathParam("id")));
        } catch (NumberFormatException notAnId) {
            // as unknown
        }
        if (room.isEmpty()) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result(messages.get(language, "past.unknown"));
            return Optional.empty();
        }
        LecturePlan plan = room.get().plan() == null ? null : classroom.plans().byKey(room.get().plan()).orElse(null);
        return Optional.of(PastRoom.read(record, room.get(), plan, language.code()));
    }

    /** GET /teach/rooms/{id}?token=T: one room, read-only. */
    public void show(Context ctx) throws SQLException {
        Optional<Map<String, Object>> model = roomPage(ctx);
        if (model.isPresent()) ctx.render("past-room", model.get());
    }

    /** GET /teach/rooms/{id}/report.html?token=T: the same as one HTML file, its style and chart inside, to keep. */
    public void report(Context ctx) throws SQLException {
        Optional<Map<String, Object>> model = roomPage(ctx);
        if (model.isEmpty()) return;
        model.get().put("report", true); // the lecture's credit inside the file, which has no site footer
        Map<?, ?> room = (Map<?, ?>) model.get().get("room");
        ctx.header("Content-Disposition", "attachment; filename=\"bnlab-" + room.get("code") + "-" + room.get("id") + ".html\"");
        ctx.render("report", model.get());
    }

    /** A room's page model, or empty when the token is wrong (403 given) or there is no such room (404 given). */
    private Optional<Map<String, Object>> roomPage(Context ctx) throws SQLException {
        Language language = languages.resolveAndRemember(ctx);
        String token = ctx.queryParam("token");
        if (!allowed(ctx, language, token)) return Optional.empty();
        Optional<PastRoom> p = room(ctx, language);
        if (p.isEmpty()) return Optional.empty();
        Map<String, Object> model = model(language, token);
        model.put("selfPath", "/teach/rooms/" + p.get().room().id());
        fill(model, p.get(), language);
        return Optional.of(model);
    }

    /**
     * Numbers as the past room's page prints them, in its language: rates to 3 significant digits, accuracies to 3
     * decimals as the lesson prints its numbers ({@link bnlab.web.lesson.NumberText}); "–" for none.
     */
    public record Numbers(Language language) {
        public String rate(Double v) {
            return v == null ? "–" : new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString()
                    .replace('.', language == Language.DE ? ',' : '.');
        }

        public String accuracy(Double v) { return v == null ? "–" : new bnlab.web.lesson.NumberText(language).format(v, 3); }
    }

    private void fill(Map<String, Object> model, PastRoom p, Language language) {
        model.put("num", new Numbers(language));
        model.put("room", roomModel(p.room()));
        model.put("past", p);
        model.put("nets", p.nets());
        model.put("netLabels", p.nets().stream().map(n -> netLabel(language, n)).toList());
        String at = p.lastMeasured() ? ".last" : "";
        model.put("chartTitle", messages.get(language, "past.chart.title" + at, p.checkpoint()));
        model.put("accuracyTitle", messages.get(language, "past.chart.y" + at, p.checkpoint()));
        model.put("chart", ClassChartSvg.of(p, n -> netLabel(language, n), messages.get(language, "past.chart.x"),
                messages.get(language, "past.chart.y" + at, p.checkpoint()), messages.get(language, "past.chart.caption" + at, p.checkpoint())));
    }

    /** A network's name as the pages call it ("without BN"), else its key. */
    private String netLabel(Language language, String net) {
        String label = messages.get(language, "js.net." + net);
        return label.startsWith("??") ? net : label;
    }

    /** GET /teach/rooms/{id}/forks.csv?token=T: every run, the class run first, each with the link that replays it. */
    public void csv(Context ctx) throws SQLException {
        Language language = languages.resolve(ctx);
        if (!classroom.token().matches(ctx.queryParam("token"))) {
            ctx.status(403).contentType("text/plain; charset=utf-8").result(messages.get(language, "refused.title"));
            return;
        }
        Optional<PastRoom> p = room(ctx, language);
        if (p.isEmpty()) return;
        String base = ctx.scheme() + "://" + ctx.host();
        StringWriter out = new StringWriter();
        try (CsvWriter csv = CsvWriter.builder().build(out)) {
            List<String> head = new ArrayList<>(List.of("room", "run", "student", "nickname", "from_step", "step"));
            for (String n : p.get().nets())
                head.addAll(p.get().lastMeasured() ? List.of(n + "_learning_rate", n + "_accuracy", n + "_diverged")
                        : List.of(n + "_learning_rate", n + "_accuracy", n + "_accuracy_at_" + p.get().checkpoint(), n + "_diverged"));
            head.add("link");
            csv.writeRecord(head);
            for (PastRoom.Row r : p.get().rows()) {
                List<String> row = new ArrayList<>(List.of(p.get().room().code(), r.isClassRun() ? "class" : r.runId(),
                        r.number() == null ? "" : r.number().toString(), r.nickname() == null ? "" : r.nickname(),
                        Long.toString(r.fromStep()), Long.toString(r.step())));
                for (String n : p.get().nets()) {
                    PastRoom.Net net = r.nets().get(n);
                    row.add(net == null || net.learningRate() == null ? "" : net.learningRate().toString());
                    row.add(net == null || net.accuracy() == null ? "" : net.accuracy().toString());
                    if (!p.get().lastMeasured()) {
                        Double at = net == null ? null : net.accuracyAt(p.get().checkpoint());
                        row.add(at == null ? "" : at.toString());
                    }
                    row.add(net == null || net.divergedKind() == null ? "" : net.divergedKind() + "@" + net.divergedStep());
                }
                row.add(base + r.link());
                csv.writeRecord(row);
            }
        } catch (java.io.IOException impossible) {
            throw new java.io.UncheckedIOException(impossible);
        }
        ctx.header("Content-Disposition", "attachment; filename=\"bnlab-" + p.get().room().code() + "-" + p.get().room().id() + "-forks.csv\"")
                .header("Cache-Control", "no-store").contentType("text/csv; charset=utf-8").result(out.toString());
    }

    /** POST /teach/rooms/{id}/delete with the token in the form: the room's record goes, all of it. */
    public void delete(Context ctx) throws SQLException {
        Language language = languages.resolve(ctx);
        String token = ctx.formParam("token");
        if (!allowed(ctx, language, token)) return;
        ClassRecord record = classroom.recorder().record();
        try {
            if (record != null) record.delete(Long.parseLong(ctx.pathParam("id")));
        } catch (NumberFormatException notAnId) {
            // nothing to delete
        }
        ctx.redirect("/teach/rooms?token=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8),
                io.javalin.http.HttpStatus.SEE_OTHER);
    }
}
