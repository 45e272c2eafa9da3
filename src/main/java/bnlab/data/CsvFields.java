package bnlab.data;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The small pieces of CSV reading around the parser (FastCSV, in {@link CsvImport}): choosing the delimiter
 * and reading a number strictly.
 */
final class CsvFields {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NON_FINITE = Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);

    final char delimiter;
    /** With ';' or tab as delimiter, "3,5" is read as 3.5 (as spreadsheets in German locales write it). */
    final boolean decimalComma;

    private CsvFields(char delimiter) {
        this.delimiter = delimiter;
        this.decimalComma = delimiter != ',';
    }

    /** Picks ',', ';' or tab, whichever occurs most often outside quotes in the first line; ',' on a tie. */
    static CsvFields forFirstLine(String line) {
        int comma = 0, semicolon = 0, tab = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') quoted = !quoted;
            else if (!quoted && c == ',') comma++;
            else if (!quoted && c == ';') semicolon++;
            else if (!quoted && c == '\t') tab++;
        }
        char d = semicolon > comma && semicolon >= tab ? ';' : tab > comma && tab > semicolon ? '\t' : ',';
        return new CsvFields(d);
    }

    /** Outcome of reading a number: the value, or why the text is not a usable number. */
    record Number(float value, String problem) {}

    /** Reads a decimal number such as "-1.5e3" (or "1,5" with a decimal comma); NaN, infinities and floats out of range are problems. */
    Number number(String text) {
        String t = decimalComma && text.indexOf(',') >= 0 && text.indexOf('.') < 0 ? text.replace(',', '.') : text;
        if (NON_FINITE.matcher(t).matches()) return new Number(0, "is not a finite number");
        if (!DECIMAL.matcher(t).matches()) return new Number(0, "is not a number");
        float v = (float) Double.parseDouble(t);
        if (!Float.isFinite(v)) return new Number(0, "is too large for a 32-bit float");
        return new Number(v, null);
    }

    /** True if the text reads as a number, finite or not (used to tell a header row from data). */
    boolean looksNumeric(String text) {
        Number num = number(text);
        return num.problem() == null || !num.problem().equals("is not a number");
    }

    /** Lower-case, for case-insensitive comparisons of column names. */
    static String fold(String s) { return s.toLowerCase(Locale.ROOT); }
}
