package bnlab.web.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bnlab.experiments.Datasets;
import bnlab.experiments.Preset;
import bnlab.experiments.Presets;
import bnlab.experiments.live.Frame;
import bnlab.experiments.live.LiveRun;
import bnlab.experiments.live.LiveSettings;
import bnlab.experiments.live.RunHistory;
import bnlab.experiments.live.SeriesMerge;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The watchers' compact messages against the full ones: every number a watcher's chart draws is within the
 * quantization the protocol states, nothing is lost that the charts draw, and the messages stay small.
 */
class WatcherFramesTest {
    private final LabJson json = new LabJson();

    /** A preset's run for some frames of {@code stepsPerFrame} iterations each, as the watchers' encoder sees them. */
    private record Played(List<Frame> frames, List<ServerMessage.WatcherFrame> compact, List<String> texts, RunHistory history,
                          WatcherFrames encoder) {}

    private Played play(String preset, int frames, int stepsPerFrame) throws Exception {
        Preset p = Presets.byKey(preset).orElseThrow();
        LiveRun live = new LiveRun(p.run(), Datasets.load(p.run(), null, null), LiveSettings.defaults());
        WatcherFrames encoder = new WatcherFrames();
        RunHistory history = new RunHistory();
        List<Frame> full = new ArrayList<>();
        List<ServerMessage.WatcherFrame> compact = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        long now = 0;
        for (int i = 0; i < frames; i++) {
            if (i > 0) live.advance(stepsPerFrame);
            Frame f = live.frame();
            history.add(f);
            ServerMessage.WatcherFrame w = encoder.next(f, now += 50_000_000L);
            full.add(f);
            compact.add(w);
            texts.add(json.write(w));
        }
        return new Played(full, compact, texts, history, encoder);
    }

    @Test
    void a_watchers_frame_holds_the_frames_steps_as_one_bucket_within_half_a_unit_of_the_percentiles() throws Exception {
        Played run = play("rate-x30", 120, 5);
        WatcherDecoder decoder = new WatcherDecoder();
        decoder.ready(readyOf("rate-x30"));
        double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY}, hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int i = 0; i < run.frames().size(); i++) {
            Frame f = run.frames().get(i);
            Frame d = decoder.frame((ServerMessage.WatcherFrame) json.readServer(run.texts().get(i)));
            assertEquals(f.step(), d.step());
            assertEquals(f.epoch(), d.epoch(), "the epoch, at every frame");
            int k = 0;
            for (String net : List.of("plain", "bn")) {
                Frame.Series s = f.net(net).series();
                Frame.Series got = d.net(net).series();
                if (s.first().length == 0) {
                    assertNull(got, "no steps, no bucket");
                    k++;
                    continue;
                }
                Frame.Series one = SeriesMerge.merge(s, 1);
                assertEquals(one.first()[0], got.first()[0], "the bucket starts at the frame's first step");
                assertEquals(one.last()[0], got.last()[0]);
                assertEquals(one.loss()[0], got.loss()[0], Math.abs(one.loss()[0]) * 0.05 + 1e-6, "loss to 2 digits");
                assertEquals(one.accuracy()[0], got.accuracy()[0], 0.005 + 1e-6, "accuracy to 2 decimals");
                lo[k] = Math.min(lo[k], one.percentiles()[0][0]);
                hi[k] = Math.max(hi[k], one.percentiles()[10][0]);
                double unit = WatcherFrames.unit(run.compact().get(i).nets().get(k).scale());
                assertTrue(unit <= (hi[k] - lo[k]) / 500 + 1e-12,
                        "the unit is at most a 500th of the range seen: " + unit + " for " + (hi[k] - lo[k]));
                for (int j = 0; j < 11; j++)
                    assertEquals(one.percentiles()[j][0], got.percentiles()[j][0], unit / 2 + 1e-5 * Math.abs(one.percentiles()[j][0]),
                            net + " percentile " + j + " at step " + f.step());
                assertEquals(f.net(net).learningRate(), d.net(net).learningRate(), f.net(net).learningRate() * 0.201,
                        "the rate, sent again when it moved by 20 % (and every 20th frame)");
                if (f.net(net).validation() != null) {
                    assertEquals(f.net(net).validation().loss(), d.net(net).validation().loss(), f.net(net).validation().loss() * 0.005);
                    assertEquals(f.net(net).validation().accuracy(), d.net(net).validation().accuracy(), 0.0005 + 1e-9);
                } else {
                    assertNull(d.net(net).validation());
                }
                k++;
            }
            assertEquals(f.watch(), d.watch());
        }
    }

    @Test
    void the_histogram_counts_are_exact_and_the_boundary_is_the_full_maps_2x2_means_to_a_level() throws Exception {
        Played run = play("rate-x30", 60, 5);
        WatcherDecoder decoder = new WatcherDecoder();
        decoder.ready(readyOf("rate-x30"));
        int histograms = 0, boundaries = 0;
        for (int i = 0; i < run.frames().size(); i++) {
            Frame f = run.frames().get(i);
            Frame d = decoder.frame((ServerMessage.WatcherFrame) json.readServer(run.texts().get(i)));
            if (d.histogram() != null) {
                histograms++;
                assertEquals(f.histogram().lo(), d.histogram().lo(), Math.abs(f.histogram().lo()) * 5e-4);
                for (String net : List.of("plain", "bn")) assertArrayEquals(f.histogram().counts(net), d.histogram().counts(net), net);
            }
            if (d.boundary() != null) {
                boundaries++;
                Frame.Boundary b = f.boundary();
                assertNotNull(b, "a boundary only when the frame has one");
                assertEquals(WatcherFrames.GRID, d.boundary().size());
                for (String net : List.of("plain", "bn")) {
                    float[] full = b.cells(net), got = d.boundary().cells(net);
                    for (int r = 0; r < 20; r++) for (int c = 0; c < 20; c++) {
                        double mean = (full[2 * r * 40 + 2 * c] + full[2 * r * 40 + 2 * c + 1] + full[(2 * r + 1) * 40 + 2 * c]
                                + full[(2 * r + 1) * 40 + 2 * c + 1]) / 4.0;
                        assertEquals(mean, got[r * 20 + c], 0.5 / 63 + 1e-6, net + " cell " + r + "," + c);
                    }
                }
            }
        }
        assertTrue(histograms >= 5 && histograms <= 8, "the histogram about twice a second over 3 s: " + histograms);
        assertTrue(boundaries >= 1 && boundaries <= 2, "the boundary at most every 2 s (two maps): " + boundaries);
    }

    @Test
    void epoch_rates_and_watch_are_sent_when_they_change_and_every_twentieth_frame() throws Exception {
        Played run = play("lecture", 45, 5);
        List<ServerMessage.WatcherFrame> c = run.compact();
        assertNotNull(c.get(0).rates());
        assertNotNull(c.get(0).watch());
        assertNotNull(c.get(20).rates(), "again after 20 frames");
        assertNotNull(c.get(40).watch());
        assertNull(c.get(1).watch(), "not in between when nothing changed");
        for (int i = 1; i < c.size(); i++) {
            boolean changed = run.frames().get(i).epoch() != run.frames().get(i - 1).epoch();
            if (changed) assertEquals(run.frames().get(i).epoch(), c.get(i).epoch(), "a new epoch at once");
        }
        assertEquals(0L, c.get(0).steps(), "the first frame says how many steps its bucket covers (none)");
        assertNull(c.get(2).steps(), "later ones cover the steps since the previous frame and leave it out");
    }

    @Test
    void a_frame_of_the_lectures_run_and_a_late_joiners_history_are_small() throws Exception {
        Played run = play("lecture", 600, 5); // 3,000 iterations at 100 a second
        long bytes = 0;
        for (String t : run.texts()) bytes += t.length() + 2; // the WebSocket header of a small frame
        double perSecond = bytes / (run.texts().size() / 20.0);
        assertTrue(perSecond < 3000, "20 frames a second of the lecture's run in under 3 KB/s: " + perSecond);
        String history = json.write(WatcherFrames.history(run.history().snapshot()));
        assertTrue(history.length() < 35_000, "a late joiner's history after 3,000 iterations: " + history.length());
        String full = json.write(new ServerMessage.History(run.history().snapshot()));
        assertTrue(full.length() > 5 * history.length(), "the full history is several times larger: " + full.length());
    }

    @Test
    void a_late_joiners_history_covers_every_step_in_fewer_buckets_within_a_unit() throws Exception {
        Played run = play("rate-x30", 400, 5);
        RunHistory.Snapshot s = run.history().snapshot();
        WatcherDecoder decoder = new WatcherDecoder();
        decoder.ready(readyOf("rate-x30"));
        ServerMessage.History got = decoder.history((ServerMessage.WatcherHistory) json.readServer(
                json.write(WatcherFrames.history(s))));
        assertEquals(s.step(), got.step());
        for (String net : List.of("plain", "bn")) {
            Frame.Series full = s.net(net).series(), g = got.net(net).series();
            assertTrue(g.first().length <= WatcherFrames.HISTORY_BUCKETS / 2, "at most 240 buckets per network: " + g.first().length);
            assertEquals(1, g.first()[0]);
            assertEquals(s.step(), g.last()[g.last().length - 1]);
            for (int b = 1; b < g.first().length; b++) assertEquals(g.last()[b - 1] + 1, g.first()[b], "consecutive");
            Frame.Series merged = SeriesMerge.merge(full, g.first().length);
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (int b = 0; b < merged.first().length; b++) { lo = Math.min(lo, merged.percentiles()[0][b]); hi = Math.max(hi, merged.percentiles()[10][b]); }
            for (int b = 0; b < merged.first().length; b++)
                for (int j = 0; j < 11; j++)
                    assertEquals(merged.percentiles()[j][b], g.percentiles()[j][b], (hi - lo) / 500 / 2 + 1e-6, net + " bucket " + b);
            assertEquals(s.net(net).validations().get(s.net(net).validations().size() - 1).step(),
                    got.net(net).validations().get(got.net(net).validations().size() - 1).step(), "the newest validation is kept");
        }
    }

    @Test
    void whole_numbers_survive_the_base64_vlq() {
        long[] values = {0, 1, -1, 15, -15, 16, -16, 511, 512, -512, 16383, 16384, 123_456_789_012L, -987_654_321L};
        StringBuilder b = new StringBuilder();
        for (long v : values) WatcherFrames.vlq(v, b);
        assertArrayEquals(values, WatcherDecoder.vlq(b.toString()));
        StringBuilder one = new StringBuilder();
        WatcherFrames.vlq(15, one);
        assertEquals(1, one.length(), "below 16: one character");
        StringBuilder two = new StringBuilder();
        WatcherFrames.vlq(-511, two);
        assertEquals(2, two.length(), "below 512: two");
    }

    @Test
    void a_scales_unit_is_the_largest_of_1_2_5_times_ten_to_a_power_at_most_the_target() {
        assertEquals(0.01, WatcherFrames.unit(WatcherFrames.scale(5.0, 3)), 1e-15); // 5 / 500 = 0.01
        assertEquals(0.005, WatcherFrames.unit(WatcherFrames.scale(4.9, 3)), 1e-15);
        assertEquals(0.002, WatcherFrames.unit(WatcherFrames.scale(1.2, 1)), 1e-15);
        assertEquals(2e6, WatcherFrames.unit(WatcherFrames.scale(2e9, 1e9)), 1e-3);
        assertTrue(WatcherFrames.unit(WatcherFrames.scale(0, 1e30)) >= 1e18, "never more than 12 digits");
    }

    private ServerMessage.Ready readyOf(String preset) {
        Preset p = Presets.byKey(preset).orElseThrow();
        return new ServerMessage.Ready(p.run(), null, null, p.run().layers(), new Frame.Watch(p.watchLayer(), 0), LiveRun.PERCENTILES,
                LiveSettings.defaults(), null);
    }
}
