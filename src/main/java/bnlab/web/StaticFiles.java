package bnlab.web;

import bnlab.web.render.StaticFolder;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The static folder and the webjars, served from memory: {@code /static/VERSION/PATH} and {@code /webjars/NAME/VERSION/PATH}
 * with {@value #IMMUTABLE} (their paths change with their contents), {@code /static/PATH} for links from elsewhere,
 * revalidated ({@code no-cache} and an ETag). The static folder (about 2 MB) is read at start; a webjar's file when
 * it is first asked for, and kept.
 *
 * <p>Why not Javalin's classpath handler: inside the jar it mounts the jar as a zip file system, four times a
 * handler; three handlers held 12 mounts with 155,000 index nodes, about 35 MB of heap for 3 MB of files.
 */
final class StaticFiles {
    /** Files whose path changes with their content (RFC 8246): a browser keeps them a year and never revalidates. */
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    private static final String WEBJARS = "META-INF/resources/webjars/";
    /** A path inside the folder: segments of letters, digits, '.', '_' and '-', none of them "." or "..". */
    private static final Pattern SAFE_PATH = Pattern.compile("(?!.*(^|/)\\.\\.?(/|$))[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("js", "text/javascript; charset=utf-8"), Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"), Map.entry("json", "application/json"),
            Map.entry("map", "application/json"), Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"), Map.entry("gif", "image/gif"), Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"), Map.entry("woff", "font/woff"), Map.entry("ttf", "font/ttf"),
            Map.entry("txt", "text/plain; charset=utf-8"));

    private record File(byte[] bytes, String type, String etag) {
        static File of(String path, byte[] bytes) { return new File(bytes, contentType(path), StaticFolder.etag(bytes)); }
    }

    private final Map<String, File> folder;
    private final String version;
    private final ClassLoader loader;
    private final Map<String, Optional<File>> webjars = new ConcurrentHashMap<>();

    /** @param loader where the webjars are found */
    StaticFiles(StaticFolder files, ClassLoader loader) {
        Map<String, File> read = new java.util.HashMap<>();
        files.files().forEach((path, bytes) -> read.put(path, File.of(path, bytes)));
        this.folder = Map.copyOf(read);
        this.version = files.version();
        this.loader = loader;
    }

    /** GET /static/PATH: the versioned path (immutable) or the plain one (revalidated). */
    void staticFile(Context ctx) {
        String path = ctx.pathParam("path");
        String prefix = version + "/";
        if (path.startsWith(prefix)) send(ctx, folder.get(path.substring(prefix.length())), IMMUTABLE);
        else send(ctx, folder.get(path), "no-cache");
    }

    /** GET /webjars/NAME/VERSION/PATH: a webjar's file (its version is in the path: immutable). */
    void webjar(Context ctx) {
        String path = ctx.pathParam("path");
        File f = !SAFE_PATH.matcher(path).matches() || !TYPES.containsKey(extension(path)) ? null
                : webjars.computeIfAbsent(path, this::readWebjar).orElse(null);
        send(ctx, f, IMMUTABLE);
    }

    /** A file of a webjar (not a folder, which a class loader also finds: then "path/" is found too), or empty. */
    private Optional<File> readWebjar(String path) {
        if (loader.getResource(WEBJARS + path + "/") != null) return Optional.empty();
        try (InputStream in = loader.getResourceAsStream(WEBJARS + path)) {
            return in == null ? Optional.empty() : Optional.of(File.of(path, in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void send(Context ctx, File f, String cacheControl) {
        if (f == null) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("not found");
            return;
        }
        ctx.header("Cache-Control", cacheControl).header("ETag", f.etag);
        if (f.etag.equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType(f.type).result(f.bytes);
    }

    private static String contentType(String path) { return TYPES.getOrDefault(extension(path), "application/octet-stream"); }

    private static String extension(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
