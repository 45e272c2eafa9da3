package bnlab.experiments;

import bnlab.engine.Batch;
import bnlab.engine.BatchSampler;
import bnlab.engine.Evaluation;
import bnlab.engine.Network;
import bnlab.engine.Stats;
import bnlab.engine.Trainer;
import bnlab.engine.TwinRun;
import bnlab.engine.Dataset;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import bnlab.engine.Loss;

/**
 * A headless twin run written as CSV, one row per step and model:
 * <pre>
 *   step,model,train_loss,train_accuracy,learning_rate,val_loss,val_accuracy,p15,p50,p85
 * </pre>
 * model is "plain" or "bn"; val_* are filled every {@code evalEvery} steps and at the last step,
 * empty elsewhere; p15/p50/p85 are percentiles over the current mini-batch of the input to one fixed
 * neuron (by default of the last hidden layer; with BN before the activation: zHat), taken before the update.
 * The run is any {@link RunConfig}, so every preset runs headless too.
 */
public final class TwinExperiment {
    public static final String HEADER = "step,model,train_loss,train_accuracy,learning_rate,val_loss,val_accuracy,p15,p50,p85";

    /** Told about progress now and then. */
    public interface Progress { void update(long step, long total, TwinRun run); }

    private final RunConfig config;
    private final Dataset.Split data;
    private final int layer, neuron;
    private final int evalEvery;

    /** The paper's Figure 1 ({@link Presets#FIGURE1}) with another seed, on the given data. */
    public static TwinExperiment figure1(long seed, Dataset.Split data, int neuron, int evalEvery) {
        return new TwinExperiment(Presets.FIGURE1.run().with("seed", seed), data, Figure1.HIDDEN.length - 1, neuron, evalEvery);
    }

    /**
     * @param layer  the hidden layer of the tracked neuron, from 0
     * @param neuron the tracked neuron, from 0
     */
    public TwinExperiment(RunConfig config, Dataset.Split data, int layer, int neuron, int evalEvery) {
        int[] widths = config.layers();
        if (layer < 0 || layer >= widths.length)
            throw new IllegalArgumentException("layer must be between 0 and " + (widths.length - 1));
        if (neuron < 0 || neuron >= widths[layer])
            throw new IllegalArgumentException("neuron must be between 0 and " + (widths[layer] - 1));
        if (evalEvery < 1) throw new IllegalArgumentException("evalEvery must be at least 1");
        this.config = config;
        this.data = data;
        this.layer = layer;
        this.neuron = neuron;
        this.evalEvery = evalEvery;
    }

    /** Trains both networks for {@code steps} steps, writing rows as it goes (rate changes of the plan included), on this thread only. */
    public void run(long steps, Writer out, Progress progress) throws IOException {
        run(steps, out, progress, null);
    }

    /**
     * Steps per chunk: the two networks run a chunk each, independently, then their rows are merged. One
     * meeting per chunk, not per step: on a busy machine a network's thread is sometimes taken off its core
     * for milliseconds, and meeting every step made the other wait each time (a run of 50,000 steps took
     * 1.7x as long as on one thread when the host was loaded).
     */
    static final int CHUNK = 100;

    /**
     * Trains both networks for {@code steps} steps, writing rows as it goes (a chunk of {@value #CHUNK} steps at
     * a time). With a helper executor the plain network trains on the helper while the BN network trains on the
     * caller ({@link PairRunner#always}). The plain network then draws its batches from
     * its own sampler with the twin's seed, which gives the very same batches, so the CSV is byte for byte the same.
     *
     * <p>Validations are not done where they fall: a network's state at that step is copied, and the copies
     * are validated in pieces ({@link Evaluation#piece}) while the next chunk trains, by whichever of the two
     * threads is done with its chunk first (the plain network's chunk is the shorter one), so that neither
     * core waits for the other; the rows are written one chunk later. The pieces are summed in the order of
     * {@link Evaluation#of}, so the figures are the same bits. Networks so large that a chunk's copies would
     * exceed {@value #SNAPSHOT_BUDGET_BYTES} bytes are validated in place, as before.
     *
     * @param helper where the plain network may run, or null
     */
    public void run(long steps, Writer out, Progress progress, Executor helper) throws IOException {
        TwinRun run = config.twin(data.train());
        Dataset train = data.train();
        Lane bn = new Lane("bn", run.bn(), run.sampler(), run.batch(), config.bnNetRateFactor());
        Lane plain = new Lane("plain", run.plain(), new BatchSampler(train, config.batchSize(), config.seed()),
                new Batch(train, config.batchSize()), 1);
        long floats = 0;
        for (var p : run.bn().network().params()) floats += p.value().length;
        for (var p : run.plain().network().params()) floats += p.value().length;
        long evalsPerChunk = Math.min(CHUNK, CHUNK / evalEvery + 2);
        // two copies per validation, the chunk's and the previous chunk's
        boolean deferred = floats * 4 * 2 * 2 * evalsPerChunk <= SNAPSHOT_BUDGET_BYTES;
        Validations later = deferred ? new Validations() : null;
        bn.later = later;
        plain.later = later;
        plain.worker = 1;
        out.write(HEADER);
        out.write('\n');
        // chunks of 50 ms or more: the helper for every chunk (PairRunner.always says why)
        PairRunner pair = PairRunner.always(helper);
        long written = 0;
        for (long s0 = 1; s0 <= steps; s0 += CHUNK) {
            long s1 = Math.min(steps, s0 + CHUNK - 1);
            plain.prepare(s0, s1, steps);
            bn.prepare(s0, s1, steps);
            pair.run(bn, plain);
            if (later == null) {
                written = write(out, progress, run, steps, plain.rows[0], bn.rows[0], written);
            } else {  // the chunk before now has its validations
                later.finish(plain, bn);
                written = write(out, progress, run, steps, plain.rows[1], bn.rows[1], written);
            }
        }
        if (later != null) {  // the last chunk's validations, on both threads
            plain.prepare(1, 0, steps);
            bn.prepare(1, 0, steps);
            pair.run(bn, plain);
            later.finish(plain, bn);
            write(out, progress, run, steps, plain.rows[1], bn.rows[1], written);
        }
        out.flush();
    }

    /** Copies of a chunk's networks above this many bytes: validate in place instead. */
    static final long SNAPSHOT_BUDGET_BYTES = 256L << 20;

    /** Writes the rows of one chunk of both lanes, plain then BN per step; returns the last step written. */
    private static long write(Writer out, Progress progress, TwinRun run, long steps, List<Row> plain, List<Row> bn,
                              long written) throws IOException {
        for (int i = 0; i < plain.size(); i++) {
            plain.get(i).write(out);
            bn.get(i).write(out);
            if (progress != null) progress.update(written + i + 1, steps, run);
        }
        return written + plain.size();
    }

    /** One CSV row; its validation figures may come one chunk later. */
    private static final class Row {
        final String head, tail;  // "step,model,loss,accuracy,rate," and ",p15,p50,p85\n"
        String validation = ",";  // "val_loss,val_accuracy", or "," when there is none
        Row(String head, String tail) { this.head = head; this.tail = tail; }
        void write(Writer out) throws IOException {
            out.write(head);
            out.write(validation);
            out.write(tail);
        }
    }

    /**
     * The validations due in the chunk being trained: those the lanes took in the chunk before. After training,
     * each lane takes pieces of them in turn until none is left ({@link #work}).
     */
    private final class Validations {
        final Dataset set = data.validation();
        final int pieces = Evaluation.pieces(set);
        final List<Pending> due = new ArrayList<>();
        final AtomicInteger nextPiece = new AtomicInteger();
        // scratch per worker: 0 is the BN lane (the caller), 1 the plain lane (the helper, or the caller after lane 0)
        final Loss[] loss = {Loss.forData(set), Loss.forData(set)};
        final Batch[] batch = {new Batch(set, Evaluation.CHUNK), new Batch(set, Evaluation.CHUNK)};

        /** Called by each lane after its chunk: computes due pieces until none is left. */
        void work(int worker) {
            int total = due.size() * pieces;
            for (int k; (k = nextPiece.getAndIncrement()) < total; ) {
                Pending v = due.get(k / pieces);
                Evaluation.piece(v.nets[worker], set, k % pieces, loss[worker], batch[worker], v.lossSums, v.correct);
            }
        }

        /** After both lanes are done: the due validations' figures go into their rows; the lanes' new ones become due. */
        void finish(Lane plain, Lane bn) {
            for (Pending v : due) v.row.validation = figures(Evaluation.combine(set, v.lossSums, v.correct));
            due.clear();
            due.addAll(plain.taken);
            due.addAll(bn.taken);
            plain.taken.clear();
            bn.taken.clear();
            nextPiece.set(0);
        }
    }

    /** A network as it was at one step, copied twice (one copy per worker), and its validation's pieces. */
    private static final class Pending {
        final Network[] nets;
        final Row row;
        final double[] lossSums;
        final long[] correct;

        Pending(Network net, Row row, int pieces) {
            Network a = net.copy();
            this.nets = new Network[] {a, a.copy()};
            this.row = row;
            this.lossSums = new double[pieces];
            this.correct = new long[pieces];
        }
    }

    /** One network's part of a chunk: per step, draw the batch, train, make its CSV row; then due validations. */
    private final class Lane implements Runnable {
        final String model;
        final Trainer trainer;
        final BatchSampler sampler;
        final Batch batch;
        final float[] column = new float[config.batchSize()];
        @SuppressWarnings("unchecked")
        final List<Row>[] rows = new List[] {new ArrayList<Row>(CHUNK), new ArrayList<Row>(CHUNK)}; // this chunk, the one before
        final List<Pending> taken = new ArrayList<>();
        final StringBuilder row = new StringBuilder(160);
        final List<RateChange> plan = config.rateChanges();
        final double rateFactor; // this network's rate over the plain one's, for the plan's changes
        Validations later;       // null: validate in place
        int worker;
        int next;                // the first change of the plan not yet made
        long from, to, last;

        Lane(String model, Trainer trainer, BatchSampler sampler, Batch batch, double rateFactor) {
            this.model = model;
            this.trainer = trainer;
            this.sampler = sampler;
            this.batch = batch;
            this.rateFactor = rateFactor;
        }

        void prepare(long from, long to, long last) {
            this.from = from;
            this.to = to;
            this.last = last;
            List<Row> t = rows[1];
            rows[1] = rows[0];
            rows[0] = t;
            t.clear();
        }

        @Override
        public void run() {
            for (long s = from; s <= to; s++) {
                while (next < plan.size() && plan.get(next).after() == s - 1)
                    trainer.setBaseLearningRate(plan.get(next++).rate() * rateFactor);
                sampler.next(batch);
                trainer.train(batch);
                rows[0].add(row(s, model, trainer, s % evalEvery == 0 || s == last, layer, column));
            }
            if (later != null) later.work(worker);
        }

        private Row row(long step, String model, Trainer t, boolean eval, int layer, float[] column) {
            Network net = t.network();
            int m = net.activationInput(layer, neuron, column);
            float[] values = m == column.length ? column : java.util.Arrays.copyOf(column, m);
            double[] p = Stats.percentiles(values, Stats.PAPER);
            StringBuilder b = row;
            b.setLength(0);
            b.append(step).append(',').append(model).append(',').append(num(t.lastLoss())).append(',')
                    .append(num(t.lastAccuracy())).append(',').append(num(t.lastStats().learningRate())).append(',');
            String head = b.toString();
            b.setLength(0);
            for (double v : p) b.append(',').append(num(v));
            b.append('\n');
            Row r = new Row(head, b.toString());
            if (eval && !t.diverged()) {
                if (later == null) r.validation = figures(Evaluation.of(net, data.validation()));
                else taken.add(new Pending(net, r, later.pieces));
            }
            return r;
        }
    }

    private static String figures(Evaluation e) {
        return num(e.loss()) + ',' + num(e.accuracy());
    }

    private static String num(double v) {
        return General6.format(v);  // String.format(Locale.ROOT, "%.6g", v), faster
    }
}
