package bnlab.web;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages work under their Content-Security-Policy in a real Chromium: no message of the browser
 * console, at any level, says that the policy refused something. A control shows that the policy is in
 * force and that its refusals do reach the console, so the first checks could fail.
 */
class CspBrowserTest extends BrowserTestBase {
    private List<String> cspMessages() {
        return d.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy")).collect(Collectors.toList());
    }

    @Test
    void the_lesson_renders_its_formulas_and_charts_without_a_policy_refusal() {
        cspMessages();
        openLesson("de");
        new WebDriverWait(d, Duration.ofSeconds(10)).until(x -> !d.findElements(By.cssSelector(".katex")).isEmpty());
        assertEquals(List.of(), cspMessages());
    }

    @Test
    void the_lab_trains_and_draws_over_its_websocket_without_a_policy_refusal() {
        cspMessages();
        d.get("http://127.0.0.1:" + port + "/lab?lang=en&speed=max");
        new WebDriverWait(d, Duration.ofSeconds(15)).until(x -> "0".equals(d.findElement(By.id("main")).getAttribute("data-step")));
        d.findElement(By.id("btn-play")).click();
        new WebDriverWait(d, Duration.ofSeconds(15)).until(x -> {
            String s = d.findElement(By.id("main")).getAttribute("data-step");
            return s != null && !s.isEmpty() && Long.parseLong(s) > 0;
        });
        assertEquals(List.of(), cspMessages());
    }

    @Test
    void an_injected_inline_script_is_refused_and_the_refusal_reaches_the_console() {
        openLesson("en");
        cspMessages();
        d.executeScript("const s = document.createElement('script'); s.textContent = 'window.injected = 1';"
                + "document.body.appendChild(s);");
        assertNull(d.executeScript("return window.injected;"), "the policy blocks inline script");
        List<String> refused = cspMessages();
        assertFalse(refused.isEmpty(), "the browser reports the refusal in its console");
        assertTrue(refused.get(0).contains("script-src"), refused.get(0));
    }
}
