package bnlab.cli;

import bnlab.experiments.Presets;
import bnlab.experiments.RunBudget;
import bnlab.experiments.WarmUp;
import bnlab.lessons.LectureExample;
import bnlab.record.ClassRecord;
import bnlab.web.WebApp;
import bnlab.web.lab.LabEndpoint;
import bnlab.web.lab.OriginCheck;
import bnlab.web.classroom.Classroom;
import bnlab.web.classroom.ClassroomOptions;
import bnlab.web.classroom.InstructorToken;
import bnlab.web.classroom.Recorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Starts the web app (the default command).")
final class ServeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--port", description = "TCP port (1..65535, default ${DEFAULT-VALUE})", defaultValue = "7070")
    int port;

    @Option(names = "--host", description = {"address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 lets students",
            "on the classroom network connect)"}, defaultValue = "127.0.0.1")
    String host;

    @Option(names = "--data", description = {"a directory with the full Fashion-MNIST (or MNIST) IDX files for the lab;",
            "default: /usr/share/datasets/fashion-mnist if present, else the bundled test set"})
    java.nio.file.Path data;

    @Option(names = "--max-inputs", defaultValue = "" + RunBudget.DEFAULT_MAX_INPUTS,
            description = "most inputs per example a lab run may train on, e.g. a CSV's columns (default ${DEFAULT-VALUE}; Fashion-MNIST has 784)")
    int maxInputs;

    @Option(names = "--max-parameters", defaultValue = "" + RunBudget.DEFAULT_MAX_PARAMETERS,
            description = "most parameters of one network of a lab run (default ${DEFAULT-VALUE}; the Figure 1 network has about 100,000)")
    long maxParameters;

    @Option(names = "--max-activations", defaultValue = "" + RunBudget.DEFAULT_MAX_ACTIVATIONS,
            description = "most values of one batch through one network: batch size times neurons, inputs and outputs included (default ${DEFAULT-VALUE})")
    long maxActivations;

    @Option(names = "--max-step-work", defaultValue = "" + RunBudget.DEFAULT_MAX_WORK,
            description = "most multiply-adds of one iteration of a run's networks (default ${DEFAULT-VALUE}; Figure 1 with batches of 60 needs about 36 million)")
    long maxWork;

    @Option(names = "--max-eval-work", defaultValue = "" + RunBudget.DEFAULT_MAX_EVALUATION,
            description = "most multiply-adds of evaluating every network for a frame: validation and, for 2-D data, the decision grid (default ${DEFAULT-VALUE}; Figure 1 needs about 200 million)")
    long maxEvaluation;

    @Option(names = "--max-connections", defaultValue = "" + LabEndpoint.Options.DEFAULT_MAX_CONNECTIONS,
            description = "most lab connections open at once (default ${DEFAULT-VALUE})")
    int maxConnections;

    @Option(names = "--max-connections-per-address", defaultValue = "" + LabEndpoint.Options.DEFAULT_MAX_PER_ADDRESS,
            description = "most lab connections from one network address (default ${DEFAULT-VALUE}); behind a reverse proxy all come from its address: raise it")
    int maxPerAddress;

    @Option(names = "--allowed-origin", paramLabel = "ORIGIN",
            description = "a web origin besides this server's own whose pages may open the lab's WebSocket, e.g. https://lab.example.org behind a reverse proxy (repeatable)")
    List<String> allowedOrigins = new ArrayList<>();

    @Option(names = "--public-host", paramLabel = "NAME",
            description = {"a host name this server answers to besides localhost, IP addresses and (with --host 0.0.0.0) this",
                    "machine's names, e.g. a reverse proxy's lab.example.org; other names are refused (DNS rebinding) (repeatable)"})
    List<String> publicHosts = new ArrayList<>();

    @Option(names = "--instructor-token", paramLabel = "TEXT",
            description = {"the secret of the instructor's link /teach?token=... (16+ letters, digits, - . _ ~);",
                    "default: the environment variable " + InstructorToken.ENVIRONMENT_VARIABLE + ", else a random one per start"})
    String instructorToken;

    @Option(names = "--max-rooms", defaultValue = "" + ClassroomOptions.DEFAULT_MAX_ROOMS,
            description = "most rooms open at once (default ${DEFAULT-VALUE})")
    int maxRooms;

    @Option(names = "--max-students-per-room", defaultValue = "" + ClassroomOptions.DEFAULT_MAX_STUDENTS,
            description = "most students in one room (default ${DEFAULT-VALUE})")
    int maxStudents;

    @Option(names = "--max-forks-per-room", defaultValue = "" + ClassroomOptions.DEFAULT_MAX_FORKS,
            description = "most student forks alive in one room (default ${DEFAULT-VALUE}; 0: no forks)")
    int maxForks;

    @Option(names = "--max-forks-per-student", defaultValue = "" + ClassroomOptions.DEFAULT_MAX_FORKS_PER_STUDENT,
            description = "forks one student keeps; forking again ends their oldest (default ${DEFAULT-VALUE})")
    int maxForksPerStudent;

    @Option(names = "--max-joins-per-minute", defaultValue = "" + ClassroomOptions.DEFAULT_JOINS_PER_MINUTE,
            description = {"look-ups of a room code one address may make per minute: join pages, QR images and room connections,",
                    "counted together (default ${DEFAULT-VALUE}; a student needs 2); behind a reverse proxy raise it"})
    int joinsPerMinute;

    @Option(names = "--instructor-grace-seconds", defaultValue = "" + ClassroomOptions.DEFAULT_INSTRUCTOR_GRACE_SECONDS,
            description = "how long a room waits for its instructor's page to come back (default ${DEFAULT-VALUE})")
    int instructorGrace;

    @Option(names = "--fork-idle-minutes", defaultValue = "" + ClassroomOptions.DEFAULT_FORK_IDLE_MINUTES,
            description = "a fork paused and untouched this long ends (default ${DEFAULT-VALUE})")
    int forkIdle;

    @Option(names = "--room-idle-minutes", defaultValue = "" + ClassroomOptions.DEFAULT_ROOM_IDLE_MINUTES,
            description = "a room whose instructor sent nothing this long ends (default ${DEFAULT-VALUE})")
    int roomIdle;

    @Option(names = "--broker", paramLabel = "URI",
            description = {"redis://host:port: rooms span several instances of this server through Redis pub/sub (each room's run",
                    "lives on one instance, students may be on any); default: everything in this process"})
    String broker;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = {"where the class's record is kept (every room, its runs, forks and answers; a SQLite file)",
                    "(default: .bnlab in your home folder); one server per folder"})
    java.nio.file.Path dataDir;

    @Option(names = "--no-record", description = "keep no record of the rooms (nothing is written to disk)")
    boolean noRecord;

    @Option(names = "--plans", paramLabel = "DIR",
            description = {"a directory of lecture plans (*.json, format in the README) beside the built-in one; a plan",
                    "that cannot be read stops the start with its file, step and field"})
    java.nio.file.Path plans;

    @Override
    public Integer call() throws Exception {
        Main.require(spec, port >= 1 && port <= 65535, "--port", "must be between 1 and 65535", port);
        Main.require(spec, data == null || java.nio.file.Files.isDirectory(data), "--data", "must be an existing directory", data);
        Main.require(spec, maxInputs >= 1, "--max-inputs", "must be at least 1", maxInputs);
        Main.require(spec, maxParameters >= 1, "--max-parameters", "must be at least 1", maxParameters);
        Main.require(spec, maxActivations >= 1, "--max-activations", "must be at least 1", maxActivations);
        Main.require(spec, maxWork >= 1, "--max-step-work", "must be at least 1", maxWork);
        Main.require(spec, maxEvaluation >= 1, "--max-eval-work", "must be at least 1", maxEvaluation);
        Main.require(spec, maxConnections >= 1, "--max-connections", "must be at least 1", maxConnections);
        Main.require(spec, maxPerAddress >= 1, "--max-connections-per-address", "must be at least 1", maxPerAddress);
        for (String o : allowedOrigins)
            Main.require(spec, OriginCheck.normalize(o) != null, "--allowed-origin", "must be an http or https origin such as https://lab.example.org", o);
        for (String h : publicHosts)
            Main.require(spec, bnlab.web.HostCheck.host(h) != null, "--public-host", "must be a host name such as lab.example.org (no scheme, no path)", h);
        var options = new LabEndpoint.Options(new RunBudget(maxInputs, maxParameters, maxActivations, maxWork, maxEvaluation),
                new OriginCheck(allowedOrigins), maxConnections, maxPerAddress);
        Main.require(spec, maxRooms >= 1, "--max-rooms", "must be at least 1", maxRooms);
        Main.require(spec, maxStudents >= 1, "--max-students-per-room", "must be at least 1", maxStudents);
        Main.require(spec, maxForks >= 0, "--max-forks-per-room", "must be at least 0", maxForks);
        Main.require(spec, maxForksPerStudent >= 1, "--max-forks-per-student", "must be at least 1", maxForksPerStudent);
        Main.require(spec, joinsPerMinute >= 1, "--max-joins-per-minute", "must be at least 1", joinsPerMinute);
        Main.require(spec, instructorGrace >= 0, "--instructor-grace-seconds", "must be at least 0", instructorGrace);
        Main.require(spec, forkIdle >= 1, "--fork-idle-minutes", "must be at least 1", forkIdle);
        Main.require(spec, roomIdle >= 1, "--room-idle-minutes", "must be at least 1", roomIdle);
        bnlab.lessons.plan.LecturePlans lecturePlans;
        try {
            lecturePlans = bnlab.lessons.plan.LecturePlans.load(plans);
        } catch (bnlab.lessons.plan.PlanException | java.io.IOException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--plans: " + e.getMessage());
        }
        InstructorToken token = token();
        bnlab.web.broker.Broker rooms;
        try {
            rooms = broker == null ? null : bnlab.web.broker.Broker.of(broker);
        } catch (IllegalArgumentException | bnlab.web.broker.BrokerException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--broker: " + e.getMessage());
        }
        var lab = new LabEndpoint(new bnlab.web.lab.LabRegistry(), LabEndpoint.trainingExecutor(), data, options);
        List<String> hosts = LanAddresses.of(host);
        List<String> bases = new ArrayList<>();
        var classroom = new Classroom(lab, new ClassroomOptions(maxRooms, maxStudents, maxForks, maxForksPerStudent, joinsPerMinute,
                Duration.ofSeconds(instructorGrace), Duration.ofMinutes(forkIdle), Duration.ofMinutes(roomIdle),
                ClassroomOptions.defaults().studentGrace()), token, List.of(), rooms);
        classroom.usePlans(lecturePlans);
        if (!noRecord) classroom.recordTo(new Recorder(ClassRecord.open(dataDir != null ? dataDir : ClassRecord.defaultDirectory())));
        List<Classroom.Restored> restored = classroom.restore();
        WebApp app = new WebApp(new LectureExample(), lab, classroom);
        List<String> names = new ArrayList<>(publicHosts);
        if (!isLoopback(host)) names.addAll(LanAddresses.machineNames()); // students may type the laptop's name
        int bound = app.start(host, port, names);
        // The lab's first Figure 1 run, often the first demo on the projector, then starts at full speed: a small
        // copy of it has the kernels compiled by then (a few seconds of one core, once; it ends by itself).
        WarmUp.during(Presets.FIGURE1.run(), Presets.FIGURE1.watchLayer(), Presets.FIGURE1.watchNeuron());
        for (String h : hosts) bases.add("http://" + h + ":" + bound);
        if (!isLoopback(host)) classroom.studentBases(bases); // on loopback the page's own address is as good
        java.io.PrintWriter out = spec.commandLine().getOut();
        String local = "http://" + (LanAddresses.isWildcardHost(host) ? "localhost" : hosts.get(0)) + ":" + bound;
        out.println("BN Lab is running at " + local + "/  (Ctrl+C stops it)");
        if (hosts.isEmpty()) {
            out.println("Students: this machine has no network address they can reach; connect it to the classroom's network.");
        } else if (isLoopback(host)) {
            out.println("Students cannot reach " + host + ": start with --host 0.0.0.0 to let them join from their devices.");
        } else {
            for (String b : bases) out.println("Students open:   " + b + "/join");
        }
        out.println("Instructor link: " + (bases.isEmpty() ? local : bases.get(0)) + "/teach?token=" + token.text()
                + "  (keep it to yourself)");
        if (rooms != null) out.println("Rooms are shared with other instances through " + rooms.describe());
        ClassRecord record = classroom.recorder().record();
        out.println(record == null ? "The rooms are not recorded (--no-record)." : "The class's record: " + record.file());
        for (Classroom.Restored r : restored)
            out.println("Room " + r.code() + " is back, its class run paused at iteration " + r.step() + ": " + (bases.isEmpty() ? local : bases.get(0))
                    + "/teach?token=" + token.text() + "&room=" + r.code() + (r.forksLeftOut() == 0 ? ""
                    : "  (" + r.forksLeftOut() + " students' copies were too long to bring back; their record is kept)"));
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            if (rooms != null) rooms.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    /** --instructor-token, else the environment variable, else a random one. */
    private InstructorToken token() {
        String given = instructorToken != null ? instructorToken : System.getenv(InstructorToken.ENVIRONMENT_VARIABLE);
        if (given == null) return InstructorToken.random(new java.security.SecureRandom());
        try {
            return InstructorToken.of(given);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), (instructorToken != null ? "--instructor-token: "
                    : InstructorToken.ENVIRONMENT_VARIABLE + ": ") + e.getMessage());
        }
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }
}
