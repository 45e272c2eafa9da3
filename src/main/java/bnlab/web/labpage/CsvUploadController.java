package bnlab.web.labpage;

import bnlab.data.CsvImport;
import bnlab.data.CsvOptions;
import bnlab.data.DataFileException;
import bnlab.engine.Dataset;
import bnlab.web.api.ApiError;
import bnlab.web.lab.CsvUploads;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * POST /api/lab/csv?name=FILE.csv with the CSV text as the body: parses it ({@link CsvImport}, the last
 * column holds the class labels, a header row is guessed), keeps it in the lab's {@link CsvUploads} and
 * answers its id, which a run's config names as {@code upload} with {@code dataset: "csv"}.
 * Malformed rows are refused with 400 and their line numbers; more than {@link CsvUploads#MAX_BYTES} with 413.
 */
public final class CsvUploadController {
    /** What the page learns about an accepted upload. */
    public record Accepted(String id, String name, int rows, int features, int classes, String[] classNames) {}

    /** How much of an oversized body is read and dropped so that its sender gets the 413; beyond, the connection closes. */
    static final long DRAIN_BYTES = 4L * CsvUploads.MAX_BYTES;

    private final CsvUploads uploads;

    public CsvUploadController(CsvUploads uploads) { this.uploads = uploads; }

    public void upload(Context ctx) throws IOException {
        int limitMb = CsvUploads.MAX_BYTES / (1024 * 1024);
        byte[] body;
        try (InputStream in = ctx.req().getInputStream()) {
            body = in.readNBytes(CsvUploads.MAX_BYTES + 1);
            if (body.length > CsvUploads.MAX_BYTES) {
                // Read the rest before answering: a server that answers while the client is still sending
                // resets the connection, and the client sees a broken pipe instead of the 413 saying why.
                drain(in, DRAIN_BYTES);
                throw ApiError.tooLarge("error.csv.tooLarge", limitMb);
            }
        }
        if (body.length == 0) throw ApiError.badRequest("error.csv.empty");
        String name = fileName(ctx.queryParam("name"));
        CsvImport.Table table;
        try {
            table = CsvImport.parse(new String(body, StandardCharsets.UTF_8), name,
                    CsvOptions.defaults().withMaxRows(CsvUploads.MAX_ROWS));
        } catch (DataFileException e) {
            throw ApiError.badRequest("error.csv.invalid", e.getMessage());
        }
        Dataset d = table.dataset();
        String id = uploads.put(d);
        ctx.json(new Accepted(id, d.name(), d.size(), d.features(), d.classes(), d.classNames()));
    }

    /** Reads and drops up to {@code max} bytes, stopping early at the end of the stream. */
    private static void drain(InputStream in, long max) throws IOException {
        byte[] sink = new byte[64 * 1024];
        for (long left = max; left > 0; ) {
            int n = in.read(sink, 0, (int) Math.min(sink.length, left));
            if (n < 0) return;
            left -= n;
        }
    }

    /** The file's name as the page sends it, without folders and at most 80 characters; "upload.csv" if none. */
    static String fileName(String given) {
        if (given == null || given.isBlank()) return "upload.csv";
        String base = given.replaceAll(".*[/\\\\]", "").replaceAll("\\p{Cntrl}", "").strip();
        if (base.isEmpty()) return "upload.csv";
        return base.length() > 80 ? base.substring(0, 80) : base;
    }
}
