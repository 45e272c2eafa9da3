package bnlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * In Chromium: a reload of a page fetches the page and nothing of what it loads (scripts, styles, the libraries,
 * KaTeX's fonts, the figures), which come from the browser's cache without being asked for again.
 */
class StaticCachingBrowserTest extends BrowserTestBase {

    private void waitReady() {
        new WebDriverWait(d, Duration.ofSeconds(15)).until(x -> d.findElement(By.tagName("html")).getAttribute("data-ready") != null);
    }

    /** Resource Timing of this load: each file's URL and the bytes it took on the network (0: from the cache). */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> resources() {
        return (List<Map<String, Object>>) d.executeScript("return performance.getEntriesByType('resource')"
                + ".map(e => ({name: new URL(e.name).pathname, transfer: e.transferSize}));");
    }

    private long navigationTransfer() {
        return ((Number) d.executeScript("return performance.getEntriesByType('navigation')[0].transferSize;")).longValue();
    }

    @Test
    void a_reload_asks_the_server_for_the_page_and_none_of_its_files() {
        for (String page : List.of("/?lang=en", "/lab?lang=de", "/join?lang=en")) {
            d.get("http://127.0.0.1:" + port + page);
            waitReady();
            List<Map<String, Object>> first = resources();
            assertTrue(first.stream().anyMatch(r -> ((String) r.get("name")).matches("/static/[0-9a-f]{12}/js/.+")), page + ": " + first);
            d.navigate().refresh();
            waitReady();
            assertTrue(navigationTransfer() > 0, "the page itself is asked for again");
            List<Map<String, Object>> again = resources();
            List<Map<String, Object>> files = again.stream()
                    .filter(r -> ((String) r.get("name")).startsWith("/static/") || ((String) r.get("name")).startsWith("/webjars/")).toList();
            assertTrue(files.stream().filter(r -> ((String) r.get("name")).contains("/js/")).count()
                    >= first.stream().filter(r -> ((String) r.get("name")).matches("/static/.*/js/.+")).count(), page + ": " + files);
            List<Map<String, Object>> fetched = files.stream().filter(r -> ((Number) r.get("transfer")).longValue() > 0).toList();
            assertEquals(List.of(), fetched, page + ": files fetched again on a reload");
        }
    }
}
