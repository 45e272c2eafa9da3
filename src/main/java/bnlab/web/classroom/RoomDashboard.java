package bnlab.web.classroom;

import bnlab.experiments.live.Checkpoints;
import bnlab.web.lab.RunSummary;
import bnlab.web.lab.ServerMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The instructor's dashboard of a {@link Room}: a row for the class run and one per fork ({@link DashboardRows}),
 * and the class chart, which compares the forks at one checkpoint (chosen by the instructor or a plan's task, else
 * {@link #autoCheckpoint}) on a rate axis a task may set.
 *
 * <p>Guarded by the room's lock: called only from the room's synchronized methods.
 */
final class RoomDashboard {
    private final Room room;
    private Long checkpoint;   // the class chart's iteration as the instructor chose it; null: automatic
    private double[] rates;    // the class chart's rate axis a plan's task set; null: fit to the forks

    RoomDashboard(Room room) { this.room = room; }

    /** The instructor chooses the class chart's iteration: one of the checkpoints. */
    void classChart(long step) throws Room.Refusal {
        if (Checkpoints.index(step) < 0)
            throw new Room.Refusal("the class chart compares at one of " + Arrays.toString(Checkpoints.STEPS), "checkpoint",
                    (Object) Checkpoints.STEPS.length);
        checkpoint = step;
    }

    /** A plan's task begins: its iteration and rate axis for the class chart. */
    void task(long checkpoint, double[] rates) {
        this.checkpoint = checkpoint;
        this.rates = rates;
    }

    /** The task is over: the rate axis fits the forks again. */
    void taskLeft() { rates = null; }

    ServerMessage.Dashboard dashboard() {
        RunSummary cls = room.run.summary();
        List<RunSummary> summaries = new ArrayList<>();
        for (Room.Student s : room.students.all()) for (Fork f : s.forks) summaries.add(f.run.summary());
        long at = checkpoint != null ? checkpoint : autoCheckpoint(cls, summaries);
        List<ServerMessage.DashboardRow> rows = new ArrayList<>();
        int i = 0;
        for (Room.Student s : room.students.all())
            for (Fork f : s.forks)
                rows.add(DashboardRows.row(f.id, s.nickname, s.number, s.viewer != null && s.inFork && f == s.fork(),
                        summaries.get(i++), cls, at));
        return new ServerMessage.Dashboard(room.studentCount(), at, Checkpoints.STEPS,
                DashboardRows.row(null, null, 0, room.instructor != null, cls, cls, at), rows, rates);
    }

    /**
     * The class chart's iteration until the instructor chooses one: the latest checkpoint that at least half of the
     * forks have reached (a fork counts only those after its fork point), else the first one after the class run's
     * iteration, which forks made now reach first.
     *
     * @param cls   the class run's summary
     * @param forks the forks' summaries
     */
    static long autoCheckpoint(RunSummary cls, List<RunSummary> forks) {
        long[] steps = Checkpoints.STEPS;
        for (int i = steps.length - 1; i >= 0 && !forks.isEmpty(); i--) {
            int reached = 0;
            for (RunSummary f : forks) if (reachedCheckpoint(f, steps[i])) reached++;
            if (reached > 0 && 2 * reached >= forks.size()) return steps[i];
        }
        for (long s : steps) if (s > cls.step()) return s;
        return steps[steps.length - 1];
    }

    private static boolean reachedCheckpoint(RunSummary run, long step) {
        for (String net : run.validations().keySet()) if (run.checkpoints().at(net, step) != null) return true;
        return false;
    }
}
