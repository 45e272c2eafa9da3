package bnlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** POST /api/batchnorm with good requests, over real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchNormApiTest {
    private final Http http = new Http();

    @AfterAll
    void stop() { http.close(); }

    private JsonNode ok(String body) {
        var response = http.post("/api/batchnorm", body);
        assertEquals(200, response.statusCode(), response.body());
        return Http.json(response);
    }

    @Test
    void POST_z_column_1_2_3_4_gives_mean_2_5_and_sigma_sqrt_of_1_25_plus_epsilon() {
        JsonNode r = ok("{\"z\": [[1], [2], [3], [4]]}");
        assertEquals(2.5, r.get("mu").get(0).asDouble(), 1e-12);
        assertEquals(Math.sqrt(1.25 + 1e-5), r.get("sigma").get(0).asDouble(), 1e-12);
        assertEquals(-1.5 / Math.sqrt(1.25 + 1e-5), r.get("zTilde").get(0).get(0).asDouble(), 1e-12);
    }

    @Test
    void gamma_and_beta_default_to_ones_and_zeros_so_zHat_equals_zTilde() {
        JsonNode r = ok("{\"z\": [[1, 10], [3, 30]], \"epsilon\": 0}");
        assertEquals(r.get("zTilde"), r.get("zHat"));
        assertEquals(-1.0, r.get("zTilde").get(0).get(1).asDouble(), 1e-12);
    }

    @Test
    void given_gamma_beta_and_epsilon_are_used() {
        JsonNode r = ok("{\"z\": [[1], [2], [3], [4]], \"gamma\": [2], \"beta\": [1], \"epsilon\": 0.75}");
        assertEquals(Math.sqrt(2.0), r.get("sigma").get(0).asDouble(), 1e-12);
        assertEquals(2 * 1.5 / Math.sqrt(2.0) + 1, r.get("zHat").get(3).get(0).asDouble(), 1e-12);
    }

    @Test
    void gradients_are_left_out_without_upstream() {
        assertFalse(ok("{\"z\": [[1], [2]]}").has("gradients"));
    }

    @Test
    void gradients_with_upstream_match_the_formulas_of_batch_norm() {
        JsonNode r = ok("{\"z\": [[1], [2], [3], [4]], \"gamma\": [2], \"epsilon\": 0,"
                + " \"upstream\": [[1], [0], [0], [0]]}");
        JsonNode g = r.get("gradients");
        double sigma = Math.sqrt(1.25), zt0 = -1.5 / sigma;
        assertEquals(1.0, g.get("beta").get(0).asDouble(), 1e-12);
        assertEquals(zt0, g.get("gamma").get(0).asDouble(), 1e-12);
        // dz_i = gamma / (m sigma) * (m dy_i - sum dy - zTilde_i * sum dy zTilde)
        double zt1 = -0.5 / sigma;
        assertEquals(2 / (4 * sigma) * (4 - 1 - zt0 * zt0), g.get("z").get(0).get(0).asDouble(), 1e-12);
        assertEquals(2 / (4 * sigma) * (0 - 1 - zt1 * zt0), g.get("z").get(1).get(0).asDouble(), 1e-12);
    }

    @Test
    void a_constant_column_is_fine_when_epsilon_is_positive() {
        JsonNode r = ok("{\"z\": [[5, 1], [5, 2]]}");
        assertEquals(0.0, r.get("zTilde").get(0).get(0).asDouble(), 0);
        assertTrue(r.get("sigma").get(0).asDouble() > 0);
    }

    @Test
    void a_256_by_256_batch_is_accepted() {
        StringBuilder sb = new StringBuilder("{\"z\": [");
        for (int i = 0; i < 256; i++) {
            sb.append(i == 0 ? "[" : ",[");
            for (int j = 0; j < 256; j++) sb.append(j == 0 ? "" : ",").append((i * 7 + j * 13) % 17);
            sb.append(']');
        }
        JsonNode r = ok(sb.append("]}").toString());
        assertEquals(256, r.get("mu").size());
    }
}
