package bnlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bnlab.web.lab.CsvUploads;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** POST /api/lab/csv: an uploaded CSV is parsed, kept under a random id, or refused saying why. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LabCsvUploadTest {
    private final Http http = new Http();
    private final HttpClient client = HttpClient.newHttpClient();

    @AfterAll
    void stop() { http.close(); }

    private HttpResponse<String> upload(String query, String csv) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port + "/api/lab/csv" + query))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void POST_of_a_good_file_gives_its_id_and_shape() throws Exception {
        var r = upload("?name=dir/points.csv", "x,y,label\n0.1,0.2,a\n0.3,0.1,b\n-1,2,a\n0.5,0.5,b\n");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode j = Http.json(r);
        assertTrue(j.get("id").asText().matches("[0-9a-f]{32}"), j.toString());
        assertEquals("points", j.get("name").asText());
        assertEquals(4, j.get("rows").asInt());
        assertEquals(2, j.get("features").asInt());
        assertEquals(2, j.get("classes").asInt());
        assertEquals("a", j.get("classNames").get(0).asText());
    }

    @Test
    void POST_keeps_the_files_name_without_control_and_bidi_characters() throws Exception {
        String name = java.net.URLEncoder.encode("Zö\u202Egpj\u0085\u200B.csv", java.nio.charset.StandardCharsets.UTF_8);
        var r = upload("?name=" + name, "x,y,label\n0.1,0.2,a\n0.3,0.1,b\n-1,2,a\n0.5,0.5,b\n");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("Zögpj", Http.json(r).get("name").asText());
    }

    @Test
    void POST_of_malformed_rows_gives_400_naming_every_bad_line_in_the_callers_language() throws Exception {
        var r = upload("?name=bad.csv&lang=en", "x,y,label\n1,2,a\n3,b\n5,6,b\n7,oops,a\n");
        assertEquals(400, r.statusCode());
        String error = Http.json(r).get("error").asText();
        assertTrue(error.startsWith("The CSV file cannot be used: bad.csv:"), error);
        assertTrue(error.contains("line 3: expected 3 fields, found 2"), error);
        assertTrue(error.contains("line 5: 'oops' in column 'y'"), error);
        var de = upload("?name=bad.csv&lang=de", "x,y,label\n1,2,a\n3,b\n");
        assertTrue(Http.json(de).get("error").asText().startsWith("Die CSV-Datei ist so nicht verwendbar"), de.body());
    }

    @Test
    void POST_of_a_file_over_the_limit_gives_413() throws Exception {
        StringBuilder big = new StringBuilder("a,b,label\n");
        while (big.length() <= CsvUploads.MAX_BYTES) big.append("0.123456,0.654321,1\n");
        var r = upload("?lang=en", big.toString());
        assertEquals(413, r.statusCode(), r.body());
        assertTrue(Http.json(r).get("error").asText().contains("2 MB"), r.body());
    }

    @RepeatedTest(5)
    void POST_of_a_file_several_times_the_limit_still_gets_its_413_not_a_reset_connection() throws Exception {
        String big = "a,b,label\n" + "0.123456,0.654321,1\n".repeat(3 * CsvUploads.MAX_BYTES / 20);
        var r = upload("?lang=de", big);
        assertEquals(413, r.statusCode(), r.body());
        assertTrue(Http.json(r).get("error").asText().contains("2 MB"), r.body());
    }

    @Test
    void POST_of_an_empty_body_gives_400() throws Exception {
        var r = upload("?lang=en", "");
        assertEquals(400, r.statusCode());
        assertEquals("The CSV file is empty.", Http.json(r).get("error").asText());
    }
}
