package bnlab.web.lab;

import bnlab.experiments.RunConfig;
import bnlab.experiments.live.Checkpoints;
import bnlab.experiments.live.Frame;

/**
 * What a class dashboard shows of a run, as of its last frame; immutable, read from any thread.
 *
 * @param step         iterations done
 * @param state        "running", "paused" or "stopped"
 * @param config       the run description it was built from (null before a run is built)
 * @param learningRate the plain network's base rate now (changed live, it differs from the config's)
 * @param plainValidation the validation of the network without BN last measured, or null
 * @param bnValidation    likewise with BN
 * @param checkpoints  both networks' validations at fixed iterations
 * @param plainDiverged whether the network without BN diverged
 * @param bnDiverged    whether the network with BN diverged
 */
public record RunSummary(long step, String state, RunConfig config, double learningRate, Frame.Validation plainValidation,
                         Frame.Validation bnValidation, Checkpoints.Snapshot checkpoints, boolean plainDiverged, boolean bnDiverged) {
    static final RunSummary NONE = new RunSummary(0, "stopped", null, Double.NaN, null, null, Checkpoints.Snapshot.NONE, false, false);

    /** The same with another state and step (a pause, a resume). */
    RunSummary with(long step, String state, RunConfig config, double learningRate) {
        return new RunSummary(step, state, config, learningRate, plainValidation, bnValidation, checkpoints, plainDiverged, bnDiverged);
    }
}
