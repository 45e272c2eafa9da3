package bnlab.experiments.live;

/**
 * How much a frame carries and how often the costly parts are computed.
 *
 * @param maxBuckets          at most this many buckets per network per frame (even); up to this many steps
 *                            between two frames are sent one by one, more are merged (see {@link SeriesSummarizer})
 * @param histogramBins       bins of the current-batch histogram
 * @param gridSize            the decision boundary is gridSize x gridSize (2-D data only)
 * @param gridEveryFrames     a boundary at most every this many frames, and only when steps were taken since
 * @param evaluateEverySteps  validation loss/accuracy when at least this many steps passed since the last ...
 * @param evaluateEveryFrames ... and at least this many frames (evaluation on request ignores both)
 */
public record LiveSettings(int maxBuckets, int histogramBins, int gridSize, int gridEveryFrames,
                           int evaluateEverySteps, int evaluateEveryFrames) {

    public LiveSettings {
        if (maxBuckets < 2 || maxBuckets % 2 != 0) throw new IllegalArgumentException("maxBuckets must be even and >= 2");
        if (histogramBins < 1 || gridSize < 2 || gridEveryFrames < 1 || evaluateEverySteps < 1 || evaluateEveryFrames < 1)
            throw new IllegalArgumentException("settings must be positive");
    }

    /** 32 buckets, 30 bins, a 40x40 grid every 10th frame, validation every 50 steps but at most every 4th frame. */
    public static LiveSettings defaults() { return new LiveSettings(32, 30, 40, 10, 50, 4); }
}
