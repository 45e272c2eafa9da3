package bnlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bnlab.lessons.BatchView;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What a student sees on loading the lesson, and the explanation of a cell, in headless Chromium. */
class LessonPageBrowserTest extends BrowserTestBase {
    private final BatchView batch0 = source.batchAt(1, 0);

    @AfterEach
    void the_browser_console_shows_no_error() {
        assertEquals(List.of(), browser.consoleErrors());
    }

    private void assertMatricesAndFormulasAreShown() {
        assertEquals(64, d.findElements(By.cssSelector("td.cell[data-name='z']")).size());
        assertEquals(64, d.findElements(By.cssSelector("td.cell[data-name='zHat']")).size());
        assertEquals(8, d.findElements(By.cssSelector("td.cell[data-name='sigma']")).size());
        int typeset = d.findElements(By.cssSelector(".formula .katex")).size();
        int formulas = d.findElements(By.cssSelector(".formula[data-tex]")).size();
        assertTrue(formulas >= 10, "formulas: " + formulas);
        assertEquals(formulas, typeset, "every formula typeset by KaTeX");
        assertEquals(0, d.findElements(By.cssSelector(".katex-error")).size());
    }

    @Test
    void the_lesson_renders_matrices_and_typeset_formulas_in_German() {
        openLesson("de");
        assertEquals("Batchnormalisierung Schritt für Schritt", d.findElement(By.tagName("h1")).getText());
        assertMatricesAndFormulasAreShown();
        String mu1 = cell("mu", -1, 0).getText();
        assertEquals(String.format(java.util.Locale.GERMAN, "%.2f", batch0.mu()[0]).replace('-', '\u2212'), mu1);
        assertTrue(d.findElement(By.cssSelector(".lang-link[aria-current='true']")).getText().contains("Deutsch"));
    }

    @Test
    void the_lesson_renders_matrices_and_typeset_formulas_in_English() {
        openLesson("en");
        assertEquals("Batch normalization, step by step", d.findElement(By.tagName("h1")).getText());
        assertMatricesAndFormulasAreShown();
        assertTrue(d.findElement(By.cssSelector("footer")).getText().contains("Antje Schweitzer"));
    }

    @Test
    void hovering_a_standardized_cell_shows_its_formula_with_the_real_numbers_and_marks_what_it_uses() {
        openLesson("en");
        WebElement target = cell("zTilde", 0, 0);
        d.executeScript("arguments[0].scrollIntoView({block: 'center'})", target);
        new Actions(d).moveToElement(target).perform();
        WebElement tip = d.findElement(By.id("explain"));
        new WebDriverWait(d, Duration.ofSeconds(5)).until(x -> tip.isDisplayed());
        assertFalse(tip.findElements(By.cssSelector(".katex")).isEmpty(), "typeset");
        String tex = tip.findElement(By.cssSelector("annotation")).getAttribute("textContent");
        String z = String.format(java.util.Locale.ENGLISH, "%.2f", batch0.z()[0][0]);
        String sigma = String.format(java.util.Locale.ENGLISH, "%.2f", batch0.sigma()[0]);
        assertTrue(tex.contains("\\tilde{z}_{11}") && tex.contains(z) && tex.contains(sigma), tex);
        assertTrue(cell("z", 0, 0).getAttribute("class").contains("dep"));
        assertTrue(cell("mu", -1, 0).getAttribute("class").contains("dep"));
        assertTrue(cell("sigma", -1, 0).getAttribute("class").contains("dep"));
        assertFalse(cell("z", 0, 1).getAttribute("class").contains("dep"));
    }

    @Test
    void a_cell_reached_by_keyboard_is_explained_and_arrow_keys_move_to_the_next_cell() {
        openLesson("de");
        WebElement first = cell("zHat", 2, 3);
        d.executeScript("arguments[0].focus()", first);
        new Actions(d).sendKeys(Keys.ARROW_RIGHT).perform();
        WebElement focused = d.switchTo().activeElement();
        assertEquals("4", focused.getAttribute("data-j"));
        String tex = d.findElement(By.cssSelector("#explain annotation")).getAttribute("textContent");
        assertTrue(tex.contains("\\hat{z}_{35}"), tex);
        assertTrue(d.findElement(By.cssSelector("#explain .title")).getText().contains("Datenpunkt 3 bei Neuron 5"));
        new Actions(d).sendKeys(Keys.ESCAPE).perform();
        assertFalse(d.findElement(By.id("explain")).isDisplayed());
    }

    @Test
    void every_button_and_matrix_box_has_a_name_from_the_bundles() {
        openLesson("en");
        for (WebElement b : d.findElements(By.cssSelector("button"))) {
            if (b.isDisplayed()) assertFalse(b.getText().isBlank(), b.getAttribute("id"));
        }
        for (WebElement box : d.findElements(By.cssSelector(".matrix-scroll"))) {
            String label = box.getAttribute("aria-label");
            assertTrue(label != null && !label.isBlank() && !label.contains("??"), label);
        }
        assertFalse(d.getPageSource().contains("??"), "a missing message key");
    }

    @Test
    void the_scripts_print_numbers_for_people_without_E_notation_and_with_the_German_comma() {
        openLesson("de");
        Object r = d.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "import('/static/js/format.js').then((f) => done([f.num(-0.001), f.num(-0.6981), f.num(1e300),"
                + " f.num(1.23e18), f.inputValue(1e-7, 12), f.inputValue(-0.7), f.tex(2.5e9), f.num(9.96e6)]));");
        assertEquals(List.of("0,00", "−0,70", "1·10³⁰⁰", "1,2·10¹⁸", "0,0000001", "−0,7", "2{,}5 \\cdot 10^{9}", "1·10⁷"), r);
    }
}
