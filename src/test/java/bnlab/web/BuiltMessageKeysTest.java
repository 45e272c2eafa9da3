package bnlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bnlab.engine.InvalidConfigException;
import bnlab.experiments.Measure;
import bnlab.experiments.Preset;
import bnlab.experiments.Presets;
import bnlab.experiments.VariantKind;
import bnlab.experiments.live.Frame;
import bnlab.lessons.plan.LecturePlan;
import bnlab.web.i18n.Language;
import bnlab.web.i18n.LanguageResolver;
import bnlab.web.i18n.Messages;
import bnlab.web.lab.ServerMessage;
import bnlab.web.labpage.LabPageController;
import bnlab.web.render.Assets;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The message keys that code puts together at run time ({@code "js.net." + net}, {@code `config.${m.rule}`},
 * {@code #{${'lab.link.' + p.key() + '.title'}}}, ...), which {@link MessagesTest} and TemplateTextTest cannot see:
 * each family derived from where its names come from, every key in both languages. A missing one would show as
 * ??key?? or in English on a German page. Keys written out whole are MessagesTest's.
 */
class BuiltMessageKeysTest {
    private final Messages messages = new Messages();

    @Test
    void every_network_has_a_name_and_a_look_and_the_twins_have_their_own_texts() {
        List<String> keys = new ArrayList<>();
        for (String net : VariantKind.keys()) {
            keys.add("js.net." + net);        // nets.js netLabel, PastRooms
            keys.add("js.net.look." + net);   // dashboard.js
            keys.add("lab.net." + net);       // lab.html, the nets checkboxes
        }
        for (VariantKind twin : VariantKind.TWIN) {
            keys.add("js.lab.diverged." + twin.key());   // lab-diverged.js
            keys.add("js.dash.diverged." + twin.key());  // dashboard.js
        }
        assertAllExist(keys);
    }

    @Test
    void every_rule_a_config_value_can_break_is_said_in_both_languages() {
        List<String> keys = new ArrayList<>();
        for (InvalidConfigException.Rule rule : InvalidConfigException.Rule.values()) {
            if (rule == InvalidConfigException.Rule.OTHER) continue; // sent without a rule: the page shows the message
            String wire = ServerMessage.Error.of(new InvalidConfigException("field", "message", rule), null).rule();
            keys.add("js.config." + wire); // lab-run.js error()
        }
        assertAllExist(keys);
    }

    @Test
    void every_rule_a_room_or_the_lab_refuses_by_is_said_in_both_languages() throws IOException {
        // No enum lists them: the source is each string literal given as the rule of a Room.Refusal or of a
        // ServerMessage.Error (lab-run.js words them as config.RULE, as it does a config value's rules).
        var rules = new TreeSet<String>();
        for (Path file : javaFiles()) {
            String java = Files.readString(file);
            rules.addAll(literalsOfArgument(java, "new (?:Room\\.)?Refusal\\(", 1));
            rules.addAll(literalsOfArgument(java, "new (?:ServerMessage\\.)?Error\\(", 3));
        }
        assertTrue(rules.containsAll(List.of("watcher", "roomClosed", "connections", "queue")), "the scan finds them: " + rules);
        assertAllExist(rules.stream().map(r -> "js.config." + r).toList());
    }

    @Test
    void every_reason_a_room_ends_for_is_said_in_both_languages() throws IOException {
        // The reasons are string literals too: given to RoomClosed, to a room's close or end, or returned by its sweep.
        Pattern given = Pattern.compile("\\b(?:RoomClosed|close|end)\\(\\s*(?:\\w+\\s*,\\s*)?\"(\\w+)\"\\s*\\)");
        var reasons = new TreeSet<String>();
        for (Path file : javaFiles()) {
            if (!file.toString().contains("classroom")) continue;
            String java = Files.readString(file);
            Matcher m = given.matcher(java);
            while (m.find()) reasons.add(m.group(1));
            int sweep = java.indexOf("String sweep(");
            if (sweep >= 0) {
                Matcher r = Pattern.compile("return \"(\\w+)\";").matcher(java.substring(sweep, java.indexOf("\n    }", sweep)));
                while (r.find()) reasons.add(r.group(1));
            }
        }
        assertTrue(reasons.containsAll(List.of("closed", "idle", "instructorGone", "noRoom")), "the scan finds them: " + reasons);
        assertAllExist(reasons.stream().map(r -> "js.room.ended." + r).toList()); // room.js endedText
    }

    @Test
    void every_preset_has_a_title_and_a_text() {
        List<String> keys = new ArrayList<>();
        for (Preset p : Presets.ALL) {
            keys.add("lab.link." + p.key() + ".title"); // lab.html, lesson.html
            keys.add("lab.link." + p.key() + ".text");  // lab.html, lesson.html, Claims
        }
        assertAllExist(keys);
    }

    @Test
    void every_chart_of_every_measure_has_a_title_an_axis_and_a_caption() {
        // A chart per column of a measure the lab shows, named without its layer (g_diff_1, g_diff_2: g_diff); a column
        // ending in min or max is the edge of another one's band (loss_min, loss_max: the loss range) and has no chart of its own.
        var charts = new TreeSet<String>();
        for (Measure m : Measure.values()) {
            if (!m.live()) continue;
            for (String column : m.columns(2)) {
                String chart = column.replaceFirst("_\\d+$", "");
                if (!chart.matches("(?i).*(min|max)")) charts.add(chart);
            }
        }
        assertTrue(charts.size() >= 5, charts.toString());
        List<String> keys = new ArrayList<>();
        for (String chart : charts)
            for (String part : List.of("title", "y", "caption")) keys.add("js.lab.measure." + chart + "." + part); // lab-measure.js
        for (String measure : Measure.keys()) keys.add("lab.measure." + measure); // lab.html, the measure's choice
        assertAllExist(keys);
    }

    @Test
    void every_kind_of_divergence_has_a_name() throws IllegalAccessException {
        List<String> keys = new ArrayList<>();
        for (Field f : Frame.Divergence.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                keys.add("js.dash.kind." + f.get(null)); // dashboard.js
        }
        assertTrue(keys.size() >= 4, keys.toString());
        assertAllExist(keys);
    }

    @Test
    void every_section_of_the_lesson_has_a_name_for_the_plan() {
        assertAllExist(LecturePlan.Section.SECTIONS.stream().map(s -> "js.plan.section." + s).toList()); // lesson-plan.js
    }

    @Test
    void every_language_has_its_name() {
        assertAllExist(Stream.of(Language.values()).map(l -> "lang.name." + l.code()).toList()); // layout.html
    }

    @Test
    void every_choice_the_lab_page_offers_has_a_name() throws IOException {
        // lab.html names each list of choices and the prefix of its keys: field :: dropdown('bn', ..., ${placements}, 'lab.bn.').
        Map<String, Object> model = new LabPageController(messages, new LanguageResolver(),
                new Assets("katex.js", "katex.css", "chart.js", "/static/test"), new ObjectMapper()).model(Language.EN, "lab");
        Matcher m = Pattern.compile("\\$\\{(\\w+)},\\s*'([\\w.-]+\\.)'").matcher(Files.readString(Path.of("templates/lab.html")));
        List<String> keys = new ArrayList<>();
        int lists = 0;
        while (m.find()) {
            lists++;
            for (Object choice : (Collection<?>) model.get(m.group(1))) keys.add(m.group(2) + choice);
        }
        assertTrue(lists >= 6, "lists found in lab.html: " + lists);
        assertAllExist(keys);
    }

    /** Fails naming every key missing in a language. */
    private void assertAllExist(Collection<String> keys) {
        assertTrue(!keys.isEmpty(), "no keys derived");
        List<String> missing = new ArrayList<>();
        for (Language l : Language.values()) {
            for (String key : new TreeSet<>(keys)) if (!messages.all(l).containsKey(key)) missing.add(l.code() + ": " + key);
        }
        assertEquals(List.of(), missing);
    }

    private static List<Path> javaFiles() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    /** The string literals in argument {@code index} (0-based) of every call that {@code opening} finds (it ends in "("). */
    static List<String> literalsOfArgument(String java, String opening, int index) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile(opening).matcher(java);
        while (m.find()) {
            List<String> args = arguments(java, m.end());
            if (args.size() > index) {
                Matcher s = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(args.get(index));
                while (s.find()) found.add(s.group(1));
            }
        }
        return found;
    }

    /** The top-level arguments of the call whose "(" ends just before {@code from}, as source text. */
    private static List<String> arguments(String java, int from) {
        List<String> args = new ArrayList<>();
        StringBuilder arg = new StringBuilder();
        int depth = 0;
        for (int i = from; i < java.length(); i++) {
            char c = java.charAt(i);
            if (c == '"') { // a string: copied whole, its brackets and commas are text
                int end = i + 1;
                while (java.charAt(end) != '"') end += java.charAt(end) == '\\' ? 2 : 1;
                arg.append(java, i, end + 1);
                i = end;
                continue;
            }
            if (c == '(' || c == '[' || c == '{') depth++;
            if (c == ')' || c == ']' || c == '}') {
                if (depth-- == 0) break;
            }
            if (c == ',' && depth == 0) {
                args.add(arg.toString().trim());
                arg.setLength(0);
            } else {
                arg.append(c);
            }
        }
        args.add(arg.toString().trim());
        return args;
    }
}
