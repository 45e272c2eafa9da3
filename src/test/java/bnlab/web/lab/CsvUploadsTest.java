package bnlab.web.lab;

import static org.junit.jupiter.api.Assertions.*;

import bnlab.engine.Dataset;
import bnlab.engine.InvalidConfigException;
import bnlab.experiments.RunConfig;
import bnlab.experiments.live.LiveSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Uploaded CSV data sets: kept under random ids for a while, bounded, and used by runs with dataset "csv". */
class CsvUploadsTest {
    static final Dataset TINY = Dataset.classification("tiny", 2,
            new float[]{0, 0, 1, 1, 0, 1, 1, 0, 0.5f, 0.5f, 0.2f, 0.8f, 0.9f, 0.1f, 0.3f, 0.3f, 0.7f, 0.7f, 0.1f, 0.9f},
            new int[]{0, 0, 1, 1, 0, 1, 1, 0, 0, 1}, 2, new String[]{"a", "b"});

    /** A clock the test moves by hand. */
    static final class Manual extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    @Test
    void an_upload_is_found_by_its_random_id_until_it_expires_unused() {
        Manual clock = new Manual();
        CsvUploads uploads = new CsvUploads(clock);
        String id = uploads.put(TINY);
        assertTrue(id.matches("[0-9a-f]{32}"), id);
        assertNotEquals(id, uploads.put(TINY));
        clock.now = clock.now.plus(CsvUploads.TTL.minusMinutes(1));
        assertSame(TINY, uploads.get(id).orElseThrow(), "used: its life starts again");
        clock.now = clock.now.plus(CsvUploads.TTL.minusMinutes(1));
        assertTrue(uploads.get(id).isPresent());
        clock.now = clock.now.plus(CsvUploads.TTL.plus(Duration.ofSeconds(1)));
        assertTrue(uploads.get(id).isEmpty());
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> uploads.require(id));
        assertEquals("upload", e.field());
        assertTrue(e.getMessage().contains("upload the file again"), e.getMessage());
    }

    @Test
    void at_most_MAX_UPLOADS_are_kept_and_the_oldest_goes_first() {
        Manual clock = new Manual();
        CsvUploads uploads = new CsvUploads(clock);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i <= CsvUploads.MAX_UPLOADS; i++) {
            ids.add(uploads.put(TINY));
            clock.now = clock.now.plusSeconds(1);
        }
        assertEquals(CsvUploads.MAX_UPLOADS, uploads.size());
        assertTrue(uploads.get(ids.get(0)).isEmpty());
        assertTrue(uploads.get(ids.get(ids.size() - 1)).isPresent());
    }

    @Test
    void a_run_with_dataset_csv_trains_on_the_upload_its_config_names() throws Exception {
        CsvUploads uploads = new CsvUploads();
        String id = uploads.put(TINY);
        LabRegistry registry = new LabRegistry();
        LabRun run = new LabRun(registry.newId(), new LabJson(), LabEndpoint.loader(null, uploads), LiveSettings.defaults(), registry::remove);
        LabRunTest.Recorder out = new LabRunTest.Recorder();
        Viewer v = new Viewer("a", out);
        run.attach(v);
        run.submit(v, new ClientMessage.Start(RunConfig.defaults().with("dataset", "csv", "upload", id, "layers", new int[]{3},
                "batchSize", 4, "validationFraction", 0.2), null, true, null));
        run.tick();
        String ready = out.sent.stream().filter(s -> s.startsWith("{\"type\":\"ready\"")).findFirst().orElseThrow(() -> new AssertionError(out.sent));
        assertTrue(ready.contains("\"name\":\"tiny\""), ready);
        assertTrue(ready.contains("\"upload\":\"" + id + "\""), "the effective config names the upload: " + ready);
        assertTrue(ready.contains("\"points\":{\"x\":["), "2-D data: a sample of points to draw: " + ready);
    }

    @Test
    void a_run_with_dataset_csv_and_an_unknown_upload_is_refused_naming_the_field_upload() throws Exception {
        LabRegistry registry = new LabRegistry();
        LabRun run = new LabRun(registry.newId(), new LabJson(), LabEndpoint.loader(null, new CsvUploads()), LiveSettings.defaults(), registry::remove);
        LabRunTest.Recorder out = new LabRunTest.Recorder();
        Viewer v = new Viewer("a", out);
        run.attach(v);
        run.submit(v, new ClientMessage.Start(RunConfig.defaults().with("dataset", "csv", "upload", "feed"), null, null, null));
        run.tick();
        assertEquals(1, out.sent.size(), out.sent.toString());
        assertTrue(out.sent.get(0).contains("\"field\":\"upload\""), out.sent.get(0));
    }
}
