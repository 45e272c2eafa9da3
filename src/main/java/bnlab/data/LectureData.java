package bnlab.data;

import bnlab.engine.Dataset;
import bnlab.engine.Rng;

/**
 * The lecture's small example, made up: 5 input features, 3 classes, a few hundred examples, sized for the
 * slides' network of 5 inputs, one hidden layer of 8 neurons and batches of 8 (so the logits z of a batch are
 * 8x8: rows = data points, columns = neurons).
 *
 * <p><b>The story (synthetic, not measured):</b> apples on a sorting line, each measured five times and
 * standardized (mean about 0, standard deviation about 1): {@code size}, {@code weight} (correlated with size),
 * {@code sugar}, {@code firmness} (riper apples are sweeter and softer) and {@code colour} (redder when sweeter).
 * A grader sorts them into {@code juice}, {@code table} and {@code premium}. No real apples were involved: the
 * grade comes from a hidden rule,
 * <pre>
 *   q = 0.9·sugar + 0.7·firmness + 0.5·weight − 0.8·|colour − 0.3| + 0.6·size·firmness + noise·N(0, 1)
 *   class = juice if q &lt; −1.14, table if q &lt; −0.135, else premium
 * </pre>
 * whose thresholds cut the noise-free q into thirds. The absolute value and the product make it non-linear:
 * when the rule was designed (a quick NumPy trial, noise 0, 240 training examples), a linear classifier
 * reached about 71 % on fresh data and a 5-8-3 ReLU network about 89 %. Trained on 40 examples, the same
 * network learnt them all by heart while fresh data stayed near 70 %: the overfitting the lecture
 * illustrates although "normally such a tiny network would not overfit".
 */
public final class LectureData {
    /** The name used in URLs and on the command line. */
    public static final String NAME = "lecture";
    /** Default number of examples. */
    public static final int DEFAULT_SIZE = 300;
    /** Default noise on the hidden score: some examples near a border get the neighbouring grade. */
    public static final double DEFAULT_NOISE = 0.3;
    /** Feature names, in column order. */
    public static final String[] FEATURE_NAMES = {"size", "weight", "sugar", "firmness", "colour"};
    /** Class names, index = class. */
    public static final String[] CLASS_NAMES = {"juice", "table", "premium"};

    /** Thresholds on the hidden score q: the 1/3 and 2/3 quantiles of the noise-free score. */
    private static final double T1 = -1.14, T2 = -0.135;

    private LectureData() {}

    /** {@link #DEFAULT_SIZE} examples with {@link #DEFAULT_NOISE}. */
    public static Dataset generate(long seed) { return generate(DEFAULT_SIZE, DEFAULT_NOISE, seed); }

    /**
     * Generates the apples: x (size, 5) row-major in the order of {@link #FEATURE_NAMES}, labels (size) in 0..2.
     *
     * @param size  number of examples, 3..100,000
     * @param noise standard deviation of the noise added to the hidden score, 0..1 (the score itself spreads
     *              with standard deviation about 1.3)
     * @param seed  the same seed gives the same examples
     */
    public static Dataset generate(int size, double noise, long seed) {
        if (size < 3 || size > 100_000)
            throw new IllegalArgumentException("size must be between 3 and 100000, was " + size);
        if (!(noise >= 0 && noise <= 1))
            throw new IllegalArgumentException("noise must be between 0 and 1, was " + noise);
        Rng rng = Rng.of(seed, NAME);
        float[] x = new float[size * 5]; // (size, 5)
        int[] labels = new int[size];    // (size)
        for (int i = 0; i < size; i++) {
            double appleSize = rng.nextGaussian();
            double weight = 0.8 * appleSize + 0.6 * rng.nextGaussian();
            double sugar = rng.nextGaussian();
            double firmness = -0.5 * sugar + Math.sqrt(0.75) * rng.nextGaussian();
            double colour = 0.6 * sugar + 0.8 * rng.nextGaussian();
            double q = hiddenScore(appleSize, weight, sugar, firmness, colour) + noise * rng.nextGaussian();
            labels[i] = q < T1 ? 0 : q < T2 ? 1 : 2;
            int o = 5 * i;
            x[o] = (float) appleSize;
            x[o + 1] = (float) weight;
            x[o + 2] = (float) sugar;
            x[o + 3] = (float) firmness;
            x[o + 4] = (float) colour;
        }
        return Dataset.classification(NAME, 5, x, labels, 3, CLASS_NAMES.clone());
    }

    /** The grader's hidden rule before noise; exposed so tests can check the labels follow it. */
    static double hiddenScore(double size, double weight, double sugar, double firmness, double colour) {
        return 0.9 * sugar + 0.7 * firmness + 0.5 * weight - 0.8 * Math.abs(colour - 0.3) + 0.6 * size * firmness;
    }
}
