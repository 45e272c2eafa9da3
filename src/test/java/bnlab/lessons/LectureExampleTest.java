package bnlab.lessons;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class LectureExampleTest {
    private final LectureExample example = new LectureExample();

    @Test
    void the_batch_matrices_have_the_lectures_shape_8_data_points_by_8_neurons() {
        BatchView v = example.batchAt(1, 0);
        assertEquals(8, v.z().length);
        assertEquals(8, v.z()[0].length);
        assertEquals(5, v.x()[0].length);
        assertEquals(8, v.mu().length);
        assertEquals(1e-5, v.epsilon(), 1e-12);
    }

    @Test
    void the_numbers_follow_the_batch_normalization_formulas() {
        BatchView v = example.batchAt(3, 17);
        for (int j = 0; j < 8; j++) {
            double mu = 0, var = 0;
            for (int i = 0; i < 8; i++) mu += v.z()[i][j];
            mu /= 8;
            for (int i = 0; i < 8; i++) var += Math.pow(v.z()[i][j] - mu, 2);
            double sigma = Math.sqrt(var / 8 + v.epsilon());
            assertEquals(mu, v.mu()[j], 1e-5);
            assertEquals(sigma, v.sigma()[j], 1e-5);
            for (int i = 0; i < 8; i++) {
                double tilde = (v.z()[i][j] - mu) / sigma;
                assertEquals(tilde, v.zTilde()[i][j], 1e-4);
                assertEquals(v.gamma()[j] * tilde + v.beta()[j], v.zHat()[i][j], 1e-4);
            }
        }
    }

    @Test
    void the_same_seed_and_iteration_give_the_same_numbers_and_a_step_moves_them() {
        BatchView a = example.batchAt(5, 10), b = example.batchAt(5, 10), c = example.batchAt(5, 11);
        assertArrayEquals(a.z()[0], b.z()[0], 0.0);
        assertArrayEquals(a.gamma(), b.gamma(), 0.0);
        assertFalse(java.util.Arrays.equals(a.gamma(), c.gamma()), "gamma moves with a step");
        assertFalse(java.util.Arrays.equals(a.beta(), c.beta()), "beta moves with a step");
        assertFalse(java.util.Arrays.equals(a.mu(), c.mu()), "mu changes with the next batch");
    }

    @Test
    void gamma_and_beta_start_at_one_and_zero() {
        BatchView v = example.batchAt(2, 0);
        for (int j = 0; j < 8; j++) {
            assertEquals(1, v.gamma()[j], 0);
            assertEquals(0, v.beta()[j], 0);
        }
    }

    @Test
    void the_gradient_with_respect_to_z_sums_to_zero_over_the_batch() {
        BatchView v = example.batchAt(1, 3);
        for (int j = 0; j < 8; j++) {
            double s = 0;
            for (int i = 0; i < 8; i++) s += v.dz()[i][j];
            assertEquals(0, s, 1e-6);
        }
    }

    @Test
    void an_iteration_out_of_range_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> example.batchAt(1, -1));
        assertThrows(IllegalArgumentException.class, () -> example.batchAt(1, BatchSource.MAX_ITERATION + 1));
    }
}
