package bnlab.experiments.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoublePredicate;

/**
 * What a text says about one figure of a {@link ClaimSet}, measured on every seed: the range and median it quotes,
 * and on how many seeds a threshold holds. The quoted values are written as the text writes them ("0.86"), so
 * that their precision is the text's; {@link ClaimsTable} measures them and says whether they agree.
 *
 * @param figure    the name of the measured figure (a key of {@link ClaimSet.Measurement}'s result)
 * @param says      what it is, in words ("validation accuracy with BN at 1,500")
 * @param threshold in words ("≥ 0.85"), or null
 * @param holds     the threshold as a test of one seed's figure, or null
 * @param min       the smallest value the text quotes, or null
 * @param max       the largest, or null
 * @param median    the median, or null
 * @param count     on how many seeds the text says the threshold holds, or -1
 * @param text      the one message key of its set that quotes it, or null for all of them
 */
public record Claim(String figure, String says, String threshold, DoublePredicate holds,
                    String min, String max, String median, int count, String text) {

    public static Claim of(String figure, String says) { return new Claim(figure, says, null, null, null, null, null, -1, null); }

    /** The text quotes the range, e.g. "0.86 to 0.98". */
    public Claim range(String min, String max) { return new Claim(figure, says, threshold, holds, min, max, median, count, text); }

    /** The text quotes the median. */
    public Claim median(String m) { return new Claim(figure, says, threshold, holds, min, max, m, count, text); }

    /** The text says the figure is at least {@code t} on {@code seeds} seeds. */
    public Claim atLeast(double t, int seeds) { return new Claim(figure, says, "≥ " + number(t), x -> x >= t, min, max, median, seeds, text); }

    /** The text says the figure is below {@code t} on {@code seeds} seeds. */
    public Claim below(double t, int seeds) { return new Claim(figure, says, "< " + number(t), x -> x < t, min, max, median, seeds, text); }

    /** The text says the figure is above {@code t} on {@code seeds} seeds (for differences: above 0). */
    public Claim above(double t, int seeds) { return new Claim(figure, says, "> " + number(t), x -> x > t, min, max, median, seeds, text); }

    /** The text says the figure is at most {@code t} on {@code seeds} seeds. */
    public Claim atMost(double t, int seeds) { return new Claim(figure, says, "≤ " + number(t), x -> x <= t, min, max, median, seeds, text); }

    /** Quoted in this message key of its set only. */
    public Claim in(String key) { return new Claim(figure, says, threshold, holds, min, max, median, count, key); }

    private static String number(double t) { return t == Math.rint(t) ? Long.toString((long) t) : Double.toString(t); }

    /** The numbers the text quotes, as it writes them (counts as integers). */
    public List<String> quoted() {
        List<String> out = new ArrayList<>();
        for (String s : new String[]{min, max, median}) if (s != null) out.add(s);
        if (count >= 0) out.add(Integer.toString(count));
        return out;
    }
}
