package bnlab.web.classroom;

import bnlab.experiments.RunFields;
import bnlab.experiments.live.Frame;
import bnlab.web.lab.RunSummary;
import bnlab.web.lab.ServerMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A run as a row of the instructor's dashboard: where it is, how its networks do, what its student changed. */
final class DashboardRows {
    private DashboardRows() {}

    /**
     * @param fork       the run's summary
     * @param cls        the class run's, to compare the set-up with
     * @param checkpoint the iteration the class chart compares at
     */
    static ServerMessage.DashboardRow row(String id, String student, int number, boolean connected, RunSummary fork, RunSummary cls,
                                          long checkpoint) {
        Map<String, ServerMessage.NetStatus> nets = new java.util.LinkedHashMap<>();
        List<String> names = fork.config() != null ? fork.config().netNames() : List.copyOf(fork.validations().keySet());
        for (String name : names)
            nets.put(name, net(fork.validations().get(name), fork.checkpoints().at(name, checkpoint), fork.diverged().contains(name),
                    fork.rates().get(name)));
        return new ServerMessage.DashboardRow(id, student, number, connected, fork.step(), fork.state(), fork.learningRate(),
                changes(fork, cls), nets);
    }

    private static ServerMessage.NetStatus net(Frame.Validation last, Frame.Validation at, boolean diverged, Double rate) {
        return new ServerMessage.NetStatus(last == null ? null : last.accuracy(), last == null ? null : last.loss(), at, diverged, rate,
                last == null ? null : last.step());
    }

    /** What a fork's set-up has that the class run's has not: every run property, and the learning rate now. */
    static List<ServerMessage.Change> changes(RunSummary fork, RunSummary cls) {
        List<ServerMessage.Change> out = new ArrayList<>();
        if (fork.config() == null || cls.config() == null || fork == cls) return out;
        Map<String, Object> mine = RunFields.values(fork.config()), theirs = RunFields.values(cls.config());
        for (RunFields.Field f : RunFields.all()) {
            String name = f.name();
            if (name.equals("rateChanges") || name.equals("learningRate")) continue; // the rate now is compared below
            String a = text(f, mine.get(name)), b = text(f, theirs.get(name)); // as a link writes them: arrays by value
            if (!a.equals(b)) out.add(new ServerMessage.Change(name, a, b));
        }
        if (Double.compare(fork.learningRate(), cls.learningRate()) != 0)
            out.add(new ServerMessage.Change("learningRate", RunFields.text(RunFields.field("learningRate"), fork.learningRate()),
                    RunFields.text(RunFields.field("learningRate"), cls.learningRate())));
        return out;
    }

    private static String text(RunFields.Field f, Object v) { return v == null ? "" : RunFields.text(f, v); }
}
