package bnlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bnlab.lessons.BatchView;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Training steps and edit mode on the lesson page, in headless Chromium. */
class LessonInteractionBrowserTest extends BrowserTestBase {
    private String value(String name, int i, int j) { return cell(name, i, j).findElement(By.cssSelector(".v")).getText(); }

    private static String shown(double v, Locale locale) {
        return String.format(locale, "%.2f", v).replace('-', '\u2212');
    }

    /** Replaces the field's text the way a student does (select all, type, leave), so one change event fires. */
    private static void type(WebElement input, String text) {
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), text, Keys.TAB);
    }

    private void waitUntil(String what, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(d, Duration.ofSeconds(10)).withMessage(what).until(x -> condition.getAsBoolean());
    }

    @Test
    void the_step_button_fetches_the_next_iteration_and_shows_how_mu_sigma_gamma_beta_moved() {
        openLesson("en");
        d.findElement(By.id("btn-step")).click();
        waitUntil("iteration 1 in the address", () -> d.getCurrentUrl().contains("iteration=1"));
        BatchView b1 = source.batchAt(1, 1), b0 = source.batchAt(1, 0);
        assertEquals(shown(b1.mu()[2], Locale.ENGLISH), value("mu", -1, 2));
        assertEquals(shown(b1.zHat()[5][6], Locale.ENGLISH), value("zHat", 5, 6));
        assertTrue(d.findElement(By.id("status")).getText().startsWith("Iteration 1,"));
        String delta = cell("gamma", -1, 0).findElement(By.cssSelector(".delta")).getText();
        assertTrue(delta.startsWith(b1.gamma()[0] > b0.gamma()[0] ? "▲" : "▼") || delta.startsWith("="), delta);
        assertFalse(cell("mu", -1, 0).findElement(By.cssSelector(".delta")).getText().isEmpty());

        d.findElement(By.id("btn-step10")).click();
        waitUntil("iteration 11", () -> d.getCurrentUrl().contains("iteration=11"));
        assertEquals(shown(source.batchAt(1, 11).sigma()[7], Locale.ENGLISH), value("sigma", -1, 7));
        d.findElement(By.id("btn-reset")).click();
        waitUntil("iteration 0", () -> d.getCurrentUrl().contains("iteration=0"));
        assertEquals(shown(b0.mu()[2], Locale.ENGLISH), value("mu", -1, 2));
        assertEquals(List.of(), browser.consoleErrors());
    }

    @Test
    void edit_mode_recomputes_mu_sigma_and_the_normalized_logits_on_the_server() {
        openLesson("de");
        d.findElement(By.id("btn-edit")).click();
        waitUntil("inputs", () -> d.findElements(By.cssSelector("td.cell input")).size() == 64 + 16);
        assertEquals("true", d.findElement(By.id("btn-edit")).getAttribute("aria-pressed"));
        for (int i = 0; i < 8; i++) {
            WebElement input = cell("z", i, 0).findElement(By.tagName("input"));
            type(input, String.valueOf(i + 1));
        }
        WebElement g = cell("gamma", -1, 0).findElement(By.tagName("input"));
        type(g, "2,5");
        // column 1..8: mean 4.5, biased variance 5.25
        waitUntil("mu recomputed", () -> value("mu", -1, 0).equals("4,50"));
        double sigma = Math.sqrt(5.25 + 1e-5);
        assertEquals(shown(sigma, Locale.GERMAN), value("sigma", -1, 0));
        waitUntil("zHat recomputed", () -> value("zHat", 0, 0).equals(shown(2.5 * (1 - 4.5) / sigma, Locale.GERMAN)));
        assertEquals(shown((8 - 4.5) / sigma, Locale.GERMAN), value("zTilde", 7, 0));
        assertEquals(List.of(), browser.consoleErrors());

        d.findElement(By.id("btn-edit")).click();
        assertEquals(0, d.findElements(By.cssSelector("td.cell input")).size());
        assertEquals(shown(source.batchAt(1, 0).mu()[0], Locale.GERMAN), value("mu", -1, 0));
    }

    @Test
    void invalid_input_shows_the_server_message_next_to_the_control_and_keeps_what_was_typed() {
        openLesson("en");
        d.findElement(By.id("btn-edit")).click();
        waitUntil("inputs", () -> !d.findElements(By.cssSelector("td.cell input")).isEmpty());
        String muBefore = value("mu", -1, 1);
        WebElement bad = cell("z", 1, 1).findElement(By.tagName("input"));
        type(bad, "abc");
        WebElement error = d.findElement(By.id("edit-error"));
        waitUntil("error shown", () -> !error.getText().isEmpty());
        assertTrue(error.getText().contains("z[1][1] is not a number"), error.getText());
        assertEquals("abc", bad.getAttribute("value"));
        assertEquals("true", bad.getAttribute("aria-invalid"));
        assertEquals(muBefore, value("mu", -1, 1), "the last good numbers stay");

        type(bad, "0.5");
        waitUntil("error cleared", () -> error.getText().isEmpty());
        assertEquals("false", bad.getAttribute("aria-invalid"));
        // The browser logs the refused request (HTTP 400) itself; nothing else may appear.
        List<String> errors = browser.consoleErrors();
        assertTrue(errors.stream().allMatch(e -> e.contains("/api/batchnorm") && e.contains("400")), errors.toString());
        d.findElement(By.id("btn-edit")).click();
    }
}
