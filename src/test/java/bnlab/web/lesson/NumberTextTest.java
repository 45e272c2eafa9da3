package bnlab.web.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;

import bnlab.web.i18n.Language;
import org.junit.jupiter.api.Test;

class NumberTextTest {
    private final NumberText de = new NumberText(Language.DE), en = new NumberText(Language.EN);

    @Test
    void decimals_in_the_pages_language_with_a_real_minus() {
        assertEquals("−0,70", de.format(-0.6981, 2));
        assertEquals("−0.70", en.format(-0.6981, 2));
        assertEquals("1,0189", de.format(1.01894, 4));
    }

    @Test
    void a_tiny_negative_number_is_zero_without_a_sign() {
        assertEquals("0,00", de.format(-0.001, 2));
        assertEquals("0.00", en.format(-1e-9, 2));
    }

    @Test
    void no_E_notation_and_no_wall_of_digits() {
        assertEquals("0,00", de.format(1e-7, 2));
        assertEquals("999999,00", de.format(999_999, 2));
        assertEquals("1,2·10¹⁸", de.format(1.23e18, 2));
        assertEquals("−1·10³⁰⁰", en.format(-1e300, 2));
        assertEquals("1·10⁷", de.format(9.96e6, 2));
    }
}
