package bnlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

/** The lesson on a projector (1920x1080, 1280x720) and a tablet (768x1024), in headless Chromium. */
class LessonLayoutBrowserTest extends BrowserTestBase {

    @AfterEach
    void back_to_the_default_size() {
        d.manage().window().setSize(new Dimension(1280, 900));
    }

    private void open(String lang, int width, int height) {
        d.manage().window().setSize(new Dimension(width, height));
        openLesson(lang);
    }

    /** Elements with text of their own (outside formulas and charts) whose font is smaller than min px. */
    @SuppressWarnings("unchecked")
    private List<String> smallerThan(int min) {
        return (List<String>) d.executeScript(
                "const small = [];"
                + "for (const el of document.querySelectorAll('header *, main *, footer *')) {"
                + "  if (el.closest('.katex, canvas, .sr-only, [hidden], .tooltip')) continue;"
                + "  const own = [...el.childNodes].some((n) => n.nodeType === 3 && /\\p{L}|\\d/u.test(n.textContent));"
                + "  if (!own || el.offsetParent === null) continue;"
                + "  const px = parseFloat(getComputedStyle(el).fontSize);"
                + "  if (px < arguments[0]) small.push(el.tagName + '.' + el.className + ' ' + px + 'px: ' + el.textContent.trim().slice(0, 40));"
                + "}"
                + "return small;", min);
    }

    @Test
    void at_1920_pixels_every_text_of_the_lesson_is_at_least_18_px_in_both_languages() {
        for (String lang : new String[] {"de", "en"}) {
            open(lang, 1920, 1080);
            assertEquals(List.of(), smallerThan(18), lang);
        }
    }

    @Test
    void the_header_starts_where_the_content_starts_and_its_line_is_as_wide_as_the_content() {
        for (int[] size : new int[][] {{1920, 1080}, {1280, 720}, {768, 1024}}) {
            open("de", size[0], size[1]);
            Number brand = (Number) d.executeScript("return document.querySelector('.brand').getBoundingClientRect().left");
            Number title = (Number) d.executeScript("return document.querySelector('main h1').getBoundingClientRect().left");
            assertEquals(title.doubleValue(), brand.doubleValue(), 1, size[0] + " px");
            Number lang = (Number) d.executeScript("return document.querySelector('.lang-switch').getBoundingClientRect().right");
            Number rule = (Number) d.executeScript("return document.querySelector('main h2').getBoundingClientRect().right");
            assertEquals(rule.doubleValue(), lang.doubleValue(), 1, size[0] + " px: language switch ends where the content ends");
        }
    }

    @Test
    void on_a_tablet_the_page_does_not_scroll_sideways_and_wide_tables_scroll_in_their_box() {
        for (String lang : new String[] {"de", "en"}) {
            open(lang, 768, 1024);
            Number overflow = (Number) d.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertTrue(overflow.doubleValue() <= 0, lang + ": the page is wider than the window by " + overflow);
            @SuppressWarnings("unchecked")
            List<String> cut = (List<String>) d.executeScript(
                    "const cut = [];"
                    + "for (const el of document.querySelectorAll('main p, main h1, main h2, main h3, main figcaption, main li, main button')) {"
                    + "  if (el.offsetParent === null) continue;"
                    + "  const r = el.getBoundingClientRect();"
                    + "  if (r.right > document.documentElement.clientWidth + 0.5) cut.push(el.tagName + ': ' + el.textContent.trim().slice(0, 40));"
                    + "}"
                    + "return cut;");
            assertEquals(List.of(), cut, lang + ": text beyond the window's edge");
            for (var box : d.findElements(By.cssSelector(".matrix-scroll"))) {
                assertEquals("auto", box.getCssValue("overflow-x"));
                assertEquals("0", box.getAttribute("tabindex"), "a box that scrolls can be reached by keyboard");
            }
            Number drift = (Number) d.executeScript(
                    "const b = document.querySelector('.shift-table').closest('.matrix-scroll'); return b.scrollWidth - b.clientWidth;");
            assertTrue(drift.doubleValue() > 0, "the drift table is wider than a tablet and scrolls in its box");
        }
    }

    @Test
    void every_cell_of_every_matrix_can_be_reached_with_the_keyboard() {
        open("en", 1280, 800);
        var cells = d.findElements(By.cssSelector("td.cell"));
        assertEquals(40 + 64 * 4 + 16 * 3, cells.size(), "x; z, zTilde, zHat, dz; mu/sigma, gamma/beta, their gradients");
        Number unreachable = (Number) d.executeScript(
                "return [...document.querySelectorAll('td.cell')].filter((c) => c.tabIndex !== 0).length");
        assertEquals(0, unreachable.intValue());
    }
}
