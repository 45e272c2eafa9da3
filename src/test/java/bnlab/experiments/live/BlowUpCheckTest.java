package bnlab.experiments.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import bnlab.engine.Dataset;
import org.junit.jupiter.api.Test;

/** The three signs of a blow-up on made-up traces: an exploded input, a loss far worse than guessing, a collapse. */
class BlowUpCheckTest {
    /** Three classes (guessing costs ln 3 = 1.0986); validation labels 0,0,0,1,2: chance is 3/5 = 0.6. */
    private static final Dataset TRAIN = Dataset.classification("t", 1, new float[6], new int[]{0, 1, 2, 0, 1, 2}, 3, null);
    private static final Dataset VALIDATION = Dataset.classification("v", 1, new float[5], new int[]{0, 0, 0, 1, 2}, 3, null);
    private static final double GUESS = Math.log(3);

    private static BlowUpCheck check() { return new BlowUpCheck("bn", TRAIN, VALIDATION); }

    @Test
    void chance_is_the_share_of_the_most_common_class_in_the_validation_set() {
        assertEquals(0.6, check().chance(), 1e-12);
        Dataset even = Dataset.classification("e", 1, new float[4], new int[]{0, 1, 2, 3}, 4, null);
        assertEquals(0.25, BlowUpCheck.chance(even), 1e-12, "at least 1/classes");
    }

    @Test
    void a_neuron_input_at_the_bound_marks_the_network_exploded_with_the_signed_value() {
        BlowUpCheck c = check();
        for (int s = 1; s <= 50; s++) assertNull(c.afterStep(s, 0.9, s % 2 == 0 ? 9_999f : -9_999f, 0.1), "below the bound");
        Frame.Divergence d = c.afterStep(51, 0.9, -1e9f, 0.6);
        assertNotNull(d);
        assertEquals(new Frame.Divergence("bn", 51, Frame.Divergence.EXPLODED, -1e9, 1e4, null, null, 0.6), d);
        assertEquals(BlowUpCheck.INPUT_BOUND, 1e4f);
        assertNotNull(check().afterStep(1, 0.9, 1e4f, 0.1), "the bound itself counts");
        assertEquals(Frame.Divergence.EXPLODED, check().afterStep(1, 0.9, Float.NaN, 0.1).kind(), "so does NaN");
        assertEquals(Frame.Divergence.EXPLODED, check().afterStep(1, 0.9, Float.NEGATIVE_INFINITY, 0.1).kind());
    }

    @Test
    void a_block_of_training_losses_at_three_times_guessing_is_worse_than_guessing() {
        BlowUpCheck c = check();
        for (int s = 1; s <= 100; s++) assertNull(c.afterStep(s, 10, 5f, 2), "the first block is not judged: a start may thrash");
        for (int s = 101; s < 200; s++) assertNull(c.afterStep(s, 3.3, 5f, 2));
        Frame.Divergence d = c.afterStep(200, 3.3, 5f, 2);
        assertNotNull(d, "mean 3.3 >= 3 ln 3 = 3.296");
        assertEquals(Frame.Divergence.WORSE_THAN_GUESSING, d.kind());
        assertEquals(3.3, d.value(), 1e-9);
        assertEquals(3 * GUESS, d.limit(), 1e-12);
        assertEquals(200, d.step());
        assertEquals(2, d.learningRate());
    }

    @Test
    void odd_batches_do_not_make_a_block_worse_than_guessing_and_blocks_start_afresh() {
        BlowUpCheck c = check();
        for (int s = 1; s <= 100; s++) assertNull(c.afterStep(s, s == 50 ? 30 : 0.5, 5f, 2), "one batch of 30 among 0.5s: mean 0.795");
        for (int s = 101; s <= 150; s++) assertNull(c.afterStep(s, 6, 5f, 2));
        for (int s = 151; s <= 200; s++) assertNull(c.afterStep(s, 0.5, 5f, 2), "half a block at 6 and half at 0.5: mean 3.25");
        for (int s = 201; s < 300; s++) assertNull(c.afterStep(s, 3.4, 5f, 2), "the block is not full yet");
        assertNotNull(c.afterStep(300, 3.4, 5f, 2));
    }

    @Test
    void a_network_that_had_learned_and_stays_at_chance_for_five_measurements_and_500_steps_collapsed() {
        BlowUpCheck c = check();
        assertNull(c.afterValidation(0, 0.4, 0.5));
        assertNull(c.afterValidation(100, 0.8, 0.5), "learned: at least halfway from chance 0.6 to 1");
        assertNull(c.afterValidation(200, 0.6, 0.5), "no better than chance: the first");
        for (long s = 300; s <= 600; s += 100) assertNull(c.afterValidation(s, 0.4, 0.5), "five measurements, but 400 steps");
        Frame.Divergence d = c.afterValidation(700, 0.2, 0.5);
        assertEquals(new Frame.Divergence("bn", 700, Frame.Divergence.COLLAPSED, 0.2, 0.6, 0.8, null, 0.5), d);
    }

    @Test
    void five_measurements_at_chance_spread_over_500_steps_are_enough() {
        BlowUpCheck c = check();
        c.afterValidation(0, 1.0, 0.5);
        for (long s = 1000; s < 5000; s += 1000) assertNull(c.afterValidation(s, 0.6, 0.5));
        assertNotNull(c.afterValidation(5000, 0.6, 0.5));
    }

    @Test
    void a_network_that_never_learned_or_comes_back_from_chance_did_not_collapse() {
        BlowUpCheck never = check();
        never.afterValidation(0, 0.79, 0.5); // short of halfway (0.8)
        for (long s = 100; s <= 3000; s += 100) assertNull(never.afterValidation(s, 0.5, 0.5), "at chance all along");

        BlowUpCheck noisy = check();
        noisy.afterValidation(0, 0.9, 0.5);
        for (long s = 100; s <= 3000; s += 100)
            assertNull(noisy.afterValidation(s, s % 500 == 0 ? 0.8 : 0.6, 0.5), "four at chance, then back (BN with batches of 2)");
        assertNull(noisy.afterValidation(3100, 0.61, 0.5), "just above chance is not at chance");
    }

    @Test
    void regression_has_no_loss_or_accuracy_bound_only_the_inputs() {
        Dataset train = Dataset.regression("r", 1, new float[4], new float[4], 1);
        BlowUpCheck c = new BlowUpCheck("plain", train, train);
        for (int s = 1; s <= 300; s++) assertNull(c.afterStep(s, 1e6, 5f, 0.1));
        for (long s = 0; s < 3000; s += 100) assertNull(c.afterValidation(s, Double.NaN, 0.1));
        assertNotNull(c.afterStep(301, 1e6, 2e4f, 0.1));
    }

    @Test
    void a_copy_goes_on_exactly_as_the_original_would() {
        BlowUpCheck a = check();
        for (int s = 1; s <= 160; s++) a.afterStep(s, s <= 100 ? 0.5 : 3.5, 5f, 1);
        a.afterValidation(0, 0.9, 1);
        for (long s = 100; s <= 400; s += 100) a.afterValidation(s, 0.6, 1);
        BlowUpCheck b = a.copy();
        for (int s = 161; s < 200; s++) {
            assertNull(a.afterStep(s, 3.5, 5f, 1));
            assertNull(b.afterStep(s, 3.5, 5f, 1));
        }
        Frame.Divergence worse = a.afterStep(200, 3.5, 5f, 1);
        assertNotNull(worse);
        assertEquals(worse, b.afterStep(200, 3.5, 5f, 1), "the block begun before the copy");
        Frame.Divergence collapsed = a.afterValidation(600, 0.5, 1);
        assertNotNull(collapsed, "five at chance over 500 steps");
        assertEquals(collapsed, b.afterValidation(600, 0.5, 1), "the run at chance begun before the copy");
    }
}
