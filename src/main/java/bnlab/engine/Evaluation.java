package bnlab.engine;

/**
 * Loss and accuracy of a network on a whole data set in inference mode (BN uses running statistics,
 * dropout is off).
 *
 * @param loss     mean loss over all examples
 * @param accuracy fraction correct, NaN for regression
 */
public record Evaluation(double loss, double accuracy) {
    private static final int CHUNK = 500;

    public static Evaluation of(Network net, Dataset data) {
        Loss loss = Loss.forData(data);
        Batch batch = new Batch(data, Math.min(CHUNK, data.size()));
        int n = data.size();
        double total = 0;
        long correct = 0;
        for (int from = 0; from < n; from += CHUNK) {
            int m = Math.min(CHUNK, n - from);
            batch.gatherRange(from, m);
            float[] y = net.forward(batch.x(), m, false);
            total += loss.forward(y, batch, net.spec().outputs()) * m;
            correct += Math.max(0, loss.correct());
        }
        return new Evaluation(total / n, data.isClassification() ? (double) correct / n : Double.NaN);
    }
}
