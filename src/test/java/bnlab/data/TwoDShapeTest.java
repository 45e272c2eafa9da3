package bnlab.data;

import bnlab.engine.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TwoDShapeTest {

    @ParameterizedTest
    @EnumSource(TwoDShape.class)
    void every_shape_gives_the_requested_points_with_two_features_and_two_named_classes(TwoDShape shape) {
        for (int n : new int[] {2, 7, 500}) {
            Dataset d = shape.generate(n, 0.2, 5);
            assertEquals(n, d.size());
            assertEquals(2, d.features());
            assertEquals(2, d.classes());
            assertEquals(2, d.classNames().length);
            assertEquals(shape.id(), d.name());
            for (int label : d.labels()) assertTrue(label == 0 || label == 1);
            for (float v : d.x()) assertTrue(Float.isFinite(v) && Math.abs(v) < 20, "coordinate " + v);
        }
    }

    @ParameterizedTest
    @EnumSource(TwoDShape.class)
    void every_shape_is_the_same_for_the_same_seed_and_differs_for_another(TwoDShape shape) {
        Dataset a = shape.generate(300, 0.1, 11), b = shape.generate(300, 0.1, 11), c = shape.generate(300, 0.1, 12);
        assertArrayEquals(a.x(), b.x());
        assertArrayEquals(a.labels(), b.labels());
        assertFalse(java.util.Arrays.equals(a.x(), c.x()));
    }

    @ParameterizedTest
    @EnumSource(TwoDShape.class)
    void every_shape_has_roughly_balanced_classes(TwoDShape shape) {
        for (double noise : new double[] {0, 0.25, 0.5}) {
            Dataset d = shape.generate(1000, noise, 3);
            int ones = 0;
            for (int l : d.labels()) ones += l;
            // Playground's circle labels by the noisy position, which at 50 % noise leaves about a third inside
            assertTrue(ones > 300 && ones < 700, shape + " noise " + noise + ": " + ones + " of 1000 in class 1");
        }
    }

    @Test
    void circle_without_noise_puts_the_inner_disc_in_class_1_and_the_outer_ring_in_class_0() {
        Dataset d = TwoDShape.CIRCLE.generate(1000, 0, 9);
        for (int i = 0; i < d.size(); i++) {
            double r = Math.hypot(d.x()[2 * i], d.x()[2 * i + 1]);
            if (d.labels()[i] == 1) assertTrue(r < 2.5, "inner point at radius " + r);
            else assertTrue(r >= 3.5 && r <= 5.0001, "outer point at radius " + r);
        }
    }

    @Test
    void xor_without_noise_labels_by_the_sign_of_x_times_y_and_keeps_off_the_axes() {
        Dataset d = TwoDShape.XOR.generate(1000, 0, 9);
        for (int i = 0; i < d.size(); i++) {
            float x = d.x()[2 * i], y = d.x()[2 * i + 1];
            assertEquals(x * y >= 0 ? 1 : 0, d.labels()[i]);
            assertTrue(Math.abs(x) >= 0.3f && Math.abs(y) >= 0.3f && Math.abs(x) <= 5.3f && Math.abs(y) <= 5.3f);
        }
    }

    @Test
    void xor_and_circle_with_noise_flip_some_labels_near_the_border() {
        Dataset d = TwoDShape.XOR.generate(1000, 0.5, 9);
        int flipped = 0;
        for (int i = 0; i < d.size(); i++)
            if ((d.x()[2 * i] * d.x()[2 * i + 1] >= 0 ? 1 : 0) != d.labels()[i]) flipped++;
        assertTrue(flipped > 20 && flipped < 400, flipped + " flipped");
    }

    @Test
    void gauss_centres_the_classes_at_plus_and_minus_two() {
        Dataset d = TwoDShape.GAUSS.generate(2000, 0, 4);
        double[] sum = new double[2];
        int[] count = new int[2];
        for (int i = 0; i < d.size(); i++) { sum[d.labels()[i]] += d.x()[2 * i] + d.x()[2 * i + 1]; count[d.labels()[i]]++; }
        assertEquals(4, sum[1] / count[1] / 1, 0.15);
        assertEquals(-4, sum[0] / count[0], 0.15);
    }

    @Test
    void spiral_without_noise_has_its_two_arms_opposite_each_other() {
        Dataset d = TwoDShape.SPIRAL.generate(200, 0, 4);
        // point i of arm A (class 1) and point i of arm B (class 0) are mirrored through the origin
        for (int i = 0; i < 100; i++) {
            assertEquals(1, d.labels()[i]);
            assertEquals(0, d.labels()[100 + i]);
            assertEquals(-d.x()[2 * i], d.x()[2 * (100 + i)], 1e-5);
            assertEquals(-d.x()[2 * i + 1], d.x()[2 * (100 + i) + 1], 1e-5);
            assertEquals(5.0 * i / 100, Math.hypot(d.x()[2 * i], d.x()[2 * i + 1]), 1e-5);
        }
    }

    @Test
    void by_name_finds_each_shape_ignoring_case() {
        assertEquals(List.of("circle", "xor", "gauss", "spiral"), TwoDShape.names());
        for (TwoDShape s : TwoDShape.values()) assertSame(s, TwoDShape.byName(s.id().toUpperCase()));
    }

    @Test
    void by_name_rejects_an_unknown_name_and_lists_the_allowed_ones() {
        var e = assertThrows(IllegalArgumentException.class, () -> TwoDShape.byName("moons"));
        assertEquals("unknown two-dimensional data set 'moons'; allowed: circle, xor, gauss, spiral", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TwoDShape.byName(null));
    }

    @Test
    void generate_refuses_noise_outside_zero_to_a_half_and_too_few_points() {
        assertThrows(IllegalArgumentException.class, () -> TwoDShape.XOR.generate(100, 0.6, 1));
        assertThrows(IllegalArgumentException.class, () -> TwoDShape.XOR.generate(100, -0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> TwoDShape.XOR.generate(1, 0.1, 1));
    }
}
