package bnlab.experiments.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bnlab.engine.Activation;
import bnlab.experiments.Datasets;
import bnlab.experiments.Presets;
import bnlab.experiments.RunConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real runs that blow up: marked once with the kind, training on; a later non-finite loss stops them. */
class LiveRunBlowUpTest {
    private static LiveRun live(RunConfig c) throws Exception {
        return new LiveRun(c, Datasets.load(c, null, null), LiveSettings.defaults());
    }

    private static Frame.Divergence of(List<Frame.Divergence> list, String network) {
        return list.stream().filter(d -> d.network().equals(network)).findFirst().orElse(null);
    }

    private static long lastStep(Frame.Series s) { return s.last()[s.last().length - 1]; }

    @Test
    void rate_1_5_in_the_x30_set_up_blows_up_both_networks_which_are_marked_once_and_train_on() throws Exception {
        // The trial's case: 1.5 typed into rate-x30 (plain at 0.02, BN at 30 times the plain rate): BN at 45.
        RunConfig c = Presets.RATE_X30.run().withStartingRate(1.5);
        assertEquals(45, c.bnNetLearningRate(), 1e-9);
        LiveRun run = live(c);
        run.frame();
        run.advance(20);
        List<Frame.Divergence> found = run.takeDivergences();
        Frame f = run.frame();
        for (String net : List.of("plain", "bn")) {
            Frame.Divergence d = of(found, net);
            assertNotNull(d, net + " is marked within 20 iterations: " + found);
            assertEquals(Frame.Divergence.EXPLODED, d.kind(), net);
            assertTrue(Math.abs(d.value()) >= 1e4, net + ": " + d.value());
            assertEquals(1e4, d.limit());
            assertNull(d.loss(), "a finite loss: no loss text");
            assertEquals(net.equals("bn") ? 45 : 1.5, d.learningRate(), 1e-9);
            assertEquals(d, f.net(net).diverged(), "every frame carries it");
        }
        assertFalse(run.finished());
        run.advance(100);
        for (Frame.Divergence d : run.takeDivergences())
            assertEquals(Frame.Divergence.NON_FINITE, d.kind(), "marked once; only a stop would be announced again");
        Frame g = run.frame();
        assertTrue(g.net("bn").diverged().stopped() || lastStep(g.net("bn").series()) == 120, "a blown-up network trains on");
        assertNotNull(g.histogram(), "and is still drawn");
    }

    @Test
    void a_network_marked_exploded_whose_loss_then_overflows_is_announced_again_and_stops() throws Exception {
        // ReLU at rate 20 with momentum 0.9 on xor (seed 3): the plain network's inputs explode, then its loss overflows.
        RunConfig c = LiveRunTest.xor(Activation.RELU, 20, 0.9);
        LiveRun run = live(c);
        run.advance(300);
        List<Frame.Divergence> plain = run.takeDivergences().stream().filter(d -> d.network().equals("plain")).toList();
        assertEquals(2, plain.size(), plain.toString());
        Frame.Divergence first = plain.get(0), stop = plain.get(1);
        assertEquals(Frame.Divergence.EXPLODED, first.kind());
        assertEquals(Frame.Divergence.NON_FINITE, stop.kind());
        assertTrue(first.step() < stop.step(), "the inputs explode before the loss overflows");
        assertTrue(stop.stopped());
        assertEquals(stop, run.frame().net("plain").diverged(), "the frames carry the stop from then on");
        run.advance(10);
        assertTrue(run.takeDivergences().stream().noneMatch(d -> d.network().equals("plain")), "announced at most twice");
    }

    @Test
    void the_x30_rate_typed_after_training_blows_up_the_fork_from_where_it_had_learned() throws Exception {
        // A student forks the class run at 1,500 iterations and types 1.5 (BN at 45).
        LiveRun run = live(Presets.RATE_X30.run());
        for (int i = 0; i < 300; i++) {
            run.advance(5);
            run.frame();
        }
        assertTrue(run.takeDivergences().isEmpty(), "healthy at 0.02 and 0.6");
        LiveRun fork = run.fork(null);
        fork.setLearningRate(1.5);
        assertEquals(45, fork.baseLearningRates().get("bn"), 1e-9);
        fork.advance(20);
        List<Frame.Divergence> found = fork.takeDivergences();
        assertEquals(Frame.Divergence.EXPLODED, of(found, "bn").kind(), found.toString());
        assertTrue(of(found, "bn").step() > 1500);
        assertTrue(run.takeDivergences().isEmpty(), "the class run is not touched");
    }

    @Test
    void a_bn_network_that_had_learned_collapses_to_chance_when_its_rate_jumps_to_5() throws Exception {
        // rate-both (spiral, both at 0.6) for 1,500 iterations, then 5 (BlowUpProbe: BN collapses on 25 seeds of 25).
        LiveRun run = live(Presets.RATE_BOTH.run());
        run.frame();
        while (run.step() < 1500) {
            run.advance(5);
            run.frame();
        }
        assertTrue(run.takeDivergences().stream().noneMatch(d -> d.network().equals("bn")), "BN trains well at 0.6");
        run.setLearningRate(5);
        Frame.Divergence collapse = null;
        while (collapse == null && run.step() < 3000) {
            run.advance(5);
            Frame f = run.frame();
            collapse = of(run.takeDivergences(), "bn");
            if (collapse != null) assertEquals(collapse, f.net("bn").diverged(), "announced with the frame that shows it");
        }
        assertNotNull(collapse, "BN's accuracy stays at chance");
        assertEquals(Frame.Divergence.COLLAPSED, collapse.kind());
        assertTrue(collapse.best() >= collapse.limit() + (1 - collapse.limit()) / 2, "it had learned: " + collapse);
        assertTrue(collapse.value() <= collapse.limit(), "and is no better than chance now: " + collapse);
        assertEquals(5, collapse.learningRate(), 1e-12);
        assertTrue(collapse.step() >= 2000, "five validations at chance over 500 iterations at least: " + collapse.step());
    }

    @Test
    void the_presets_own_run_is_never_marked() throws Exception {
        // rate-x30 at its own rates and length (BlowUpProbe: none of 25 seeds is marked)
        LiveRun run = live(Presets.RATE_X30.run());
        run.frame();
        while (run.step() < Presets.RATE_X30.length()) {
            run.advance(5);
            run.frame();
        }
        assertTrue(run.takeDivergences().isEmpty());
    }
}
