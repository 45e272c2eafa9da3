package bnlab.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record against the real SQLite driver and Flyway, in files of a temporary data directory. */
class ClassRecordTest {
    @TempDir Path dir;

    private static ClassRecord.Run classRun(long step) {
        return new ClassRecord.Run("", null, null, "/lab?seed=1", 1_000L, 0, step);
    }

    /** A room with its class run, one fork that diverged, checkpoints and answers; returns its id. */
    private static long aLesson(ClassRecord r) throws Exception {
        long room = r.roomOpened("K7PX", "BN 101", 1_000L);
        r.plan(room, "lecture");
        r.runs(room, List.of(new ClassRecord.RunRows(classRun(1200), List.of(new ClassRecord.Net("", "plain", 0, 0.5, 0.61, 0.9, 1200L, null, null),
                        new ClassRecord.Net("", "bn", 1, 0.5, 0.83, 0.4, 1200L, null, null)),
                List.of(new ClassRecord.Checkpoint("", "plain", 1000, 1000, 0.6, 0.95), new ClassRecord.Checkpoint("", "bn", 1000, 1000, 0.82, 0.41))),
                new ClassRecord.RunRows(new ClassRecord.Run("f1", 7, "Grace", "/lab?seed=1&learningRate=3", 2_000L, 400, 900),
                List.of(new ClassRecord.Net("f1", "plain", 0, 3.0, null, Double.NaN, null, "nonFinite", 512L),
                        new ClassRecord.Net("f1", "bn", 1, 3.0, 0.7, 0.8, 900L, null, null)),
                List.of(new ClassRecord.Checkpoint("f1", "bn", 500, 500, 0.66, 1.0)))));
        r.answer(room, new ClassRecord.Answer(1, 1, 7, 2, 3_000L));
        r.answer(room, new ClassRecord.Answer(1, 1, 7, 0, 3_500L)); // changed while the vote was open: counted once
        r.answer(room, new ClassRecord.Answer(1, 1, 8, 1, 3_600L));
        r.roomClosed(room, "closed", 9_000L);
        return room;
    }

    @Test
    void an_empty_data_directory_gets_the_schema_a_folder_and_a_file_for_their_owner_only() throws Exception {
        Path data = dir.resolve("data");
        try (ClassRecord r = ClassRecord.open(data)) {
            assertEquals(List.of(), r.rooms());
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(ClassRecord.FILE))));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(ClassRecord.FILE));
             ResultSet s = c.createStatement().executeQuery("SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL")) {
            List<String> applied = new ArrayList<>();
            while (s.next()) applied.add(s.getString(1) + ":" + s.getBoolean(2));
            assertEquals(List.of("1:true", "2:true"), applied);
        }
    }

    @Test
    void what_one_lifetime_wrote_the_next_one_reads() throws Exception {
        long room;
        try (ClassRecord r = ClassRecord.open(dir)) {
            room = aLesson(r);
        }
        try (ClassRecord r = ClassRecord.open(dir)) {
            ClassRecord.Room past = r.room(room).orElseThrow();
            assertEquals(new ClassRecord.Room(room, "K7PX", "BN 101", 1_000L, 9_000L, "closed", "lecture", 1), past);
            List<ClassRecord.Run> runs = r.runs(room);
            assertEquals(List.of("", "f1"), runs.stream().map(ClassRecord.Run::runId).toList(), "the class run first");
            assertEquals(new ClassRecord.Run("f1", 7, "Grace", "/lab?seed=1&learningRate=3", 2_000L, 400, 900), runs.get(1));
            ClassRecord.Net diverged = r.nets(room).stream().filter(n -> n.runId().equals("f1") && n.net().equals("plain")).findFirst().orElseThrow();
            assertEquals("nonFinite", diverged.divergedKind());
            assertEquals(512L, diverged.divergedStep());
            assertNull(diverged.loss(), "a loss that is not a number is kept as none");
            assertEquals(3, r.checkpoints(room).size());
            assertEquals(List.of(new ClassRecord.Answer(1, 1, 7, 0, 3_500L), new ClassRecord.Answer(1, 1, 8, 1, 3_600L)), r.answers(room));

            r.runs(room, List.of(new ClassRecord.RunRows(classRun(1500), List.of(),
                    List.of(new ClassRecord.Checkpoint("", "plain", 1000, 1400, 0.1, 9.0)))));
            assertEquals(1500, r.runs(room).get(0).step(), "a run's progress is updated");
            assertEquals(0.6, r.checkpoints(room).stream().filter(c -> c.runId().isEmpty() && c.net().equals("plain")).findFirst()
                    .orElseThrow().accuracy(), "a checkpoint, once noted, stays");

            assertTrue(r.delete(room));
            assertEquals(List.of(), r.rooms());
            assertEquals(List.of(), r.runs(room), "a room's record goes with all of its runs");
            assertEquals(List.of(), r.answers(room));
            assertFalse(r.delete(room));
        }
    }

    @Test
    void a_record_of_the_first_schema_migrates_to_this_one_and_keeps_its_rooms() throws Exception {
        Path file = dir.resolve(ClassRecord.FILE);
        Flyway.configure().dataSource("jdbc:sqlite:" + file, null, null).locations(ClassRecord.MIGRATIONS).target("1").load().migrate();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            c.createStatement().execute("INSERT INTO room (code, name, opened_at) VALUES ('ABCD', 'last week', 5)");
        }
        try (ClassRecord r = ClassRecord.open(dir)) {
            assertEquals(List.of("ABCD"), r.rooms().stream().map(ClassRecord.Room::code).toList());
            long id = r.rooms().get(0).id();
            assertEquals(List.of("ABCD"), r.openRooms().stream().map(ClassRecord.Room::code).toList(), "never closed: open");
            assertEquals(new ClassRecord.RoomState(true, null), r.state(id).orElseThrow(), "the second schema's defaults");
            assertEquals(List.of(), r.seats(id));
        }
    }

    @Test
    void an_open_rooms_state_seats_and_runs_are_kept_for_the_next_lifetime_and_a_closed_room_is_not_open() throws Exception {
        long open, closed;
        try (ClassRecord r = ClassRecord.open(dir)) {
            open = r.roomOpened("K7PX", "BN 101", 1_000L);
            closed = aLesson(r);
            r.snapshot(open, new ClassRecord.RoomState(false, 3), List.of(new ClassRecord.Seat("00aa11bb22cc33dd", 1, "Grace", true),
                    new ClassRecord.Seat("44ee55ff66aa77bb", 2, null, false)), List.of(new ClassRecord.RunRows(
                    new ClassRecord.Run("", null, null, "/lab?seed=4", 1_000L, 0, 777, "paused"), List.of(), List.of())));
            r.snapshot(open, new ClassRecord.RoomState(false, 4), List.of(new ClassRecord.Seat("00aa11bb22cc33dd", 1, "Grace", false)),
                    List.of(new ClassRecord.RunRows(new ClassRecord.Run("", null, null, "/lab?seed=4", 1_000L, 0, 900, "running"),
                            List.of(), List.of())));
        }
        try (ClassRecord r = ClassRecord.open(dir)) {
            assertEquals(List.of(open), r.openRooms().stream().map(ClassRecord.Room::id).toList());
            assertEquals(new ClassRecord.RoomState(false, 4), r.state(open).orElseThrow());
            assertEquals(List.of(new ClassRecord.Seat("00aa11bb22cc33dd", 1, "Grace", false)), r.seats(open), "the seats of the last snapshot");
            assertEquals(new ClassRecord.Run("", null, null, "/lab?seed=4", 1_000L, 0, 900, "running"), r.runs(open).get(0));
            assertTrue(r.openRooms().stream().noneMatch(x -> x.id() == closed));
        }
    }

    @Test
    void a_second_server_on_the_same_directory_is_told_to_take_its_own() throws Exception {
        try (ClassRecord first = ClassRecord.open(dir)) {
            first.roomOpened("K7PX", "", 1L);
            RecordException e = assertThrows(RecordException.class, () -> ClassRecord.open(dir));
            assertTrue(e.getMessage().contains("in use by another BN Lab") && e.getMessage().contains("--data-dir"), e.getMessage());
        }
        try (ClassRecord again = ClassRecord.open(dir)) {
            assertEquals(1, again.rooms().size(), "once the first has stopped the directory is free");
        }
    }

    @Test
    void a_damaged_file_is_named_and_left_as_it_was() throws Exception {
        Path file = dir.resolve(ClassRecord.FILE);
        byte[] junk = "this is not a database, but a file someone copied here".repeat(100).getBytes();
        Files.write(file, junk);
        RecordException e = assertThrows(RecordException.class, () -> ClassRecord.open(dir));
        assertTrue(e.getMessage().contains("is damaged") && e.getMessage().contains(file.toString()), e.getMessage());
        assertEquals(junk.length, Files.size(file), "nothing written over it");
    }

    @Test
    void a_data_directory_that_cannot_be_written_says_so_and_names_the_flags() throws Exception {
        Path locked = dir.resolve("locked");
        Files.createDirectory(locked);
        boolean root = "root".equals(System.getProperty("user.name"));
        // root writes through permissions: an immutable folder (ext4's attribute) refuses root too
        if (root) Assumptions.assumeTrue(run("chattr", "+i", locked.toString()), "chattr +i is not possible here");
        else Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-x------"));
        try {
            RecordException e = assertThrows(RecordException.class, () -> ClassRecord.open(locked));
            assertTrue(e.getMessage().startsWith("cannot write the record to " + locked) && e.getMessage().contains("--no-record"),
                    e.getMessage());
            RecordException below = assertThrows(RecordException.class, () -> ClassRecord.open(locked.resolve("sub")));
            assertTrue(below.getMessage().startsWith("cannot write the record to "), below.getMessage());
        } finally {
            if (root) run("chattr", "-i", locked.toString());
            else Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private static boolean run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
