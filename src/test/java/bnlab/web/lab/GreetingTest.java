package bnlab.web.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bnlab.experiments.live.LiveSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A class that joins at once (everyone scans the QR code): what each joiner gets first is made and sent by the
 * greeter thread, never by the class run's, and the run's frames go on meanwhile.
 */
class GreetingTest {
    /** A viewer that notes each message with the thread that sent it. */
    private static final class Recording {
        final List<String[]> got = new ArrayList<>(); // {thread, text}
        final Viewer viewer = new Viewer("v", new Viewer.Outbox() {
            @Override public void send(String text, Runnable done) {
                synchronized (got) { got.add(new String[]{Thread.currentThread().getName(), text}); }
                done.run();
            }

            @Override public boolean isOpen() { return true; }
        });

        List<String[]> messages() { synchronized (got) { return new ArrayList<>(got); } }

        boolean has(String prefix) { return messages().stream().anyMatch(m -> m[1].startsWith(prefix)); }
    }

    private static void await(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not within 20 s: " + what);
            Thread.sleep(20);
        }
    }

    @Test
    void three_hundred_joiners_are_greeted_by_the_greeter_thread_before_any_frame_while_the_class_run_goes_on() throws Exception {
        LabEndpoint lab = new LabEndpoint(new LabRegistry(), LabEndpoint.trainingExecutor(), LabEndpoint.loader(null, new CsvUploads()),
                LiveSettings.defaults());
        try {
            LabRun run = lab.newRun(LabRun.Kind.CLASS);
            Recording instructor = new Recording();
            run.attach(instructor.viewer, Audience.Role.CONTROLLER);
            lab.schedule(run);
            run.submit(instructor.viewer, new ClientMessage.Start(null, "100", false, null));
            await(() -> run.step() >= 100, "the class run trains");
            List<Recording> joiners = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                Recording r = new Recording();
                joiners.add(r);
                run.attach(r.viewer, Audience.Role.WATCHER);
            }
            await(() -> joiners.stream().allMatch(r -> r.has("{\"type\":\"wf\"")), "every joiner gets frames");
            for (Recording r : joiners) {
                List<String[]> m = r.messages();
                assertTrue(m.get(0)[1].startsWith("{\"type\":\"ready\""), m.get(0)[1]);
                assertTrue(m.get(1)[1].startsWith("{\"type\":\"wh\""), "the compact history second");
                assertTrue(m.get(2)[1].startsWith("{\"type\":\"state\""), "the state third");
                for (int i = 0; i < 3; i++) assertEquals("greeter", m.get(i)[0], "the greeting is made and sent by the greeter");
                long historyStep = step(m.get(1)[1]);
                long previous = historyStep;
                for (String[] later : m.subList(3, m.size())) {
                    if (!later[1].startsWith("{\"type\":\"wf\"")) continue;
                    long s = step(later[1]);
                    assertTrue(s >= previous, "frames in order after the history: " + previous + " then " + s);
                    previous = s;
                }
            }
            List<Long> frames = new ArrayList<>();
            for (String[] m : instructor.messages()) {
                if (!m[1].startsWith("{\"type\":\"frame\"")) continue;
                assertEquals("class-training", m[0], "the class run's frames come from its own thread");
                Matcher f = Pattern.compile("\"frame\":\\{\"frame\":(\\d+)").matcher(m[1]);
                assertTrue(f.find());
                frames.add(Long.parseLong(f.group(1)));
            }
            for (int i = 1; i < frames.size(); i++) assertEquals(frames.get(i - 1) + 1, frames.get(i), "no frame of the instructor was missed");
        } finally {
            lab.close();
        }
    }

    private static long step(String text) {
        Matcher m = Pattern.compile("\"s\":(\\d+)").matcher(text);
        assertTrue(m.find(), text);
        return Long.parseLong(m.group(1));
    }
}
