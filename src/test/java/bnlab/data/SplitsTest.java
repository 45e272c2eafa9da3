package bnlab.data;

import bnlab.engine.Dataset;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

class SplitsTest {
    /** n examples whose single feature is the example's index, so the parts can be traced back. */
    private static Dataset numbered(int n) {
        float[] x = new float[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) { x[i] = i; labels[i] = i % 2; }
        return Dataset.classification("numbered", 1, x, labels, 2, new String[] {"even", "odd"});
    }

    @Test
    void split_puts_the_rounded_fraction_into_validation_and_the_rest_into_training() {
        Dataset.Split s = Splits.split(numbered(1000), 0.2, 1);
        assertEquals(800, s.train().size());
        assertEquals(200, s.validation().size());
        assertEquals(201, Splits.split(numbered(1003), 0.2, 1).validation().size());
    }

    @Test
    void split_uses_every_example_exactly_once_and_keeps_labels_with_their_rows() {
        Dataset.Split s = Splits.split(numbered(101), 0.3, 7);
        float[] all = new float[101];
        System.arraycopy(s.train().x(), 0, all, 0, s.train().size());
        System.arraycopy(s.validation().x(), 0, all, s.train().size(), s.validation().size());
        Arrays.sort(all);
        for (int i = 0; i < 101; i++) assertEquals(i, all[i]);
        for (Dataset part : new Dataset[] {s.train(), s.validation()})
            for (int i = 0; i < part.size(); i++) assertEquals((int) part.x()[i] % 2, part.labels()[i]);
    }

    @Test
    void split_shuffles_and_is_the_same_for_the_same_seed() {
        Dataset d = numbered(200);
        Dataset.Split a = Splits.split(d, 0.25, 42), b = Splits.split(d, 0.25, 42), c = Splits.split(d, 0.25, 43);
        assertArrayEquals(a.train().x(), b.train().x());
        assertArrayEquals(a.validation().x(), b.validation().x());
        assertFalse(Arrays.equals(a.train().x(), c.train().x()));
        float[] firstTrain = Arrays.copyOf(a.train().x(), 150);
        float[] inOrder = new float[150];
        IntStream.range(0, 150).forEach(i -> inOrder[i] = i);
        assertFalse(Arrays.equals(firstTrain, inOrder), "examples should be shuffled");
    }

    @Test
    void split_refuses_fractions_outside_zero_to_one() {
        for (double f : new double[] {0, 1, -0.1, 1.5, Double.NaN}) {
            var e = assertThrows(IllegalArgumentException.class, () -> Splits.split(numbered(10), f, 1));
            assertTrue(e.getMessage().contains("between 0 and 1"), e.getMessage());
        }
    }

    @Test
    void split_refuses_a_split_that_leaves_a_part_empty() {
        var e = assertThrows(IllegalArgumentException.class, () -> Splits.split(numbered(3), 0.1, 1));
        assertTrue(e.getMessage().contains("0 for validation"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Splits.split(numbered(3), 0.9, 1));
        assertTrue(e.getMessage().contains("0 for training"), e.getMessage());
    }

    @Test
    void split_count_takes_exactly_that_many_validation_examples() {
        Dataset.Split s = Splits.splitCount(numbered(10_000), 2000, 3);
        assertEquals(8000, s.train().size());
        assertEquals(2000, s.validation().size());
        assertThrows(IllegalArgumentException.class, () -> Splits.splitCount(numbered(10), 10, 3));
        assertThrows(IllegalArgumentException.class, () -> Splits.splitCount(numbered(10), 0, 3));
    }
}
