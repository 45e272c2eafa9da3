package bnlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every bad request to POST /api/batchnorm is a 4xx with {"error": "..."} that says what is wrong. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchNormApiErrorsTest {
    private final Http http = new Http();

    @AfterAll
    void stop() { http.close(); }

    /** Posts the body and checks status and that the error message contains each fragment. */
    private void refused(int status, String body, String... fragments) {
        refusedAt("/api/batchnorm", status, body, fragments);
    }

    private void refusedAt(String path, int status, String body, String... fragments) {
        HttpResponse<String> response = http.post(path, body);
        assertEquals(status, response.statusCode(), response.body());
        String error = Http.json(response).get("error").asText();
        for (String f : fragments) assertTrue(error.contains(f), "expected '" + f + "' in: " + error);
    }

    @Test void malformed_JSON_gives_400_with_line_and_column() { refused(400, "{\"z\": [[1, 2],", "not valid JSON", "line 1"); }
    @Test void an_empty_body_gives_400() { refused(400, "", "no body"); }
    @Test void a_body_that_is_not_an_object_gives_400() { refused(400, "[[1, 2], [3, 4]]", "JSON object"); }
    @Test void a_misspelt_field_gives_400_naming_it() { refused(400, "{\"z\": [[1], [2]], \"gama\": [1]}", "gama"); }
    @Test void missing_z_gives_400() { refused(400, "{\"gamma\": [1]}", "\"z\" is missing"); }
    @Test void null_z_gives_400() { refused(400, "{\"z\": null}", "\"z\" is missing"); }
    @Test void an_empty_matrix_gives_400() { refused(400, "{\"z\": []}", "empty"); }
    @Test void empty_rows_give_400() { refused(400, "{\"z\": [[], []]}", "empty"); }
    @Test void a_ragged_matrix_gives_400_naming_the_row() { refused(400, "{\"z\": [[1, 2], [3]]}", "z[1]", "1 values", "2"); }
    @Test void a_single_row_gives_400_because_one_value_has_no_variance() { refused(400, "{\"z\": [[1, 2]]}", "at least 2"); }
    @Test void a_flat_list_instead_of_rows_gives_400() { refused(400, "{\"z\": [1, 2, 3]}", "z[0]", "wrong shape"); }
    @Test void a_null_row_gives_400() { refused(400, "{\"z\": [[1], null]}", "z[1]"); }
    @Test void gamma_of_the_wrong_length_gives_400() { refused(400, "{\"z\": [[1, 2], [3, 4]], \"gamma\": [1]}", "\"gamma\" has 1 values", "2 columns"); }
    @Test void beta_of_the_wrong_length_gives_400() { refused(400, "{\"z\": [[1, 2], [3, 4]], \"beta\": [1, 2, 3]}", "\"beta\""); }
    @Test void upstream_of_the_wrong_shape_gives_400() { refused(400, "{\"z\": [[1, 2], [3, 4]], \"upstream\": [[1, 2]]}", "upstream"); }
    @Test void upstream_with_a_short_row_gives_400() { refused(400, "{\"z\": [[1, 2], [3, 4]], \"upstream\": [[1, 2], [3]]}", "upstream"); }
    @Test void a_number_as_a_string_gives_400_naming_the_cell() { refused(400, "{\"z\": [[1, \"2\"], [3, 4]]}", "z[0][1]", "not a number"); }
    @Test void a_word_gives_400_naming_the_cell() { refused(400, "{\"z\": [[1, 2], [3, \"abc\"]]}", "z[1][1]", "not a number"); }
    @Test void NaN_as_a_string_gives_400() { refused(400, "{\"z\": [[1, 2], [\"NaN\", 4]]}", "z[1][0]"); }
    @Test void null_in_a_row_gives_400() { refused(400, "{\"z\": [[1, null], [3, 4]]}", "z[0][1]"); }
    @Test void null_in_gamma_gives_400() { refused(400, "{\"z\": [[1, 2], [3, 4]], \"gamma\": [1, null]}", "gamma[1]"); }
    @Test void a_boolean_gives_400() { refused(400, "{\"z\": [[1, true], [3, 4]]}", "z[0][1]"); }
    @Test void a_bare_NaN_token_is_not_JSON_and_gives_400() { refused(400, "{\"z\": [[1, NaN], [3, 4]]}", "not valid JSON"); }
    @Test void a_bare_Infinity_token_is_not_JSON_and_gives_400() { refused(400, "{\"z\": [[1, Infinity], [3, 4]]}", "not valid JSON"); }
    @Test void a_number_too_large_for_double_gives_400() { refused(400, "{\"z\": [[1, 1e999], [3, 4]]}", "z[0][1]", "not a finite number"); }
    @Test void an_infinite_gamma_gives_400() { refused(400, "{\"z\": [[1], [2]], \"gamma\": [-1e400]}", "gamma[0]"); }
    @Test void an_infinite_upstream_gives_400() { refused(400, "{\"z\": [[1], [2]], \"upstream\": [[1e999], [0]]}", "upstream[0][0]"); }
    @Test void a_negative_epsilon_gives_400() { refused(400, "{\"z\": [[1], [2]], \"epsilon\": -0.1}", "negative"); }
    @Test void epsilon_as_a_string_gives_400() { refused(400, "{\"z\": [[1], [2]], \"epsilon\": \"small\"}", "epsilon"); }
    @Test void epsilon_zero_with_a_constant_column_gives_400_naming_the_column() { refused(400, "{\"z\": [[1, 7], [2, 7]], \"epsilon\": 0}", "Column 1", "constant"); }
    @Test void values_that_overflow_in_the_computation_give_400() { refused(400, "{\"z\": [[1e300], [-1e300]]}", "too large"); }

    @Test
    void more_than_256_rows_gives_413() {
        StringBuilder sb = new StringBuilder("{\"z\": [[0]");
        for (int i = 0; i < 256; i++) sb.append(",[").append(i).append(']');
        refused(413, sb.append("]}").toString(), "257 rows");
    }

    @Test
    void more_than_256_columns_gives_413() {
        StringBuilder row = new StringBuilder("[0");
        for (int j = 1; j < 257; j++) row.append(',').append(j);
        row.append(']');
        refused(413, "{\"z\": [" + row + "," + row + "]}", "257 columns");
    }

    @Test
    void a_body_over_4_MB_gives_413_before_parsing() {
        String padding = " ".repeat(4 * 1024 * 1024 + 10);
        refused(413, "{\"z\": [[1], [2]]" + padding + "}", "4 MB");
    }

    @Test
    void errors_are_written_in_the_requested_language() {
        refusedAt("/api/batchnorm?lang=de", 400, "{\"z\": [[1, 2]]}", "mindestens 2 Datenpunkte");
    }
}
