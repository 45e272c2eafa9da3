package bnlab.web.i18n;

import java.util.Locale;
import java.util.Optional;

/** The languages the lesson is written in. German follows the lecture's terms. */
public enum Language {
    DE(Locale.GERMAN), EN(Locale.ENGLISH);

    public final Locale locale;

    Language(Locale locale) { this.locale = locale; }

    /** "de" or "en", as used in ?lang=, the cookie and the html lang attribute. */
    public String code() { return locale.getLanguage(); }

    /** The language for a code such as "de", "de-AT" or "EN"; empty for anything else. */
    public static Optional<Language> fromCode(String code) {
        if (code == null) return Optional.empty();
        String c = code.trim().toLowerCase(Locale.ROOT);
        if (c.equals("de") || c.startsWith("de-") || c.startsWith("de_")) return Optional.of(DE);
        if (c.equals("en") || c.startsWith("en-") || c.startsWith("en_")) return Optional.of(EN);
        return Optional.empty();
    }

    public static Language of(Locale locale) {
        return locale != null && "de".equals(locale.getLanguage()) ? DE : EN;
    }
}
