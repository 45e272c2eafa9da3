package bnlab.data;

import bnlab.engine.Dataset;
import bnlab.engine.Rng;

/** Seeded training/validation splits of a data set. */
public final class Splits {
    private Splits() {}

    /**
     * Shuffles the examples with {@code Rng.of(seed, "split")} and puts {@code round(size * validationFraction)}
     * of them into the validation part, the rest into the training part. The same seed gives the same split.
     *
     * @param validationFraction strictly between 0 and 1, e.g. 0.2
     * @throws IllegalArgumentException if the fraction is outside (0, 1) or either part would be empty
     */
    public static Dataset.Split split(Dataset d, double validationFraction, long seed) {
        if (!(validationFraction > 0 && validationFraction < 1))
            throw new IllegalArgumentException("validation fraction must be between 0 and 1 (exclusive), was "
                    + validationFraction);
        int n = d.size();
        int nVal = (int) Math.round(n * validationFraction);
        int nTrain = n - nVal;
        if (nVal < 1 || nTrain < 1)
            throw new IllegalArgumentException("splitting " + n + " examples of '" + d.name() + "' with validation fraction "
                    + validationFraction + " leaves " + nTrain + " for training and " + nVal
                    + " for validation; both parts need at least one example");
        return splitAt(d, nVal, seed);
    }

    private static Dataset.Split splitAt(Dataset d, int nVal, long seed) {
        int n = d.size();
        int nTrain = n - nVal;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Rng.of(seed, "split").shuffle(order, n);
        int[] train = new int[nTrain];
        int[] val = new int[nVal];
        System.arraycopy(order, 0, train, 0, nTrain);
        System.arraycopy(order, nTrain, val, 0, nVal);
        return new Dataset.Split(d.subset(train), d.subset(val));
    }

    /**
     * Splits into exactly {@code validationSize} validation examples and the rest for training, shuffled as in
     * {@link #split(Dataset, double, long)}.
     *
     * @throws IllegalArgumentException if either part would be empty
     */
    public static Dataset.Split splitCount(Dataset d, int validationSize, long seed) {
        int n = d.size();
        if (validationSize < 1 || validationSize >= n)
            throw new IllegalArgumentException("cannot take " + validationSize + " validation examples out of " + n
                    + " in '" + d.name() + "'; both parts need at least one example");
        return splitAt(d, validationSize, seed);
    }
}
