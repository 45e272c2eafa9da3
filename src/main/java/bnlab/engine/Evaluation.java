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

    public static Evaluation of(Network net, Dataset data) {
        Loss loss = Loss.forData(data);
        Batch batch = new Batch(data, Math.min(CHUNK, data.size()));
        int pieces = pieces(data);
        double[] lossSums = new double[pieces];
        long[] correct = new long[pieces];
        for (int p = 0; p < pieces; p++) piece(net, data, p, loss, batch, lossSums, correct);
        return combine(data, lossSums, correct);
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
