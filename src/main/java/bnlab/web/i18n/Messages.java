package bnlab.web.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The message bundles i18n/messages_de.properties and messages_en.properties, read as UTF-8.
 * Every visible word of the app comes from here: templates via Thymeleaf, the API's errors,
 * and the strings the scripts need (keys starting with "js.").
 * Arguments are filled in with {@link MessageFormat} only when there are any, so texts
 * without arguments are shown verbatim (the bundles use typographic apostrophes).
 */
public final class Messages {
    public static final String JS_PREFIX = "js.";

    private final Map<Language, Map<String, String>> bundles = new EnumMap<>(Language.class);

    public Messages() {
        for (Language language : Language.values()) {
            bundles.put(language, load("i18n/messages_" + language.code() + ".properties"));
        }
    }

    private static Map<String, String> load(String resource) {
        Properties p = new Properties();
        try (InputStream in = Messages.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing message bundle " + resource);
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> map = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> map.put(k, p.getProperty(k)));
        return Collections.unmodifiableMap(map);
    }

    /** The message, or null when the key is absent. */
    public String find(Language language, String key, Object... args) {
        String pattern = bundles.get(language).get(key);
        if (pattern == null || args == null || args.length == 0) return pattern;
        return new MessageFormat(pattern, language.locale).format(args);
    }

    /** The message; the key in ??marks?? when absent, so a gap is visible rather than silent. */
    public String get(Language language, String key, Object... args) {
        String text = find(language, key, args);
        return text != null ? text : "??" + key + "_" + language.code() + "??";
    }

    /** All keys and texts of one language, sorted by key. */
    public Map<String, String> all(Language language) { return bundles.get(language); }

    /** The texts the scripts need: the keys starting with "js.", without that prefix. */
    public Map<String, String> forScripts(Language language) {
        Map<String, String> js = new TreeMap<>();
        all(language).forEach((k, v) -> {
            if (k.startsWith(JS_PREFIX)) js.put(k.substring(JS_PREFIX.length()), v);
        });
        return js;
    }
}
