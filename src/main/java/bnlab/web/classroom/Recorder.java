package bnlab.web.classroom;

import bnlab.experiments.RunFields;
import bnlab.experiments.live.Checkpoints;
import bnlab.experiments.live.Frame;
import bnlab.record.ClassRecord;
import bnlab.web.lab.RunSummary;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes this server's rooms into the class's record ({@link ClassRecord}) on a thread of its own, in the order they
 * happened, so that a slow disk never holds up a room: its opening and end, the plan it follows, its runs every few
 * seconds (the class run and every fork, with their checkpoints) and every counted answer. Without a record
 * ({@code serve --no-record}) it writes nothing.
 */
public final class Recorder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);
    /** Writes waiting for the disk at most; more are dropped with a warning (a disk that stopped answering). */
    static final int MAX_WAITING = 10_000;

    /** No record: nothing is written. */
    public static final Recorder NONE = new Recorder(null);

    private final ClassRecord record;
    private final ThreadPoolExecutor writer;
    private final Map<String, Long> ids = new HashMap<>(); // room code -> its id in the record; the writer's thread only
    private long lastWarning;

    /** @param record where to write, or null for nothing */
    public Recorder(ClassRecord record) {
        this.record = record;
        this.writer = record == null ? null : new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(MAX_WAITING), r -> {
            Thread t = new Thread(r, "class-record");
            t.setDaemon(true);
            return t;
        }, (r, pool) -> warn("the record's disk is behind by " + MAX_WAITING + " writes: one was dropped", null));
    }

    /** The record written to, or null. */
    public ClassRecord record() { return record; }

    private interface Write { void to(ClassRecord r, Long room) throws SQLException; }

    /** Queues a write for the room {@code code} (skipped when the room's opening was not recorded). */
    private void write(String code, Write w) {
        if (writer == null || writer.isShutdown()) return;
        writer.execute(() -> {
            Long id = ids.get(code);
            if (id == null) return;
            try {
                w.to(record, id);
            } catch (SQLException | RuntimeException e) {
                warn("room " + code + ": the record could not be written", e);
            }
        });
    }

    void opened(String code, String name, long at) {
        if (writer == null || writer.isShutdown()) return;
        writer.execute(() -> {
            try {
                ids.put(code, record.roomOpened(code, name == null ? "" : name, at));
            } catch (SQLException | RuntimeException e) {
                warn("room " + code + ": its opening could not be recorded", e);
            }
        });
    }

    /** A room brought back after a restart writes on into its record {@code id}. */
    void resumed(String code, long id) {
        if (writer == null || writer.isShutdown()) return;
        writer.execute(() -> ids.put(code, id));
    }

    void plan(String code, String key) { write(code, (r, id) -> r.plan(id, key)); }

    void answer(String code, ClassRecord.Answer a) { write(code, (r, id) -> r.answer(id, a)); }

    void runs(String code, List<ClassRecord.RunRows> rows) { if (!rows.isEmpty()) write(code, (r, id) -> r.runs(id, rows)); }

    /** An open room as it stands: what a restart needs to bring it back. */
    void snapshot(String code, ClassRecord.RoomState state, List<ClassRecord.Seat> seats, List<ClassRecord.RunRows> rows) {
        write(code, (r, id) -> r.snapshot(id, state, seats, rows));
    }

    void closed(String code, String reason, long at) {
        write(code, (r, id) -> r.roomClosed(id, reason, at));
        if (writer != null && !writer.isShutdown()) writer.execute(() -> ids.remove(code));
    }

    /**
     * A run as the record keeps it.
     *
     * @param runId    "" for the class run, else the fork's id
     * @param number   the student's number, or null
     * @param fromStep the class run's iteration a fork started from
     */
    static ClassRecord.RunRows rows(String runId, Integer number, String nickname, long madeAt, long fromStep, RunSummary s) {
        String link = s.config() == null ? "/lab" : "/lab?" + RunFields.toQuery(s.config());
        List<ClassRecord.Net> nets = new ArrayList<>();
        List<ClassRecord.Checkpoint> checkpoints = new ArrayList<>();
        List<String> names = s.config() != null ? s.config().netNames() : List.copyOf(s.validations().keySet());
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Frame.Validation last = s.validations().get(name);
            Frame.Divergence d = s.diverged().get(name);
            Double rate = s.baseLearningRates().getOrDefault(name, s.baseLearningRate());
            nets.add(new ClassRecord.Net(runId, name, i, rate, last == null ? null : last.accuracy(), last == null ? null : last.loss(),
                    last == null ? null : last.step(), d == null ? null : d.kind() == null ? Frame.Divergence.NON_FINITE : d.kind(),
                    d == null ? null : d.step()));
            for (long step : Checkpoints.STEPS) {
                Frame.Validation v = s.checkpoints().at(name, step);
                if (v != null) checkpoints.add(new ClassRecord.Checkpoint(runId, name, step, v.step(), v.accuracy(), v.loss()));
            }
        }
        return new ClassRecord.RunRows(new ClassRecord.Run(runId, number, nickname, link, madeAt, fromStep, s.step(), s.state()), nets,
                checkpoints);
    }

    private synchronized void warn(String what, Throwable e) {
        long now = System.nanoTime();
        if (now - lastWarning < TimeUnit.MINUTES.toNanos(1) && lastWarning != 0) return; // once a minute at most
        lastWarning = now;
        LOG.warn("{}{}", what, e == null ? "" : ": " + e.getMessage());
    }

    /** Writes what waits (for a few seconds at most), then closes the record. */
    @Override public void close() {
        if (writer == null) return;
        writer.shutdown();
        try {
            if (!writer.awaitTermination(5, TimeUnit.SECONDS)) LOG.warn("the record's last writes did not finish within 5 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        record.close();
    }
}
