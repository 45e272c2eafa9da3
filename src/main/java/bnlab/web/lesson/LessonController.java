package bnlab.web.lesson;

import bnlab.lessons.BatchSource;
import bnlab.lessons.BatchView;
import bnlab.lessons.Drift;
import bnlab.web.api.ApiError;
import bnlab.web.i18n.Language;
import bnlab.web.i18n.LanguageResolver;
import bnlab.web.i18n.Messages;
import bnlab.web.render.Assets;
import bnlab.web.render.PageModel;
import bnlab.web.render.ScriptJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.Map;

/**
 * The lesson page (GET /) and the batches it steps through (GET /api/lesson/batch).
 * Every number on the page comes from the {@link BatchSource}; this class only arranges them.
 */
public final class LessonController {
    public static final long DEFAULT_SEED = 1;
    /** The iterations of the still table of internal covariate shift (the live chart stops at 2,000). */
    public static final int[] SHIFT_ITERATIONS = {0, 10, 50, 200, 1000, 2000};
    /** How many neurons the still table shows, as many as the live chart. */
    public static final int SHIFT_NEURONS = 3;

    private final BatchSource source;
    private final Messages messages;
    private final LanguageResolver languages;
    private final Assets assets;
    private final ObjectMapper json;

    /**
     * The lesson at its first batch, as a whole class opens it at once (and as a room's lecture-plan step frames it,
     * ?embed=1, without the site's header): rendered once per language and form. 200 students loading it together
     * took 3 to 6 s each when it was rendered per request, 0.04 s when rendered once (docs/performance.md).
     */
    private final Map<String, String> rendered = new java.util.concurrent.ConcurrentHashMap<>();
    private final bnlab.web.render.ThymeleafRenderer renderer;

    public LessonController(BatchSource source, Messages messages, LanguageResolver languages,
                            Assets assets, ObjectMapper json) {
        this(source, messages, languages, assets, json, null);
    }

    /** @param renderer renders the embedded lesson once per language (null: per request) */
    public LessonController(BatchSource source, Messages messages, LanguageResolver languages,
                            Assets assets, ObjectMapper json, bnlab.web.render.ThymeleafRenderer renderer) {
        this.renderer = renderer;
        this.source = source instanceof CachedBatchSource ? source : new CachedBatchSource(source);
        this.messages = messages;
        this.languages = languages;
        this.assets = assets;
        this.json = json;
    }

    public void page(Context ctx) {
        Language language = languages.resolveAndRemember(ctx);
        boolean embed = "1".equals(ctx.queryParam("embed"));
        if (renderer != null && ctx.queryParam("seed") == null && ctx.queryParam("iteration") == null) {
            ctx.html(rendered.computeIfAbsent(language.code() + (embed ? " embed" : ""), k -> renderer.render("lesson", model(ctx, language, embed), ctx)));
            return;
        }
        Map<String, Object> model = model(ctx, language, embed);
        ctx.render("lesson", model);
    }

    /** The lesson page's model; {@code embed}: without the site's header and footer, for a room's step. */
    private Map<String, Object> model(Context ctx, Language language, boolean embed) {
        long seed = parseLong(ctx.queryParam("seed"), DEFAULT_SEED);
        int iteration = (int) Math.max(0, Math.min(BatchSource.MAX_ITERATION,
                parseLong(ctx.queryParam("iteration"), 0)));
        BatchView b = source.batchAt(seed, iteration);

        Map<String, Object> model = PageModel.of("lesson", language, assets, messages, json);
        model.put("seed", seed);
        model.put("iteration", iteration);
        model.put("batch", b);
        model.put("m", b.z().length);
        model.put("epsilon", plain(b.epsilon(), language));
        model.put("tex", Formulas.TEX);
        model.put("num", new NumberText(language));
        model.put("x", MatrixModel.matrix("x", "x", "matrix.x", 2, b.x()));
        model.put("z", MatrixModel.matrix("z", "z", "matrix.z", 2, b.z()));
        model.put("stats", MatrixModel.vectors("m-stats", "matrix.stats", 2,
                MatrixModel.vector("mu", "\\mu", b.mu()), MatrixModel.vector("sigma", "\\sigma", b.sigma())));
        model.put("params", MatrixModel.vectors("m-params", "matrix.params", 2,
                MatrixModel.vector("gamma", "\\gamma", b.gamma()), MatrixModel.vector("beta", "\\beta", b.beta())));
        model.put("zTilde", MatrixModel.matrix("zTilde", "\\tilde{z}", "matrix.zTilde", 2, b.zTilde()));
        model.put("zHat", MatrixModel.matrix("zHat", "\\hat{z}", "matrix.zHat", 2, b.zHat()));
        model.put("dz", MatrixModel.matrix("dz", "\\partial L / \\partial z", "matrix.dz", 4, b.dz()));
        model.put("dparams", MatrixModel.vectors("m-dparams", "matrix.dparams", 4,
                MatrixModel.vector("dgamma", "\\partial L / \\partial \\gamma", b.dgamma()),
                MatrixModel.vector("dbeta", "\\partial L / \\partial \\beta", b.dbeta())));
        model.put("shift", Drift.measure(seed, SHIFT_ITERATIONS, SHIFT_NEURONS));
        model.put("shiftNeurons", SHIFT_NEURONS);
        model.put("labLinks", bnlab.web.labpage.PresetLink.EFFECTS);
        model.put("todayLinks", bnlab.web.labpage.PresetLink.KNOWN_TODAY);
        model.put("todayFigures", TODAY_FIGURES);
        model.put("problemLinks", bnlab.web.labpage.PresetLink.PROBLEM);
        model.put("batchJson", ScriptJson.of(json, b));
        model.put("embed", embed);
        return model;
    }

    /**
     * The chart of each experiment of section 7 that the lesson shows, as the lab exported it for docs/experiments.md
     * (static/figures/KEY-CHART.png, made by ExperimentFigures): what the experiment is about at a glance.
     */
    static final java.util.Map<String, String> TODAY_FIGURES = java.util.Map.of("noisy-bn", "bands", "figure1-larger-init", "bands",
            "ics-gradients", "m0", "landscape", "m2", "layer-norm-2", "acc");

    /** GET /api/lesson/batch?seed=S&iteration=N: the BatchView after N training steps, as JSON. */
    public void batch(Context ctx) {
        long seed = requireLong(ctx.queryParam("seed"), DEFAULT_SEED, "seed");
        long iteration = requireLong(ctx.queryParam("iteration"), 0, "iteration");
        if (iteration < 0 || iteration > BatchSource.MAX_ITERATION) {
            throw ApiError.badRequest("error.iteration.range", BatchSource.MAX_ITERATION);
        }
        ctx.json(source.batchAt(seed, (int) iteration));
    }

    /** 1e-5 as "0.00001" (or "0,00001"): students read decimals more easily than E notation. */
    private static String plain(double value, Language language) {
        String s = java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        return language == Language.DE ? s.replace('.', ',') : s;
    }

    private static long parseLong(String s, long fallback) {
        try {
            return s == null ? fallback : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static long requireLong(String s, long fallback, String name) {
        if (s == null || s.isBlank()) return fallback;
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("error.param.notAnInteger", name);
        }
    }
}
