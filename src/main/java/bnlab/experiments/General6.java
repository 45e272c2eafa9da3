package bnlab.experiments;

import java.util.Locale;

/**
 * Numbers in the experiments' CSV files: exactly {@code String.format(Locale.ROOT, "%.6g", v)}, about five times
 * as fast. The Figure 1 experiment writes six such numbers per network and step (600,000 in a run of 50,000
 * steps), and the Formatter took 2.5% of the run's CPU time.
 *
 * <p>It follows JDK 17's Formatter for {@code %g}: the shortest decimal digits that identify the double (those
 * of {@link Double#toString}), rounded half up to 6 significant digits; plain notation when the rounded
 * value's decimal exponent is in [-4, 6), else {@code d.ddddde±xx}. Values it was not checked on in the same
 * way (below 1e-300, at least 1e15, where {@code Double.toString} may add digits that do not identify the
 * double) and the digits exactly half way between two outputs go to the Formatter itself. {@code General6Test}
 * compares both on millions of values.
 */
final class General6 {
    private General6() {}

    static final int PRECISION = 6;

    static String format(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "Infinity" : "-Infinity";
        double a = Math.abs(v);
        if (a == 0) return 1 / v < 0 ? "-0.00000" : "0.00000";
        if (a < 1e-300 || a >= 1e15) return String.format(Locale.ROOT, "%.6g", v);
        // Double.toString gives "I.F" or "I.FE±x": its digits without the leading zeros are d[0..n), and
        // a = 0.d[0]d[1]... x 10^exp
        String s = Double.toString(a);
        int e = s.indexOf('E'), end = e < 0 ? s.length() : e, point = s.indexOf('.');
        char[] d = new char[end];
        int n = 0, leadingZeros = 0;
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (c == '.') continue;
            if (n == 0 && c == '0') leadingZeros++;
            else d[n++] = c;
        }
        int exp = point - leadingZeros + (e < 0 ? 0 : Integer.parseInt(s, e + 1, s.length(), 10));
        while (n > 1 && d[n - 1] == '0') n--;  // trailing zeros of "100.0" are not digits
        // Exactly half way in the shortest digits (a 7th and last digit 5): the double itself may lie on either
        // side, and the Formatter decides on more digits than Double.toString prints. Elsewhere the shortest
        // digits round as the double does (a boundary of 7 digits inside the double's interval would be shorter).
        if (n == PRECISION + 1 && d[PRECISION] == '5') return String.format(Locale.ROOT, "%.6g", v);
        // round half up to PRECISION digits, as FormattedFloatingDecimal.applyPrecision
        if (n > PRECISION) {
            if (d[PRECISION] >= '5') {
                int i = PRECISION - 1;
                while (i >= 0 && d[i] == '9') i--;
                if (i < 0) {
                    d[0] = '1';
                    n = 1;
                    exp++;
                } else {
                    d[i]++;
                    n = i + 1;
                }
            } else {
                n = PRECISION;
            }
            while (n > 1 && d[n - 1] == '0') n--;
        }
        StringBuilder b = new StringBuilder(16);
        if (v < 0) b.append('-');
        int e10 = exp - 1;
        if (e10 < -4 || e10 >= PRECISION) {
            b.append(d[0]).append('.');
            for (int i = 1; i < PRECISION; i++) b.append(i < n ? d[i] : '0');
            b.append('e').append(e10 < 0 ? '-' : '+');
            int x = Math.abs(e10);
            if (x < 10) b.append('0');
            b.append(x);
        } else if (exp <= 0) {
            b.append("0.");
            for (int i = 0; i < -exp; i++) b.append('0');
            for (int i = 0; i < PRECISION; i++) b.append(i < n ? d[i] : '0');
        } else {
            for (int i = 0; i < exp; i++) b.append(i < n ? d[i] : '0');
            if (exp < PRECISION) {
                b.append('.');
                for (int i = exp; i < PRECISION; i++) b.append(i < n ? d[i] : '0');
            }
        }
        return b.toString();
    }
}
