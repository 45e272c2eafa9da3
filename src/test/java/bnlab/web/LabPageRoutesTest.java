package bnlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bnlab.experiments.Presets;
import bnlab.web.labpage.PresetLink;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** GET /lab over HTTP: an address with a preset's former name goes to the same address with its current key. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LabPageRoutesTest {
    private final Http http = new Http();

    @AfterAll
    void stop() { http.close(); }

    @Test
    void a_former_preset_name_in_the_address_redirects_to_the_current_key_and_keeps_the_rest() {
        String setUp = "lang=en&" + PresetLink.query(Presets.RATE_X5);
        HttpResponse<String> old = http.get("/lab?" + setUp + "&preset=rateX5");
        assertEquals(302, old.statusCode());
        String to = old.headers().firstValue("Location").orElseThrow();
        assertEquals("/lab?" + setUp + "&preset=rate-x5", to);
        HttpResponse<String> page = http.get(to);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("data-preset=\"rate-x5\""), "the page links the preset by its current key");
        // Every former name, wherever preset= stands; fig1 too.
        for (var e : Presets.FORMER_KEYS.entrySet())
            assertEquals("/lab?preset=" + e.getValue() + "&lang=de",
                    http.get("/lab?preset=" + e.getKey() + "&lang=de").headers().firstValue("Location").orElse(null), e.getKey());
    }

    @Test
    void a_current_key_an_unknown_one_or_none_opens_the_page_as_it_is() {
        for (String q : new String[]{"", "?lang=en", "?preset=rate-x5", "?preset=no-such-preset", "?dataset=xor&preset"})
            assertEquals(200, http.get("/lab" + q).statusCode(), q);
    }
}
