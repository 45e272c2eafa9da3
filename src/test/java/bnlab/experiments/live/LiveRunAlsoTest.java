package bnlab.experiments.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import bnlab.engine.Dataset;
import bnlab.engine.InvalidConfigException;
import bnlab.experiments.Datasets;
import bnlab.experiments.RunConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One run, several watched neurons: each further neuron's percentiles are those a run watching it alone shows. */
class LiveRunAlsoTest {
    private final RunConfig config = RunConfig.defaults(); // the lecture's network: one layer of 8
    private final Dataset.Split data;

    LiveRunAlsoTest() throws Exception { data = Datasets.load(config, null, null); }

    @Test
    void each_further_neuron_shows_what_a_run_watching_only_it_shows_in_the_same_buckets() {
        LiveRun many = new LiveRun(config, data, LiveSettings.defaults());
        many.watch(0, 0, List.of(new Frame.Watch(0, 3), new Frame.Watch(0, 7)));
        LiveRun three = new LiveRun(config, data, LiveSettings.defaults()), seven = new LiveRun(config, data, LiveSettings.defaults());
        three.watch(0, 3);
        seven.watch(0, 7);
        for (LiveRun r : List.of(many, three, seven)) r.frame(); // frame 0; the watches apply from here
        for (int round = 0; round < 3; round++) {
            for (LiveRun r : List.of(many, three, seven)) r.advance(50 + 30 * round); // more steps than buckets: merged ones too
            Frame f = many.frame(), f3 = three.frame(), f7 = seven.frame();
            assertEquals(List.of(new Frame.Watch(0, 3), new Frame.Watch(0, 7)), f.also());
            for (String net : List.of(Frame.PLAIN, Frame.BN)) {
                Frame.Net n = net.equals(Frame.PLAIN) ? f.net("plain") : f.net("bn");
                Frame.Net n3 = net.equals(Frame.PLAIN) ? f3.net("plain") : f3.net("bn"), n7 = net.equals(Frame.PLAIN) ? f7.net("plain") : f7.net("bn");
                assertEquals(2, n.also().size());
                assertArrayEquals(n3.series().first(), n.series().first(), "the same buckets");
                for (int j = 0; j < n3.series().percentiles().length; j++) {
                    assertArrayEquals(n3.series().percentiles()[j], n.also().get(0)[j], net + " neuron 3, percentile " + j);
                    assertArrayEquals(n7.series().percentiles()[j], n.also().get(1)[j], net + " neuron 7, percentile " + j);
                }
            }
        }
    }

    @Test
    void watching_without_further_neurons_sends_none_and_a_bad_one_is_refused_by_name() {
        LiveRun r = new LiveRun(config, data, LiveSettings.defaults());
        r.frame();
        r.advance(3);
        Frame f = r.frame();
        assertNull(f.also());
        assertNull(f.net("plain").also());
        var e = assertThrows(InvalidConfigException.class, () -> r.watch(0, 0, List.of(new Frame.Watch(0, 8))));
        assertEquals("also", e.field());
        assertThrows(InvalidConfigException.class, () -> r.watch(0, 0, java.util.Collections.nCopies(8, new Frame.Watch(0, 1))));
    }
}
