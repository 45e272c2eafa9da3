package bnlab.lessons.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bnlab.experiments.Presets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanReaderTest {

    private static final String RUN = "{\"type\": \"run\", \"preset\": \"rate-both\"}";

    /** A plan of one step around {@code step}. */
    private static String plan(String... steps) {
        return "{\"key\": \"mine\", \"title\": {\"de\": \"Mein Plan\", \"en\": \"My plan\"}, \"steps\": [" + String.join(",", steps) + "]}";
    }

    private static String question(String answers, String more) {
        return "{\"type\": \"question\", \"prompt\": {\"de\": \"Welches?\", \"en\": \"Which?\"}, \"answers\": [" + answers + "]" + more + "}";
    }

    private static final String TWO = "{\"de\": \"A\", \"en\": \"A\"}, {\"de\": \"B\", \"en\": \"B\"}";

    private static PlanException refused(String json) {
        return assertThrows(PlanException.class, () -> PlanReader.read("mine.json", json));
    }

    @Test
    void the_built_in_plan_follows_the_lecture() {
        LecturePlan p = LecturePlans.builtIn();
        assertEquals("lecture", p.key());
        List<String> sections = p.steps().stream().filter(s -> s instanceof LecturePlan.Section).map(s -> ((LecturePlan.Section) s).section()).toList();
        assertEquals(List.of("example", "problem", "idea", "batch", "today"), sections, "the lecture's order");
        List<LecturePlan.Step> steps = p.steps();
        int questions = 0;
        for (int i = 0; i < steps.size(); i++) {
            if (!(steps.get(i) instanceof LecturePlan.Question q)) continue;
            questions++;
            assertNotNull(q.supports(), "every question of the built-in plan is answered by its run");
            assertTrue(steps.get(i + 1) instanceof LecturePlan.Run, "a run follows question " + (i + 1));
        }
        assertEquals(3, questions);
        List<String> runs = steps.stream().filter(s -> s instanceof LecturePlan.Run r && r.preset() != null)
                .map(s -> ((LecturePlan.Run) s).preset().key()).toList();
        assertEquals(List.of("figure1", "rate-both", "decay", "dropout", "noisy-bn", "figure1-larger-init"), runs);
    }

    /**
     * A reveal says only what its run's preset text says (whose figures docs/claims.md measures on 25 seeds): every
     * number in it, in either language, is also in that text.
     */
    @Test
    void every_reveal_quotes_only_figures_of_its_runs_checked_text() throws Exception {
        LecturePlan p = LecturePlans.builtIn();
        for (String lang : List.of("de", "en")) {
            Properties messages = new Properties();
            try (var in = Files.newBufferedReader(Path.of("src/main/resources/i18n/messages_" + lang + ".properties"))) { messages.load(in); }
            for (int i = 0; i < p.steps().size(); i++) {
                if (!(p.steps().get(i) instanceof LecturePlan.Question q) || q.reveal() == null) continue;
                String key = ((LecturePlan.Run) p.steps().get(i + 1)).preset().key();
                String text = messages.getProperty("lab.link." + key + ".text");
                List<String> inText = numbers(text, lang);
                for (String n : numbers(q.reveal().inLanguage(lang), lang))
                    assertTrue(inText.contains(n), lang + ", question before " + key + ": " + n + " is not in its text: " + text);
            }
        }
    }

    /** The numbers of a text as its language writes them: "3,000" and "0.82" in English, "3.000" and "0,82" in German. */
    static List<String> numbers(String text, String lang) {
        Pattern p = Pattern.compile("de".equals(lang) ? "\\d{1,3}(\\.\\d{3})+|\\d+(,\\d+)?" : "\\d{1,3}(,\\d{3})+|\\d+(\\.\\d+)?");
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) out.add(m.group());
        return out;
    }

    @Test
    void a_plan_of_ones_own_with_every_kind_of_step() {
        LecturePlan p = PlanReader.read("mine.json", plan(
                "{\"type\": \"section\", \"section\": \"batch\"}",
                question(TWO, ", \"supports\": 2, \"reveal\": {\"de\": \"B.\", \"en\": \"B.\"}, \"secondVote\": true"),
                "{\"type\": \"run\", \"run\": \"dataset=spiral&learningRate=0.1\", \"length\": 500}",
                "{\"type\": \"task\", \"text\": {\"de\": \"Suchen!\", \"en\": \"Search!\"}, \"preset\": \"rateX5\", \"checkpoint\": 500, \"rates\": [0.01, 10]}"));
        assertEquals(4, p.steps().size());
        var q = (LecturePlan.Question) p.steps().get(1);
        assertEquals(1, q.supports(), "the second answer, counted from 0");
        assertTrue(q.secondVote());
        var run = (LecturePlan.Run) p.steps().get(2);
        assertEquals(500, run.length());
        assertEquals("spiral", run.run().dataset());
        assertEquals(Presets.RATE_X5, ((LecturePlan.Task) p.steps().get(3)).preset(), "a former preset name works");
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[]{0.01, 10}, ((LecturePlan.Task) p.steps().get(3)).rates());
        assertEquals(Presets.RATE_BOTH.length(), ((LecturePlan.Run) PlanReader.read("x", plan(RUN)).steps().get(0)).length(),
                "a preset's run stops at the preset's length");
    }

    @Test
    void a_refusal_names_the_step_and_the_field() {
        PlanException e = refused(plan(RUN, question("{\"de\": \"A\", \"en\": \"A\"}", "")));
        assertEquals("mine.json, step 2 (question)", e.where());
        assertEquals("answers", e.field());
        assertTrue(e.getMessage().contains("needs 2 to 5 answers") && e.getMessage().contains("has 1"), e.getMessage());

        assertEquals("answers", refused(plan(question(TWO + "," + TWO + "," + TWO, ""))).field());
        e = refused(plan("{\"type\": \"run\", \"preset\": \"rate-both\", \"lenght\": 10}"));
        assertEquals("lenght", e.field());
        assertTrue(e.getMessage().contains("unknown field") && e.getMessage().contains("length"), e.getMessage());
        e = refused(plan(question(TWO, ", \"supports\": 3, \"reveal\": {\"de\": \"x\", \"en\": \"x\"}"), RUN));
        assertEquals("supports", e.field());
        assertTrue(e.getMessage().contains("1 to 2"), e.getMessage());
        e = refused(plan(question(TWO, ", \"supports\": 1, \"reveal\": {\"de\": \"x\", \"en\": \"x\"}")));
        assertTrue(e.getMessage().contains("next step is not a run"), e.getMessage());
        assertEquals("reveal", refused(plan(question(TWO, ", \"supports\": 1"), RUN)).field());
        assertEquals("reveal", refused(plan(question(TWO, ", \"reveal\": {\"de\": \"x\", \"en\": \"x\"}"), RUN)).field());
        e = refused(plan("{\"type\": \"run\", \"preset\": \"fig9\"}"));
        assertTrue(e.getMessage().contains("no preset \"fig9\"") && e.getMessage().contains("rate-x30"), e.getMessage());
        e = refused(plan("{\"type\": \"run\", \"run\": \"learningRate=-1\", \"length\": 10}"));
        assertEquals("mine.json, step 1 (run), run", e.where() + ", " + e.field());
        assertEquals("length", refused(plan("{\"type\": \"run\", \"run\": \"dataset=xor\"}")).field());
        assertEquals("length", refused(plan("{\"type\": \"run\", \"preset\": \"decay\", \"length\": 0}")).field());
        assertEquals("preset", refused(plan("{\"type\": \"run\", \"preset\": \"decay\", \"run\": \"dataset=xor\", \"length\": 9}")).field());
        e = refused(plan("{\"type\": \"section\", \"section\": \"intro\"}"));
        assertTrue(e.getMessage().contains("example, problem, idea, batch, next, effects, today"), e.getMessage());
        e = refused(plan("{\"type\": \"task\", \"text\": {\"de\": \"x\", \"en\": \"x\"}, \"preset\": \"decay\", \"checkpoint\": 1500}"));
        assertEquals("checkpoint", e.field());
        e = refused(plan("{\"type\": \"task\", \"text\": {\"de\": \"x\", \"en\": \"x\"}, \"preset\": \"decay\", \"checkpoint\": 1000, \"rates\": [1, 0.1]}"));
        assertEquals("rates", e.field());
        e = refused(plan("{\"type\": \"section\", \"section\": \"batch\", \"text\": {\"en\": \"only English\"}}"));
        assertEquals("mine.json, step 1 (section), text", e.where());
        assertEquals("de", e.field());
        assertEquals("type", refused(plan("{\"type\": \"quiz\"}")).field());
        assertEquals("steps", refused(plan()).field());
        assertEquals("key", refused(plan(RUN).replace("\"mine\"", "\"My Plan\"")).field());
        assertTrue(refused("{\"key\": ").getMessage().contains("not JSON"));
        assertTrue(refused("[1, 2]").getMessage().contains("JSON object"));
        assertTrue(refused(plan(RUN) + " ".repeat(PlanReader.MAX_BYTES)).getMessage().contains("longer than 256 KB"));
        assertTrue(refused("[".repeat(100) + "]".repeat(100)).getMessage().contains("not JSON"), "deep nesting is refused");
    }

    @Test
    void a_directory_of_plans_beside_the_built_in_one(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("b.json"), plan(RUN));
        Files.writeString(dir.resolve("notes.txt"), "not a plan");
        LecturePlans plans = LecturePlans.load(dir);
        assertEquals(List.of("lecture", "mine"), plans.all().stream().map(LecturePlan::key).toList());

        Files.writeString(dir.resolve("c.json"), plan(RUN));
        PlanException e = assertThrows(PlanException.class, () -> LecturePlans.load(dir));
        assertEquals("c.json", e.where());
        assertTrue(e.getMessage().contains("already the key"), e.getMessage());
        Files.writeString(dir.resolve("c.json"), plan("{\"type\": \"run\"}"));
        e = assertThrows(PlanException.class, () -> LecturePlans.load(dir));
        assertEquals("c.json, step 1 (run)", e.where());
        assertThrows(PlanException.class, () -> LecturePlans.load(dir.resolve("none")));
    }
}
