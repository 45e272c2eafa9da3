package bnlab.web.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The static folder's version: the same from a directory and from a jar, new with any change of a name or a byte. */
class StaticFolderTest {
    @TempDir Path tmp;

    private static final Map<String, String> FILES = new TreeMap<>(Map.of(
            "favicon.svg", "<svg/>", "js/lab.js", "import { t } from './i18n.js';", "js/i18n.js", "export const t = 1;",
            "css/base.css", "body { margin: 0; }"));

    private String fromDirectory(Map<String, String> files) throws IOException {
        Path root = Files.createTempDirectory(tmp, "classes");
        for (var f : files.entrySet()) {
            Path p = root.resolve("static").resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        Files.writeString(root.resolve("other.txt"), "not static");
        try (URLClassLoader loader = new URLClassLoader(new URL[]{root.toUri().toURL()}, null)) {
            return StaticFolder.load(loader, "static", "favicon.svg").version();
        }
    }

    private String fromJar(Map<String, String> files) throws IOException {
        Path jar = Files.createTempFile(tmp, "app", ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("static/"));
            for (var f : files.entrySet()) {
                out.putNextEntry(new JarEntry("static/" + f.getKey()));
                out.write(f.getValue().getBytes(StandardCharsets.UTF_8));
            }
            out.putNextEntry(new JarEntry("staticky/ignored.txt"));
            ((OutputStream) out).write(1);
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, null)) {
            return StaticFolder.load(loader, "static", "favicon.svg").version();
        }
    }

    @Test
    void a_directory_and_a_jar_with_the_same_files_give_the_same_version() throws IOException {
        String v = fromDirectory(FILES);
        assertTrue(v.matches("[0-9a-f]{12}"), v);
        assertEquals(v, fromJar(FILES));
        assertEquals(v, fromDirectory(FILES), "the same files, the same version");
    }

    @Test
    void a_changed_byte_or_name_gives_another_version() throws IOException {
        String v = fromDirectory(FILES);
        Map<String, String> changed = new TreeMap<>(FILES);
        changed.put("js/i18n.js", "export const t = 2;");
        assertNotEquals(v, fromDirectory(changed));
        Map<String, String> renamed = new TreeMap<>(FILES);
        renamed.put("js/i18n2.js", renamed.remove("js/i18n.js"));
        assertNotEquals(v, fromJar(renamed));
        Map<String, String> moved = new TreeMap<>(FILES);
        moved.put("css/base.css", "body { margin: 0; }x");
        moved.put("favicon.svg", "<svg/>");
        assertNotEquals(v, fromDirectory(moved));
    }

    @Test
    void the_folder_keeps_every_file_by_its_path_and_nothing_else() throws IOException {
        Path jar = Files.createTempFile(tmp, "app", ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (var f : FILES.entrySet()) {
                out.putNextEntry(new JarEntry("static/" + f.getKey()));
                out.write(f.getValue().getBytes(StandardCharsets.UTF_8));
            }
            out.putNextEntry(new JarEntry("templates/lab.html"));
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, null)) {
            StaticFolder folder = StaticFolder.load(loader, "static", "favicon.svg");
            assertEquals(FILES.keySet(), folder.files().keySet());
            assertEquals("export const t = 1;", new String(folder.files().get("js/i18n.js"), StandardCharsets.UTF_8));
        }
    }

    @Test
    void the_apps_own_static_folder_has_a_version_and_its_scripts() {
        StaticFolder app = StaticFolder.app();
        assertTrue(app.version().matches("[0-9a-f]{12}"), app.version());
        assertTrue(app.files().containsKey("js/lab.js") && app.files().containsKey("favicon.svg"), app.files().keySet().toString());
        assertEquals("/static/" + app.version(), Assets.of(app).staticBase());
    }
}
