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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
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

    /** Steps per chunk: a lane trains a chunk, then hands its rows and the validations it took to the {@link Board}. */
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

    /**
     * Trains both networks for {@code steps} steps, writing rows as it goes. With a helper executor the two
     * networks train on two threads, each at its own pace: the BN network on the caller, the plain one on the
     * helper, which draws its batches from its own sampler with the twin's seed (the very same batches). They
     * meet only on the {@link Board}, where each leaves its rows a chunk at a time; the caller writes the
     * steps both have reached. (Meeting every chunk made the faster network wait for the slower one, and on a
     * busy host for whichever was slowed down in that chunk: both threads were idle for about a tenth of the
     * Figure 1 experiment.)
     *
     * <p>Validations are not done where they fall: the network at that step is copied, and the copy is validated
     * in pieces ({@link Evaluation#piece}) by the thread that is ahead, in the time it would otherwise wait,
     * and by both when many are open. The pieces are summed in the order of {@link Evaluation#of}, so the
     * figures are the same bits, and the CSV is byte for byte the one of a run on one thread. A row is written
     * once its validation is done.
     *
     * @param helper where the plain network may run, or null: both on this thread
     */
    public void run(long steps, Writer out, Progress progress, Executor helper) throws IOException {
        TwinRun run = config.twin(data.train());
        Dataset train = data.train();
        long floats = Math.max(floats(run.bn().network()), floats(run.plain().network()));
        // a deferred validation copies a network twice, each copy with values, gradients and velocities
        int open = (int) Math.min(MAX_OPEN, SNAPSHOT_BUDGET_BYTES / (floats * 4 * 3 * 2));
        Board board = new Board(steps, open, out, progress, run);
        Lane bn = new Lane(0, "bn", run.bn(), run.sampler(), run.batch(), config.bnNetRateFactor(), board);
        Lane plain = new Lane(1, "plain", run.plain(), new BatchSampler(train, config.batchSize(), config.seed()),
                new Batch(train, config.batchSize()), 1, board);
        out.write(HEADER);
        out.write('\n');
        AtomicBoolean claimed = board.claimed;
        Runnable plainLane = () -> {
            if (!claimed.compareAndSet(false, true)) return;  // the caller has taken the lane
            try {
                plain.runAll();
                board.helpToEnd(1);
            } catch (CancellationException e) {
                // the caller has stopped the run
            } catch (Throwable t) {
                board.fail(t);
            }
        };
        try {
            boolean helped = false;
            if (helper != null) {
                try {
                    helper.execute(plainLane);
                    helped = true;
                } catch (RejectedExecutionException e) {
                    // no helper after all
                }
            }
            if (!helped) board.serial(plain, bn);
            else {
                bn.runAll();
                // The helper has not taken its task (a pool busy elsewhere): the plain lane trains here.
                if (board.helperAbsent || claimed.compareAndSet(false, true)) board.serial(plain, bn);
                board.finish();
            }
        } finally {
            board.stop();
        }
        out.flush();
    }

    private static long floats(Network net) {
        long n = 0;
        for (var p : net.params()) n += p.value().length;
        return n;
    }

    /** One CSV row; its validation figures may come later. */
    private static final class Row {
        final String head, tail;  // "step,model,loss,accuracy,rate," and ",p15,p50,p85\n"
        String validation = ",";  // "val_loss,val_accuracy", "," when there is none, null until it is done (Board's lock)
        Row(String head, String tail) { this.head = head; this.tail = tail; }
        void write(Writer out) throws IOException {
            out.write(head);
            out.write(validation);
            out.write(tail);
        }
    }

    /** A network as it was at one step, copied twice (one copy per thread), and its validation's pieces. */
    private static final class Pending {
        final Network[] nets;
        final Row row;
        final double[] lossSums;
        final long[] correct;
        int handed, finished;  // pieces handed out, pieces done (Board's lock)

        Pending(Network net, Row row, int pieces) {
            Network a = net.copy();
            this.nets = new Network[] {a, a.copy()};
            this.row = row;
            this.lossSums = new double[pieces];
            this.correct = new long[pieces];
        }
    }

    /** One piece of a pending validation. */
    private record Piece(Pending validation, int index) {}

    /**
     * Where the two lanes meet: their published rows, the validations not yet finished, how far each lane is.
     * Every field below the scratch is guarded by this object's lock, which the lanes hold only to hand things
     * over, never while they train or validate. Lane 0 is the BN network (the caller, which also writes),
     * lane 1 the plain one.
     */
    private final class Board {
        final long steps;
        final int maxOpen;
        final Writer out;
        final Progress progress;
        final TwinRun run;
        final Dataset set = data.validation();
        final int pieces = Evaluation.pieces(set);
        // scratch per thread: 0 the caller's, 1 the helper's
        final Loss[] loss = {Loss.forData(set), Loss.forData(set)};
        final Batch[] batch = {new Batch(set, Evaluation.CHUNK), new Batch(set, Evaluation.CHUNK)};

        @SuppressWarnings("unchecked")
        final ArrayDeque<Row>[] rows = new ArrayDeque[] {new ArrayDeque<Row>(), new ArrayDeque<Row>()}; // published, not written
        final ArrayDeque<Pending> open = new ArrayDeque<>();  // validations with pieces not yet handed out
        final long[] done = new long[2];                       // steps trained, per lane
        int unfinished;                                        // validations taken and not finished
        boolean inPlace;                                       // one thread: validations where they fall
        boolean stopped;
        Throwable failure;
        long written;
        /** Whether a thread has taken the plain lane (the helper, or the caller when the helper did not start). */
        final AtomicBoolean claimed = new AtomicBoolean();
        /** The caller found the helper not started when it would have waited for it: it trains the plain lane. */
        volatile boolean helperAbsent;

        Board(long steps, int maxOpen, Writer out, Progress progress, TwinRun run) {
            this.steps = steps;
            this.maxOpen = maxOpen;
            this.out = out;
            this.progress = progress;
            this.run = run;
        }

        /** Whether a validation due now may be deferred; if so, it counts as unfinished from now on. */
        synchronized boolean reserve() {
            if (inPlace || unfinished >= maxOpen) return false;
            unfinished++;
            return true;
        }

        /** A lane's chunk: its rows, the validations it took, how far it is now. */
        synchronized void publish(int lane, List<Row> made, List<Pending> taken, long to) {
            rows[lane].addAll(made);
            open.addAll(taken);
            done[lane] = to;
            notifyAll();
        }

        /** The next piece to validate, or null. */
        private synchronized Piece next() {
            Pending v = open.peek();
            if (v == null) return null;
            int index = v.handed++;
            if (v.handed == pieces) open.poll();
            return new Piece(v, index);
        }

        /** Validates one piece on thread {@code worker}'s copy; false when none is open. */
        boolean validateOne(int worker) {
            Piece p = next();
            if (p == null) return false;
            Pending v = p.validation();
            Evaluation.piece(v.nets[worker], set, p.index(), loss[worker], batch[worker], v.lossSums, v.correct);
            synchronized (this) {
                if (++v.finished == pieces) {
                    v.row.validation = figures(Evaluation.combine(set, v.lossSums, v.correct));
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

        /** Writes the steps both lanes have reached whose validations are done (the caller only). */
        void write() throws IOException {
            while (true) {
                Row p, b;
                synchronized (this) {
                    p = rows[1].peek();
                    b = rows[0].peek();
                    if (p == null || b == null || p.validation == null || b.validation == null) return;
                    rows[1].poll();
                    rows[0].poll();
                }
                p.write(out);
                b.write(out);
                written++;
                if (progress != null) progress.update(written, steps, run);
            }
        }

        /** The caller, its lane done: validates what is open, waits for the helper's lane, writes the rest. */
        void finish() throws IOException {
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
        void serial(Lane plain, Lane bn) throws IOException {
            synchronized (this) { inPlace = true; }
            while (!plain.finished() || !bn.finished()) {
                if (!plain.finished() && (bn.finished() || plain.next <= bn.next)) plain.chunk();
                else bn.chunk();
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
            if (failure != null) throw new IllegalStateException("the plain network's thread failed", failure);
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
    }

    /** One network's training: a chunk at a time, each step's CSV row, the validations it takes. */
    private final class Lane {
        final int id;
        final String model;
        final Trainer trainer;
        final BatchSampler sampler;
        final Batch batch;
        final Board board;
        final float[] column = new float[config.batchSize()];
        final char[] line;       // a row's text as it is written, see row()
        final List<RateChange> plan = config.rateChanges();
        final double rateFactor; // this network's rate over the plain one's, for the plan's changes
        int nextChange;          // the first change of the plan not yet made
        long next = 1;           // the next step to train

        Lane(int id, String model, Trainer trainer, BatchSampler sampler, Batch batch, double rateFactor, Board board) {
            this.id = id;
            this.model = model;
            this.trainer = trainer;
            this.sampler = sampler;
            this.batch = batch;
            this.rateFactor = rateFactor;
            this.board = board;
            this.line = new char[24 + model.length() + (3 + Stats.PAPER.length) * (1 + General6.MAX_LENGTH)];
        }

        boolean finished() { return next > board.steps; }

        /** Every chunk, on its own thread: after each, validations while ahead, and for the caller, the rows. */
        void runAll() throws IOException {
            while (!finished() && !board.helperAbsent) {
                board.check();
                chunk();
                board.helpOrWait(id);
                if (id == 0) board.write();
            }
        }

        /** Trains the next chunk and hands its rows and the validations it took to the board. */
        void chunk() {
            long from = next, to = Math.min(board.steps, from + CHUNK - 1);
            List<Row> made = new ArrayList<>((int) (to - from + 1));
            List<Pending> taken = new ArrayList<>();
            for (long s = from; s <= to; s++) {
                while (nextChange < plan.size() && plan.get(nextChange).after() == s - 1)
                    trainer.setBaseLearningRate(plan.get(nextChange++).rate() * rateFactor);
                sampler.next(batch);
                trainer.train(batch);
                made.add(row(s, s % evalEvery == 0 || s == board.steps, taken));
            }
            next = to + 1;
            board.publish(id, made, taken, to);
        }

        private Row row(long step, boolean eval, List<Pending> taken) {
            Trainer t = trainer;
            Network net = t.network();
            int m = net.activationInput(layer, neuron, column);
            float[] values = m == column.length ? column : java.util.Arrays.copyOf(column, m);
            double[] p = Stats.percentiles(values, Stats.PAPER);
            // "step,model,loss,accuracy,rate," and ",p15,p50,p85\n", written into one char array: with a
            // StringBuilder call per piece, C2 inlined 201 methods (5,771 bytes of bytecode) into this method
            // and compiled it twice in a Figure 1 run, each time on a core the networks train on
            char[] c = line;
            int o = General6.copy(Long.toString(step), c, 0);
            c[o++] = ',';
            o = General6.copy(model, c, o);
            c[o++] = ',';
            o = General6.write(c, o, t.lastLoss());
            c[o++] = ',';
            o = General6.write(c, o, t.lastAccuracy());
            c[o++] = ',';
            o = General6.write(c, o, t.lastStats().learningRate());
            c[o++] = ',';
            String head = new String(c, 0, o);
            o = 0;
            for (double v : p) {
                c[o++] = ',';
                o = General6.write(c, o, v);
            }
            c[o++] = '\n';
            Row r = new Row(head, new String(c, 0, o));
            if (eval && !t.diverged()) {
                if (board.reserve()) {
                    r.validation = null;
                    taken.add(new Pending(net, r, board.pieces));
                } else r.validation = figures(Evaluation.of(net, data.validation()));
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
