package bnlab.engine;

/**
 * What one training step reports.
 *
 * @param step         steps completed, this one included (1 after the first step)
 * @param loss         mean loss of the batch, before the update
 * @param accuracy     fraction of the batch classified correctly before the update, NaN for regression
 * @param learningRate the rate used for the update
 * @param diverged     loss was NaN or infinite; the update was skipped and the run is stopped
 */
public record StepStats(long step, double loss, double accuracy, double learningRate, boolean diverged) {}
