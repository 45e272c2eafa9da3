package bnlab.experiments;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Preset keys have one naming style (kebab-case), and the names they had before still find them. */
class PresetKeysTest {
    @Test
    void every_key_is_kebab_case_and_unique() {
        List<String> keys = Presets.ALL.stream().map(Preset::key).toList();
        for (String k : keys) assertTrue(k.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*"), k);
        assertEquals(keys.size(), new HashSet<>(keys).size(), keys.toString());
        assertEquals(keys, Presets.keys());
        assertTrue(keys.containsAll(Presets.KNOWN_TODAY.stream().map(Preset::key).toList()), "today's experiments are presets");
    }

    @Test
    void a_key_in_another_style_is_refused() {
        RunConfig run = Presets.LECTURE.run();
        for (String bad : List.of("rateX5", "Rate-x5", "rate_x5", "rate--x5", "rate-x5-", "-rate", "5rate", ""))
            assertThrows(IllegalArgumentException.class, () -> Preset.of(bad, run, 10, "100"), bad);
        assertEquals("rate-x5", Preset.of("rate-x5", run, 10, "100").key());
    }

    @Test
    void every_former_name_finds_its_renamed_preset() {
        Map<String, Preset> expected = Map.of("fig1", Presets.FIGURE1, "rateX5", Presets.RATE_X5, "rateX30", Presets.RATE_X30,
                "rateBoth", Presets.RATE_BOTH, "noDropout", Presets.NO_DROPOUT, "paperRecipe", Presets.PAPER_RECIPE);
        assertEquals(expected.keySet(), Presets.FORMER_KEYS.keySet());
        expected.forEach((former, p) -> {
            assertEquals(p.key(), Presets.FORMER_KEYS.get(former), former);
            assertEquals(p.key(), Presets.canonicalKey(former), former);
            assertSame(p, Presets.byKey(former).orElseThrow(), former);
            assertSame(p, Presets.byKey(p.key()).orElseThrow(), p.key());
        });
        assertEquals(List.of("rate-x5", "rate-x30", "rate-both", "no-dropout", "paper-recipe"),
                List.of(Presets.RATE_X5.key(), Presets.RATE_X30.key(), Presets.RATE_BOTH.key(), Presets.NO_DROPOUT.key(),
                        Presets.PAPER_RECIPE.key()));
    }

    @Test
    void the_alias_table_names_current_keys_only_and_no_former_name_is_a_key_again() {
        Set<String> keys = Set.copyOf(Presets.keys());
        for (var e : Presets.FORMER_KEYS.entrySet()) {
            assertTrue(keys.contains(e.getValue()), "an alias of a key that exists: " + e);
            assertFalse(keys.contains(e.getKey()), "a former name is no current key: " + e);
        }
    }

    @Test
    void unknown_keys_are_left_alone() {
        assertEquals("lecture", Presets.canonicalKey("lecture"));
        assertEquals("no-such-preset", Presets.canonicalKey("no-such-preset"));
        assertNull(Presets.canonicalKey(null));
        assertEquals(Optional.empty(), Presets.byKey("no-such-preset"));
        assertEquals(Optional.empty(), Presets.byKey(null));
    }
}
