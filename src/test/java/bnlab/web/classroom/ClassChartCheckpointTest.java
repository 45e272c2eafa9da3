package bnlab.web.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import bnlab.experiments.live.Checkpoints;
import bnlab.experiments.live.Frame;
import bnlab.web.lab.RunSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Where the class chart compares the runs until the instructor chooses: at an iteration the forks reach. */
class ClassChartCheckpointTest {

    /** A run that was forked at {@code from} (0: the class run) and validated every 100 iterations up to {@code to}. */
    private static RunSummary run(long from, long to) {
        Checkpoints cp = new Checkpoints(from);
        Frame.Validation last = null;
        for (long step = from; step <= to; step += 100) {
            last = new Frame.Validation(step, 0.5, 0.8);
            cp.add(new Frame(step / 100, step, 0, 0.1, 0.1, new Frame.Watch(0, 0),
                    Map.of("plain", new Frame.Net(null, last, null, 0.1), "bn", new Frame.Net(null, last, null, 0.1)), null, null, null));
        }
        return new RunSummary(to, "paused", null, 0.1, Map.of("plain", last, "bn", last), cp.snapshot(), Map.of(), Map.of());
    }

    @Test
    void before_any_fork_reached_a_checkpoint_it_is_the_first_after_the_class_runs_iteration() {
        RunSummary cls = run(0, 1500); // a preset run to its end
        assertEquals(2000, Room.autoCheckpoint(cls, List.of()));
        assertEquals(2000, Room.autoCheckpoint(cls, List.of(run(1500, 1500), run(1500, 1900))),
                "forks made at 1,500 count only checkpoints after it: 1,000 would show none of them");
        assertEquals(100, Room.autoCheckpoint(run(0, 0), List.of()));
        assertEquals(Checkpoints.STEPS[Checkpoints.STEPS.length - 1], Room.autoCheckpoint(run(0, 60_000), List.of()));
    }

    @Test
    void once_forks_train_on_it_is_the_latest_checkpoint_that_at_least_half_of_them_passed() {
        RunSummary cls = run(0, 1500);
        List<RunSummary> forks = new ArrayList<>(List.of(run(1500, 2300), run(1500, 5200), run(1500, 5600), run(1500, 1700)));
        assertEquals(5000, Room.autoCheckpoint(cls, forks), "two of four passed 5,000");
        forks.add(run(1500, 2100));
        assertEquals(2000, Room.autoCheckpoint(cls, forks), "two of five passed 5,000, four of five 2,000");
    }
}
