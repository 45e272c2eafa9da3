package bnlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import bnlab.web.i18n.Language;
import bnlab.web.i18n.Messages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.attoparser.ParseException;
import org.attoparser.config.ParseConfiguration;
import org.attoparser.dom.DOMMarkupParser;
import org.attoparser.dom.Element;
import org.attoparser.dom.INestableNode;
import org.attoparser.dom.INode;
import org.attoparser.dom.Text;
import org.junit.jupiter.api.Test;

/**
 * Templates hold no visible words of their own: every word comes from the bundles.
 * The rule, kept simple: a text node with a letter is allowed only inside an element whose
 * content Thymeleaf replaces (th:text, th:utext, th:replace, th:insert) or inside script and
 * style; the attributes people read (aria-label, title, alt, placeholder, label) must not be
 * written plainly with letters. And every #{key} used must exist in both bundles.
 */
class TemplateTextTest {
    private static final Path TEMPLATES = Path.of("templates");
    private static final Set<String> REPLACING = Set.of("th:text", "th:utext", "th:replace", "th:insert");
    private static final Set<String> READ_ATTRIBUTES = Set.of("aria-label", "title", "alt", "placeholder", "label");
    private static final Pattern LETTER = Pattern.compile("\\p{L}");
    private static final Pattern KEY = Pattern.compile("#\\{([A-Za-z0-9_.]+)");

    @Test
    void templates_contain_no_hard_coded_visible_text() throws IOException, ParseException {
        List<String> problems = new ArrayList<>();
        for (Path file : templates()) {
            INestableNode doc = new DOMMarkupParser(ParseConfiguration.htmlConfiguration())
                    .parse(file.toString(), Files.readString(file));
            walk(doc, file.getFileName().toString(), false, problems);
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void every_message_key_in_the_templates_exists_in_both_languages() throws IOException {
        Messages messages = new Messages();
        List<String> missing = new ArrayList<>();
        for (Path file : templates()) {
            Matcher m = KEY.matcher(Files.readString(file));
            while (m.find()) {
                for (Language l : Language.values()) {
                    if (messages.find(l, m.group(1)) == null) missing.add(file.getFileName() + ": " + m.group(1) + " (" + l.code() + ")");
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void the_rule_catches_a_plain_word_and_spares_replaced_content() throws ParseException {
        List<String> problems = new ArrayList<>();
        String html = "<p>Hello</p><p th:text=\"#{k}\">proto</p><span aria-label=\"Close\"></span><script>var a='x'</script>";
        walk(new DOMMarkupParser(ParseConfiguration.htmlConfiguration()).parse("t", html), "t", false, problems);
        assertEquals(2, problems.size(), problems.toString());
        assertFalse(problems.toString().contains("proto"));
    }

    private static List<Path> templates() throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            return files.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
    }

    private static void walk(INestableNode node, String file, boolean replaced, List<String> problems) {
        for (INode child : node.getChildren()) {
            if (child instanceof Text text && !replaced && LETTER.matcher(text.getContent()).find()) {
                problems.add(file + ": text \"" + text.getContent().strip() + "\"");
            } else if (child instanceof Element e) {
                String name = e.getElementName().toLowerCase();
                var attributes = e.getAttributeMap();
                for (String a : READ_ATTRIBUTES) {
                    String v = attributes.get(a);
                    if (v != null && LETTER.matcher(v).find()) problems.add(file + ": " + a + "=\"" + v + "\"");
                }
                boolean inner = replaced || name.equals("script") || name.equals("style")
                        || attributes.keySet().stream().anyMatch(REPLACING::contains);
                walk(e, file, inner, problems);
            }
        }
    }
}
