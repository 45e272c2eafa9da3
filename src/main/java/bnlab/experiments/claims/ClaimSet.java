package bnlab.experiments.claims;

import java.util.List;
import java.util.Map;

/**
 * The claims of one text about one kind of run: what is run, on which seeds, which figures each seed gives, and
 * what the texts say about them.
 *
 * @param id          names it in the table, e.g. "rate-x5"
 * @param preset      the preset whose text it checks
 * @param texts       the message keys that quote its figures (in German and English)
 * @param run         what is run, in words (the preset at its length, or how it is changed)
 * @param seeds       seeds 1 to this
 * @param measurement one seed's figures, by name
 * @param claims      what the texts say
 */
public record ClaimSet(String id, String preset, List<String> texts, String run, int seeds, Measurement measurement,
                       List<Claim> claims) {

    /** One seed's figures, by name; NaN where there is none (a diverged network). */
    @FunctionalInterface
    public interface Measurement {
        Map<String, Double> on(long seed) throws Exception;
    }

    public ClaimSet {
        texts = List.copyOf(texts);
        claims = List.copyOf(claims);
        if (seeds < 1) throw new IllegalArgumentException("at least one seed: " + id);
    }
}
