package bnlab.web.lab;

import bnlab.experiments.RunConfig;
import bnlab.experiments.live.Checkpoints;
import bnlab.experiments.live.Frame;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a class dashboard shows of a run, as of its last frame; immutable, read from any thread.
 *
 * @param step         iterations done
 * @param state        "running", "paused" or "stopped"
 * @param config       the run description it was built from (null before a run is built)
 * @param baseLearningRate the first network's base rate now (changed live, it differs from the config's learningRate)
 * @param validations  per network, by name in the run's order, the validation last measured (none before the first)
 * @param checkpoints  the networks' validations at fixed iterations
 * @param diverged     per network that diverged or blew up, by name in the run's order, how and when
 *                     ({@link Frame.Divergence}: any kind; a later non-finite loss replaces the first kind)
 * @param baseLearningRates per network, by name in the run's order, its base learning rate now (each keeps its ratio to
 *                     the first network's when that one changes)
 */
public record RunSummary(long step, String state, RunConfig config, double baseLearningRate,
                         Map<String, Frame.Validation> validations, Checkpoints.Snapshot checkpoints, Map<String, Frame.Divergence> diverged,
                         Map<String, Double> baseLearningRates) {
    static final RunSummary NONE = new RunSummary(0, "stopped", null, Double.NaN, Map.of(), Checkpoints.Snapshot.NONE, Map.of(),
            Map.of());

    public RunSummary {
        validations = Collections.unmodifiableMap(new LinkedHashMap<>(validations));
        diverged = Collections.unmodifiableMap(new LinkedHashMap<>(diverged));
        baseLearningRates = Collections.unmodifiableMap(new LinkedHashMap<>(baseLearningRates));
    }

    /** The same with another state, step and rates (a pause, a resume, a rate change). */
    RunSummary with(long step, String state, RunConfig config, double learningRate, Map<String, Double> rates) {
        return new RunSummary(step, state, config, learningRate, validations, checkpoints, diverged, rates);
    }

    /** This summary after a frame: its validations where it has them, else the last ones, and its divergences. */
    RunSummary after(Frame f, String state, RunConfig config, double learningRate, Checkpoints.Snapshot checkpoints,
                     Map<String, Double> rates) {
        Map<String, Frame.Validation> v = new LinkedHashMap<>();
        Map<String, Frame.Divergence> gone = new LinkedHashMap<>();
        f.nets().forEach((name, n) -> {
            Frame.Validation last = n.validation() != null ? n.validation() : validations.get(name);
            if (last != null) v.put(name, last);
            if (n.diverged() != null) gone.put(name, n.diverged());
        });
        return new RunSummary(f.step(), state, config, learningRate, v, checkpoints, gone, rates);
    }
}
