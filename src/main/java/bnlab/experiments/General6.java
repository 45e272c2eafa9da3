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
    /** The longest output, "-1.79769e+308", fits in this many chars. */
    static final int MAX_LENGTH = 16;

    static String format(double v) {
        char[] out = new char[MAX_LENGTH];
        return new String(out, 0, write(out, 0, v));
    }

    /**
     * Writes {@link #format}'s text into out from o on, where at least {@link #MAX_LENGTH} chars are free, and
     * returns where it ends: a CSV row is written without a String per number.
     */
    static int write(char[] out, int o, double v) {
        if (Double.isNaN(v)) return copy("NaN", out, o);
        if (Double.isInfinite(v)) return copy(v > 0 ? "Infinity" : "-Infinity", out, o);
        double a = Math.abs(v);
        if (a == 0) return copy(1 / v < 0 ? "-0.00000" : "0.00000", out, o);
        if (a < 1e-300 || a >= 1e15) return formatter(v, out, o);
        // Double.toString gives "I.F" or "I.FE±x": its digits without the leading zeros are d[0..n), and
        // a = 0.d[0]d[1]... x 10^exp
        String s = Double.toString(a);
        int e = s.indexOf('E'), end = e < 0 ? s.length() : e, point = s.indexOf('.');
        char[] d = new char[Math.max(end, PRECISION + 1)];
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
        if (n == PRECISION + 1 && d[PRECISION] == '5') return formatter(v, out, o);
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
        // the PRECISION digits, zero-padded, copied whole: the loops that chose between a digit and '0' per
        // place made C2 compile this method a dozen times in a Figure 1 run (its loop predicates failed on
        // values it had not seen yet, 6 traps), each time on a core the networks train on
        for (int i = n; i < PRECISION; i++) d[i] = '0';
        if (v < 0) out[o++] = '-';
        int e10 = exp - 1;
        if (e10 < -4 || e10 >= PRECISION) return scientific(out, o, d, e10);
        if (exp <= 0) {
            out[o++] = '0';
            out[o++] = '.';
            for (int i = 0; i < -exp; i++) out[o++] = '0';
            System.arraycopy(d, 0, out, o, PRECISION);
            o += PRECISION;
        } else {  // 1 <= exp <= PRECISION
            System.arraycopy(d, 0, out, o, exp);
            o += exp;
            if (exp < PRECISION) {
                out[o++] = '.';
                System.arraycopy(d, exp, out, o, PRECISION - exp);
                o += PRECISION - exp;
            }
        }
        return o;
    }

    /** The Formatter's own text, where this class does not decide. */
    private static int formatter(double v, char[] out, int o) {
        return copy(String.format(Locale.ROOT, "%.6g", v), out, o);
    }

    /** Copies text into out from o on and returns where it ends (the other pieces of a CSV row). */
    static int copy(String text, char[] out, int o) {
        text.getChars(0, text.length(), out, o);
        return o + text.length();
    }

    /** d.ddddde±xx (two or three exponent digits) after the sign already in out[..o). */
    private static int scientific(char[] out, int o, char[] d, int e10) {
        out[o++] = d[0];
        out[o++] = '.';
        System.arraycopy(d, 1, out, o, PRECISION - 1);
        o += PRECISION - 1;
        out[o++] = 'e';
        out[o++] = e10 < 0 ? '-' : '+';
        int x = Math.abs(e10);
        if (x >= 100) out[o++] = (char) ('0' + x / 100);
        out[o++] = (char) ('0' + x / 10 % 10);
        out[o++] = (char) ('0' + x % 10);
        return o;
    }
}
