package bnlab.experiments;

import bnlab.engine.Batch;
import bnlab.engine.BatchSampler;
import bnlab.engine.Dataset;
import bnlab.engine.Evaluation;
import bnlab.engine.Loss;
import bnlab.engine.Network;
import bnlab.engine.Stats;
import bnlab.engine.Trainer;
import bnlab.engine.TrainSpec;
import bnlab.engine.VariantRun;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One batch size's run of an {@link Experiment} on two threads: its networks split into two lanes (odd places in the
 * run's order on the caller, even ones on the helper), each training at its own pace from its own sampler with the
 * run's seed (the very same batches), and the board where the lanes meet: their published rows, the validations not
 * yet finished, how far each lane is. Every field below the scratch is guarded by this object's lock, which the lanes
 * hold only to hand things over, never while they train or validate. Lane 0 trains on the caller, which also hands
 * on the rows; lane 1 on the helper.
 *
 * <p>Validations are not done where they fall: the network at that step is copied, and the copy is validated in
 * pieces ({@link Evaluation#piece}) by the lane that is ahead, in the time it would otherwise wait, and by both when
 * many are open. The pieces are summed in the order of {@link Evaluation#of}, so the figures are the same bits as on
 * one thread.
 */
final class Lanes {
    /** Steps per chunk: a lane trains a chunk, then hands its rows and the validations it took to the board. */
    static final int CHUNK = 100;
    /** A lane that is this many steps ahead of the other and finds no validation to do waits for it. */
    static final int MAX_LEAD = 8 * CHUNK;
    /** Validations taken and not yet finished, at most (more are done in place): each holds two network copies. */
    static final int MAX_OPEN = 16;
    /**
     * The open validations' network copies together stay within this many bytes: fewer than {@link #MAX_OPEN}
     * may be open for a large network, down to none (then every validation is done where it falls).
     */
    static final long SNAPSHOT_BUDGET_BYTES = 256L << 20;

    private static long floats(Network net) {
        long n = 0;
        for (var p : net.params()) n += p.value().length;
        return n;
    }

    private static double[] nan(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    /** One network's row at one step while it is not yet written; its validation may come later (this object's lock). */
    private static final class Pending {
        final int network;
        final long step;
        final String model;
        final double loss, accuracy, rate;
        final double[] percentiles, measures;
        double valLoss = Double.NaN, valAccuracy = Double.NaN;
        boolean validated = true;

        Pending(int network, long step, String model, Trainer t, double[] percentiles, double[] measures) {
            this.network = network;
            this.step = step;
            this.model = model;
            this.loss = t.lastLoss();
            this.accuracy = t.lastAccuracy();
            this.rate = t.lastStats().learningRate();
            this.percentiles = percentiles;
            this.measures = measures;
        }

        Experiment.Row row(int batchSize) {
            return new Experiment.Row(step, model, batchSize, loss, accuracy, rate, valLoss, valAccuracy, percentiles, measures);
        }
    }

    /** A network as it was at one step, copied twice (one copy per thread), and its validation's pieces. */
    private static final class Validation {
        final Network[] nets;
        final Pending row;
        final double[] lossSums;
        final long[] correct;
        int handed, finished;  // pieces handed out, pieces done (this object's lock)

        Validation(Network net, Pending row, int pieces) {
            Network a = net.copy();
            this.nets = new Network[] {a, a.copy()};
            this.row = row;
            this.lossSums = new double[pieces];
            this.correct = new long[pieces];
        }
    }

    /** One piece of an open validation. */
    private record Piece(Validation validation, int index) {}

    private final Preset preset;
    private final Dataset.Split data;
    private final Measure measure;
    private final int measureWidth;      // the measure's columns
    final int batchSize;
    final long steps;
    final int every;
    final Consumer<Experiment.Row> sink;
    final Experiment.Progress progress;
    final Lane[] lanes;
    final int maxOpen;
    final Dataset set;
    final int pieces;
    // scratch per thread: 0 the caller's, 1 the helper's
    final Loss[] loss;
    final Batch[] batch;

    @SuppressWarnings("unchecked")
    final ArrayDeque<Pending[]>[] rows = new ArrayDeque[] {new ArrayDeque<Pending[]>(), new ArrayDeque<Pending[]>()};
    final ArrayDeque<Validation> open = new ArrayDeque<>();  // validations with pieces not yet handed out
    final long[] done = new long[2];                          // steps trained, per lane
    int unfinished;                                           // validations taken and not finished
    boolean inPlace;                                          // one thread: validations where they fall
    boolean stopped;
    Throwable failure;
    long written;
    /** Whether a thread has taken lane 1 (the helper, or the caller when the helper did not start). */
    final AtomicBoolean claimed = new AtomicBoolean();
    /** The caller found the helper not started when it would have waited for it: it trains lane 1. */
    volatile boolean helperAbsent;

    Lanes(Preset preset, Dataset.Split data, int batchSize, long steps, int every, Consumer<Experiment.Row> sink,
          Experiment.Progress progress) {
        this.preset = preset;
        this.data = data;
        this.measure = preset.measure();
        this.measureWidth = measure.columns(preset.run().layers().length).size();
        this.set = data.validation();
        this.pieces = Evaluation.pieces(set);
        this.loss = new Loss[] {Loss.forData(set), Loss.forData(set)};
        this.batch = new Batch[] {new Batch(set, Evaluation.CHUNK), new Batch(set, Evaluation.CHUNK)};
        this.batchSize = batchSize;
        this.steps = steps;
        this.every = every;
        this.sink = sink;
        this.progress = progress;
        Dataset train = data.train();
        RunConfig config = preset.run().with("batchSize", batchSize);
        VariantRun run = config.variantRun(train);
        long floats = 0;
        for (int i = 0; i < run.size(); i++) floats = Math.max(floats, floats(run.trainer(i).network()));
        // a deferred validation copies a network twice, each copy with values, gradients and velocities
        this.maxOpen = (int) Math.min(MAX_OPEN, SNAPSHOT_BUDGET_BYTES / (floats * 4 * 3 * 2));
        double[] factors = run.rateFactors();
        this.lanes = new Lane[] {
                new Lane(0, run, 1, factors, run.sampler(), run.batch(), config),
                new Lane(1, run, 0, factors, new BatchSampler(train, batchSize, config.seed()), new Batch(train, batchSize), config)};
        for (Lane l : lanes) if (l.trainers.length == 0) done[l.id] = steps;
    }

    /** Trains both lanes to the end, writing rows as they come. */
    void run(Executor helper) {
        Runnable second = () -> {
            if (!claimed.compareAndSet(false, true)) return;  // the caller has taken the lane
            try {
                lanes[1].runAll();
                helpToEnd(1);
            } catch (CancellationException e) {
                // the caller has stopped the run
            } catch (Throwable t) {
                fail(t);
            }
        };
        try {
            boolean helped = false;
            if (helper != null && lanes[0].trainers.length > 0 && lanes[1].trainers.length > 0) {
                try {
                    helper.execute(second);
                    helped = true;
                } catch (RejectedExecutionException e) {
                    // no helper after all
                }
            }
            if (!helped) serial();
            else {
                lanes[0].runAll();
                // The helper has not taken its task (a pool busy elsewhere): its lane trains here.
                if (helperAbsent || claimed.compareAndSet(false, true)) serial();
                finish();
            }
        } finally {
            stop();
        }
    }

    /** Whether a validation due now may be deferred; if so, it counts as unfinished from now on. */
    synchronized boolean reserve() {
        if (inPlace || unfinished >= maxOpen) return false;
        unfinished++;
        return true;
    }

    /** A lane's chunk: its rows per step, the validations it took, how far it is now. */
    synchronized void publish(int lane, List<Pending[]> made, List<Validation> taken, long to) {
        rows[lane].addAll(made);
        open.addAll(taken);
        done[lane] = to;
        notifyAll();
    }

    /** The next piece to validate, or null. */
    private synchronized Piece next() {
        Validation v = open.peek();
        if (v == null) return null;
        int index = v.handed++;
        if (v.handed == pieces) open.poll();
        return new Piece(v, index);
    }

    /** Validates one piece on thread {@code worker}'s copy; false when none is open. */
    boolean validateOne(int worker) {
        Piece p = next();
        if (p == null) return false;
        Validation v = p.validation();
        Evaluation.piece(v.nets[worker], set, p.index(), loss[worker], batch[worker], v.lossSums, v.correct);
        synchronized (this) {
            if (++v.finished == pieces) {
                Evaluation e = Evaluation.combine(set, v.lossSums, v.correct);
                v.row.valLoss = e.loss();
                v.row.valAccuracy = e.accuracy();
                v.row.validated = true;
                unfinished--;
                notifyAll();
            }
        }
        return true;
    }

    /**
     * After a lane's chunk: validate while it is a chunk or more ahead of the other lane (or the other is
     * done, or many validations are open), then wait while it is more than {@link #MAX_LEAD} ahead.
     */
    void helpOrWait(int lane) {
        while (true) {
            synchronized (this) {
                check();
                long lead = done[lane] - done[1 - lane];
                boolean help = !open.isEmpty()
                        && (lead >= CHUNK || done[1 - lane] == steps || 2 * unfinished > maxOpen);
                if (!help) {
                    if (lead <= MAX_LEAD || !open.isEmpty()) return;
                    // never wait for a helper that has not started: its lane moves to the caller
                    if (lane == 0 && claimed.compareAndSet(false, true)) {
                        helperAbsent = true;
                        return;
                    }
                    waitHere();
                    continue;
                }
            }
            validateOne(lane);
        }
    }

    /** Whether a lane's next step is published and validated (a lane without networks always is). */
    private boolean ready(int lane) {
        if (lanes[lane].trainers.length == 0) return true;
        Pending[] r = rows[lane].peek();
        if (r == null) return false;
        for (Pending p : r) if (!p.validated) return false;
        return true;
    }

    /** Hands on the steps both lanes have reached whose validations are done, networks in the run's order (the caller only). */
    void write() {
        Experiment.Row[] out = new Experiment.Row[lanes[0].trainers.length + lanes[1].trainers.length];
        while (true) {
            synchronized (this) {
                if (written == steps || !ready(0) || !ready(1)) return;
                for (int lane = 0; lane < 2; lane++)
                    if (lanes[lane].trainers.length > 0)
                        for (Pending p : rows[lane].poll()) out[p.network] = p.row(batchSize);
            }
            for (Experiment.Row r : out) sink.accept(r);
            written++;
            if (progress != null) progress.update(written, steps);
        }
    }

    /** The caller, its lane done: validates what is open, waits for the helper's lane, writes the rest. */
    void finish() {
        while (true) {
            write();
            if (validateOne(0)) continue;
            synchronized (this) {
                check();
                if (done[1] == steps && unfinished == 0 && open.isEmpty()) break;
                if (open.isEmpty()) waitHere();
            }
        }
        write();
    }

    /** The helper, its lane done: validates what the caller's lane leaves open until the caller's is done too. */
    void helpToEnd(int worker) {
        while (true) {
            if (validateOne(worker)) continue;
            synchronized (this) {
                if (stopped || (done[0] == steps && open.isEmpty())) return;
                if (open.isEmpty()) waitHere();
            }
        }
    }

    /**
     * Both lanes on this thread, from where they are, a chunk at a time, the one behind first; validations
     * in place from now on, those already open done here.
     */
    void serial() {
        synchronized (this) { inPlace = true; }
        Lane a = lanes[1], b = lanes[0];
        while (!a.finished() || !b.finished()) {
            if (!a.finished() && (b.finished() || a.next <= b.next)) a.chunk();
            else b.chunk();
            while (validateOne(0)) { }
            write();
        }
    }

    /** The other lane failed: its error, here. */
    synchronized void fail(Throwable t) {
        if (failure == null) failure = t;
        stopped = true;
        notifyAll();
    }

    /** The run is over, or the caller failed: a lane still training stops at its next chunk. */
    synchronized void stop() {
        stopped = true;
        notifyAll();
    }

    /** Throws the other lane's failure, or stops a lane whose caller has given up. */
    synchronized void check() {
        if (failure instanceof Error e) throw e;
        if (failure instanceof RuntimeException e) throw e;
        if (failure != null) throw new IllegalStateException("the helper's lane failed", failure);
        if (stopped) throw new CancellationException("the experiment was stopped");
    }

    private void waitHere() {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
    }

    /** Some networks' training: a chunk at a time, each step's rows, the validations it takes. */
    private final class Lane {
        final int id;
        final int[] networks;       // their places in the run's order
        final String[] names;
        final Trainer[] trainers;
        final double[] rateFactors; // each network's rate over the first network's, for the plan's changes
        final InputShift[] shifts;  // for Measure.INPUT_SHIFT, else null
        final BatchSampler sampler;
        final Batch batch;
        final float[] column;
        final List<RateChange> plan;
        final int watchLayer, watchNeuron;
        final boolean classification = data.train().isClassification();
        int nextChange;             // the first change of the plan not yet made
        long next = 1;              // the next step to train

        /** The networks at places {@code parity}, {@code parity + 2}, ... of the run. */
        Lane(int id, VariantRun run, int parity, double[] factors, BatchSampler sampler, Batch batch, RunConfig config) {
            this.id = id;
            int n = Math.max(0, (run.size() - parity + 1) / 2);
            this.networks = new int[n];
            this.names = new String[n];
            this.trainers = new Trainer[n];
            this.rateFactors = new double[n];
            this.shifts = measure == Measure.INPUT_SHIFT ? new InputShift[n] : null;
            for (int k = 0; k < n; k++) {
                int i = parity + 2 * k;
                networks[k] = i;
                names[k] = run.variants().get(i).name();
                trainers[k] = run.trainer(i);
                rateFactors[k] = factors[i];
                if (shifts != null) shifts[k] = new InputShift(data.train(), preset.watchLayer(), preset.watchNeuron());
            }
            this.sampler = sampler;
            this.batch = batch;
            this.column = new float[batchSize];
            this.plan = config.rateChanges();
            this.watchLayer = preset.watchLayer();
            this.watchNeuron = preset.watchNeuron();
        }

        boolean finished() { return next > steps; }

        /** Every chunk, on its own thread: after each, validations while ahead, and for the caller, the rows. */
        void runAll() {
            while (!finished() && !helperAbsent) {
                check();
                chunk();
                helpOrWait(id);
                if (id == 0) write();
            }
        }

        /** Trains the next chunk and hands its rows and the validations it took to the board. */
        void chunk() {
            long from = next, to = Math.min(steps, from + CHUNK - 1);
            List<Pending[]> made = new ArrayList<>((int) (to - from + 1));
            List<Validation> taken = new ArrayList<>();
            for (long s = from; s <= to; s++) {
                while (nextChange < plan.size() && plan.get(nextChange).after() == s - 1) {
                    double rate = plan.get(nextChange++).rate();
                    for (int k = 0; k < trainers.length; k++)
                        trainers[k].setBaseLearningRate(TrainSpec.scaledLearningRate(rate, rateFactors[k]));
                }
                sampler.next(batch);
                boolean point = s % every == 0 || s == steps;
                Pending[] step = new Pending[trainers.length];
                for (int k = 0; k < trainers.length; k++) {
                    Trainer t = trainers[k];
                    double[] before = point && measure.beforeUpdate() && !t.diverged() ? measure.take(t, batch, classification) : null;
                    t.train(batch);
                    step[k] = row(k, s, point, before, taken);
                }
                made.add(step);
            }
            next = to + 1;
            publish(id, made, taken, to);
        }

        private Pending row(int k, long step, boolean point, double[] before, List<Validation> taken) {
            Trainer t = trainers[k];
            Network net = t.network();
            int m = net.activationInput(watchLayer, watchNeuron, column);
            double[] p = Stats.percentiles(m == column.length ? column : Arrays.copyOf(column, m), Stats.PAPER);
            double[] measured = switch (measure) {
                case NONE -> new double[0];
                case INPUT_SHIFT -> shifts[k].after(net, t.diverged());
                case GRADIENT_SHIFT, LANDSCAPE -> before != null ? before : nan(measureWidth);
            };
            Pending r = new Pending(networks[k], step, names[k], t, p, measured);
            if (point && !t.diverged()) {
                if (reserve()) {
                    r.validated = false;
                    taken.add(new Validation(net, r, pieces));
                } else {
                    Evaluation e = Evaluation.of(net, set);
                    r.valLoss = e.loss();
                    r.valAccuracy = e.accuracy();
                }
            }
            return r;
        }
    }
}
