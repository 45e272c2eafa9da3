package bnlab.web;

/**
 * Text a client typed that the server keeps or repeats (a nickname, a room's name, a field name in an error):
 * what may be kept of it. Letters, marks and digits of every script stay ("Zoë", "Иван", "李雷", "محمد"); every
 * character that is not text but steers how text is shown is dropped: Unicode's control characters (category
 * Cc: C0 and C1, e.g. U+0085 and U+009B, which a terminal or a log viewer may act on), its format characters
 * (Cf: the bidi embeddings, overrides and isolates U+202A-U+202E and U+2066-U+2069, the marks U+200E/U+200F,
 * zero-width characters, U+FEFF, the soft hyphen), the line and paragraph separators U+2028/U+2029 and
 * surrogates without their pair. A right-to-left override in a nickname would otherwise turn the text after
 * it around on the instructor's dashboard. Lengths count code points, so a cut never splits a character
 * outside the Basic Multilingual Plane (an emoji, a rare CJK character) in half.
 */
public final class TypedText {
    private TypedText() {}

    /** Whether a code point is kept: everything but the categories Cc, Cf, Cs, Zl and Zp. */
    public static boolean kept(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }

    /** The text without the characters that are not {@link #kept}; null stays null. */
    public static String withoutControls(String typed) {
        if (typed == null) return null;
        StringBuilder b = new StringBuilder(typed.length());
        typed.codePoints().filter(TypedText::kept).forEach(b::appendCodePoint);
        return b.toString();
    }

    /**
     * A name as the server keeps it: {@link #withoutControls}, trimmed of spaces of every kind, at most {@code max} code points (trimmed
     * again after the cut).
     *
     * @return the name, or null when nothing is left
     */
    public static String name(String typed, int max) {
        if (typed == null) return null;
        String clean = trim(prefix(trim(withoutControls(typed)), max));
        return clean.isEmpty() ? null : clean;
    }

    /** Without spaces of any kind at either end (no-break and ideographic spaces included, which strip() keeps). */
    private static String trim(String text) {
        int start = 0, end = text.length();
        while (start < end && blank(text.codePointAt(start))) start += Character.charCount(text.codePointAt(start));
        while (end > start && blank(text.codePointBefore(end))) end -= Character.charCount(text.codePointBefore(end));
        return text.substring(start, end);
    }

    private static boolean blank(int codePoint) { return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint); }

    /** At most {@code max} code points of the text, followed by "…" when it was longer. */
    public static String cut(String text, int max) {
        String head = prefix(text, max);
        return head.length() == text.length() ? text : head + "…";
    }

    /** The first {@code max} code points (the whole text when it has fewer). */
    private static String prefix(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) return text;
        return text.substring(0, text.offsetByCodePoints(0, max));
    }
}
