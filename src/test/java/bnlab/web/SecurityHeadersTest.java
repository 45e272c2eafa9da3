package bnlab.web;

import static org.junit.jupiter.api.Assertions.*;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every kind of response carries the security headers; cookies are SameSite; non-object bodies get 400. */
class SecurityHeadersTest {
    static Http http;

    @BeforeAll static void start() { http = new Http(); }

    @AfterAll static void stop() { http.close(); }

    static void hasHeaders(HttpResponse<String> r) {
        String where = r.uri().getPath() + " (" + r.statusCode() + ")";
        String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe"), where + ": " + csp);
        assertTrue(csp.contains("frame-ancestors 'self'"), where);
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null), where);
        assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(null), where);
    }

    @Test
    void pages_api_static_files_webjars_and_errors_carry_the_security_headers() {
        for (String path : new String[] {"/", "/lab", "/api/lesson/batch?iteration=3", "/static/js/lab.js",
                "/static/css/base.css", "/favicon.ico", "/no/such/page", "/api/lesson/batch?iteration=x"}) {
            hasHeaders(http.get(path));
        }
        hasHeaders(http.post("/api/batchnorm", "{\"z\":[[1],[2]]}"));
        hasHeaders(http.post("/api/batchnorm", "{"));
    }

    @Test
    void the_language_cookie_is_same_site_and_not_for_scripts() {
        String cookie = http.get("/?lang=de").headers().firstValue("Set-Cookie").orElse("");
        assertTrue(cookie.contains("SameSite=Lax") && cookie.contains("HttpOnly"), cookie);
    }

    @Test
    void a_body_that_is_null_or_no_object_gets_400_never_500() {
        for (String body : new String[] {"null", "[]", "1", "\"z\"", "true", "[[1,2]]"}) {
            HttpResponse<String> r = http.post("/api/batchnorm", body);
            assertEquals(400, r.statusCode(), body + ": " + r.body());
            assertFalse(r.body().contains("Exception") || r.body().contains("java."), r.body());
        }
    }
}
