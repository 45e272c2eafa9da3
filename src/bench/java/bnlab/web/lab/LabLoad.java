package bnlab.web.lab;

import bnlab.experiments.Presets;
import bnlab.experiments.RunConfig;
import bnlab.experiments.live.Frame;
import io.javalin.Javalin;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A classroom's worth of students, each running their own lab at max speed against one server in this
 * JVM (so the clients' JSON parsing competes with training: a pessimistic figure). Not a test: run it
 * by hand like LabSpeed, {@code ... bnlab.web.lab.LabLoad [clients=30] [seconds=10] [preset]}. Each client
 * starts the lecture's set-up with its own seed, or the named preset's ({@code figure1}: the lab's Figure 1
 * link, so {@code LabLoad 1 10 figure1} is the twin iterations per second that reach one page). Prints, over
 * the clients, the frames per second each received, its iterations per second, and how long a pause took
 * to be confirmed.
 */
public final class LabLoad {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        String setUpName = args.length > 2 ? "preset " + args[2] : "the lecture's set-up";
        RunConfig setUp = args.length > 2 ? Presets.byKey(args[2]).orElseThrow().run() : RunConfig.defaults();
        LabEndpoint lab = new LabEndpoint(new LabRegistry(), LabEndpoint.trainingExecutor(), null);
        Javalin app = Javalin.create(config -> lab.register(config)).start("127.0.0.1", 0);
        HttpClient http = HttpClient.newHttpClient();
        List<LabClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                LabClient c = LabClient.connect(http, app.port());
                c.next(ServerMessage.Hello.class);
                c.send(new ClientMessage.Start(setUp.with("seed", (long) (i + 1)), "max", null, null));
                clients.add(c);
            }
            for (LabClient c : clients) c.next(ServerMessage.Ready.class);
            Thread.sleep(2000); // all running
            long[] firstStep = new long[n];
            for (int i = 0; i < n; i++) { clients.get(i).drain(); firstStep[i] = -1; }
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            double[] fps = new double[n], its = new double[n], pauseMs = new double[n];
            double elapsed = (System.nanoTime() - start) / 1e9;
            for (int i = 0; i < n; i++) {
                List<ServerMessage> got = clients.get(i).takeAll();
                List<Frame> frames = got.stream().filter(m -> m instanceof ServerMessage.FrameMessage)
                        .map(m -> ((ServerMessage.FrameMessage) m).frame()).toList();
                fps[i] = frames.size() / elapsed;
                its[i] = frames.isEmpty() ? 0 : (frames.get(frames.size() - 1).step() - frames.get(0).step()) / elapsed;
            }
            for (int i = 0; i < n; i++) {
                LabClient c = clients.get(i);
                long t = System.nanoTime();
                c.send("{\"type\":\"pause\"}");
                c.next(ServerMessage.State.class, s -> s.state().equals("paused"));
                pauseMs[i] = (System.nanoTime() - t) / 1e6;
            }
            System.out.printf("%d clients, %d s, %d cores, %s%n", n, seconds, Runtime.getRuntime().availableProcessors(),
                    setUpName);
            print("frames/s per client", fps);
            print("iterations/s per client", its);
            print("pause confirmed after (ms)", pauseMs);
            System.out.printf("iterations/s, all clients: %.0f%n", Arrays.stream(its).sum());
        } finally {
            for (LabClient c : clients) c.close();
            app.stop();
            lab.close();
        }
        System.exit(0); // Javalin's WebSocket ping thread is not a daemon and would keep the JVM alive
    }

    private static void print(String what, double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        System.out.printf("%s: min %.1f, median %.1f, max %.1f%n", what, s[0], s[s.length / 2], s[s.length - 1]);
    }
}
