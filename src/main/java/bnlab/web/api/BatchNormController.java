package bnlab.web.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** POST /api/batchnorm: the student's own numbers through batch normalization. */
public final class BatchNormController {
    /** Bodies above this size are refused with 413 before they are parsed. */
    public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final StrictJson json = new StrictJson();
    private final BatchNormService service = new BatchNormService();

    public void compute(Context ctx) throws IOException {
        byte[] body;
        try (InputStream in = ctx.req().getInputStream()) {
            body = RequestBodies.readAtMost(in, MAX_BODY_BYTES);
        }
        if (body == null) throw ApiError.tooLarge("error.body.tooLarge", MAX_BODY_BYTES / (1024 * 1024));
        BatchNormRequest request = json.read(new String(body, StandardCharsets.UTF_8), BatchNormRequest.class);
        ctx.json(service.compute(request));
    }
}
