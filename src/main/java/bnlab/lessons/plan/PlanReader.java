package bnlab.lessons.plan;

import bnlab.engine.InvalidConfigException;
import bnlab.experiments.Preset;
import bnlab.experiments.Presets;
import bnlab.experiments.RunConfig;
import bnlab.experiments.RunFields;
import bnlab.experiments.live.Checkpoints;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads a {@link LecturePlan} from its JSON and checks all of it, refusing the first thing that is wrong with a
 * {@link PlanException} that names the step and the field. The format (README, "A lecture plan"):
 * <pre>
 * {"key": "lecture", "title": {"de": "…", "en": "…"}, "steps": [
 *   {"type": "section", "section": "batch", "text": {"de": "…", "en": "…"}},
 *   {"type": "question", "prompt": {…}, "answers": [{…}, {…}], "supports": 2, "reveal": {…}, "secondVote": true},
 *   {"type": "run", "preset": "rate-both", "length": 1500, "text": {…}},
 *   {"type": "run", "run": "dataset=spiral&learningRate=0.1", "length": 1500},
 *   {"type": "task", "text": {…}, "preset": "rate-x5-both", "checkpoint": 1000, "rates": [0.01, 10]}]}
 * </pre>
 * {@code supports} counts the answers from 1 and ties the question to the next step, which must be a run.
 */
public final class PlanReader {
    private PlanReader() {}

    /** A plan file is at most this long (an upload is refused before it is parsed). */
    public static final int MAX_BYTES = 256 * 1024;
    public static final int MAX_TITLE = 120, MAX_PROMPT = 300, MAX_ANSWER = 120, MAX_TEXT = 1200;
    public static final long MAX_LENGTH = 1_000_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).maxStringLength(MAX_BYTES).build());
    }

    /**
     * @param name what the refusals call it, e.g. the file's name
     * @param json the plan's text
     */
    public static LecturePlan read(String name, String json) {
        if (json.length() > MAX_BYTES) throw new PlanException(name, null, "longer than " + MAX_BYTES / 1024 + " KB");
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new PlanException(name, null, "not JSON (" + e.getOriginalMessage() + (at == null ? "" : ", line " + at.getLineNr()) + ")");
        }
        if (root == null || !root.isObject()) throw new PlanException(name, null, "must be a JSON object with key, title and steps");
        only(root, name, Set.of("key", "title", "steps"));
        String key = string(root, "key", name, 40);
        if (!key.matches(Preset.KEY)) throw new PlanException(name, "key", "must be kebab-case (a-z, 0-9, single hyphens), was \"" + key + "\"");
        LecturePlan.Text title = text(root, "title", name, MAX_TITLE, true);
        JsonNode steps = root.get("steps");
        if (steps == null || !steps.isArray() || steps.isEmpty() || steps.size() > LecturePlan.MAX_STEPS)
            throw new PlanException(name, "steps", "needs 1 to " + LecturePlan.MAX_STEPS + " steps in a list");
        List<LecturePlan.Step> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) out.add(step(steps.get(i), name + ", step " + (i + 1), steps, i));
        return new LecturePlan(key, title, out);
    }

    private static LecturePlan.Step step(JsonNode s, String where, JsonNode steps, int index) {
        if (!s.isObject()) throw new PlanException(where, null, "must be an object with a type");
        String type = string(s, "type", where, 20);
        where = where + " (" + type + ")";
        switch (type) {
            case "section" -> {
                only(s, where, Set.of("type", "section", "text"));
                String section = string(s, "section", where, 20);
                if (!LecturePlan.Section.SECTIONS.contains(section))
                    throw new PlanException(where, "section", "must be one of " + String.join(", ", LecturePlan.Section.SECTIONS) + ", was \"" + section + "\"");
                return new LecturePlan.Section(section, text(s, "text", where, MAX_TEXT, false));
            }
            case "run" -> {
                only(s, where, Set.of("type", "preset", "run", "length", "text"));
                Preset preset = preset(s, where);
                RunConfig run = preset != null ? preset.run() : run(s, where);
                long length = length(s, where, preset);
                return new LecturePlan.Run(preset, run, length, text(s, "text", where, MAX_TEXT, false));
            }
            case "question" -> {
                only(s, where, Set.of("type", "prompt", "answers", "supports", "reveal", "secondVote", "text"));
                LecturePlan.Text prompt = text(s, "prompt", where, MAX_PROMPT, true);
                JsonNode a = s.get("answers");
                if (a == null || !a.isArray() || a.size() < LecturePlan.Question.MIN_ANSWERS || a.size() > LecturePlan.Question.MAX_ANSWERS)
                    throw new PlanException(where, "answers", "needs " + LecturePlan.Question.MIN_ANSWERS + " to "
                            + LecturePlan.Question.MAX_ANSWERS + " answers in a list, has " + (a == null || !a.isArray() ? "none" : a.size()));
                List<LecturePlan.Text> answers = new ArrayList<>();
                for (int i = 0; i < a.size(); i++) answers.add(text(a.get(i), where, "answers[" + (i + 1) + "]", MAX_ANSWER));
                Integer supports = null;
                LecturePlan.Text reveal = null;
                if (s.has("supports")) {
                    JsonNode n = s.get("supports");
                    if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 1 || n.asInt() > answers.size())
                        throw new PlanException(where, "supports", "must be the number of an answer, 1 to " + answers.size() + ", was " + n);
                    if (index + 1 >= steps.size() || !"run".equals(steps.get(index + 1).path("type").asText()))
                        throw new PlanException(where, "supports", "ties the question to the next step's run, but the next step is not a run");
                    supports = n.asInt() - 1;
                    reveal = text(s, "reveal", where, MAX_TEXT, true);
                } else if (s.has("reveal")) throw new PlanException(where, "reveal", "only with supports (which answer the next run supports)");
                boolean secondVote = false;
                if (s.has("secondVote")) {
                    if (!s.get("secondVote").isBoolean()) throw new PlanException(where, "secondVote", "must be true or false");
                    secondVote = s.get("secondVote").asBoolean();
                }
                return new LecturePlan.Question(prompt, answers, supports, reveal, secondVote, text(s, "text", where, MAX_TEXT, false));
            }
            case "task" -> {
                only(s, where, Set.of("type", "text", "preset", "run", "checkpoint", "rates"));
                LecturePlan.Text text = text(s, "text", where, MAX_TEXT, true);
                Preset preset = preset(s, where);
                RunConfig run = preset != null ? preset.run() : run(s, where);
                JsonNode c = s.get("checkpoint");
                long[] steps2 = Checkpoints.STEPS;
                if (c == null || !c.isIntegralNumber() || Arrays.stream(steps2).noneMatch(x -> x == c.asLong()))
                    throw new PlanException(where, "checkpoint", "the class chart compares at one of " + Arrays.toString(steps2) + ", was " + c);
                double[] rates = null;
                if (s.has("rates")) {
                    JsonNode r = s.get("rates");
                    if (!r.isArray() || r.size() != 2 || !r.get(0).isNumber() || !r.get(1).isNumber() || r.get(0).asDouble() <= 0
                            || r.get(1).asDouble() <= r.get(0).asDouble() || r.get(1).asDouble() > 1000)
                        throw new PlanException(where, "rates", "the class chart's rate axis [from, to], 0 < from < to <= 1000, was " + r);
                    rates = new double[]{r.get(0).asDouble(), r.get(1).asDouble()};
                }
                return new LecturePlan.Task(text, preset, run, c.asLong(), rates);
            }
            default -> throw new PlanException(where, "type", "must be section, run, question or task");
        }
    }

    private static Preset preset(JsonNode s, String where) {
        if (s.has("preset") == s.has("run")) throw new PlanException(where, "preset", "give either preset (a preset's key) or run (a run as the lab's address writes it)");
        if (!s.has("preset")) return null;
        String key = string(s, "preset", where, 40);
        return Presets.byKey(key).orElseThrow(() -> new PlanException(where, "preset", "no preset \"" + key + "\"; there are " + String.join(", ", Presets.keys())));
    }

    private static RunConfig run(JsonNode s, String where) {
        String query = string(s, "run", where, 2000);
        try {
            RunConfig c = RunFields.fromQuery(query, null);
            if (RunConfig.CSV.equals(c.dataset())) throw new PlanException(where, "run", "an uploaded CSV exists only in the lab, not in a plan");
            return c;
        } catch (InvalidConfigException e) {
            throw new PlanException(where, "run", e.getMessage());
        }
    }

    private static long length(JsonNode s, String where, Preset preset) {
        JsonNode n = s.get("length");
        if (n == null) {
            if (preset == null) throw new PlanException(where, "length", "a run of its own needs a length (iterations, 1 to " + MAX_LENGTH + ")");
            return preset.length();
        }
        if (!n.isIntegralNumber() || n.asLong() < 1 || n.asLong() > MAX_LENGTH)
            throw new PlanException(where, "length", "must be a whole number of iterations, 1 to " + MAX_LENGTH + ", was " + n);
        return n.asLong();
    }

    private static void only(JsonNode o, String where, Set<String> allowed) {
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) throw new PlanException(where, f, "unknown field; allowed: " + String.join(", ", allowed.stream().sorted().toList()));
        }
    }

    private static String string(JsonNode o, String field, String where, int max) {
        JsonNode n = o.get(field);
        if (n == null || !n.isTextual() || n.asText().isBlank()) throw new PlanException(where, field, "must be a text");
        if (n.asText().length() > max) throw new PlanException(where, field, "at most " + max + " characters");
        return n.asText();
    }

    private static LecturePlan.Text text(JsonNode o, String field, String where, int max, boolean required) {
        JsonNode n = o.get(field);
        if (n == null) {
            if (required) throw new PlanException(where, field, "needs a text in German and English: {\"de\": \"…\", \"en\": \"…\"}");
            return null;
        }
        return text(n, where, field, max);
    }

    private static LecturePlan.Text text(JsonNode n, String where, String field, int max) {
        if (!n.isObject()) throw new PlanException(where, field, "needs a text in German and English: {\"de\": \"…\", \"en\": \"…\"}");
        only(n, where + ", " + field, Set.of("de", "en"));
        return new LecturePlan.Text(string(n, "de", where + ", " + field, max), string(n, "en", where + ", " + field, max));
    }
}
