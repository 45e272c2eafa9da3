package bnlab.web.lab;

import static org.junit.jupiter.api.Assertions.*;

import bnlab.experiments.Datasets;
import bnlab.experiments.live.LiveSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The run's periodic task, driven by hand (no sockets, no executor). */
class LabRunTest {
    final LabJson json = new LabJson();
    final LabRegistry registry = new LabRegistry();

    static final class Recorder implements Viewer.Outbox {
        final List<String> sent = new ArrayList<>();
        @Override public synchronized void send(String text, Runnable done) { sent.add(text); done.run(); }
        @Override public boolean isOpen() { return true; }

        synchronized List<String> frames() { return sent.stream().filter(s -> s.startsWith("{\"type\":\"frame\"")).toList(); }
    }

    LabRun run() {
        LabRun run = new LabRun(registry.newId(), json, c -> Datasets.load(c, null, null), LiveSettings.defaults(), registry::remove);
        registry.add(run);
        return run;
    }

    @Test
    void a_frame_is_serialized_once_and_the_same_text_goes_to_every_viewer() throws Exception {
        LabRun run = run();
        Recorder a = new Recorder(), b = new Recorder();
        Viewer va = new Viewer("a", a), vb = new Viewer("b", b);
        run.attach(va);
        run.attach(vb);
        run.submit(va, new ClientMessage.Start(null, "max", false, null));
        run.tick(); // builds the run: frame 0 at step 0 (the tick's time may be spent on loading)
        // A build that took longer than the tick's share is paid back by the next ticks, so frame 1 may take a few.
        for (int i = 0; i < 20 && a.frames().size() < 2; i++) {
            Thread.sleep(LabRun.TICK_MILLIS);
            run.tick(); // trains and cuts frame 1
        }
        assertEquals(2, a.frames().size());
        for (int i = 0; i < 2; i++) assertSame(a.frames().get(i), b.frames().get(i), "one String instance for all viewers");
        assertTrue(run.step() > 0);
    }

    @Test
    void a_run_leaves_the_registry_with_its_last_viewer() {
        LabRun run = run();
        Viewer a = new Viewer("a", new Recorder()), b = new Viewer("b", new Recorder());
        run.attach(a);
        run.attach(b);
        run.detach(a);
        assertTrue(registry.get(run.id()).isPresent(), "one viewer is still watching");
        run.detach(b);
        assertTrue(registry.get(run.id()).isEmpty());
        assertTrue(run.isClosed());
    }

    @Test
    void messages_about_a_run_before_start_are_refused() {
        LabRun run = run();
        Recorder out = new Recorder();
        Viewer v = new Viewer("a", out);
        run.attach(v);
        run.submit(v, new ClientMessage.Pause());
        run.tick();
        assertEquals(1, out.sent.size());
        assertTrue(out.sent.get(0).contains("\"type\":\"error\""), out.sent.get(0));
        assertTrue(out.sent.get(0).contains("send start first"), out.sent.get(0));
    }

    @Test
    void many_training_runs_share_the_threads_time_so_that_each_still_ticks_often() {
        long ms = 1_000_000;
        assertEquals(40 * ms, FairShare.budgetNanos(1, 2), "alone: the whole 40 ms");
        assertEquals(40 * ms, FairShare.budgetNanos(2, 2), "one run per thread");
        assertEquals(20 * ms, FairShare.budgetNanos(4, 2));
        assertEquals(80 * ms / 30, FairShare.budgetNanos(30, 2), "a class of 30 on 2 cores: 2.7 ms a tick");
        assertEquals(1 * ms, FairShare.budgetNanos(500, 2), "never below 1 ms: then ticks come less often");
        assertEquals(40 * ms, FairShare.budgetNanos(0, 2));
    }

    @Test
    void a_class_run_trains_its_whole_budget_and_the_forks_share_what_is_left() {
        long ms = 1_000_000;
        assertEquals(40 * ms, FairShare.budgetNanos(31, 2, 1, true), "the class's run, whatever its 30 forks do");
        assertEquals((long) (40 * ms * 1.2 / 30), FairShare.budgetNanos(31, 2, 1, false), "30 forks share 1.2 threads");
        assertEquals(40 * ms, FairShare.budgetNanos(2, 2, 1, false), "one fork beside the class: its whole 40 ms");
        assertEquals(FairShare.budgetNanos(30, 2), FairShare.budgetNanos(30, 2, 0, false), "no class run: as before");
        assertEquals((long) (40 * ms * 0.5 / 10), FairShare.budgetNanos(13, 2, 3, false), "at least half a thread is left");
    }

    @Test
    void the_registry_counts_the_runs_that_train() {
        LabRun a = run(), b = run();
        Viewer va = new Viewer("a", new Recorder()), vb = new Viewer("b", new Recorder());
        a.attach(va);
        b.attach(vb);
        a.submit(va, new ClientMessage.Start(null, "100", false, null));
        b.submit(vb, new ClientMessage.Start(null, "100", true, null));
        a.tick();
        b.tick();
        assertEquals(1, registry.training(), "b started paused");
        b.submit(vb, new ClientMessage.Resume());
        b.tick();
        assertEquals(2, registry.training());
        a.submit(va, new ClientMessage.Pause());
        a.tick();
        assertEquals(1, registry.training());
        b.detach(vb);
        assertEquals(0, registry.training(), "a closed run does not count");
    }
}
