package bnlab.web.lab;

import bnlab.engine.Activation;
import bnlab.engine.BnPlacement;
import bnlab.engine.Init;
import bnlab.engine.Schedule;
import bnlab.experiments.RunConfig;
import bnlab.experiments.live.RateChange;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The JSON form of a {@link RunConfig}: the same flat fields, enums as their lowercase keys ("sigmoid",
 * "before", "xavier", "constant"). Every field may be left out: what is missing comes from
 * {@link RunConfig#defaults()} (the lecture's 5-8-3 network). Converting validates: an impossible value
 * is refused with the engine's {@link bnlab.engine.InvalidConfigException}, which names the field.
 * {@code upload} is not part of the run config: it names the uploaded CSV ({@link CsvUploads}) that the data set
 * "csv" trains on, and is ignored for other data sets. {@code rateChanges} are the learning-rate changes made
 * by hand during a run, which a new start replays at the same iterations ({@link RateChange}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LabConfig(String dataset, Integer points, Double noise, Double validationFraction, int[] layers,
                        String activation, String bn, String init, Double initStd, Double learningRate,
                        String schedule, Integer decayEvery, Double decayFactor, Double momentum, Integer batchSize,
                        Double l2, Double dropout, Double bnEpsilon, Double bnMomentum, Long seed,
                        String upload, List<RateChange> rateChanges) {

    /** Every field of a config, keys lowercase. */
    public static LabConfig of(RunConfig c) {
        return new LabConfig(c.dataset(), c.points(), c.noise(), c.validationFraction(), c.layers(),
                c.activation().key(), c.bn().key(), c.init().key(), c.initStd(), c.learningRate(), c.schedule().key(),
                c.decayEvery(), c.decayFactor(), c.momentum(), c.batchSize(), c.l2(), c.dropout(), c.bnEpsilon(),
                c.bnMomentum(), c.seed(), null, null);
    }

    /**
     * Every field of a config, with the id of the CSV upload it trains on (null for other data sets) and
     * the run's learning-rate changes (left out when there are none).
     */
    public static LabConfig of(RunConfig c, String upload, List<RateChange> changes) {
        LabConfig j = of(c);
        return new LabConfig(j.dataset, j.points, j.noise, j.validationFraction, j.layers, j.activation, j.bn, j.init,
                j.initStd, j.learningRate, j.schedule, j.decayEvery, j.decayFactor, j.momentum, j.batchSize, j.l2,
                j.dropout, j.bnEpsilon, j.bnMomentum, j.seed, RunConfig.CSV.equals(c.dataset()) ? upload : null,
                changes == null || changes.isEmpty() ? null : List.copyOf(changes));
    }

    /** The learning-rate changes to replay, checked ({@link RateChange#plan}); none when left out. */
    public List<RateChange> plan() { return RateChange.plan(rateChanges); }

    /** This config with the defaults filled in, validated. */
    public RunConfig toRunConfig() {
        RunConfig d = RunConfig.defaults();
        return new RunConfig(
                or(dataset, d.dataset()), or(points, d.points()), or(noise, d.noise()),
                or(validationFraction, d.validationFraction()), layers == null ? d.layers() : layers,
                activation == null ? d.activation() : Activation.parse(activation),
                bn == null ? d.bn() : BnPlacement.parse(bn),
                init == null ? d.init() : Init.parse(init),
                or(initStd, d.initStd()), or(learningRate, d.learningRate()),
                schedule == null ? d.schedule() : Schedule.Kind.parse(schedule),
                or(decayEvery, d.decayEvery()), or(decayFactor, d.decayFactor()), or(momentum, d.momentum()),
                or(batchSize, d.batchSize()), or(l2, d.l2()), or(dropout, d.dropout()), or(bnEpsilon, d.bnEpsilon()),
                or(bnMomentum, d.bnMomentum()), or(seed, d.seed()));
    }

    /** The same config with another learning rate (the live control changes it without a reset). */
    public static RunConfig withLearningRate(RunConfig c, double rate) {
        LabConfig j = of(c);
        return new LabConfig(j.dataset, j.points, j.noise, j.validationFraction, j.layers, j.activation, j.bn, j.init,
                j.initStd, rate, j.schedule, j.decayEvery, j.decayFactor, j.momentum, j.batchSize, j.l2, j.dropout,
                j.bnEpsilon, j.bnMomentum, j.seed, null, null).toRunConfig();
    }

    private static <T> T or(T value, T fallback) { return value == null ? fallback : value; }
}
