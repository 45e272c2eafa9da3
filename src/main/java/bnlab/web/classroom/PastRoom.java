package bnlab.web.classroom;

import bnlab.experiments.live.Checkpoints;
import bnlab.lessons.plan.LecturePlan;
import bnlab.record.ClassRecord;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A room of the class's record as its pages after class show it (read-only): its runs as the dashboard's rows, the
 * class chart's points at one checkpoint, and the answers to the plan's questions counted per round.
 *
 * @param nets        the class run's networks, in its order
 * @param rows        the class run first, then every fork
 * @param checkpoint  the iteration the chart compares at: the one that most forks reached (the later on a tie); -1 when
 *                    no fork reached one (they were made after the last): then each run's last validation
 * @param checkpoints every checkpoint some run reached
 * @param questions   per question of the plan that was answered
 */
public record PastRoom(ClassRecord.Room room, List<String> nets, List<Row> rows, long checkpoint, List<Long> checkpoints,
                       List<Question> questions) {

    /**
     * A run: {@code runId} "" for the class run.
     *
     * @param nets per network: its rate, last accuracy, how it diverged, and its accuracy at each checkpoint
     */
    public record Row(String runId, Integer number, String nickname, String link, long fromStep, long step, Map<String, Net> nets) {
        public boolean isClassRun() { return runId.isEmpty(); }
    }

    public record Net(Double learningRate, Double accuracy, String divergedKind, Long divergedStep, Map<Long, Double> at) {
        /** The accuracy at a checkpoint, or the last one measured for checkpoint -1. */
        public Double accuracyAt(long checkpoint) { return checkpoint < 0 ? accuracy : at.get(checkpoint); }
    }

    /** Whether the chart compares the runs' last validations, since no fork reached a checkpoint. */
    public boolean lastMeasured() { return checkpoint < 0; }

    /** @param prompt the question's text in the page's language, or null (the plan is gone) @param rounds round -> counts per answer */
    public record Question(int step, String prompt, List<String> answers, Map<Integer, int[]> rounds) {}

    /** Reads a room's record; {@code plan} is the plan it followed if this server still has it (for the questions' texts). */
    static PastRoom read(ClassRecord record, ClassRecord.Room room, LecturePlan plan, String language) throws SQLException {
        List<String> nets = new ArrayList<>();
        Map<String, Map<String, ClassRecord.Net>> netsByRun = new LinkedHashMap<>();
        for (ClassRecord.Net n : record.nets(room.id())) {
            netsByRun.computeIfAbsent(n.runId(), k -> new LinkedHashMap<>()).put(n.net(), n);
            if (n.runId().isEmpty()) nets.add(n.net());
        }
        Map<String, Map<String, Map<Long, Double>>> at = new LinkedHashMap<>();
        TreeMap<Long, Integer> reached = new TreeMap<>();
        java.util.Set<String> counted = new java.util.HashSet<>();
        for (ClassRecord.Checkpoint c : record.checkpoints(room.id())) {
            at.computeIfAbsent(c.runId(), k -> new LinkedHashMap<>()).computeIfAbsent(c.net(), k -> new TreeMap<>()).put(c.step(), c.accuracy());
            if (!c.runId().isEmpty() && counted.add(c.runId() + " " + c.step())) reached.merge(c.step(), 1, Integer::sum); // forks per checkpoint
        }
        List<Row> rows = new ArrayList<>();
        for (ClassRecord.Run r : record.runs(room.id())) {
            Map<String, Net> byNet = new LinkedHashMap<>();
            Map<String, ClassRecord.Net> mine = netsByRun.getOrDefault(r.runId(), Map.of());
            for (String name : mine.keySet()) {
                ClassRecord.Net n = mine.get(name);
                byNet.put(name, new Net(n.learningRate(), n.accuracy(), n.divergedKind(), n.divergedStep(),
                        at.getOrDefault(r.runId(), Map.of()).getOrDefault(name, Map.of())));
            }
            rows.add(new Row(r.runId(), r.number(), r.nickname(), r.link(), r.fromStep(), r.step(), byNet));
        }
        long checkpoint = reached.entrySet().stream().max((a, b) -> a.getValue() != b.getValue().intValue()
                ? Integer.compare(a.getValue(), b.getValue()) : Long.compare(a.getKey(), b.getKey())).map(Map.Entry::getKey).orElse(-1L);
        List<Long> checkpoints = new ArrayList<>();
        for (long s : Checkpoints.STEPS) if (at.values().stream().anyMatch(m -> m.values().stream().anyMatch(v -> v.containsKey(s)))) checkpoints.add(s);
        return new PastRoom(room, nets, rows, checkpoint, checkpoints, questions(record.answers(room.id()), plan, language));
    }

    private static List<Question> questions(List<ClassRecord.Answer> answers, LecturePlan plan, String language) {
        Map<Integer, Map<Integer, List<Integer>>> byStep = new TreeMap<>();
        for (ClassRecord.Answer a : answers) byStep.computeIfAbsent(a.step(), k -> new TreeMap<>()).computeIfAbsent(a.round(), k -> new ArrayList<>()).add(a.choice());
        List<Question> out = new ArrayList<>();
        byStep.forEach((step, rounds) -> {
            LecturePlan.Question q = plan != null && step < plan.steps().size() && plan.steps().get(step) instanceof LecturePlan.Question x ? x : null;
            int size = q != null ? q.answers().size() : rounds.values().stream().flatMap(List::stream).mapToInt(i -> i + 1).max().orElse(0);
            Map<Integer, int[]> counts = new TreeMap<>();
            rounds.forEach((round, choices) -> {
                int[] c = new int[size];
                for (int choice : choices) if (choice >= 0 && choice < size) c[choice]++;
                counts.put(round, c);
            });
            List<String> labels = new ArrayList<>();
            for (int i = 0; i < size; i++) labels.add(q != null ? q.answers().get(i).inLanguage(language) : String.valueOf((char) ('A' + i)));
            out.add(new Question(step, q == null ? null : q.prompt().inLanguage(language), labels, counts));
        });
        return out;
    }
}
