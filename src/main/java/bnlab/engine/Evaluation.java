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

    /** How many pieces {@link #of} cuts the set into. */
    public static int pieces(Dataset data) {
        return (data.size() + CHUNK - 1) / CHUNK;
    }

    /**
     * One piece of {@link #of} (which is its pieces one after the other), so that the pieces can be computed by
     * several threads (each with a network of its own) and then {@link #combine}d into the very same figures.
     *
     * @param loss  {@code Loss.forData(data)}, scratch of the caller's thread
     * @param batch a batch of the data with room for {@link #CHUNK} examples, scratch of the caller's thread
     * @param lossSums the piece's summed loss goes to lossSums[piece]
     * @param correct  its number of correct predictions to correct[piece]
     */
    public static void piece(Network net, Dataset data, int piece, Loss loss, Batch batch, double[] lossSums, long[] correct) {
        int from = piece * CHUNK, m = Math.min(CHUNK, data.size() - from);
        batch.gatherRange(from, m);
        float[] y = net.forward(batch, false);
        lossSums[piece] = loss.forward(y, batch, net.spec().outputs()) * m;
        correct[piece] = Math.max(0, loss.correct());
    }

    /** The figures of {@link #of} from all its {@link #piece}s, summed in the same order. */
    public static Evaluation combine(Dataset data, double[] lossSums, long[] correct) {
        double total = 0;
        long right = 0;
        for (int p = 0; p < pieces(data); p++) {
            total += lossSums[p];
            right += correct[p];
        }
        int n = data.size();
        return new Evaluation(total / n, data.isClassification() ? (double) right / n : Double.NaN);
    }
}
