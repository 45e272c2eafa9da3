package bnlab.web.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bnlab.experiments.Presets;
import bnlab.experiments.RunConfig;
import bnlab.experiments.live.Checkpoints;
import bnlab.experiments.live.Frame;
import bnlab.web.lab.RunSummary;
import bnlab.web.lab.ServerMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A dashboard row: each network's rate as a change of its own, and how a network diverged. */
class DashboardRowsTest {
    private static RunSummary summary(RunConfig config, Map<String, Double> rates, Map<String, Frame.Divergence> diverged) {
        double first = rates.values().iterator().next();
        return new RunSummary(1600, "running", config, first, Map.of(), Checkpoints.Snapshot.NONE, diverged, rates);
    }

    private static Map<String, Double> rates(double plain, double bn) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("plain", plain);
        m.put("bn", bn);
        return m;
    }

    @Test
    void a_rate_that_follows_another_at_its_ratio_is_a_change_of_its_own_named_by_its_network() {
        RunConfig x30 = Presets.RATE_X30.run();
        List<ServerMessage.Change> changes = DashboardRows.changes(summary(x30, rates(1.5, 45), Map.of()),
                summary(x30, rates(0.02, 0.6), Map.of()));
        assertEquals(List.of(new ServerMessage.Change("learningRate", "1.5", "0.02", "plain"),
                new ServerMessage.Change("learningRate", "45", "0.6", "bn")), changes);
    }

    @Test
    void only_the_networks_whose_rate_differs_are_listed() {
        RunConfig x30 = Presets.RATE_X30.run();
        assertEquals(List.of(new ServerMessage.Change("learningRate", "0.9", "0.6", "bn")),
                DashboardRows.changes(summary(x30, rates(0.02, 0.9), Map.of()), summary(x30, rates(0.02, 0.6), Map.of())));
        assertTrue(DashboardRows.changes(summary(x30, rates(0.02, 0.6), Map.of()), summary(x30, rates(0.02, 0.6), Map.of())).isEmpty());
    }

    @Test
    void networks_that_share_one_rate_in_both_runs_make_one_change_without_a_name() {
        RunConfig lecture = Presets.LECTURE.run();
        assertEquals(List.of(new ServerMessage.Change("learningRate", "2.5", "0.5", null)),
                DashboardRows.changes(summary(lecture, rates(2.5, 2.5), Map.of()), summary(lecture, rates(0.5, 0.5), Map.of())));
    }

    @Test
    void a_rate_made_by_a_ratio_is_shown_without_the_floats_last_digits() {
        RunConfig x30 = Presets.RATE_X30.run(); // BN at 30 times: 0.03 x (0.6 / 0.02) = 0.8999999999999999
        double bn = 0.03 * (0.6 / 0.02);
        assertFalse(bn == 0.9, "the product is not exactly 0.9");
        assertEquals(new ServerMessage.Change("learningRate", "0.9", "0.6", "bn"),
                DashboardRows.changes(summary(x30, rates(0.03, bn), Map.of()), summary(x30, rates(0.02, 0.6), Map.of())).get(1));
    }

    @Test
    void a_row_says_for_every_kind_that_a_network_diverged_and_how_and_when() {
        RunConfig x30 = Presets.RATE_X30.run();
        Frame.Divergence exploded = new Frame.Divergence("bn", 1605, Frame.Divergence.EXPLODED, -1e9, 1e4, null, null, 45);
        RunSummary fork = summary(x30, rates(1.5, 45), Map.of("bn", exploded));
        ServerMessage.DashboardRow row = DashboardRows.row("f1", "Ada", 1, true, fork, summary(x30, rates(0.02, 0.6), Map.of()), 1000);
        ServerMessage.NetStatus bn = row.nets().get("bn"), plain = row.nets().get("plain");
        assertTrue(bn.diverged());
        assertEquals("exploded", bn.divergedKind());
        assertEquals(1605L, bn.divergedStep());
        assertFalse(plain.diverged());
        assertNull(plain.divergedKind());
        assertNull(plain.divergedStep());
        Frame.Divergence old = new Frame.Divergence("plain", 19, null, null, null, null, "NaN", 20);
        ServerMessage.NetStatus stopped = DashboardRows.row("f2", null, 2, true, summary(x30, rates(1.5, 45), Map.of("plain", old)),
                summary(x30, rates(0.02, 0.6), Map.of()), 1000).nets().get("plain");
        assertEquals("nonFinite", stopped.divergedKind(), "a divergence without a kind is a non-finite loss");
    }
}
