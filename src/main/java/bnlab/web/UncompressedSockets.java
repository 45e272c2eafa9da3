package bnlab.web;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Lets the WebSockets under a path negotiate no compression: the browser's offer of {@code permessage-deflate}
 * is taken out of their handshakes, so the server answers without it (RFC 7692 lets either side decline).
 *
 * <p>Why: the students' sockets ({@code /ws/join/}) carry the same small frame to every student of a class.
 * With permessage-deflate, Jetty compresses each connection's copy separately, on the thread that sends it:
 * 200 watchers cost the class run's thread 0.53 to 0.79 of a core and spread the frame's arrival to a p99 of
 * 54 to 135 ms (11 to 25 ms without), while frames of a few hundred bytes hardly shrink. The watchers' frames
 * are compact instead ({@link bnlab.web.lab.WatcherFrames}). The lab's and the instructor's sockets keep
 * compression: one connection per run, whose full frames it shrinks to about a third.
 */
final class UncompressedSockets extends Handler.Wrapper {
    private final String pathPrefix;

    /** @param pathPrefix the sockets' path, e.g. "/ws/join/" */
    UncompressedSockets(String pathPrefix) { this.pathPrefix = pathPrefix; }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (request.getHeaders().contains(HttpHeader.SEC_WEBSOCKET_EXTENSIONS)
                && request.getHttpURI().getPath() != null && request.getHttpURI().getPath().startsWith(pathPrefix)) {
            HttpFields without = HttpFields.build(request.getHeaders()).remove(HttpHeader.SEC_WEBSOCKET_EXTENSIONS).asImmutable();
            request = new Request.Wrapper(request) {
                @Override public HttpFields getHeaders() { return without; }
            };
        }
        return super.handle(request, response, callback);
    }
}
