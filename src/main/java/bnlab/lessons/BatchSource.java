package bnlab.lessons;

/** Gives the lecture's batch matrices of the example network after a number of training steps. */
public interface BatchSource {
    /**
     * The batch at {@code iteration} of the run started from {@code seed}: the network has taken
     * {@code iteration} SGD steps; the view shows the next batch it would train on. Deterministic:
     * the same arguments give the same numbers.
     *
     * @throws IllegalArgumentException if iteration is negative or above {@link #MAX_ITERATION}
     */
    BatchView batchAt(long seed, int iteration);

    int MAX_ITERATION = 100_000;
}
