package bnlab.web.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The classpath's {@code static/} folder, read once at start from a directory (in development and tests) or from the
 * jar: every file's bytes by its path ("js/lab.js"; about 2 MB in all), and the folder's version, a short hash of
 * every file's name and contents. The pages load the files from {@code /static/VERSION/...}: a changed file gives a
 * new path, so browsers may keep them a year without asking again (a reload costs one request, the page), and an
 * update is never mixed with a cached old module.
 *
 * @param files   the files' bytes by their path in the folder, sorted
 * @param version the first {@value #LENGTH} hex digits of SHA-256 over each file's name, a 0 byte, its length and its bytes
 */
public record StaticFolder(Map<String, byte[]> files, String version) {
    /** Hex digits kept of the SHA-256: 48 bits, plenty to tell versions of one app apart. */
    static final int LENGTH = 12;

    public StaticFolder {
        files = Collections.unmodifiableMap(new TreeMap<>(files));
    }

    /** The files, with their version. */
    public static StaticFolder of(Map<String, byte[]> files) { return new StaticFolder(files, hash(files)); }

    /**
     * @param loader where {@code dir} is found
     * @param dir    the folder on the classpath, e.g. "static"; it must hold {@code marker}
     * @param marker a file known to be in it, which tells where the folder is (a jar need not list folders)
     */
    public static StaticFolder load(ClassLoader loader, String dir, String marker) {
        URL url = loader.getResource(dir + "/" + marker);
        if (url == null) throw new IllegalStateException(dir + "/" + marker + " is not on the classpath");
        Map<String, byte[]> files = new TreeMap<>(); // by name, so the order is the same everywhere
        try {
            if (url.getProtocol().equals("file")) {
                Path root = Path.of(url.toURI()).getParent();
                try (Stream<Path> all = Files.walk(root)) {
                    for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator)
                        files.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
                }
            } else if (url.openConnection() instanceof JarURLConnection jar) {
                jar.setUseCaches(false);
                try (JarFile file = jar.getJarFile()) {
                    String prefix = dir + "/";
                    for (JarEntry e : (Iterable<JarEntry>) file.stream()::iterator) {
                        if (e.isDirectory() || !e.getName().startsWith(prefix)) continue;
                        try (InputStream in = file.getInputStream(e)) {
                            files.put(e.getName().substring(prefix.length()), in.readAllBytes());
                        }
                    }
                }
            } else {
                throw new IllegalStateException("cannot list " + url);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return of(files);
    }

    /** The app's own static folder. */
    public static StaticFolder app() { return load(StaticFolder.class.getClassLoader(), "static", "favicon.svg"); }

    static String hash(Map<String, byte[]> files) {
        MessageDigest d = sha256();
        for (Map.Entry<String, byte[]> f : new TreeMap<>(files).entrySet()) {
            d.update(f.getKey().getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update(java.nio.ByteBuffer.allocate(8).putLong(f.getValue().length).array());
            d.update(f.getValue());
        }
        return HexFormat.of().formatHex(d.digest()).substring(0, LENGTH);
    }

    /** A strong ETag of some bytes (quoted, 16 hex digits of their SHA-256). */
    public static String etag(byte[] bytes) {
        return "\"" + HexFormat.of().formatHex(sha256().digest(bytes)).substring(0, 16) + "\"";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every Java has SHA-256
        }
    }
}
