package bnlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bnlab.web.classroom.Classroom;
import bnlab.web.classroom.ClassroomOptions;
import bnlab.web.classroom.InstructorToken;
import bnlab.web.lab.LabEndpoint;
import bnlab.web.lab.LabRegistry;
import bnlab.web.render.Assets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What a page loads is cached for a year under paths that change with the content, so a reload costs one request
 * (the page); the pages themselves are asked for again every time, and the plain /static path stays for links from
 * elsewhere, revalidated.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaticCachingTest {
    static final String TOKEN = "static-token-0123456789";
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";
    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"(/(?:static|webjars)/[^\"]+)\"");
    private static final Pattern VERSIONED = Pattern.compile("/static/[0-9a-f]{12}/.+");

    private final LabEndpoint lab = new LabEndpoint(new LabRegistry(), LabEndpoint.trainingExecutor(), (java.nio.file.Path) null);
    private final WebApp app = new WebApp(new bnlab.lessons.LectureExample(), lab,
            new Classroom(lab, ClassroomOptions.defaults(), InstructorToken.of(TOKEN), List.of()));
    private final int port = app.start("127.0.0.1", 0);
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @AfterAll
    void stop() { app.stop(); }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String cacheControl(HttpResponse<?> r) { return r.headers().firstValue("Cache-Control").orElse(""); }

    /** Every script, style, image and icon a page links. */
    private Set<String> assets(String page) throws Exception {
        HttpResponse<String> r = get(page);
        assertTrue(r.statusCode() == 200 || r.statusCode() == 403 || r.statusCode() == 404, page + ": " + r.statusCode());
        Set<String> found = new LinkedHashSet<>();
        for (Matcher m = ASSET.matcher(r.body()); m.find(); ) found.add(m.group(1));
        return found;
    }

    @Test
    void every_page_links_its_own_files_under_the_versioned_path_and_the_libraries_under_their_version() throws Exception {
        for (String page : List.of("/", "/lab", "/join", "/join/ZZZZ", "/teach", "/teach?token=" + TOKEN)) {
            Set<String> assets = assets(page);
            assertTrue(assets.stream().anyMatch(a -> a.endsWith("/css/base.css")), page + ": " + assets);
            for (String a : assets)
                assertTrue(VERSIONED.matcher(a).matches() || a.matches("/webjars/[a-z.]+/\\d+\\.\\d+\\.\\d+/.+"), page + " links " + a);
        }
        assertTrue(assets("/").stream().anyMatch(a -> a.endsWith(".png")), "the lesson's figures too");
    }

    @Test
    void what_a_page_links_is_cached_for_a_year_as_immutable_with_the_security_headers() throws Exception {
        Set<String> all = new LinkedHashSet<>();
        for (String page : List.of("/", "/lab", "/join", "/teach?token=" + TOKEN)) all.addAll(assets(page));
        all.add("/webjars/katex/0.16.47/dist/fonts/KaTeX_Main-Regular.woff2");
        for (String a : all) {
            HttpResponse<String> r = get(a);
            assertEquals(200, r.statusCode(), a);
            assertEquals(IMMUTABLE, cacheControl(r), a);
            assertTrue(r.headers().firstValue("Content-Security-Policy").isPresent(), a);
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), a);
        }
    }

    @Test
    void modules_that_import_each_other_by_relative_paths_stay_under_the_version() throws Exception {
        String lab = assets("/lab").stream().filter(a -> a.endsWith("/js/lab.js")).findFirst().orElseThrow();
        String body = get(lab).body();
        Matcher m = Pattern.compile("from '\\./([a-z-]+\\.js)'").matcher(body);
        assertTrue(m.find(), body);
        String imported = lab.replace("lab.js", m.group(1));
        assertEquals(200, get(imported).statusCode(), imported);
        assertEquals(IMMUTABLE, cacheControl(get(imported)), imported);
    }

    @Test
    void pages_are_asked_for_again_every_time() throws Exception {
        for (String page : List.of("/", "/lab", "/join", "/join/ZZZZ", "/teach?token=" + TOKEN)) {
            String cc = cacheControl(get(page));
            assertTrue(cc.equals("no-cache") || cc.equals("no-store"), page + ": " + cc);
        }
    }

    @Test
    void the_plain_static_path_still_serves_revalidated_for_links_from_elsewhere() throws Exception {
        HttpResponse<String> js = get("/static/js/lab.js");
        assertEquals(200, js.statusCode());
        assertEquals("no-cache", cacheControl(js));
        assertTrue(js.headers().firstValue("Content-Security-Policy").isPresent());
        HttpResponse<String> icon = get("/favicon.ico");
        assertEquals(301, icon.statusCode());
        assertEquals(Assets.STATIC + "/favicon.svg", icon.headers().firstValue("Location").orElse(""));
        assertEquals(200, get("/static/favicon.svg").statusCode());
    }

    @Test
    void another_version_of_the_static_files_is_not_served() throws Exception {
        String lab = assets("/lab").stream().filter(a -> a.endsWith("/js/lab.js")).findFirst().orElseThrow();
        String other = lab.replaceAll("/static/[0-9a-f]{12}/", "/static/000000000000/");
        assertFalse(other.equals(lab));
        assertEquals(404, get(other).statusCode());
    }

    @Test
    void files_carry_their_type_and_a_plain_file_asked_again_with_its_etag_gets_304() throws Exception {
        String base = assets("/lab").stream().filter(a -> a.endsWith("/css/base.css")).findFirst().orElseThrow().replace("/css/base.css", "");
        for (String[] f : new String[][]{{"/js/lab.js", "text/javascript"}, {"/css/base.css", "text/css"}, {"/favicon.svg", "image/svg+xml"}}) {
            HttpResponse<String> r = get(base + f[0]);
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith(f[1]), f[0] + ": " + r.headers());
        }
        assertTrue(get("/webjars/katex/0.16.47/dist/fonts/KaTeX_Main-Regular.woff2").headers().firstValue("Content-Type").orElse("")
                .equals("font/woff2"));
        HttpResponse<String> first = get("/static/js/lab.js");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/static/js/lab.js"))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());
    }

    @Test
    void nothing_outside_the_static_folder_and_the_webjars_is_served() throws Exception {
        for (String path : List.of("/static/../templates/lab.html", "/static/%2e%2e/templates/lab.html", "/static/..%2ftemplates%2flab.html",
                "/webjars/../../bnlab/web/WebApp.class", "/webjars/chart.js/4.5.1/../../../../../bnlab/web/WebApp.class",
                "/webjars/%2e%2e/%2e%2e/%2e%2e/%2e%2e/bnlab/web/WebApp.class", "/webjars/chart.js/4.5.1/package.json.class",
                "/static/nothing.js", "/webjars/chart.js/4.5.1/dist/nothing.js", "/static/", "/webjars/chart.js/")) {
            int status = get(path).statusCode();
            assertTrue(status == 404 || status == 400, path + ": " + status);
        }
    }
}
