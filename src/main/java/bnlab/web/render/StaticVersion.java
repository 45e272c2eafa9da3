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
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A short hash of every file under the classpath's {@code static/} folder (names and contents), the version in the
 * path the pages load their scripts, styles and images from ({@code /static/HASH/js/lab.js}). A changed file gives a
 * new path, so those files can be cached for a year without being asked for again (a reload costs one request: the
 * page), and an update is never mixed with a cached old module. Computed once at start, from a directory (in
 * development and tests) or from the jar.
 */
public final class StaticVersion {
    /** Hex digits kept of the SHA-256: 48 bits, plenty to tell versions of one app apart. */
    static final int LENGTH = 12;

    private StaticVersion() {}

    /**
     * @param loader where {@code dir} is found
     * @param dir    the folder on the classpath, e.g. "static"; it must hold {@code marker}
     * @param marker a file known to be in it, which tells where the folder is (a jar need not list folders)
     */
    public static String of(ClassLoader loader, String dir, String marker) {
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
        return hash(files);
    }

    /** The first {@link #LENGTH} hex digits of SHA-256 over each file's name, a 0 byte, its length and its bytes. */
    static String hash(Map<String, byte[]> files) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                d.update(f.getKey().getBytes(StandardCharsets.UTF_8));
                d.update((byte) 0);
                d.update(java.nio.ByteBuffer.allocate(8).putLong(f.getValue().length).array());
                d.update(f.getValue());
            }
            return HexFormat.of().formatHex(d.digest()).substring(0, LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every Java has SHA-256
        }
    }
}
