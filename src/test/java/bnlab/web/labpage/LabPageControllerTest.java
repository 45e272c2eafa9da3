package bnlab.web.labpage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The lab's address with a preset's former name: only the preset's value changes, the rest stays as it was typed. */
class LabPageControllerTest {
    @Test
    void only_a_former_name_as_the_value_of_preset_is_replaced() {
        assertEquals("preset=rate-x5", LabPageController.withCurrentPresetKey("preset=rateX5"));
        assertEquals("lang=de&layers=32,32&preset=paper-recipe&speed=max",
                LabPageController.withCurrentPresetKey("lang=de&layers=32,32&preset=paperRecipe&speed=max"));
        assertEquals("preset=figure1&x=%41", LabPageController.withCurrentPresetKey("pre%73et=fig1&x=%41"), "an encoded name");
        assertNull(LabPageController.withCurrentPresetKey("preset=rate-x5"));
        assertNull(LabPageController.withCurrentPresetKey("note=rateX5&preset=lecture"), "another parameter's value");
        assertNull(LabPageController.withCurrentPresetKey("preset=%zz&x=%"), "a malformed escape is no former name");
        assertNull(LabPageController.withCurrentPresetKey("preset"));
        assertNull(LabPageController.withCurrentPresetKey(""));
        assertNull(LabPageController.withCurrentPresetKey(null));
    }
}
