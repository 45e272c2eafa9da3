package bnlab.record;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteConfig;

/**
 * The class's record: every room this server ran, its class run and its students' forks with their checkpoints, and
 * the answers to the plan's questions, in a SQLite file of the data directory ({@value #FILE}). Its schema is made
 * and migrated by Flyway from {@code src/main/resources/db/record}. While a server has it open, SQLite's exclusive
 * lock keeps every other process out, so that two servers never mix their rooms in one file; the directory and the
 * file are readable by their owner only.
 *
 * <p>Thread-safe: one connection, used by one caller at a time. Each write is one transaction.
 */
public final class ClassRecord implements AutoCloseable {
    public static final String FILE = "bnlab.db";
    static final String MIGRATIONS = "classpath:db/record";

    private final Path file;
    private final Connection db;

    /** A room as the list of past rooms shows it. @param forks how many forks its students made */
    public record Room(long id, String code, String name, long openedAt, Long closedAt, String closedReason, String plan, int forks) {}

    /**
     * The class run ({@code runId} "") or a fork.
     *
     * @param link     the run's description as the lab's link (/lab?...), which replays it
     * @param fromStep the class run's iteration a fork started from
     * @param step     the iteration it reached
     */
    public record Run(String runId, Integer number, String nickname, String link, long madeAt, long fromStep, long step, String state) {
        /** A run whose state (paused, running) is not told. */
        public Run(String runId, Integer number, String nickname, String link, long madeAt, long fromStep, long step) {
            this(runId, number, nickname, link, madeAt, fromStep, step, null);
        }
    }

    /** A student's seat: the secret their page comes back with, their number and nickname, and whether they were in their copy. */
    public record Seat(String seat, int number, String nickname, boolean inFork) {}

    /** What an open room needs to come back after a restart: locked or released, the plan's step (null: no plan). */
    public record RoomState(boolean locked, Integer planStep) {}

    /** A network of a run: its last validation, and how and when it diverged (null: it did not). */
    public record Net(String runId, String net, int position, Double learningRate, Double accuracy, Double loss, Long validatedAt,
                      String divergedKind, Long divergedStep) {}

    /** A network's first validation at or after a checkpoint {@code step}. */
    public record Checkpoint(String runId, String net, long step, long validatedAt, Double accuracy, Double loss) {}

    /** A student's counted answer. */
    public record Answer(int step, int round, int student, int choice, long answeredAt) {}

    private ClassRecord(Path file, Connection db) {
        this.file = file;
        this.db = db;
    }

    /** The data directory when none is given: {@code .bnlab} in the user's home. */
    public static Path defaultDirectory() { return Path.of(System.getProperty("user.home"), ".bnlab"); }

    /**
     * Opens the record in {@code dir} (made if missing), migrating its schema to this version's.
     *
     * @throws RecordException when it cannot be: in use by another server, damaged, not writable
     */
    public static ClassRecord open(Path dir) throws RecordException {
        Path file = dir.resolve(FILE);
        try {
            privateDirectory(dir);
            privateFile(file);
        } catch (IOException | UnsupportedOperationException e) {
            throw RecordException.notWritable(dir, e);
        }
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        Connection db = null;
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setLockingMode(SQLiteConfig.LockingMode.EXCLUSIVE);
            config.setBusyTimeout(2000);
            config.enforceForeignKeys(true);
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            db = DriverManager.getConnection(url, config.toProperties());
            try (Statement s = db.createStatement()) {
                s.execute("BEGIN EXCLUSIVE"); // takes the lock now, and in exclusive mode keeps it until close
                s.execute("COMMIT");
            }
            Flyway.configure().dataSource(new OneConnection(db, url)).locations(MIGRATIONS).load().migrate();
            return new ClassRecord(file, db);
        } catch (SQLException | FlywayException e) {
            closeQuietly(db);
            throw RecordException.opening(dir, file, e);
        }
    }

    /** The database file. */
    public Path file() { return file; }

    // ----- writes

    /** A room was opened; returns its id in the record. */
    public synchronized long roomOpened(String code, String name, long at) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("INSERT INTO room (code, name, opened_at) VALUES (?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            p.setString(1, code);
            p.setString(2, name);
            p.setLong(3, at);
            p.executeUpdate();
            try (ResultSet k = p.getGeneratedKeys()) {
                k.next();
                return k.getLong(1);
            }
        }
    }

    public synchronized void roomClosed(long room, String reason, long at) throws SQLException {
        update("UPDATE room SET closed_at = ?, closed_reason = ? WHERE id = ? AND closed_at IS NULL", at, reason, room);
    }

    /** The lecture plan the room follows now. */
    public synchronized void plan(long room, String key) throws SQLException {
        update("UPDATE room SET plan = ? WHERE id = ?", key, room);
    }

    /**
     * An open room as it stands now: its state, its seats (all of them: those gone are removed) and its runs, in one
     * transaction, so that a restart finds them consistent.
     */
    public synchronized void snapshot(long room, RoomState state, List<Seat> seats, List<RunRows> runs) throws SQLException {
        transaction(() -> {
            update("UPDATE room SET locked = ?, plan_step = ?, saved_at = ? WHERE id = ?", state.locked() ? 1 : 0, state.planStep(),
                    System.currentTimeMillis(), room);
            update("DELETE FROM seat WHERE room_id = ?", room);
            for (Seat s : seats)
                update("INSERT INTO seat (room_id, seat, number, nickname, in_fork) VALUES (?, ?, ?, ?, ?)", room, s.seat(), s.number(),
                        s.nickname(), s.inFork() ? 1 : 0);
            for (RunRows rows : runs) write(room, rows);
        });
    }

    private interface Work { void run() throws SQLException; }

    /** {@code work} as one transaction: all of it, or (on an error) none of it. */
    private void transaction(Work work) throws SQLException {
        boolean auto = db.getAutoCommit();
        db.setAutoCommit(false);
        try {
            work.run();
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(auto);
        }
    }

    /** The rooms that were open when the server stopped or crashed (no end recorded), the oldest first. */
    public synchronized List<Room> openRooms() throws SQLException {
        List<Room> open = new ArrayList<>(rooms("WHERE r.closed_at IS NULL", -1));
        java.util.Collections.reverse(open);
        return open;
    }

    public synchronized Optional<RoomState> state(long room) throws SQLException {
        return query("SELECT locked, plan_step FROM room WHERE id = ?", room, r -> new RoomState(r.getInt(1) != 0, intOrNull(r, 2)))
                .stream().findFirst();
    }

    public synchronized List<Seat> seats(long room) throws SQLException {
        return query("SELECT seat, number, nickname, in_fork FROM seat WHERE room_id = ? ORDER BY number", room,
                r -> new Seat(r.getString(1), r.getInt(2), r.getString(3), r.getInt(4) != 0));
    }

    /** A run as it stands now with its networks and the checkpoints it reached. */
    public record RunRows(Run run, List<Net> nets, List<Checkpoint> checkpoints) {}

    /** Runs of a room as they stand now, in one transaction; checkpoints already known are kept as they were. */
    public synchronized void runs(long room, List<RunRows> runs) throws SQLException {
        transaction(() -> {
            for (RunRows rows : runs) write(room, rows);
        });
    }

    private void write(long room, RunRows rows) throws SQLException {
        Run run = rows.run();
        update("INSERT INTO run (room_id, run_id, number, nickname, link, made_at, from_step, step, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (room_id, run_id) DO UPDATE SET nickname = excluded.nickname, link = excluded.link,"
                        + " step = excluded.step, state = excluded.state",
                room, run.runId(), run.number(), run.nickname(), run.link(), run.madeAt(), run.fromStep(), run.step(), run.state());
        for (Net n : rows.nets())
            update("INSERT INTO net (room_id, run_id, net, position, learning_rate, accuracy, loss, validated_at, diverged_kind,"
                            + " diverged_step) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (room_id, run_id, net) DO UPDATE SET"
                            + " learning_rate = excluded.learning_rate, accuracy = excluded.accuracy, loss = excluded.loss,"
                            + " validated_at = excluded.validated_at, diverged_kind = excluded.diverged_kind, diverged_step = excluded.diverged_step",
                    room, run.runId(), n.net(), n.position(), n.learningRate(), n.accuracy(), n.loss(), n.validatedAt(), n.divergedKind(),
                    n.divergedStep());
        for (Checkpoint c : rows.checkpoints())
            update("INSERT OR IGNORE INTO checkpoint (room_id, run_id, net, step, validated_at, accuracy, loss) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    room, run.runId(), c.net(), c.step(), c.validatedAt(), c.accuracy(), c.loss());
    }

    /** A student's answer, replacing their earlier one to the same question and round. */
    public synchronized void answer(long room, Answer a) throws SQLException {
        update("INSERT INTO answer (room_id, step, round, student, choice, answered_at) VALUES (?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (room_id, step, round, student) DO UPDATE SET choice = excluded.choice, answered_at = excluded.answered_at",
                room, a.step(), a.round(), a.student(), a.choice(), a.answeredAt());
    }

    /** Deletes a room's record, all of it. @return whether there was one */
    public synchronized boolean delete(long room) throws SQLException {
        return update("DELETE FROM room WHERE id = ?", room) > 0;
    }

    // ----- reads

    /** Every room in the record, the newest first. */
    public synchronized List<Room> rooms() throws SQLException {
        return rooms("", -1);
    }

    public synchronized Optional<Room> room(long id) throws SQLException {
        return rooms("WHERE r.id = ?", id).stream().findFirst();
    }

    private List<Room> rooms(String where, long id) throws SQLException {
        String sql = "SELECT r.id, r.code, r.name, r.opened_at, r.closed_at, r.closed_reason, r.plan,"
                + " (SELECT count(*) FROM run f WHERE f.room_id = r.id AND f.run_id <> '') FROM room r " + where
                + " ORDER BY r.opened_at DESC, r.id DESC";
        RowOf<Room> row = r -> new Room(r.getLong(1), r.getString(2), r.getString(3), r.getLong(4), longOrNull(r, 5), r.getString(6),
                r.getString(7), r.getInt(8));
        if (id >= 0) return query(sql, id, row);
        List<Room> out = new ArrayList<>();
        try (Statement st = db.createStatement(); ResultSet r = st.executeQuery(sql)) {
            while (r.next()) out.add(row.of(r));
        }
        return out;
    }

    /** The class run first, then the forks in the order they were made. */
    public synchronized List<Run> runs(long room) throws SQLException {
        return query("SELECT run_id, number, nickname, link, made_at, from_step, step, state FROM run WHERE room_id = ?"
                + " ORDER BY run_id <> '', made_at, run_id", room, r -> new Run(r.getString(1), intOrNull(r, 2), r.getString(3),
                r.getString(4), r.getLong(5), r.getLong(6), r.getLong(7), r.getString(8)));
    }

    public synchronized List<Net> nets(long room) throws SQLException {
        return query("SELECT run_id, net, position, learning_rate, accuracy, loss, validated_at, diverged_kind, diverged_step FROM net"
                + " WHERE room_id = ? ORDER BY run_id, position", room, r -> new Net(r.getString(1), r.getString(2), r.getInt(3),
                doubleOrNull(r, 4), doubleOrNull(r, 5), doubleOrNull(r, 6), longOrNull(r, 7), r.getString(8), longOrNull(r, 9)));
    }

    public synchronized List<Checkpoint> checkpoints(long room) throws SQLException {
        return query("SELECT run_id, net, step, validated_at, accuracy, loss FROM checkpoint WHERE room_id = ? ORDER BY run_id, step, net",
                room, r -> new Checkpoint(r.getString(1), r.getString(2), r.getLong(3), r.getLong(4), doubleOrNull(r, 5), doubleOrNull(r, 6)));
    }

    public synchronized List<Answer> answers(long room) throws SQLException {
        return query("SELECT step, round, student, choice, answered_at FROM answer WHERE room_id = ? ORDER BY step, round, student",
                room, r -> new Answer(r.getInt(1), r.getInt(2), r.getInt(3), r.getInt(4), r.getLong(5)));
    }

    /** A row of a result as a record. */
    private interface RowOf<T> { T of(ResultSet r) throws SQLException; }

    /** The rows of a query about one room ({@code ?} its id). */
    private <T> List<T> query(String sql, long room, RowOf<T> row) throws SQLException {
        List<T> out = new ArrayList<>();
        try (PreparedStatement p = db.prepareStatement(sql)) {
            p.setLong(1, room);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) out.add(row.of(r));
            }
        }
        return out;
    }

    @Override public synchronized void close() { closeQuietly(db); }

    // ----- helpers

    private int update(String sql, Object... values) throws SQLException {
        try (PreparedStatement p = db.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                Object v = values[i];
                if (v == null) p.setNull(i + 1, Types.NULL);
                else if (v instanceof Double d && !Double.isFinite(d)) p.setNull(i + 1, Types.REAL); // a diverged loss
                else p.setObject(i + 1, v);
            }
            return p.executeUpdate();
        }
    }

    private static Long longOrNull(ResultSet r, int column) throws SQLException {
        long v = r.getLong(column);
        return r.wasNull() ? null : v;
    }

    private static Integer intOrNull(ResultSet r, int column) throws SQLException {
        int v = r.getInt(column);
        return r.wasNull() ? null : v;
    }

    private static Double doubleOrNull(ResultSet r, int column) throws SQLException {
        double v = r.getDouble(column);
        return r.wasNull() ? null : v;
    }

    /** Makes the directory readable by its owner only (where the file system knows owners). */
    private static void privateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return;
        if (posix(dir)) Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        else Files.createDirectories(dir);
    }

    /** Makes the empty database file readable and writable by its owner only; SQLite gives its journal the same mode. */
    private static void privateFile(Path file) throws IOException {
        try {
            if (posix(file)) Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            else Files.createFile(file);
        } catch (FileAlreadyExistsException kept) {
            if (!Files.isWritable(file)) throw new IOException(file + " is not writable");
        }
    }

    private static boolean posix(Path p) {
        Path existing = p.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        return existing != null && Files.getFileAttributeView(existing, java.nio.file.attribute.PosixFileAttributeView.class) != null;
    }

    private static void closeQuietly(Connection c) {
        if (c == null) return;
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing what could not be used
        }
    }
}
