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
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE, text, Keys.TAB);
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

    /** The refusal text under the matrix of a cell, read from the element its input names. */
    private String refusalOf(WebElement input) {
        return d.findElement(By.id(input.getAttribute("aria-describedby"))).getText();
    }

    private static void assertNoJsonWords(String text) {
        for (String word : List.of("string", "null", "Zeichenkette", "JSON", "z[", "[1]")) {
            assertFalse(text.contains(word), "\"" + word + "\" in: " + text);
        }
    }

    @Test
    void a_refused_value_is_explained_below_its_table_counting_from_1_without_JSON_words_in_English() {
        openLesson("en");
        d.findElement(By.id("btn-edit")).click();
        waitUntil("inputs", () -> !d.findElements(By.cssSelector("td.cell input")).isEmpty());
        String muBefore = value("mu", -1, 1);
        WebElement bad = cell("z", 1, 1).findElement(By.tagName("input"));
        type(bad, "abc");
        waitUntil("refusal shown", () -> !refusalOf(bad).isEmpty());
        String text = refusalOf(bad);
        assertEquals("m-z-error", bad.getAttribute("aria-describedby"));
        assertTrue(text.contains("z, row 2, column 2") && text.contains("“abc” is not a number"), text);
        assertNoJsonWords(text);
        assertEquals("abc", bad.getAttribute("value"));
        assertEquals("true", bad.getAttribute("aria-invalid"));
        assertEquals(muBefore, value("mu", -1, 1), "the last good numbers stay");
        // the message sits right under the z table, where the student is looking
        WebElement box = d.findElement(By.cssSelector("#m-z .matrix-scroll"));
        WebElement line = d.findElement(By.id("m-z-error"));
        long gap = line.getRect().getY() - (box.getRect().getY() + box.getRect().getHeight());
        assertTrue(gap >= 0 && gap < 40, "gap " + gap);

        WebElement g = cell("gamma", -1, 2).findElement(By.tagName("input"));
        type(g, "5000");
        waitUntil("gamma refused", () -> !refusalOf(g).isEmpty());
        assertTrue(refusalOf(g).contains("γ, column 3") && refusalOf(g).contains("between −1000 and 1000"), refusalOf(g));

        type(bad, "0.5");
        type(g, "1");
        waitUntil("refusals cleared", () -> refusalOf(bad).isEmpty() && refusalOf(g).isEmpty());
        assertEquals("false", bad.getAttribute("aria-invalid"));
        assertEquals(List.of(), browser.consoleErrors(), "refused before asking the server");
        d.findElement(By.id("btn-edit")).click();
    }

    @Test
    void a_refused_value_is_explained_in_German_with_row_and_column_from_1() {
        openLesson("de");
        d.findElement(By.id("btn-edit")).click();
        waitUntil("inputs", () -> !d.findElements(By.cssSelector("td.cell input")).isEmpty());
        WebElement bad = cell("z", 0, 4).findElement(By.tagName("input"));
        type(bad, "1,2,3");
        waitUntil("refusal shown", () -> !refusalOf(bad).isEmpty());
        String text = refusalOf(bad);
        assertTrue(text.contains("z, Zeile 1, Spalte 5") && text.contains("„1,2,3“ ist keine Zahl"), text);
        assertNoJsonWords(text);
        WebElement empty = cell("beta", -1, 0).findElement(By.tagName("input"));
        type(empty, "");
        waitUntil("beta refused", () -> !refusalOf(empty).isEmpty());
        assertTrue(refusalOf(empty).contains("β, Spalte 1 ist leer"), refusalOf(empty));
        WebElement eps = d.findElement(By.id("edit-epsilon"));
        type(eps, "-1");
        waitUntil("epsilon refused", () -> d.findElement(By.id("edit-error")).getText().contains("ε muss zwischen 0 und 1 liegen"));
        type(eps, "0,00001");
        type(bad, "1");
        type(empty, "0");
        waitUntil("all cleared", () -> refusalOf(bad).isEmpty() && refusalOf(empty).isEmpty()
                && d.findElement(By.id("edit-error")).getText().isEmpty());
        assertEquals(List.of(), browser.consoleErrors());
        d.findElement(By.id("btn-edit")).click();
    }

    private int rows(String name) {
        return d.findElements(By.cssSelector("#m-" + name + " tbody tr")).size();
    }

    @Test
    void the_batch_can_shrink_to_2_data_points_and_grow_to_16_and_the_other_matrices_follow() {
        openLesson("en");
        d.findElement(By.id("btn-edit")).click();
        waitUntil("inputs", () -> !d.findElements(By.cssSelector("td.cell input")).isEmpty());
        WebElement m = d.findElement(By.id("edit-rows"));
        assertEquals("8", m.getAttribute("value"));
        assertFalse(d.findElement(By.id("m-x")).isDisplayed(), "own z is not computed from x: x steps aside");
        type(m, "2");
        waitUntil("2 rows", () -> rows("z") == 2 && rows("zTilde") == 2 && rows("zHat") == 2);
        type(cell("z", 0, 0).findElement(By.tagName("input")), "1");
        type(cell("z", 1, 0).findElement(By.tagName("input")), "4");
        waitUntil("mu of the two", () -> value("mu", -1, 0).equals("2.50"));
        assertEquals(shown(Math.sqrt(2.25 + 1e-5), Locale.ENGLISH), value("sigma", -1, 0));
        assertEquals("1.00", value("zTilde", 1, 0));
        assertEquals("−1.00", value("zTilde", 0, 0));
        // the formula of mu now sums over m = 2
        d.executeScript("arguments[0].focus()", cell("mu", -1, 0));
        waitUntil("mu explained over 2", () -> d.findElements(By.cssSelector("#explain annotation")).stream()
                .anyMatch(a -> a.getAttribute("textContent").contains("\\frac{1}{2}")));

        type(m, "1");
        waitUntil("1 refused", () -> d.findElement(By.id("edit-error")).getText().contains("2 to 16 data points"));
        assertEquals(2, rows("z"), "the batch keeps its size");
        type(m, "16");
        waitUntil("16 rows", () -> rows("z") == 16 && rows("zHat") == 16);
        assertEquals(16 * 8, d.findElements(By.cssSelector("td.cell[data-name='z'] input")).size());
        waitUntil("zHat of row 16 filled", () -> !value("zHat", 15, 0).isEmpty());
        assertEquals("16", d.findElement(By.cssSelector("#m-zTilde tbody tr:last-child th")).getText());
        type(m, "17");
        waitUntil("17 refused", () -> d.findElement(By.id("edit-error")).getText().contains("entered: 17"));
        assertEquals(16, rows("z"));

        d.findElement(By.id("btn-edit")).click();
        waitUntil("back to 8", () -> rows("z") == 8 && rows("zTilde") == 8);
        assertTrue(d.findElement(By.id("m-x")).isDisplayed());
        assertEquals(shown(source.batchAt(1, 0).zTilde()[7][3], Locale.ENGLISH), value("zTilde", 7, 3));
        assertEquals(List.of(), browser.consoleErrors());
    }

    /** The pop-up's and a cell's rectangles in the window, and the window's size: [x, y, w, h] each. */
    @SuppressWarnings("unchecked")
    private List<List<Number>> rects(WebElement cell) {
        return (List<List<Number>>) d.executeScript(
                "const r = (e) => { const b = e.getBoundingClientRect(); return [b.left, b.top, b.width, b.height]; };"
                + "return [r(document.getElementById('explain')), r(arguments[0]),"
                + " [0, 0, document.documentElement.clientWidth, window.innerHeight]];", cell);
    }

    /** Waits (the page may still be scrolling) until the pop-up is beside the cell, whole in the window. */
    private void assertPopUpBesideAndInside(WebElement cell, String where) {
        WebElement tip = d.findElement(By.id("explain"));
        String[] last = {""};
        new WebDriverWait(d, Duration.ofSeconds(5)).withMessage(() -> where + ": " + last[0]).until(x -> {
            if (!tip.isDisplayed()) { last[0] = "no pop-up"; return false; }
            List<List<Number>> r = rects(cell);
            double[] t = r.get(0).stream().mapToDouble(Number::doubleValue).toArray();
            double[] c = r.get(1).stream().mapToDouble(Number::doubleValue).toArray();
            double[] w = r.get(2).stream().mapToDouble(Number::doubleValue).toArray();
            boolean overlap = t[0] < c[0] + c[2] && c[0] < t[0] + t[2] && t[1] < c[1] + c[3] && c[1] < t[1] + t[3];
            boolean inside = t[0] >= 0 && t[1] >= 0 && t[0] + t[2] <= w[2] + 0.5 && t[1] + t[3] <= w[3] + 0.5;
            Number scroll = (Number) d.executeScript("const e = document.getElementById('explain'); "
                    + "return e.scrollWidth - e.clientWidth;");
            last[0] = "pop-up " + java.util.Arrays.toString(t) + ", cell " + java.util.Arrays.toString(c)
                    + ", window " + java.util.Arrays.toString(w) + ", formula wider by " + scroll;
            return !overlap && inside && scroll.doubleValue() <= 1;
        });
    }

    @Test
    void the_pop_up_never_covers_the_cell_being_typed_in_nor_leaves_the_window_also_at_768_pixels() {
        try {
            for (int width : new int[] {1280, 768}) {
                d.manage().window().setSize(new org.openqa.selenium.Dimension(width, 1024));
                openLesson("de");
                d.findElement(By.id("btn-edit")).click();
                waitUntil("inputs", () -> !d.findElements(By.cssSelector("td.cell input")).isEmpty());
                for (int[] at : new int[][] {{0, 0}, {7, 7}, {3, 6}}) {
                    WebElement c = cell("z", at[0], at[1]);
                    WebElement input = c.findElement(By.tagName("input"));
                    for (String block : new String[] {"start", "end", "center"}) {
                        d.executeScript("arguments[0].scrollIntoView({block: '" + block + "', inline: 'nearest'}); arguments[1].focus()", c, input);
                        input.sendKeys("1");
                        assertPopUpBesideAndInside(c, width + " px, z " + (at[0] + 1) + "," + (at[1] + 1) + " at " + block);
                        // the mouse over the cell above does not move the pop-up onto the one being typed in
                        if (at[0] > 0) {
                            new org.openqa.selenium.interactions.Actions(d).moveToElement(cell("z", at[0] - 1, at[1])).perform();
                            assertPopUpBesideAndInside(c, width + " px, mouse above z " + (at[0] + 1) + "," + (at[1] + 1));
                        }
                    }
                }
                d.findElement(By.id("btn-edit")).click();
                // the widest formulas, sigma and dL/dz, on hover, also at the right end of a scrolled box
                for (WebElement wide : List.of(cell("sigma", -1, 2), cell("dz", 7, 7), cell("zHat", 0, 7))) {
                    for (String block : new String[] {"start", "end"}) {
                        d.executeScript("arguments[0].scrollIntoView({block: '" + block + "', inline: 'end'})", wide);
                        new org.openqa.selenium.interactions.Actions(d).moveToElement(wide).perform();
                        assertPopUpBesideAndInside(wide, width + " px, " + wide.getAttribute("data-name") + " at " + block);
                    }
                }
            }
        } finally {
            d.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        }
    }
}
