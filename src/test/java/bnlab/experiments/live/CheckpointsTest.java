package bnlab.experiments.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** A run's validations at fixed iterations, for comparing a class's runs at the same point. */
class CheckpointsTest {
    private static Frame withValidation(long step, double accuracy) {
        Frame.Validation v = new Frame.Validation(step, 1 - accuracy, accuracy);
        var nets = new java.util.LinkedHashMap<String, Frame.Net>();
        nets.put("plain", new Frame.Net(null, v, null, 0.1));
        nets.put("bn", new Frame.Net(null, new Frame.Validation(step, 0.5, accuracy + 0.1), null, 0.1));
        return new Frame(0, step, 0, 0.1, 0.1, new Frame.Watch(0, 0), nets, null, null, null);
    }

    @Test
    void each_checkpoint_holds_the_first_validation_at_or_after_it() {
        Checkpoints c = new Checkpoints();
        c.add(withValidation(90, 0.5));
        c.add(withValidation(150, 0.6));
        c.add(withValidation(1200, 0.8));
        var s = c.snapshot();
        assertEquals(150, s.at(Frame.PLAIN, 100).step());
        assertEquals(1200, s.at(Frame.PLAIN, 200).step(), "no validation between 200 and 1200: the next one counts");
        assertEquals(1200, s.at(Frame.BN, 1000).step());
        assertEquals(0.9, s.at(Frame.BN, 1000).accuracy(), 1e-12);
        assertNull(s.at(Frame.PLAIN, 2000));
        assertNull(s.at(Frame.PLAIN, 123), "not a checkpoint");
    }

    @Test
    void a_fork_has_only_the_checkpoints_it_reaches_itself() {
        Checkpoints fork = new Checkpoints(1429);
        fork.add(withValidation(1450, 0.7)); // past 100..1000, but those were the class's iterations
        assertNull(fork.snapshot().at(Frame.PLAIN, 1000));
        assertNull(fork.snapshot().at(Frame.PLAIN, 2000));
        fork.add(withValidation(2010, 0.75));
        assertEquals(2010, fork.snapshot().at(Frame.PLAIN, 2000).step());
    }
}
