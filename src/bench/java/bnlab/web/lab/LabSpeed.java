package bnlab.web.lab;

import bnlab.experiments.Datasets;
import bnlab.experiments.RunConfig;
import bnlab.experiments.live.LiveRun;
import bnlab.experiments.live.LiveSettings;
import java.util.Arrays;

/**
 * How many twin iterations per second one thread reaches at max speed with frames being built, for the
 * lecture's 5-8-3 network with batches of 8 (docs/protocol.md, "Speed"). Not a test: run it by hand,
 * <pre>
 *   mvn -B -o test-compile
 *   J=~/.m2/repository/com/fasterxml/jackson/core
 *   java --add-modules jdk.incubator.vector -cp target/classes:target/test-classes:$J/jackson-databind/2.22.1/jackson-databind-2.22.1.jar:$J/jackson-core/2.22.1/jackson-core-2.22.1.jar:$J/jackson-annotations/2.22/jackson-annotations-2.22.jar bnlab.web.lab.LabSpeed [rounds]
 * </pre>
 * Three numbers per round: training alone (no frames); training with a frame cut and serialized every
 * 50 ms of wall time (all time spent training or framing); and the lab's own duty cycle, where a tick
 * trains for at most 40 of its 50 ms, which is what a client of /ws/lab sees at "max".
 */
public final class LabSpeed {
    public static void main(String[] args) throws Exception {
        // A second argument "fig1" measures the paper's Figure 1 set-up (the lab's Figure 1 link) instead.
        boolean fig1 = args.length > 1 && args[1].equals("fig1");
        RunConfig d = RunConfig.defaults();
        RunConfig c = !fig1 ? d : bnlab.experiments.Presets.FIGURE1.run();
        var data = Datasets.load(c, null, null);
        System.out.println(fig1 ? "Figure 1 set-up (784-100-100-100-10, batches of 60)" : "lecture set-up (5-8-3, batches of 8)");
        LabJson json = new LabJson();
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        double[] alone = new double[rounds], framed = new double[rounds], duty = new double[rounds];
        long[] frameBytes = new long[2];
        measure(c, data, json, 1.0, false, frameBytes); // warm-up
        for (int r = 0; r < rounds; r++) {
            alone[r] = measure(c, data, json, 1.0, false, frameBytes);
            framed[r] = measure(c, data, json, 1.0, true, frameBytes);
            duty[r] = framed[r] * LabRun.TRAIN_BUDGET_MILLIS / LabRun.TICK_MILLIS;
        }
        System.out.printf("rounds of 1 s; median iterations/s: training alone %.0f, with frames %.0f, lab duty cycle (40/50 ms) %.0f%n",
                median(alone), median(framed), median(duty));
        System.out.printf("frames at max speed: %d bytes of JSON on average%n", frameBytes[0] / frameBytes[1]);
        System.out.println("with frames, per round: " + Arrays.toString(Arrays.stream(framed).mapToLong(Math::round).toArray()));
    }

    static double measure(RunConfig c, bnlab.engine.Dataset.Split data, LabJson json, double seconds, boolean frames,
                          long[] frameBytes) {
        LiveRun run = new LiveRun(c, data, LiveSettings.defaults());
        long start = System.nanoTime(), end = start + (long) (seconds * 1e9), nextFrame = start + 50_000_000L;
        long bytes = 0;
        while (true) {
            long now = System.nanoTime();
            if (now >= end) break;
            run.advance(1);
            if (frames && now >= nextFrame) {
                bytes += json.write(new ServerMessage.FrameMessage(run.frame())).length();
                frameBytes[1]++;
                nextFrame += 50_000_000L;
            }
        }
        if (frames && bytes == 0) throw new AssertionError("no frames");
        frameBytes[0] += bytes;
        return run.step() / ((System.nanoTime() - start) / 1e9);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
