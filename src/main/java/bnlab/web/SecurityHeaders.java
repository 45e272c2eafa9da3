package bnlab.web;

import io.javalin.http.Context;

/**
 * The headers every response carries, so that a page of this server can neither be framed by another
 * site (it frames its own lesson in a room's step: frame-ancestors 'self'), nor run a script that did not come from this server, nor have its files read as another type.
 * The pages keep to it: no inline script (page data travels in {@code <script type="application/json">}
 * blocks, which are not executed), no inline style attribute; KaTeX and Chart.js set styles through
 * the DOM ({@code element.style}), which a Content-Security-Policy does not restrict.
 * docs/security.md explains each directive.
 */
public final class SecurityHeaders {
    /**
     * {@code connect-src 'self'} covers the lab's WebSocket on the same host and port (CSP level 3
     * matches ws: and wss: for 'self'); {@code img-src data: blob:} lets the page export charts as PNG.
     */
    public static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'self'");

    private SecurityHeaders() {}

    /** Sets the headers on a response (a before-handler of every route, static files included). */
    public static void apply(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "SAMEORIGIN"); // frame-ancestors for browsers that predate it
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        ctx.header("Cross-Origin-Resource-Policy", "same-origin");
    }
}
