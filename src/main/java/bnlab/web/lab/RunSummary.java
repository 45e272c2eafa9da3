package bnlab.web.lab;

import bnlab.experiments.RunConfig;
import bnlab.experiments.live.Checkpoints;
import bnlab.experiments.live.Frame;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a class dashboard shows of a run, as of its last frame; immutable, read from any thread.
 *
 * @param step         iterations done
 * @param state        "running", "paused" or "stopped"
 * @param config       the run description it was built from (null before a run is built)
 * @param learningRate the first network's base rate now (changed live, it differs from the config's)
 * @param validations  per network, by name in the run's order, the validation last measured (none before the first)
 * @param checkpoints  the networks' validations at fixed iterations
 * @param diverged     the names of the networks that diverged
 */
public record RunSummary(long step, String state, RunConfig config, double learningRate,
                         Map<String, Frame.Validation> validations, Checkpoints.Snapshot checkpoints, Set<String> diverged) {
    static final RunSummary NONE = new RunSummary(0, "stopped", null, Double.NaN, Map.of(), Checkpoints.Snapshot.NONE, Set.of());

    public RunSummary {
        validations = Collections.unmodifiableMap(new LinkedHashMap<>(validations));
        diverged = Set.copyOf(diverged);
    }

    /** The same with another state and step (a pause, a resume). */
    RunSummary with(long step, String state, RunConfig config, double learningRate) {
        return new RunSummary(step, state, config, learningRate, validations, checkpoints, diverged);
    }

    /** This summary after a frame: its validations where it has them, else the last ones, and its divergences. */
    RunSummary after(Frame f, String state, RunConfig config, double learningRate, Checkpoints.Snapshot checkpoints) {
        Map<String, Frame.Validation> v = new LinkedHashMap<>();
        Set<String> gone = new java.util.HashSet<>();
        f.nets().forEach((name, n) -> {
            Frame.Validation last = n.validation() != null ? n.validation() : validations.get(name);
            if (last != null) v.put(name, last);
            if (n.diverged() != null) gone.add(name);
        });
        return new RunSummary(f.step(), state, config, learningRate, v, checkpoints, gone);
    }
}
