package bnlab.web.lesson;

import bnlab.web.i18n.Language;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Numbers as the lesson's templates print them, for people: a fixed number of decimals in the page's
 * language (0,53 / 0.53), a real minus sign (−), never "−0,00", no grouping and no E notation; a
 * million and more, which no cell holds, with two significant digits and a power of ten, "1,2·10¹⁸",
 * instead of a row of digits. The scripts' twin is num() in static/js/format.js (sig(v, 2) there).
 */
public final class NumberText {
    private static final String SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";
    private final char decimal;

    public NumberText(Language language) {
        this.decimal = language == Language.DE ? ',' : '.';
    }

    /** v rounded half away from zero (as Intl.NumberFormat does) from its exact binary value. */
    public String format(double v, int digits) {
        if (!Double.isFinite(v)) return Double.toString(v);
        if (Math.abs(v) >= 1e6) {
            int e = (int) Math.floor(Math.log10(Math.abs(v)));
            BigDecimal m = new BigDecimal(v / Math.pow(10, e)).round(new MathContext(2, RoundingMode.HALF_UP));
            if (m.abs().compareTo(BigDecimal.TEN) >= 0) { m = m.movePointLeft(1); e++; }
            StringBuilder power = new StringBuilder();
            for (char c : Integer.toString(e).toCharArray()) power.append(c == '-' ? '⁻' : SUPERSCRIPT.charAt(c - '0'));
            String mantissa = m.stripTrailingZeros().toPlainString().replace('.', decimal).replace('-', '\u2212');
            return mantissa + "·10" + power;
        }
        BigDecimal r = new BigDecimal(v).setScale(digits, RoundingMode.HALF_UP);
        if (r.signum() == 0) r = r.abs();
        return r.toPlainString().replace('.', decimal).replace('-', '\u2212');
    }
}
