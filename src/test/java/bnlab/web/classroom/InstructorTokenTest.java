package bnlab.web.classroom;

import static org.junit.jupiter.api.Assertions.*;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InstructorTokenTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void a_random_token_is_22_url_safe_characters_and_new_every_time() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String t = InstructorToken.random(RANDOM).text();
            assertTrue(t.matches("[A-Za-z0-9_-]{22}"), t);
            assertTrue(seen.add(t), "drawn twice: " + t);
        }
    }

    @Test
    void a_random_token_carries_128_bits_from_the_generator_passed_in() throws Exception {
        SecureRandom fixed = SecureRandom.getInstance("SHA1PRNG");
        fixed.setSeed(42); // before its first use, SHA1PRNG is deterministic
        SecureRandom same = SecureRandom.getInstance("SHA1PRNG");
        same.setSeed(42);
        String t = InstructorToken.random(fixed).text();
        assertEquals(t, InstructorToken.random(same).text());
        assertEquals(16, java.util.Base64.getUrlDecoder().decode(t).length);
    }

    @Test
    void a_token_matches_its_own_text_and_nothing_else() {
        InstructorToken token = InstructorToken.of("lecture-2026-bn_lab.A~");
        assertTrue(token.matches("lecture-2026-bn_lab.A~"));
        assertFalse(token.matches("lecture-2026-bn_lab.A"));          // a prefix
        assertFalse(token.matches("lecture-2026-bn_lab.A~x"));        // longer
        assertFalse(token.matches("Lecture-2026-bn_lab.A~"));         // case matters
        assertFalse(token.matches(" lecture-2026-bn_lab.A~"));        // a typed link is not trimmed
        assertFalse(token.matches(""));
        assertFalse(token.matches(null));
        InstructorToken random = InstructorToken.random(RANDOM);
        assertTrue(random.matches(random.text()));
        assertFalse(random.matches(InstructorToken.random(RANDOM).text()));
    }

    @Test
    void a_chosen_token_reads_back_the_same_and_surrounding_whitespace_is_not_part_of_it() {
        String t = InstructorToken.random(RANDOM).text();
        assertEquals(t, InstructorToken.of(t).text());
        assertEquals("abcdefghijklmnop", InstructorToken.of("  abcdefghijklmnop\r\n").text());
        assertTrue(InstructorToken.of("abcdefghijklmnop\n").matches("abcdefghijklmnop"));
        assertEquals(256, InstructorToken.of("a".repeat(256)).text().length());
    }

    @Test
    void a_chosen_token_shorter_than_16_characters_is_refused_with_a_clear_message() {
        var e = assertThrows(IllegalArgumentException.class, () -> InstructorToken.of("s3cret-pass"));
        assertTrue(e.getMessage().contains("at least 16 characters") && e.getMessage().contains("11"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret-pass"), "the message repeats the token");
        assertThrows(IllegalArgumentException.class, () -> InstructorToken.of("abcdefghijklmno"));   // 15
        assertThrows(IllegalArgumentException.class, () -> InstructorToken.of("   "));
        assertThrows(IllegalArgumentException.class, () -> InstructorToken.of(""));
        assertThrows(IllegalArgumentException.class, () -> InstructorToken.of(null));
        assertThrows(IllegalArgumentException.class, () -> InstructorToken.of("a".repeat(257)));
    }

    @Test
    void a_chosen_token_with_characters_a_link_would_change_is_refused_without_repeating_it() {
        for (String bad : new String[] {"correct horse battery", "abcdefghijklmnop/q", "abcdefghijklmnop?q", "abcdefghijklmnop&q",
                "abcdefghijklmnop#q", "abcdefghijklmnop%20", "abcdefghijklmnop+q", "abcdefghijklmnöpq", "abcdefghijklmnop=",
                "abcdefghijklmnop\"<script>"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> InstructorToken.of(bad), bad);
            assertTrue(e.getMessage().contains("- . _ ~"), e.getMessage());
            assertFalse(e.getMessage().contains(bad.strip()), e.getMessage());
        }
        var e = assertThrows(IllegalArgumentException.class, () -> InstructorToken.of("correct horse battery"));
        assertTrue(e.getMessage().contains("character 8"), e.getMessage());
    }

    @Test
    void to_string_does_not_reveal_the_token() {
        InstructorToken token = InstructorToken.random(RANDOM);
        assertFalse(token.toString().contains(token.text()));
        assertFalse(String.valueOf(token).contains(token.text().substring(0, 6)));
        assertEquals("InstructorToken[hidden]", InstructorToken.of("abcdefghijklmnopqrstuvwxyz").toString());
    }
}
