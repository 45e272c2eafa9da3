package bnlab.experiments.live;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SeriesSummarizerTest {

    /** Records steps from..to with loss = step, accuracy = step / 1000, percentile j = step * 10 + j. */
    static void feed(SeriesSummarizer s, long from, long to) {
        float[] v = new float[3];
        for (long t = from; t <= to; t++) {
            for (int j = 0; j < 3; j++) v[j] = t * 10 + j;
            s.record(t, t, t / 1000.0, v);
        }
    }

    @Test
    void up_to_max_buckets_steps_are_sent_one_by_one_with_their_exact_values() {
        SeriesSummarizer s = new SeriesSummarizer(8, 3);
        feed(s, 1, 8);
        Frame.Series f = s.cut();
        assertArrayEquals(new long[]{1, 2, 3, 4, 5, 6, 7, 8}, f.first());
        assertArrayEquals(f.first(), f.last());
        assertEquals(5f, f.loss()[4]);
        assertEquals(0.005f, f.accuracy()[4], 1e-7);
        assertEquals(52f, f.percentiles()[2][4]);
        assertNull(f.percentilesMin(), "single steps need no extremes");
        assertNull(f.percentilesMax());
    }

    @ParameterizedTest(name = "{0} steps")
    @ValueSource(ints = {1, 7, 8, 9, 15, 16, 17, 33, 100, 1000, 4097})
    void every_step_is_in_exactly_one_bucket_and_buckets_never_exceed_the_cap(int n) {
        SeriesSummarizer s = new SeriesSummarizer(8, 3);
        long start = 101;
        feed(s, start, start + n - 1);
        assertEquals(n, s.steps());
        Frame.Series f = s.cut();
        int buckets = f.first().length;
        assertTrue(buckets <= 8, buckets + " buckets");
        assertEquals(start, f.first()[0], "the first bucket starts at the first step since the last frame");
        assertEquals(start + n - 1, f.last()[buckets - 1], "the last bucket ends at the current step");
        for (int b = 1; b < buckets; b++) assertEquals(f.last()[b - 1] + 1, f.first()[b], "no gap, no overlap at bucket " + b);
        // The width is the smallest power of two w with ceil(n / w) <= 8; all buckets but the last are full.
        int w = 1;
        while ((n + w - 1) / w > 8) w *= 2;
        assertEquals((n + w - 1) / w, buckets);
        for (int b = 0; b < buckets - 1; b++) assertEquals(w, f.last()[b] - f.first()[b] + 1);
        assertTrue(f.last()[buckets - 1] - f.first()[buckets - 1] + 1 <= w);
    }

    @Test
    void merged_buckets_hold_the_mean_and_the_extremes_of_their_steps() {
        SeriesSummarizer s = new SeriesSummarizer(4, 3);
        feed(s, 1, 10); // w = 4: buckets 1-4, 5-8, 9-10
        Frame.Series f = s.cut();
        assertArrayEquals(new long[]{1, 5, 9}, f.first());
        assertArrayEquals(new long[]{4, 8, 10}, f.last());
        assertArrayEquals(new float[]{2.5f, 6.5f, 9.5f}, f.loss());
        assertEquals(0.0065f, f.accuracy()[1], 1e-7);
        // percentile 1 of step t is 10 t + 1
        assertArrayEquals(new float[]{26f, 66f, 96f}, f.percentiles()[1]);
        assertArrayEquals(new float[]{11f, 51f, 91f}, f.percentilesMin()[1]);
        assertArrayEquals(new float[]{41f, 81f, 101f}, f.percentilesMax()[1]);
    }

    @Test
    void a_cut_starts_afresh_with_single_steps() {
        SeriesSummarizer s = new SeriesSummarizer(4, 3);
        feed(s, 1, 100);
        s.cut();
        assertEquals(0, s.steps());
        assertEquals(1, s.width());
        feed(s, 101, 102);
        Frame.Series f = s.cut();
        assertArrayEquals(new long[]{101, 102}, f.first());
        assertNull(f.percentilesMin());
    }

    @Test
    void a_frame_without_steps_has_empty_columns() {
        Frame.Series f = new SeriesSummarizer(4, 3).cut();
        assertEquals(0, f.first().length);
        assertEquals(3, f.percentiles().length);
        assertEquals(0, f.percentiles()[0].length);
    }
}
