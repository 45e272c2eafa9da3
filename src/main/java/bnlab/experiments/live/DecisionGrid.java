package bnlab.experiments.live;

import bnlab.engine.Dataset;
import bnlab.engine.Network;

/**
 * The points of a size x size grid over the bounding box of 2-D data (padded by 5 % on each side), and
 * what a network outputs there in inference mode. The grid's inputs are made once.
 */
final class DecisionGrid {
    private final int size;
    private final double xMin, xMax, yMin, yMax;
    private final float[] x;    // (size * size, 2) row-major; row r of the grid is y, column c is x
    private final int classes;  // of the data, 0 for regression
    private final String value;
    /**
     * Grid points passed at a time: a network keeps buffers for the largest batch it passed, and 1,600 points through
     * the spiral's 3 layers of 32 kept 3.7 MB a twin, in every one of a classroom's forks; 200 keep 0.5 MB.
     */
    static final int CHUNK = 200;

    DecisionGrid(Dataset.Split data, int size) {
        if (data.train().features() != 2) throw new IllegalArgumentException("a decision grid needs 2-D data");
        this.size = size;
        double[] box = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        extend(box, data.train());
        extend(box, data.validation());
        double padX = Math.max(0.05 * (box[1] - box[0]), 1e-3), padY = Math.max(0.05 * (box[3] - box[2]), 1e-3);
        xMin = box[0] - padX;
        xMax = box[1] + padX;
        yMin = box[2] - padY;
        yMax = box[3] + padY;
        x = new float[size * size * 2];
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                int i = (r * size + c) * 2;
                x[i] = (float) (xMin + (c + 0.5) * (xMax - xMin) / size);
                x[i + 1] = (float) (yMin + (r + 0.5) * (yMax - yMin) / size);
            }
        }
        classes = data.train().isClassification() ? data.train().classes() : 0;
        value = classes == 2 ? "probability" : classes > 2 ? "class" : "output";
    }

    private static void extend(double[] box, Dataset d) {
        float[] v = d.x();
        for (int i = 0; i + 1 < v.length; i += 2) {
            box[0] = Math.min(box[0], v[i]);
            box[1] = Math.max(box[1], v[i]);
            box[2] = Math.min(box[2], v[i + 1]);
            box[3] = Math.max(box[3], v[i + 1]);
        }
    }

    /**
     * One value per cell, (size * size) row-major: P(class 1) = 1 / (1 + e^-(y1 - y0)) (the softmax of two
     * logits) for two classes, the arg-max class for more, output 0 for regression.
     */
    float[] evaluate(Network net) {
        int n = size * size, out = net.spec().outputs();
        float[] cells = new float[n];
        for (int from = 0; from < n; from += CHUNK) {
            int m = Math.min(CHUNK, n - from);
            float[] piece = from == 0 ? x : java.util.Arrays.copyOfRange(x, from * 2, (from + m) * 2); // forward reads m rows
            cells(net.forward(piece, m, false), m, out, cells, from);
        }
        return cells;
    }

    /** The cells from {@code from} on of one piece's outputs y, (m, out). */
    private void cells(float[] y, int m, int out, float[] cells, int from) {
        for (int r = 0; r < m; r++) {
            int o = r * out, i = from + r;
            if (classes == 2) {
                cells[i] = (float) (1.0 / (1.0 + Math.exp(-((double) y[o + 1] - y[o]))));
            } else if (classes > 2) {
                int best = 0;
                for (int j = 1; j < out; j++) if (y[o + j] > y[o + best]) best = j;
                cells[i] = best;
            } else {
                cells[i] = y[o];
            }
        }
    }

    /** The grid's inputs, (size * size, 2) (tests). */
    float[] inputs() { return x.clone(); }

    Frame.Boundary boundary(long step, java.util.Map<String, float[]> cells) {
        return new Frame.Boundary(step, size, xMin, xMax, yMin, yMax, value, cells);
    }
}
