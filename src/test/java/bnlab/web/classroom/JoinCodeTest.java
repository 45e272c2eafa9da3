package bnlab.web.classroom;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JoinCodeTest {

    @Test
    void the_alphabet_has_31_characters_without_look_alikes_and_gives_923521_codes() {
        assertEquals(31, JoinCode.ALPHABET.length());
        assertEquals(31, JoinCode.ALPHABET.chars().distinct().count());
        for (char c : "0O1IL".toCharArray()) assertEquals(-1, JoinCode.ALPHABET.indexOf(c), "contains " + c);
        assertEquals((int) Math.pow(31, 4), JoinCode.COUNT);
    }

    @Test
    void a_random_code_has_four_characters_of_the_alphabet_and_reads_back_as_itself() {
        Random r = new Random(1);
        for (int i = 0; i < 1_000; i++) {
            String code = JoinCode.random(r);
            assertEquals(4, code.length());
            assertTrue(code.chars().allMatch(c -> JoinCode.ALPHABET.indexOf(c) >= 0), code);
            assertEquals(Optional.of(code), JoinCode.normalize(code));
        }
    }

    @Test
    void random_codes_come_from_the_generator_passed_in_and_use_every_character_about_equally() {
        assertEquals(JoinCode.random(new Random(7)), JoinCode.random(new Random(7)));
        Random r = new Random(2);
        Map<Character, Integer> seen = new HashMap<>();
        int codes = 31_000;
        for (int i = 0; i < codes; i++) for (char c : JoinCode.random(r).toCharArray()) seen.merge(c, 1, Integer::sum);
        assertEquals(31, seen.size());
        // 4,000 expected per character; a standard deviation of about 62
        seen.forEach((c, n) -> assertTrue(n > 3_700 && n < 4_300, c + " drawn " + n + " times"));
    }

    @Test
    void normalize_takes_spaces_dashes_invisible_characters_lower_case_and_full_width_characters() {
        assertEquals(Optional.of("K7QM"), JoinCode.normalize("K7QM"));
        assertEquals(Optional.of("K7QM"), JoinCode.normalize("  k7qm \n"));
        assertEquals(Optional.of("K7QM"), JoinCode.normalize("k7-qm"));
        assertEquals(Optional.of("K7QM"), JoinCode.normalize("K 7 Q M"));
        assertEquals(Optional.of("K7QM"), JoinCode.normalize("K7\u2013QM"));      // en dash, a phone's "smart" dash
        assertEquals(Optional.of("K7QM"), JoinCode.normalize("K7\u00a0QM"));      // no-break space
        assertEquals(Optional.of("K7QM"), JoinCode.normalize("\uff2b\uff17\uff31\uff2d")); // full-width Ｋ７ＱＭ
        assertEquals(Optional.of("K7QM"), JoinCode.normalize("K7QM\u200b"));      // zero-width space from a chat
    }

    @Test
    void normalize_refuses_the_look_alikes_instead_of_guessing_what_was_meant() {
        for (String typed : new String[] {"K0QM", "KOQM", "KoQM", "K1QM", "KIQM", "KiQM", "KLQM", "KlQM"})
            assertEquals(Optional.empty(), JoinCode.normalize(typed), typed);
    }

    @Test
    void normalize_refuses_anything_that_is_not_a_code_without_throwing() {
        String[] refused = {null, "", "   ", "-", "K7Q", "K7QMA", "K7 QM A", "K7_QM", "K7.QM", "K7QM!", "ÄBCD",
                "K7Q\u0000", "K7Q\uD83D\uDE00", "K7Q\uD83D", "ⅫAB", "<K7QM>"};
        for (String typed : refused) assertEquals(Optional.empty(), JoinCode.normalize(typed), String.valueOf(typed));
    }

    @Test
    void normalize_refuses_huge_input_at_once() {
        String huge = "K7QM" + " ".repeat(10_000_000);
        long t0 = System.nanoTime();
        assertEquals(Optional.empty(), JoinCode.normalize(huge));
        assertEquals(Optional.empty(), JoinCode.normalize("-".repeat(65) + "K7QM"));
        assertTrue(System.nanoTime() - t0 < 50_000_000L, "took more than 50 ms");
        assertEquals(Optional.of("K7QM"), JoinCode.normalize(" ".repeat(60) + "K7QM"));
    }
}
