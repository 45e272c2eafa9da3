package bnlab.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.List;

/** Compares two runs' training state bitwise, network by network (the tests of {@link VariantRun#copy} and of live forks). */
public final class VariantRunAssertions {
    private VariantRunAssertions() {}

    /** Each network's trainers of a and b, in the runs' order. */
    static Trainer[][] pairs(VariantRun a, VariantRun b) {
        Trainer[][] out = new Trainer[a.size()][];
        for (int i = 0; i < out.length; i++) out[i] = new Trainer[] {a.trainer(i), b.trainer(i)};
        return out;
    }

    /**
     * Everything the next steps depend on is bitwise equal: every parameter with its gradient and velocity,
     * BN's running statistics, each trainer's step, rates, divergence and last outcome, the sampler's epoch.
     */
    public static void assertSameState(VariantRun expected, VariantRun actual, String when) {
        assertEquals(expected.size(), actual.size(), "networks " + when);
        for (int i = 0; i < expected.size(); i++)
            assertSameTrainer(expected.trainer(i), actual.trainer(i), expected.variants().get(i).name() + " network " + when);
        assertEquals(expected.sampler().epoch(), actual.sampler().epoch(), "epoch " + when);
    }

    /** One trainer's state as {@link #assertSameState} compares it; {@code net} names it in the messages. */
    public static void assertSameTrainer(Trainer e, Trainer a, String net) {
        {
            assertEquals(e.step(), a.step(), net + ": step");
            assertEquals(e.diverged(), a.diverged(), net + ": diverged");
            assertEquals(e.baseLearningRate(), a.baseLearningRate(), 0.0, net + ": base rate");
            assertEquals(e.learningRate(), a.learningRate(), 0.0, net + ": rate of the next step");
            assertEquals(e.lastStats(), a.lastStats(), net + ": last step");
            List<Param> ep = e.network().params(), ap = a.network().params();
            assertEquals(ep.size(), ap.size(), net + ": parameters");
            for (int i = 0; i < ep.size(); i++) {
                String p = net + ": parameter " + i + " (" + ep.get(i).name() + ")";
                assertEquals(ep.get(i).name(), ap.get(i).name(), p);
                assertTrue(Arrays.equals(ep.get(i).value(), ap.get(i).value()), p + " value");
                assertTrue(Arrays.equals(ep.get(i).grad(), ap.get(i).grad()), p + " gradient");
                assertTrue(Arrays.equals(ep.get(i).velocity(), ap.get(i).velocity()), p + " velocity");
            }
            for (int l = 0; l < e.network().hidden().size(); l++) {
                BatchNorm eb = e.network().hidden().get(l).bn(), ab = a.network().hidden().get(l).bn();
                assertEquals(eb == null, ab == null, net + ": BN of layer " + l);
                if (eb == null) continue;
                assertTrue(Arrays.equals(eb.runningMean(), ab.runningMean()), net + ": running mean of layer " + l);
                assertTrue(Arrays.equals(eb.runningVar(), ab.runningVar()), net + ": running variance of layer " + l);
            }
        }
    }
}
