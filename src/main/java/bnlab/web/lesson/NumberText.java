package bnlab.web.lesson;

import bnlab.web.i18n.Language;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Numbers as the lesson's templates print them, for people: a fixed number of decimals in the page's
 * language (0,53 / 0.53), a real minus sign (−), never "−0,00", no grouping and no E notation.
 * The scripts' twin is num() in static/js/format.js; both must print the same.
 */
public final class NumberText {
    private final char decimal;

    public NumberText(Language language) {
        this.decimal = language == Language.DE ? ',' : '.';
    }

    /** v rounded half away from zero (as Intl.NumberFormat does) from its exact binary value. */
    public String format(double v, int digits) {
        if (!Double.isFinite(v)) return Double.toString(v);
        BigDecimal r = new BigDecimal(v).setScale(digits, RoundingMode.HALF_UP);
        if (r.signum() == 0) r = r.abs();
        return r.toPlainString().replace('.', decimal).replace('-', '\u2212');
    }
}
