package bnlab.web.labpage;

import bnlab.engine.Activation;
import bnlab.engine.BnPlacement;
import bnlab.engine.Init;
import bnlab.engine.Schedule;
import bnlab.experiments.Measure;
import bnlab.experiments.Presets;
import bnlab.experiments.RunConfig;
import bnlab.experiments.RunFields;
import bnlab.experiments.VariantKind;
import bnlab.web.i18n.Language;
import bnlab.web.i18n.LanguageResolver;
import bnlab.web.i18n.Messages;
import bnlab.web.lab.CsvUploads;
import bnlab.web.lab.LabEndpoint;
import bnlab.web.render.Assets;
import bnlab.web.render.ScriptJson;
import bnlab.web.render.PageModel;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The lab page (GET /lab): the controls and the charts of a live run. The page itself is static;
 * its scripts read the set-up from the URL, talk to {@value LabEndpoint#PATH} and draw the frames.
 */
public final class LabPageController {
    private final Messages messages;
    private final LanguageResolver languages;
    private final Assets assets;
    private final ObjectMapper json;

    public LabPageController(Messages messages, LanguageResolver languages, Assets assets, ObjectMapper json) {
        this.messages = messages;
        this.languages = languages;
        this.assets = assets;
        this.json = json;
    }

    public void page(Context ctx) {
        String current = withCurrentPresetKey(ctx.queryString());
        if (current != null) { // an old link: the same address with the preset's current key, which the page then keeps
            ctx.redirect(ctx.path() + "?" + current, HttpStatus.FOUND);
            return;
        }
        Map<String, Object> model = model(languages.resolveAndRemember(ctx), "lab");
        ctx.render("lab", model);
    }

    /**
     * The query with a former preset name (see {@link Presets#FORMER_KEYS}) replaced by the
     * current key, everything else as it is; null if it names no former name. The page's
     * script reads the key from its address, so the page must be loaded with the current one to mark its link.
     */
    static String withCurrentPresetKey(String query) {
        if (query == null || query.isEmpty()) return null;
        String[] parts = query.split("&", -1);
        boolean changed = false;
        for (int i = 0; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq < 0 || !"preset".equals(decode(parts[i].substring(0, eq)))) continue;
            String key = decode(parts[i].substring(eq + 1));
            if (!Presets.FORMER_KEYS.containsKey(key)) continue;
            parts[i] = "preset=" + URLEncoder.encode(Presets.canonicalKey(key), StandardCharsets.UTF_8);
            changed = true;
        }
        return changed ? String.join("&", parts) : null;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) { // a malformed escape: not a preset's name
            return s;
        }
    }

    /**
     * The lab page's model. The classroom shows the same page (the same charts and numbers) in another
     * mode: "lab" (the page's own run), "teach" (the instructor's run of a room), "join" (a student's view).
     */
    public Map<String, Object> model(Language language, String mode) {
        Map<String, Object> model = PageModel.of("lab", language, assets, messages, json);
        model.put("mode", mode);
        model.put("datasets", RunConfig.datasets());
        model.put("activations", Activation.keys());
        model.put("placements", List.of(BnPlacement.BEFORE_ACTIVATION.key(), BnPlacement.AFTER_ACTIVATION.key()));
        model.put("inits", Init.keys());
        model.put("schedules", Schedule.Kind.keys());
        model.put("netNames", VariantKind.keys());
        model.put("measures", Measure.keys().stream().filter(k -> !k.equals(Measure.NONE.key())).toList());
        model.put("csvLimitMb", CsvUploads.MAX_BYTES / (1024 * 1024));
        model.put("csvMaxBytes", CsvUploads.MAX_BYTES);
        model.put("csvMaxRows", CsvUploads.MAX_ROWS);
        model.put("presets", PresetLink.ALL);
        model.put("defaultsJson", ScriptJson.of(json, RunFields.values(RunConfig.defaults())));
        model.put("fieldsJson", ScriptJson.of(json, fields()));
        return model;
    }

    /**
     * The run's properties as the page's state module reads them: name, kind, optional, choices, and the pattern a
     * value's text must match (the server's own rule, {@link RunFields.Kind#pattern}), where it has one.
     */
    static List<Map<String, Object>> fields() {
        return RunFields.all().stream().map(f -> {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("name", f.name());
            m.put("kind", f.kind().key());
            m.put("optional", f.optional());
            m.put("choices", f.choices());
            if (f.kind().pattern() != null) m.put("pattern", f.kind().pattern());
            return m;
        }).toList();
    }
}
