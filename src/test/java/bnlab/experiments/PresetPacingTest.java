package bnlab.experiments;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A preset unfolds slowly enough to be narrated in a lecture, and quickly enough to be waited for. */
class PresetPacingTest {

    @Test
    void every_preset_with_a_speed_takes_10_to_40_seconds_to_its_end() {
        for (Preset p : Presets.ALL) {
            if (p.speed().equals("max")) continue;
            double seconds = p.length() / Double.parseDouble(p.speed());
            assertTrue(seconds >= 10 && seconds <= 40, p.key() + ": " + seconds + " s");
        }
    }

    @Test
    void the_noisy_bn_preset_is_not_over_before_it_can_be_narrated() {
        // At max speed its 1,200 iterations took 3 to 5 s on a 2-core server; at its own speed they take 15 to 40 s.
        assertNotEquals("max", Presets.NOISY_BN.speed());
        double seconds = Presets.NOISY_BN.length() / Double.parseDouble(Presets.NOISY_BN.speed());
        assertTrue(seconds >= 15 && seconds <= 40, seconds + " s");
    }
}
