package bnlab.experiments.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bnlab.web.i18n.Language;
import bnlab.web.i18n.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/claims.md against the engine and the texts. The engine is deterministic, so the table's figures of seed 1
 * must come out again here; every row's smallest, median, largest and count must follow from its seeds; and every
 * figure a row says the text quotes must be in that text, in German and in English. All seeds again:
 * {@code mvn test -Dtest=ClaimsTest -Dclaims=all} (as long as {@code bnlab claims}, see the file's header).
 */
class ClaimsTest {
    static ClaimsFile file;

    @BeforeAll
    static void read() throws Exception { file = ClaimsFile.read(ClaimsFile.FILE); }

    static List<ClaimSet> sets() { return Claims.ALL; }

    @Test
    void the_file_has_every_set_and_no_other_and_every_quoted_figure_agrees() {
        assertEquals(Claims.ALL.stream().map(ClaimSet::id).toList(), List.copyOf(file.sections().keySet()),
                "docs/claims.md is out of date: run `java -jar target/bnlab.jar claims --out docs/claims.md`");
        for (ClaimSet s : Claims.ALL) {
            var section = file.sections().get(s.id());
            assertEquals(s.claims().size(), section.claims().size(), s.id() + ": a claim was added or removed since the file was made");
            assertEquals(s.seeds(), section.perSeed().size(), s.id() + ": seeds");
            for (int i = 0; i < s.claims().size(); i++) {
                Claim c = s.claims().get(i);
                var row = section.claims().get(i);
                assertEquals(c.figure(), row.get("Figure"), s.id());
                assertEquals(ClaimsTable.says(c), row.get("The text says"), s.id() + " " + c.figure() + ": the text's figures changed since the file was made");
                assertEquals("yes", row.get("Agrees"), s.id() + " " + c.figure() + " " + c.says() + ": the text quotes " + row.get("The text says")
                        + ", measured " + row.get("Min") + " / " + row.get("Median") + " / " + row.get("Max") + ", holds " + row.get("Holds"));
            }
        }
    }

    /** Each row's figures recomputed from the seeds the file lists, so that a hand-edited row cannot pass. */
    @Test
    void every_rows_figures_follow_from_its_seeds() {
        for (ClaimSet s : Claims.ALL) {
            var section = file.sections().get(s.id());
            List<Map<String, Double>> perSeed = section.figures();
            for (int i = 0; i < s.claims().size(); i++) {
                var measured = ClaimsTable.measure(s.claims().get(i), perSeed, s.id());
                var row = section.claims().get(i);
                String where = s.id() + " " + row.get("Figure");
                assertClose(row.get("Min"), measured.min(), where + " min");
                assertClose(row.get("Median"), measured.median(), where + " median");
                assertClose(row.get("Max"), measured.max(), where + " max");
                if (measured.holds() >= 0) assertEquals(measured.holds() + " of " + perSeed.size(), row.get("Holds"), where);
                assertTrue(measured.agrees(), where + ": the figures of its seeds do not give what the text says");
            }
        }
    }

    /** The written figure is the measured one rounded (the per-seed figures are rounded too: a unit of slack). */
    private static void assertClose(String written, double measured, String where) {
        if (written.equals("NaN")) { assertTrue(Double.isNaN(measured), where); return; }
        int dot = written.indexOf('.');
        double unit = Math.pow(10, -(dot < 0 ? 0 : written.length() - dot - 1));
        assertEquals(Double.parseDouble(written), measured, unit + 1e-9, where);
    }

    /**
     * With the kernels that made the file (the header names them), the engine gives the same figures bit for bit,
     * so seed 1 must come out as the file says; with another vector width the sums run in another order and a seed's
     * figures drift apart over thousands of steps, so only the claims themselves are compared (all seeds, below).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void seed_1_comes_out_as_the_file_says(ClaimSet s) throws Exception {
        Assumptions.assumeTrue(bnlab.engine.Kernels.implementation().equals(file.kernels()),
                "docs/claims.md was made with kernels " + file.kernels() + ", these are " + bnlab.engine.Kernels.implementation());
        check(s, 1);
    }

    /** All seeds of every set: its claims agree with the texts, and with the file's kernels its figures are the file's. */
    @EnabledIfSystemProperty(named = "claims", matches = "all")
    @ParameterizedTest(name = "{0}, all seeds")
    @MethodSource("sets")
    void every_seed_comes_out_as_the_file_says(ClaimSet s) throws Exception {
        var result = ClaimsTable.measure(s, s.seeds(), line -> { });
        for (var m : result.claims())
            assertTrue(m.agrees(), s.id() + " " + m.claim().figure() + " (" + m.claim().says() + "): the text says " + ClaimsTable.says(m.claim())
                    + ", measured " + ClaimsTable.figure(m.min()) + " / " + ClaimsTable.figure(m.median()) + " / " + ClaimsTable.figure(m.max())
                    + ", holds on " + m.holds());
        if (bnlab.engine.Kernels.implementation().equals(file.kernels())) same(s, result, s.seeds());
    }

    private static void check(ClaimSet s, int seeds) throws Exception {
        same(s, ClaimsTable.measure(s, seeds, line -> { }), seeds);
    }

    private static void same(ClaimSet s, ClaimsTable.Result result, int seeds) {
        var section = file.sections().get(s.id());
        assertNotNull(section, s.id());
        for (int i = 0; i < seeds; i++) {
            Map<String, String> written = section.perSeed().get(i);
            Map<String, Double> now = result.perSeed().get(i);
            assertEquals(written.keySet(), now.keySet(), s.id() + " seed " + (i + 1));
            for (var e : now.entrySet())
                assertEquals(written.get(e.getKey()), ClaimsTable.figure(e.getValue()), s.id() + " seed " + (i + 1) + " " + e.getKey());
        }
    }

    /** A figure as a text in the language writes it: "0.86" or "0,86", not as part of a longer number. */
    static Pattern inText(String figure, Language lang) {
        String written = lang == Language.DE ? figure.replace('.', ',') : figure;
        return Pattern.compile("(?<![\\d.,])" + Pattern.quote(written) + "(?![\\d]|[.,]\\d)");
    }

    @Test
    void the_texts_in_both_languages_quote_the_figures_of_the_file() {
        Messages messages = new Messages();
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (var section : file.sections().values())
            for (var row : section.claims()) {
                List<String> figures = figures(row.get("The text says"));
                assertFalse(row.texts().isEmpty(), section.id());
                for (String key : row.texts())
                    for (Language lang : Language.values()) {
                        String text = messages.all(lang).get(key);
                        assertNotNull(text, lang + " " + key);
                        for (String f : figures) {
                            checked++;
                            if (!inText(f, lang).matcher(text).find()) missing.add(lang + " " + key + ": " + f + " (" + section.id() + " " + row.get("Figure") + ")");
                        }
                    }
            }
        assertTrue(checked > 100, "figures checked: " + checked);
        assertTrue(missing.isEmpty(), "figures of docs/claims.md the texts do not quote:\n" + String.join("\n", missing));
    }

    /** The numbers in "0.86 to 0.98, median 0.95, on 25". */
    static List<String> figures(String says) {
        List<String> out = new ArrayList<>();
        var m = Pattern.compile("\\d+(\\.\\d+)?").matcher(says);
        while (m.find()) out.add(m.group());
        return out;
    }

    @Test
    void a_figure_is_found_only_as_itself() {
        assertTrue(inText("0.86", Language.DE).matcher("von 0,86 bis 0,98").find());
        assertFalse(inText("0.8", Language.EN).matcher("0.86 to 0.98").find());
        assertFalse(inText("25", Language.EN).matcher("on 125 seeds").find());
        assertTrue(inText("25", Language.EN).matcher("on 25 of the 30.").find());
        assertFalse(inText("1.5", Language.DE).matcher("1,55").find());
    }
}
