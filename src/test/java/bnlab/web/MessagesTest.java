package bnlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bnlab.web.i18n.Language;
import bnlab.web.i18n.Messages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The bundles are complete in both languages and usable by the templates and scripts. */
class MessagesTest {
    private final Messages messages = new Messages();

    @Test
    void every_key_exists_in_German_and_in_English() {
        var de = new TreeSet<>(messages.all(Language.DE).keySet());
        var en = new TreeSet<>(messages.all(Language.EN).keySet());
        var onlyDe = new TreeSet<>(de);
        onlyDe.removeAll(en);
        var onlyEn = new TreeSet<>(en);
        onlyEn.removeAll(de);
        assertEquals("", (onlyDe.isEmpty() ? "" : "missing in English: " + onlyDe)
                + (onlyEn.isEmpty() ? "" : " missing in German: " + onlyEn));
    }

    @Test
    void no_text_is_empty_or_uses_a_straight_apostrophe_that_MessageFormat_would_eat() {
        List<String> bad = new ArrayList<>();
        for (Language l : Language.values()) {
            for (Map.Entry<String, String> e : messages.all(l).entrySet()) {
                if (e.getValue().isBlank() || e.getValue().contains("'")) bad.add(l.code() + ":" + e.getKey());
                if (e.getValue().contains("{0}")) new MessageFormat(e.getValue(), l.locale); // must parse
            }
        }
        assertEquals(List.of(), bad);
    }

    @Test
    void German_uses_the_terms_of_the_lecture() {
        String all = String.join(" ", messages.all(Language.DE).values());
        for (String term : List.of("Logits", "interne Kovariatenverschiebung", "Skalierung", "Verschiebung",
                "Standardisierung", "Batch", "Mittelwert", "Standardabweichung")) {
            assertTrue(all.contains(term), term);
        }
    }

    @Test
    void every_text_the_scripts_ask_for_exists() throws IOException {
        Pattern call = Pattern.compile("\\bt\\(\\s*['`]([A-Za-z0-9_.]+)['`]"); // literal keys; built ones are skipped
        List<String> missing = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("static/js"))) {
            for (Path js : files.toList()) {
                Matcher m = call.matcher(Files.readString(js));
                while (m.find()) {
                    for (Language l : Language.values()) {
                        if (!messages.forScripts(l).containsKey(m.group(1))) missing.add(js.getFileName() + ": " + m.group(1));
                    }
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void arguments_are_filled_in_with_the_language_number_format() {
        assertEquals("\"iteration\" muss zwischen 0 und 100.000 liegen.",
                messages.get(Language.DE, "error.iteration.range", 100_000));
    }
}
