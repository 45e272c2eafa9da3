package bnlab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link General6} writes exactly what {@code String.format(Locale.ROOT, "%.6g", v)} writes. */
class General6Test {

    private static void same(double v) {
        assertEquals(String.format(Locale.ROOT, "%.6g", v), General6.format(v), () -> "for " + v + " (" + Double.doubleToRawLongBits(v) + ")");
    }

    @Test
    void special_values_and_the_edges_of_the_plain_notation() {
        double[] vs = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE,
                Double.MAX_VALUE, 1, -1, 0.5, 0.1, 1e-4, 9.999995e-5, 9.99999e-5, 1e-5, 1e6, 999999.4, 999999.5,
                999999.6, 99999.95, 9.999995, 9.999994, 0.00012345649, 123456.5, 1234565, 1e14, 9.99999e14, 1e15,
                2.302585092994046, 0.1f, 0.7f, 1e-300, 1.5e-300, 0.999999949999, 5e-5, 12345.65, 0.0001234565};
        for (double v : vs) {
            same(v);
            same(-v);
        }
    }

    @Test
    void writes_into_a_row_after_what_is_there() {
        double[] vs = {-1.5e-300, 2.302585092994046, -0.0220723, 1e6, Double.NaN, Double.NEGATIVE_INFINITY, -0.0, 9.999995,
                -1.79769e308, 123456.5};
        char[] row = new char[5 + vs.length * General6.MAX_LENGTH];
        "step,".getChars(0, 5, row, 0);
        int o = 5;
        StringBuilder expected = new StringBuilder("step,");
        for (double v : vs) {
            o = General6.write(row, o, v);
            expected.append(String.format(Locale.ROOT, "%.6g", v));
        }
        assertEquals(expected.toString(), new String(row, 0, o));
    }

    @Test
    void random_doubles_of_every_magnitude_floats_and_short_decimals() {
        SplittableRandom r = new SplittableRandom(17);
        for (int i = 0; i < 60_000; i++) {
            double v = r.nextDouble() * Math.pow(10, r.nextInt(-40, 40));
            same(v);
            same((float) v);                                    // the engine's floats, widened
            same(Math.round(v * 1e7) / 1e7);                    // short decimals, near the rounding boundaries
            same(r.nextLong(1, 10_000_000) / Math.pow(10, r.nextInt(0, 14)));
            same(Double.longBitsToDouble(r.nextLong()));        // any bit pattern
        }
    }
}
