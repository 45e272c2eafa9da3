package bnlab.web.labpage;

import bnlab.data.CsvImport;
import bnlab.data.CsvOptions;
import bnlab.data.DataFileException;
import bnlab.engine.Dataset;
import bnlab.web.api.ApiError;
import bnlab.web.api.RequestBodies;
import bnlab.web.lab.CsvUploads;
import bnlab.web.TypedText;
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

    private final CsvUploads uploads;

    public CsvUploadController(CsvUploads uploads) { this.uploads = uploads; }

    public void upload(Context ctx) throws IOException {
        int limitMb = CsvUploads.MAX_BYTES / (1024 * 1024);
        byte[] body;
        try (InputStream in = ctx.req().getInputStream()) {
            body = RequestBodies.readAtMost(in, CsvUploads.MAX_BYTES);
        }
        if (body == null) throw ApiError.tooLarge("error.csv.tooLarge", limitMb);
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

    /**
     * The file's name as the page sends it, without folders, control and format characters ({@link TypedText}) and
     * at most 80 characters (code points); "upload.csv" if none.
     */
    static String fileName(String given) {
        if (given == null) return "upload.csv";
        String base = TypedText.name(given.replaceAll(".*[/\\\\]", ""), 80);
        return base == null ? "upload.csv" : base;
    }
}
