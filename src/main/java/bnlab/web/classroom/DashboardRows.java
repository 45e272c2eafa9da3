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
            nets.put(name, net(fork.validations().get(name), fork.checkpoints().at(name, checkpoint), fork.diverged().get(name),
                    fork.baseLearningRates().get(name)));
        return new ServerMessage.DashboardRow(id, student, number, connected, fork.step(), fork.state(), fork.baseLearningRate(),
                changes(fork, cls), nets);
    }

    private static ServerMessage.NetStatus net(Frame.Validation last, Frame.Validation at, Frame.Divergence d, Double rate) {
        return new ServerMessage.NetStatus(last == null ? null : last.accuracy(), last == null ? null : last.loss(), at, d != null,
                d == null ? null : d.kind() == null ? Frame.Divergence.NON_FINITE : d.kind(), d == null ? null : d.step(), rate,
                last == null ? null : last.step());
    }

    /**
     * What a fork's set-up has that the class run's has not: every run property, and the learning rates now. The rates
     * are compared network by network, since one network's rate may follow another's (the BN network's own rate keeps its
     * ratio to the first one's: 1.5 typed into a set-up with 0.02 and 0.6 gives the BN network 45): each network whose
     * base rate differs from the class run's same network is a change of its own, named. When every network of the run
     * changed alike (one rate for all, in both runs), one change without a network says so, as before 2026-12.
     */
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
        out.addAll(rateChanges(fork, cls));
        return out;
    }

    private static List<ServerMessage.Change> rateChanges(RunSummary fork, RunSummary cls) {
        List<ServerMessage.Change> out = new ArrayList<>();
        Map<String, Double> mine = fork.baseLearningRates(), theirs = cls.baseLearningRates();
        for (Map.Entry<String, Double> e : mine.entrySet()) {
            Double a = e.getValue(), b = theirs.get(e.getKey());
            if (a != null && b != null && Double.compare(a, b) != 0)
                out.add(new ServerMessage.Change("learningRate", rate(a), rate(b), e.getKey()));
        }
        boolean alike = !out.isEmpty() && out.size() == mine.size()
                && out.stream().allMatch(c -> c.value().equals(out.get(0).value()) && c.classValue().equals(out.get(0).classValue()));
        if (alike || (mine.isEmpty() && Double.compare(fork.baseLearningRate(), cls.baseLearningRate()) != 0))
            return List.of(new ServerMessage.Change("learningRate", rate(fork.baseLearningRate()), rate(cls.baseLearningRate())));
        return out;
    }

    /**
     * A rate as a link writes it, to 10 significant digits: a rate that follows another at its ratio is a product
     * (0.3 x 0.1 / 0.02 = 1.5000000000000002), and the float's last digits are noise, not a change.
     */
    private static String rate(double r) {
        double shown = Double.isFinite(r) ? new java.math.BigDecimal(r).round(new java.math.MathContext(10)).doubleValue() : r;
        return RunFields.text(RunFields.field("learningRate"), shown);
    }

    private static String text(RunFields.Field f, Object v) { return v == null ? "" : RunFields.text(f, v); }
}
