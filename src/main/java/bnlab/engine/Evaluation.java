package bnlab.engine;

/**
 * Loss and accuracy of a network on a whole data set in inference mode (BN uses running statistics,
 * dropout is off).
 *
 * @param loss     mean loss over all examples
 * @param accuracy fraction correct, NaN for regression
 */
public record Evaluation(double loss, double accuracy) {
    /** Examples per forward pass: the set is evaluated in pieces of this many, from its start. */
    public static final int CHUNK = 500;

    public static Evaluation of(Network net, Dataset data) { return of(net, data, CHUNK); }

    /**
     * The same in pieces of {@code chunk} examples. The network's layers keep buffers for the largest batch they
     * passed, so a smaller chunk keeps a network that is evaluated often smaller: Figure 1's twin holds about 3.6 MB
     * of buffers after pieces of 500, 0.7 MB after pieces of 100 (the lab keeps dozens of such runs). The figures
     * differ from {@link #of(Network, Dataset)}'s only by the rounding of the summed loss.
     */
    public static Evaluation of(Network net, Dataset data, int chunk) {
        if (chunk < 1) throw new IllegalArgumentException("chunk must be at least 1, was " + chunk);
        Loss loss = Loss.forData(data);
        Batch batch = new Batch(data, Math.min(chunk, data.size()));
        double total = 0;
        long right = 0;
        for (int from = 0; from < data.size(); from += chunk) {
            int m = Math.min(chunk, data.size() - from);
            batch.gatherRange(from, m);
            float[] y = net.forward(batch, false);
            total += loss.forward(y, batch, net.spec().outputs()) * m;
            right += Math.max(0, loss.correct());
        }
        int n = data.size();
        return new Evaluation(total / n, data.isClassification() ? (double) right / n : Double.NaN);
    }
}
