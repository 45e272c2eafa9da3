package bnlab.web.lab;

import bnlab.engine.Dataset;
import bnlab.experiments.RunConfig;
import bnlab.experiments.live.Checkpoints;
import bnlab.experiments.live.LiveRun;
import bnlab.experiments.live.RunHistory;

/**
 * What a fork starts from: an exact copy of a {@link LabRun} as it is between two ticks (every network, their
 * optimizer state, the batch order), with the run's description, data, history and checkpoints, so that the
 * fork's next step is the one the run would take next, and its charts go on from the run's. Asked for with
 * {@link LabRun#requestFork}, taken by a new run with {@link LabRun#adopt}.
 */
public record ForkSource(LiveRun live, RunConfig config, Dataset.Split data, String dataKey, Speed speed,
                         RunHistory history, Checkpoints checkpoints, RunSummary summary, String preset) {}
