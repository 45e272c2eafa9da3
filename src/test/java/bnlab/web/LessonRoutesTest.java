package bnlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The lesson page, its language choice, its assets and GET /api/lesson/batch, over HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LessonRoutesTest {
    private final Http http = new Http();
    private final bnlab.lessons.BatchSource source = new bnlab.lessons.LectureExample();

    @AfterAll
    void stop() { http.close(); }

    @Test
    void the_lesson_is_German_for_a_German_browser() {
        var page = http.get("/", "Accept-Language", "de-AT,de;q=0.9,en;q=0.5");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<html lang=\"de\""));
        assertTrue(page.body().contains("interne Kovariatenverschiebung"));
    }

    @Test
    void the_lesson_is_English_for_other_browsers_and_without_Accept_Language() {
        assertTrue(http.get("/", "Accept-Language", "fr-FR,fr;q=0.9").body().contains("<html lang=\"en\""));
        assertTrue(http.get("/").body().contains("internal covariate shift"));
    }

    @Test
    void German_is_chosen_when_the_browser_prefers_it_over_English_after_another_language() {
        assertTrue(http.get("/", "Accept-Language", "fr, de;q=0.8, en;q=0.5").body().contains("<html lang=\"de\""));
    }

    @Test
    void lang_parameter_wins_and_is_remembered_in_a_cookie() {
        HttpResponse<String> page = http.get("/?lang=de", "Accept-Language", "en");
        assertTrue(page.body().contains("<html lang=\"de\""));
        String cookie = page.headers().firstValue("Set-Cookie").orElse("");
        assertTrue(cookie.startsWith("bnlab-lang=de"), cookie);
        var next = http.get("/", "Accept-Language", "en", "Cookie", "bnlab-lang=de");
        assertTrue(next.body().contains("<html lang=\"de\""));
    }

    @Test
    void every_page_has_a_labelled_language_switch() {
        String body = http.get("/?lang=en").body();
        assertTrue(body.contains("aria-label=\"Choose the language of the page\""));
        assertTrue(body.contains("Language:"));
        assertTrue(body.contains(">Deutsch</a>") && body.contains(">English</a>"));
    }

    @Test
    void the_page_shows_the_batch_numbers_of_the_source() {
        String body = http.get("/?lang=en&seed=1&iteration=0").body();
        double z11 = source.batchAt(1, 0).z()[0][0];
        assertTrue(body.contains(String.format(java.util.Locale.ENGLISH, "%.2f", z11).replace('-', '−')), "z11 " + z11);
        assertTrue(body.contains("data-name=\"zHat\" data-i=\"7\" data-j=\"7\""));
    }

    @Test
    void the_still_table_shows_the_drift_measured_on_the_fixed_batch_at_iteration_2000() {
        String body = http.get("/?lang=de").body();
        var rows = bnlab.lessons.Drift.measure(1, new int[]{0, 2000}, 3);
        var z = rows.get(1).plainZ()[2];
        var hat = rows.get(1).bnZHat()[0];
        String table = body.substring(body.indexOf("class=\"shift-table\""), body.indexOf("</table>", body.indexOf("class=\"shift-table\"")));
        assertTrue(table.contains("<th scope=\"row\">2.000</th>"), "iterations grouped as in German");
        for (double v : new double[]{z.mean(), z.std(), hat.mean(), hat.std()}) {
            String shown = String.format(java.util.Locale.GERMAN, "%.2f", v).replace('-', '−');
            assertTrue(table.contains("= " + shown + "<"), shown);
        }
        assertFalse(table.contains("−0,00"), "no negative zero");
    }

    /** The page's visible text: scripts and tags removed. */
    private String visibleText(String lang) {
        String body = http.get("/?lang=" + lang).body();
        return body.replaceAll("(?s)<script.*?</script>", " ").replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
    }

    @Test
    void the_lessons_last_section_says_what_we_know_today_with_its_experiments_and_references() {
        for (String lang : new String[]{"en", "de"}) {
            String body = http.get("/?lang=" + lang).body();
            assertTrue(body.contains("id=\"today\""), lang);
            for (String key : new String[]{"noisy-bn", "ics-gradients", "landscape", "layer-norm"})
                assertTrue(body.contains("experiment --preset " + key + " --out " + key + ".csv"), lang + " " + key);
            for (String arxiv : new String[]{"1502.03167", "1805.11604", "1607.06450", "1806.02375", "1803.08494", "1705.08741"})
                assertTrue(body.contains("arXiv " + arxiv), lang + " " + arxiv);
        }
        assertTrue(http.get("/?lang=de").body().contains("Was man heute weiß"));
        assertTrue(http.get("/?lang=en").body().contains("What we know today"));
    }

    @Test
    void the_lesson_uses_one_word_per_term_in_each_language() {
        String de = visibleText("de"), en = visibleText("en");
        // the lecture's word first, the competing one second: the second must not appear
        String[][] german = {{"Input", "Eingabe"}, {"Loss", "Verlust"}, {"Back Propagation", "Backpropagation"},
                {"Overfitting", "überangepasst"}, {"Logit", "Präaktivierung"}};
        for (String[] pair : german) {
            assertTrue(de.contains(pair[0]), pair[0]);
            assertFalse(de.contains(pair[1]), "German page says both " + pair[0] + " and " + pair[1]);
        }
        String[][] english = {{"normalized logit", "standardized logit"}, {"backpropagation", "back propagation"},
                {"inputs", "features"}};
        for (String[] pair : english) {
            assertTrue(en.toLowerCase().contains(pair[0]), pair[0]);
            assertFalse(en.toLowerCase().contains(pair[1]), "English page says both " + pair[0] + " and " + pair[1]);
        }
    }

    @Test
    void the_lesson_says_the_mechanism_is_assumed_and_what_logits_means_here() {
        String de = visibleText("de"), en = visibleText("en");
        assertTrue(de.contains("Man nimmt an, dass die interne Kovariatenverschiebung das Training verlangsamt"));
        assertTrue(de.contains("so die Annahme") && de.contains("die moderne Sicht"));
        assertTrue(en.contains("it is assumed that larger steps stay stable") && en.contains("the modern view"));
        assertTrue(de.contains("vor ihrer Aktivierungsfunktion „Logits“"));
        assertTrue(en.contains("before its activation function “logits”, for every layer"));
        assertFalse(en.contains("Because the inputs of each layer stay in a steady range"), "the mechanism told as fact");
    }

    @Test
    void the_page_credits_the_lecture_and_its_licence_in_both_languages() {
        for (String lang : new String[] {"de", "en"}) {
            String body = http.get("/?lang=" + lang).body();
            assertTrue(body.contains("Antje Schweitzer"), lang);
            assertTrue(body.contains("https://creativecommons.org/licenses/by/4.0/"), lang);
            assertTrue(body.contains("Overfitting – Teil 4: Batch Normalisierung"), lang);
        }
    }

    @Test
    void assets_come_from_the_webjars_and_are_served_locally() {
        String body = http.get("/").body();
        Matcher m = Pattern.compile("src=\"(/webjars/katex/[^\"]+/dist/katex.min.js)\"").matcher(body);
        assertTrue(m.find(), "katex script tag");
        assertEquals(200, http.get(m.group(1)).statusCode());
        assertFalse(body.contains("src=\"http"), "no script from the internet");
        assertFalse(body.contains("href=\"http") && body.contains("stylesheet\" href=\"http"));
    }

    @Test
    void favicon_and_static_files_are_served() {
        assertEquals(200, http.get("/static/favicon.svg").statusCode());
        assertEquals(200, http.get("/static/js/lesson.js").statusCode());
        assertEquals(301, http.get("/favicon.ico").statusCode());
    }

    @Test
    void GET_batch_returns_the_BatchView_of_that_iteration_as_JSON() {
        JsonNode b = Http.json(http.get("/api/lesson/batch?seed=1&iteration=5"));
        assertEquals(5, b.get("iteration").asInt());
        assertEquals(source.batchAt(1, 5).sigma()[3], b.get("sigma").get(3).asDouble(), 0);
        assertEquals(8, b.get("zHat").size());
        assertTrue(b.has("dgamma") && b.has("dz") && b.has("loss"));
    }

    @Test
    void GET_batch_refuses_a_negative_or_too_large_iteration_with_400() {
        assertEquals(400, http.get("/api/lesson/batch?iteration=-1").statusCode());
        var r = http.get("/api/lesson/batch?iteration=100001");
        assertEquals(400, r.statusCode());
        assertTrue(Http.json(r).get("error").asText().contains("iteration"));
    }

    @Test
    void GET_batch_refuses_a_seed_that_is_not_a_number_with_400() {
        var r = http.get("/api/lesson/batch?seed=abc");
        assertEquals(400, r.statusCode());
        assertTrue(Http.json(r).get("error").asText().contains("seed"));
    }
}
