package bnlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What is kept of a typed name: text of every script, nothing that steers how text is shown. */
class TypedTextTest {

    @Test
    void letters_marks_and_digits_of_every_script_stay() {
        for (String name : new String[]{"Zoë", "Ünal", "Иван", "李雷", "محمد", "Ελένη", "दीपा", "Nguyễn Văn An", "Anna 2", "O'Brien",
                "<b>Ada</b>", "🦊"})
            assertEquals(name, TypedText.name(name, 24), name);
        String decomposed = "Zoe\u0308"; // e + combining diaeresis: a mark (Mn), kept with its letter
        assertEquals(decomposed, TypedText.name(decomposed, 24));
    }

    @Test
    void c0_and_c1_control_characters_are_dropped() {
        assertEquals("AdaLovelace", TypedText.name("Ada\u0000\u0007\t\n\r\u001bLovelace\u007f", 24));
        assertEquals("ab", TypedText.name("a\u0080\u0085\u009bb", 24), "C1: U+0080, NEL U+0085, CSI U+009B");
        for (int c = 0; c <= 0x9f; c++)
            if (c < 0x20 || c >= 0x7f) assertFalse(TypedText.kept(c), Integer.toHexString(c));
    }

    @Test
    void bidi_embeddings_overrides_isolates_and_marks_are_dropped() {
        assertEquals("Annagpj.exe", TypedText.name("Anna\u202Egpj.exe", 24), "the right-to-left override U+202E");
        for (int c : new int[]{0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C})
            assertEquals("ab", TypedText.name("a" + Character.toString(c) + "b", 24), Integer.toHexString(c));
    }

    @Test
    void zero_width_characters_the_byte_order_mark_and_the_soft_hyphen_are_dropped() {
        for (int c : new int[]{0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0xFFF9, 0xE0001})
            assertEquals("ab", TypedText.name("a" + Character.toString(c) + "b", 24), Integer.toHexString(c));
        assertEquals("ab", TypedText.name("a\u2028b\u2029", 24), "line and paragraph separators");
    }

    @Test
    void a_surrogate_without_its_pair_is_dropped() {
        assertEquals("ab", TypedText.name("a\uD83Db\uDE00", 24));
    }

    @Test
    void names_are_trimmed_and_empty_ones_are_none() {
        assertEquals("Ada", TypedText.name("  \u00a0Ada \u3000", 24), "spaces of every kind at the ends");
        assertNull(TypedText.name(" \u202E\u200B\u0085 ", 24), "nothing but invisible characters");
        assertNull(TypedText.name(null, 24));
        assertNull(TypedText.name("", 24));
    }

    @Test
    void the_cap_counts_code_points_and_never_splits_a_pair() {
        String emoji = "🦊"; // U+1F98A: two UTF-16 units, one code point
        String name = emoji.repeat(30);
        String kept = TypedText.name(name, 24);
        assertEquals(24, kept.codePointCount(0, kept.length()));
        assertEquals(emoji.repeat(24), kept);
        assertEquals("𠀀".repeat(5), TypedText.name("𠀀".repeat(9), 5), "CJK beyond the first plane");
        assertEquals("abc", TypedText.name("abc   def", 5), "a cut that ends in spaces is trimmed");
        assertEquals("x".repeat(24), TypedText.name("\u202E".repeat(50) + "x".repeat(30), 24),
                "dropped characters do not count against the cap");
    }

    @Test
    void an_echo_is_cut_with_an_ellipsis_on_a_code_point_boundary() {
        assertEquals("short", TypedText.cut("short", 40));
        String cut = TypedText.cut("🦊".repeat(41), 40);
        assertEquals("🦊".repeat(40) + "…", cut);
        assertTrue(cut.codePoints().noneMatch(c -> Character.getType(c) == Character.SURROGATE));
        assertEquals("ab", TypedText.withoutControls("a\u202Eb"));
        assertNull(TypedText.withoutControls(null));
    }
}
