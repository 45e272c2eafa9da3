package bnlab.web.api;

import java.io.IOException;
import java.io.InputStream;

/** Reading a request body with a limit, so that a sender of too much still gets the 413 that says why. */
public final class RequestBodies {
    private RequestBodies() {}

    /**
     * The body if it has at most {@code max} bytes, else null. An oversized body is read on and dropped up to
     * {@code 4 max} bytes before the caller answers: a server that answers while the client is still sending
     * resets the connection, and the client sees a broken pipe instead of the 413. Beyond, the connection closes.
     */
    public static byte[] readAtMost(InputStream in, int max) throws IOException {
        byte[] body = in.readNBytes(max + 1);
        if (body.length <= max) return body;
        byte[] sink = new byte[64 * 1024];
        for (long left = 4L * max; left > 0; ) {
            int n = in.read(sink, 0, (int) Math.min(sink.length, left));
            if (n < 0) break;
            left -= n;
        }
        return null;
    }
}
