package bnlab.web.i18n;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses the language of a request: ?lang=de|en first, then the remembered cookie, then the
 * browser's Accept-Language (the most preferred of German and English it names; English when
 * it names neither or is malformed).
 */
public final class LanguageResolver {
    public static final String PARAM = "lang";
    public static final String COOKIE = "bnlab-lang";
    private static final int ONE_YEAR = 365 * 24 * 3600;

    public Language resolve(Context ctx) {
        return Language.fromCode(ctx.queryParam(PARAM))
                .or(() -> Language.fromCode(ctx.cookie(COOKIE)))
                .orElseGet(() -> fromAcceptLanguage(ctx.header("Accept-Language")));
    }

    /** Resolves the language and, when the request chose one with ?lang=, remembers it. */
    public Language resolveAndRemember(Context ctx) {
        Optional<Language> chosen = Language.fromCode(ctx.queryParam(PARAM));
        chosen.ifPresent(l -> {
            Cookie c = new Cookie(COOKIE, l.code(), "/", ONE_YEAR);
            c.setSameSite(SameSite.LAX); // not sent along with another site's requests
            c.setHttpOnly(true);         // the scripts read the language from the page, not the cookie
            ctx.cookie(c);
        });
        ctx.header("Vary", "Accept-Language, Cookie");
        return chosen.orElseGet(() -> resolve(ctx));
    }

    static Language fromAcceptLanguage(String header) {
        if (header == null || header.isBlank()) return Language.EN;
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(header)) {
                if (range.getWeight() <= 0) continue;
                Optional<Language> l = Language.fromCode(range.getRange());
                if (l.isPresent()) return l.get();
            }
        } catch (IllegalArgumentException malformed) {
            return Language.EN;
        }
        return Language.EN;
    }

    /** For tests and callers outside HTTP: the languages in the order of the switch. */
    public static List<Language> all() { return List.of(Language.values()); }
}
