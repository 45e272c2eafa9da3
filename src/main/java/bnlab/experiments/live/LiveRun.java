package bnlab.experiments.live;

import bnlab.engine.Dataset;
import bnlab.engine.Evaluation;
import bnlab.engine.InvalidConfigException;
import bnlab.engine.Stats;
import bnlab.engine.Trainer;
import bnlab.experiments.Measure;
import bnlab.experiments.RateChange;
import bnlab.experiments.PairRunner;
import bnlab.experiments.RunConfig;
import bnlab.engine.VariantRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * A run of two or more networks (the config's {@code nets}: the same weights, the same mini-batches; the
 * lecture's twin is one network with BN and one without) trained a few steps at a time while someone watches,
 * and cut into {@link Frame}s for the charts. Whether it plays, and how
 * fast, is decided outside: the caller advances it and cuts frames when it wants to show something.
 *
 * <p>Not thread-safe: one thread at a time drives it (the web layer's training task).
 *
 * <p>Every network forward pass happens here, in a fixed order, because the networks' buffers are shared
 * by training and inference: per step, the watched neuron's inputs are copied right after the step; in
 * {@link #frame()} the histogram is made from those copies before any validation or grid pass.
 */
public final class LiveRun {
    /** TensorBoard's nine percentiles (the bands) and the paper's 15th and 85th (the lines), in ascending order. */
    public static final double[] PERCENTILES = {0, 6.68, 15, 15.87, 30.85, 50, 69.15, 84.13, 85, 93.32, 100};

    private final RunConfig config;
    private final Dataset.Split data;
    private final LiveSettings settings;
    private final VariantRun run;
    private final NetworkTrace[] traces;     // one per network, in the run's order
    private final DecisionGrid grid;       // null unless the data is 2-D
    private final int[] widths;
    private Frame.Watch watch, nextWatch;  // nextWatch: applied when the next frame is cut
    private Frame.Watch[] also = {}, nextAlso; // further neurons whose percentiles every frame carries too
    /** At most this many further neurons (the lesson's live chart shows three neurons of one run). */
    public static final int MAX_ALSO = 7;
    private long step;
    private long frames;
    private boolean evaluationRequested = true, gridRequested = true;
    private long lastEvaluationStep, lastGridStep;
    private long lastEvaluationFrame, lastGridFrame;
    private final List<Frame.Divergence> newDivergences = new ArrayList<>(4);
    private final List<RateChange> planned;                  // rate changes to replay, ascending
    private int nextPlanned;                                 // the first planned change not yet made
    private final List<RateChange> made = new ArrayList<>(); // changes made so far, planned or by hand
    private final double[] rateFactors;                      // each network's base rate over the first one's
    private final double[] rates;                            // scratch for a rate change
    private final Measure measure;
    private final boolean classification;
    private final PairRunner pair;                           // trains the networks of a step in two lanes at once
    private final Runnable oddLane = () -> lane(1), evenLane = () -> lane(0);
    private final Frame.Divergence[] divergences;            // of the last step, per network

    /**
     * @param config a validated run configuration; its network is built for the data's width
     * @param data   training and validation data made from the config (see {@code Datasets.load})
     */
    public LiveRun(RunConfig config, Dataset.Split data, LiveSettings settings) {
        this(config, data, settings, config.rateChanges());
    }

    /**
     * @param plan learning-rate changes to make at their iterations (see {@link RateChange#plan}), as a run
     *             whose rate was changed by hand recorded them; replaces the config's own plan
     */
    public LiveRun(RunConfig config, Dataset.Split data, LiveSettings settings, List<RateChange> plan) {
        this(config, data, settings, plan, null);
    }

    /**
     * @param helper where the second network of each step may train at the same time as the first, when
     *               the executor has a thread to spare (see {@link PairRunner}); null trains both on the
     *               caller's thread. The frames are the same either way.
     */
    public LiveRun(RunConfig config, Dataset.Split data, LiveSettings settings, List<RateChange> plan, Executor helper) {
        this.pair = new PairRunner(helper);
        this.planned = RateChange.plan(plan);
        this.config = config;
        this.data = withValidationCap(data);
        this.settings = settings;
        Dataset train = data.train();
        this.run = config.variantRun(train);
        this.rateFactors = run.rateFactors();
        this.rates = new double[run.size()];
        this.divergences = new Frame.Divergence[run.size()];
        this.measure = config.measureOrNone();
        this.classification = train.isClassification();
        this.widths = config.layers();
        this.traces = traces(run, config, settings, this.data);
        this.grid = train.features() == 2 ? new DecisionGrid(data, settings.gridSize()) : null;
        this.watch = new Frame.Watch(widths.length - 1, 0); // Figure 1: a neuron of the last hidden layer
    }

    /** See {@link #fork}. */
    private LiveRun(LiveRun from, Executor helper) {
        this.pair = new PairRunner(helper);
        this.planned = from.planned;         // immutable (RateChange.plan copies it)
        this.nextPlanned = from.nextPlanned;
        this.made.addAll(from.made);
        this.config = from.config;
        this.data = from.data;               // read only; already capped for live validation
        this.settings = from.settings;
        this.run = from.run.copy();
        this.rateFactors = from.rateFactors;  // never written
        this.rates = new double[run.size()];
        this.divergences = new Frame.Divergence[run.size()];
        this.measure = from.measure;
        this.classification = from.classification;
        this.widths = from.widths.clone();
        this.traces = traces(run, config, settings, data);
        this.grid = from.grid;               // immutable: its inputs are only read
        this.watch = from.watch();           // nothing pending here, so a pending watch change applies at once
        this.also = from.nextAlso != null ? from.nextAlso.clone() : from.also.clone();
        for (NetworkTrace t : traces) t.alsoWatch(also.length);
        this.step = from.step;
        for (int i = 0; i < traces.length; i++) traces[i].inherit(from.traces[i]);
    }

    /** @param data the training data and the (capped) validation set that the live run measures on */
    private static NetworkTrace[] traces(VariantRun run, RunConfig config, LiveSettings settings, Dataset.Split data) {
        NetworkTrace[] out = new NetworkTrace[run.size()];
        for (int i = 0; i < out.length; i++) {
            String name = run.variants().get(i).name();
            out[i] = new NetworkTrace(name, run.trainer(i), PERCENTILES, config.batchSize(), settings.maxBuckets(),
                    new BlowUpCheck(name, data.train(), data.validation()));
        }
        return out;
    }

    /**
     * A private copy of this run that continues exactly where it is, for a student who forks the
     * instructor's run: its next {@link #advance} trains bit for bit what this run's next one would (given
     * the same rate changes), and after the copy the two share no mutable state, so either may train on,
     * pause or change its rate without changing the other. The fork has:
     * <ul>
     *   <li>a {@link VariantRun#copy} of the networks: their weights and momentum velocities, BN's running
     *       statistics, dropout's and the noise's random streams, each trainer's step, schedule place, base
     *       rate, divergence and last outcome, and the batch sampler's shuffled order, place and stream;
     *   <li>the same config, data (shared: never written), settings, iteration count and watched neuron;
     *   <li>the rate changes made so far and those still planned ({@link #rateChanges}), so it replays too;
     *   <li>its own frames: numbered from 0, the first one carries validation and a boundary, and the
     *       series begin with the fork's first step (its charts start at the fork). A network that diverged or
     *       blew up before the fork shows the same divergence in every frame, which {@link #takeDivergences} does
     *       not report again; the checks for a blow-up go on where the original's are ({@link BlowUpCheck}).
     * </ul>
     * A cold path: it copies every parameter. Call it on the thread that drives this run, between advances.
     *
     * @param helper where half of the fork's networks may train at the same time as the other half, as in
     *               {@link #LiveRun(RunConfig, Dataset.Split, LiveSettings, List, Executor)}; null trains
     *               both on the caller's thread
     */
    public LiveRun fork(Executor helper) {
        return new LiveRun(this, helper);
    }

    /** The networks being trained (tests). */
    VariantRun variants() { return run; }

    /** The names of the networks, in the run's order. */
    public List<String> netNames() { return config.netNames(); }

    /**
     * Live validation sees at most this many examples (the first of the validation part), so that
     * evaluating a Fashion-MNIST network several times a second does not stall its training.
     */
    public static final int MAX_LIVE_VALIDATION = 1000;

    /**
     * Live validation passes this many examples at a time: every network of every run keeps buffers for the largest
     * batch it passed, and a classroom keeps dozens of runs (a Figure 1 twin: 0.7 MB of buffers, 3.6 MB at 500).
     */
    static final int LIVE_VALIDATION_CHUNK = 100;

    private static Dataset.Split withValidationCap(Dataset.Split data) {
        Dataset v = data.validation();
        if (v.size() <= MAX_LIVE_VALIDATION) return data;
        int[] first = new int[MAX_LIVE_VALIDATION];
        for (int i = 0; i < first.length; i++) first[i] = i;
        return new Dataset.Split(data.train(), v.subset(first));
    }

    public RunConfig config() { return config; }
    public Dataset.Split data() { return data; }
    public LiveSettings settings() { return settings; }

    /** Iterations done: each is one mini-batch step of every network. */
    public long step() { return step; }

    /** Hidden layer widths. */
    public int[] layers() { return widths.clone(); }

    /** The neuron the next frame's percentiles refer to (a watch change shows from the frame after). */
    public Frame.Watch watch() { return nextWatch != null ? nextWatch : watch; }

    /** Every network has stopped (its loss was not finite): nothing more to train. Blown-up networks train on. */
    public boolean finished() {
        for (NetworkTrace t : traces) if (!t.diverged()) return false;
        return true;
    }

    /** Steps recorded since the last frame (of the network still training the longest). */
    public long pendingSteps() {
        long most = 0;
        for (NetworkTrace t : traces) most = Math.max(most, t.series().steps());
        return most;
    }

    /**
     * Trains up to {@code steps} iterations, stopping early when every network has diverged.
     *
     * @return iterations done
     */
    public int advance(int steps) {
        int done = 0;
        while (done < steps && !finished()) {
            while (nextPlanned < planned.size() && planned.get(nextPlanned).after() == step) {
                RateChange c = planned.get(nextPlanned++);
                setBaseRates(c.rate());
                made.add(c);
            }
            run.nextBatch();
            step++;
            done++;
            pair.run(oddLane, evenLane);
            for (Frame.Divergence d : divergences) note(d);
        }
        return done;
    }

    /**
     * Half of a step: the networks at even or odd places in the run's order (for the twin: the plain one, or
     * the BN one), possibly on the helper thread. Each network takes the run's measure when one is due (before
     * its update, on the step's batch), trains on the batch and records it.
     */
    private void lane(int parity) {
        boolean measureDue = measure != Measure.NONE && (step == 1 || step % RunConfig.MEASURE_EVERY == 0);
        for (int i = parity; i < traces.length; i += 2) {
            NetworkTrace t = traces[i];
            if (measureDue && !t.diverged()) t.measured(step, measure.take(t.trainer(), run.batch(), classification));
            t.trainer().train(run.batch());
            divergences[i] = t.afterStep(step, watch.layer(), watch.neuron(), also);
        }
    }

    /** Each network's base rate from the first one's, at its ratio (at most the largest rate allowed). */
    private void setBaseRates(double rate) {
        for (int i = 0; i < rates.length; i++) rates[i] = bnlab.engine.TrainSpec.scaledLearningRate(rate, rateFactors[i]);
        run.setBaseLearningRates(rates);
    }

    private void note(Frame.Divergence d) {
        if (d != null) newDivergences.add(d);
    }

    /**
     * Divergences and blow-ups found since the last call, in the order they were found: at most one per network per
     * run, and a second one for a network marked otherwise whose loss later became non-finite (it stopped).
     */
    public List<Frame.Divergence> takeDivergences() {
        List<Frame.Divergence> out = List.copyOf(newDivergences);
        newDivergences.clear();
        return out;
    }

    /**
     * The base rate of the next steps: the first network's; every other keeps its ratio to it (the same rate
     * unless the config gives the BN network its own, or the paper's BN network its five times). The schedules keep their place. After the first
     * iteration the change is recorded ({@link #rateChanges}); a change by hand also drops the planned
     * changes not yet made, as the run no longer follows the plan.
     *
     * @return true if it was recorded, false if it came before the first iteration (it is then the run's
     *         starting rate, which belongs to the config)
     */
    public boolean setLearningRate(double rate) {
        bnlab.engine.TrainSpec.checkLearningRate(rate);
        setBaseRates(rate);
        nextPlanned = planned.size();
        if (step == 0) return false;
        made.removeIf(c -> c.after() == step);
        made.add(new RateChange(step, rate));
        return true;
    }

    /** The changes made so far and those still planned: what replays this run from its config. */
    public List<RateChange> rateChanges() {
        List<RateChange> all = new ArrayList<>(made);
        all.addAll(planned.subList(nextPlanned, planned.size()));
        return List.copyOf(all);
    }

    /** Each network's base rate now, by name in the run's order (a rate change keeps their ratios). */
    public Map<String, Double> baseLearningRates() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < traces.length; i++) out.put(traces[i].name(), run.trainer(i).baseLearningRate());
        return out;
    }

    /** The first network's base rate (the one a rate change sets). */
    public double baseLearningRate() { return run.trainer(0).baseLearningRate(); }

    /**
     * Watches another neuron. Steps already taken keep the old neuron's percentiles and are sent with the
     * old watch in the next frame; the new one shows from the frame after.
     *
     * @throws InvalidConfigException naming "layer" or "neuron" when there is no such neuron
     */
    public void watch(int layer, int neuron) { watch(layer, neuron, null); }

    /**
     * Watches a neuron and (when {@code more} is not null) further ones, whose percentile means every frame
     * carries too ({@link Frame.Net#also}), in the buckets of the series; null keeps the further neurons.
     *
     * @throws InvalidConfigException naming "layer", "neuron" or "also" when there is no such neuron
     */
    public void watch(int layer, int neuron, java.util.List<Frame.Watch> more) {
        InvalidConfigException.range(layer, 0, widths.length - 1, "layer");
        InvalidConfigException.range(neuron, 0, widths[layer] - 1, "neuron");
        if (more != null) {
            InvalidConfigException.check(more.size() <= MAX_ALSO, "also", "at most " + MAX_ALSO + " further neurons");
            for (Frame.Watch w : more) {
                InvalidConfigException.check(w != null && w.layer() >= 0 && w.layer() < widths.length
                        && w.neuron() >= 0 && w.neuron() < widths[w.layer()], "also", "no such neuron: " + w);
            }
            nextAlso = more.toArray(new Frame.Watch[0]);
        }
        nextWatch = new Frame.Watch(layer, neuron);
        if (pendingSteps() == 0) applyWatch();
    }

    /** The further neurons every frame carries (after a pending change). */
    public java.util.List<Frame.Watch> also() { return java.util.List.of(nextAlso != null ? nextAlso : also); }

    private void applyWatch() {
        if (nextWatch == null) return;
        if (!nextWatch.equals(watch)) for (NetworkTrace t : traces) t.clearValues();
        watch = nextWatch;
        nextWatch = null;
        if (nextAlso != null) {
            if (!java.util.Arrays.equals(nextAlso, also)) for (NetworkTrace t : traces) t.alsoWatch(nextAlso.length);
            also = nextAlso;
            nextAlso = null;
        }
    }

    /** The next frame carries validation loss and accuracy of every network. */
    public void requestEvaluation() { evaluationRequested = true; }

    /**
     * Cuts a frame: the steps since the last one, summarized, plus what is due (validation, boundary).
     * Validation is due on request, on the first frame, and when at least
     * {@link LiveSettings#evaluateEverySteps()} steps and {@link LiveSettings#evaluateEveryFrames()} frames
     * passed since the last; a boundary (2-D data) on the first frame and then every
     * {@link LiveSettings#gridEveryFrames()} frames if steps were taken since the last.
     */
    public Frame frame() {
        Frame.Watch shown = watch;
        java.util.List<Frame.Watch> alsoShown = java.util.List.of(also);
        Frame.Histogram histogram = histogram();

        boolean evaluate = evaluationRequested || (step - lastEvaluationStep >= settings.evaluateEverySteps()
                && frames - lastEvaluationFrame >= settings.evaluateEveryFrames());
        if (evaluate) {
            evaluationRequested = false;
            lastEvaluationStep = step;
            lastEvaluationFrame = frames;
        }

        Frame.Boundary boundary = null;
        if (grid != null && (gridRequested || (step != lastGridStep && frames - lastGridFrame >= settings.gridEveryFrames()))) {
            Map<String, float[]> cells = new LinkedHashMap<>();
            for (NetworkTrace t : traces) if (!t.diverged()) cells.put(t.name(), grid.evaluate(t.network()));
            boundary = grid.boundary(step, cells);
            gridRequested = false;
            lastGridStep = step;
            lastGridFrame = frames;
        }

        Map<String, Frame.Net> nets = new LinkedHashMap<>();
        Trainer live = traces[0].trainer();
        for (NetworkTrace t : traces) {
            java.util.List<float[][]> a = t.cutAlso();
            java.util.List<Frame.Point> points = t.cutMeasured();
            Frame.Validation v = evaluate ? validation(t) : null; // before the divergence: it may find a collapse
            nets.put(t.name(), new Frame.Net(t.series().cut(), v, t.divergence(),
                    t.trainer().learningRate(), a.isEmpty() ? null : a, points.isEmpty() ? null : points));
            if (!t.diverged()) live = t.trainer();
        }
        Frame f = new Frame(frames++, step, run.sampler().epoch(), live.learningRate(), baseLearningRate(), shown,
                nets, histogram, boundary, alsoShown.isEmpty() ? null : alsoShown);
        applyWatch();
        return f;
    }

    /** The network's validation now, which its check for a collapse sees too; null if it stopped. */
    private Frame.Validation validation(NetworkTrace t) {
        if (t.diverged()) return null;
        Evaluation e = Evaluation.of(t.network(), data.validation(), LIVE_VALIDATION_CHUNK);
        note(t.afterValidation(step, e.accuracy()));
        return new Frame.Validation(step, e.loss(), e.accuracy());
    }

    /** Every network's last batch on one range: from the smallest minimum to the largest maximum (finite values). */
    private Frame.Histogram histogram() {
        float lo = Float.NaN, hi = Float.NaN;
        long at = 0;
        boolean any = false;
        for (NetworkTrace t : traces) {
            if (!t.hasValues()) continue;
            any = true;
            at = Math.max(at, t.valuesStep());
            float tl = t.minValue(), th = t.maxValue();
            if (Float.isNaN(tl)) continue;
            lo = Float.isNaN(lo) ? tl : Math.min(lo, tl);
            hi = Float.isNaN(hi) ? th : Math.max(hi, th);
        }
        if (!any || Float.isNaN(lo)) return null;
        double l = lo, h = hi;
        if (h == l) { l -= 0.5; h += 0.5; }
        int bins = settings.histogramBins();
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (NetworkTrace t : traces) if (t.hasValues()) counts.put(t.name(), t.histogram(bins, l, h));
        return new Frame.Histogram(at, l, h, counts);
    }
}
