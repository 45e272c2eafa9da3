package bnlab.engine;

/**
 * The training objective on the network's output y (batch, width). After {@link #forward} the
 * gradient dL/dy is in {@link #gradient()}; the loss is the mean over the batch.
 */
public interface Loss {
    /** @return the mean loss of the batch */
    double forward(float[] y, Batch batch, int width);

    /** dL/dy (batch, width) of the last forward call. */
    float[] gradient();

    /** Correct predictions in the last batch (arg max = label), or -1 for regression. */
    int correct();

    static Loss forData(Dataset d) { return d.isClassification() ? new SoftmaxCrossEntropy() : new MeanSquaredError(); }

    /**
     * Softmax with cross-entropy, computed stably (logits shifted by their row maximum).
     * <pre>
     *   p_ic = exp(y_ic) / sum_c' exp(y_ic')       L = -1/m sum_i log p_i,label(i)
     *   dL/dy_ic = (p_ic - [c = label(i)]) / m
     * </pre>
     */
    final class SoftmaxCrossEntropy implements Loss {
        private float[] grad;
        private int correct;

        @Override
        public double forward(float[] y, Batch batch, int width) {
            int m = batch.size();
            grad = Layer.ensure(grad, m * width);
            int[] labels = batch.labels();
            double total = 0;
            correct = 0;
            for (int i = 0; i < m; i++) {
                int r = i * width;
                float max = y[r];
                int arg = 0;
                for (int c = 1; c < width; c++) if (y[r + c] > max) { max = y[r + c]; arg = c; }
                double sum = 0;
                for (int c = 0; c < width; c++) {
                    double e = Math.exp(y[r + c] - max);
                    grad[r + c] = (float) e;
                    sum += e;
                }
                int label = labels[i];
                total += Math.log(sum) - (y[r + label] - max);
                if (arg == label) correct++;
                float inv = (float) (1.0 / (sum * m));
                for (int c = 0; c < width; c++) grad[r + c] *= inv;
                grad[r + label] -= 1f / m;
            }
            return total / m;
        }

        @Override public float[] gradient() { return grad; }
        @Override public int correct() { return correct; }
    }

    /**
     * Mean squared error as PyTorch's MSELoss: L = 1/(m k) sum_ic (y_ic - t_ic)^2,
     * dL/dy_ic = 2 (y_ic - t_ic) / (m k).
     */
    final class MeanSquaredError implements Loss {
        private float[] grad;

        @Override
        public double forward(float[] y, Batch batch, int width) {
            int n = batch.size() * width;
            grad = Layer.ensure(grad, n);
            float[] t = batch.targets();
            double total = 0;
            float scale = 2f / n;
            for (int i = 0; i < n; i++) {
                float d = y[i] - t[i];
                total += (double) d * d;
                grad[i] = scale * d;
            }
            return total / n;
        }

        @Override public float[] gradient() { return grad; }
        @Override public int correct() { return -1; }
    }
}
