package bnlab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import bnlab.engine.TwinRunAssertions;

/** Compares two runs of several networks bitwise, network by network, as {@link TwinRunAssertions} does a twin. */
public final class VariantRunAssertions {
    private VariantRunAssertions() {}

    public static void assertSameState(VariantRun expected, VariantRun actual, String when) {
        assertEquals(expected.size(), actual.size(), "networks " + when);
        for (int i = 0; i < expected.size(); i++)
            TwinRunAssertions.assertSameTrainer(expected.trainer(i), actual.trainer(i),
                    expected.variants().get(i).name() + " network " + when);
        assertEquals(expected.sampler().epoch(), actual.sampler().epoch(), "epoch " + when);
    }
}
