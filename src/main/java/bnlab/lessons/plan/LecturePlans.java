package bnlab.lessons.plan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The plans an instructor can choose: the built-in one (the lecture's sequence, {@code plans/lecture.json} in the
 * jar) and those of a directory ({@code serve --plans DIR}: every {@code *.json} in it), by key. A directory's plan
 * that cannot be read stops the start with the refusal that names its file, step and field.
 */
public final class LecturePlans {
    /** The built-in plan's resource. */
    public static final String BUILT_IN = "/plans/lecture.json";

    /** At most this many plans uploaded on /teach are kept (the oldest goes first). */
    public static final int MAX_UPLOADED = 20;

    private final Map<String, LecturePlan> byKey;
    private final Map<String, LecturePlan> uploaded = new LinkedHashMap<>();

    private LecturePlans(Map<String, LecturePlan> byKey) { this.byKey = byKey; }

    /** The built-in plan, read and checked as any other. */
    public static LecturePlan builtIn() {
        try (InputStream in = LecturePlans.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) throw new IllegalStateException("the jar lacks " + BUILT_IN);
            return PlanReader.read("lecture.json", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + BUILT_IN, e);
        }
    }

    /** The built-in plan, then those of {@code dir} (null: none), in the order of their file names. */
    public static LecturePlans load(Path dir) throws IOException {
        Map<String, LecturePlan> plans = new LinkedHashMap<>();
        LecturePlan lecture = builtIn();
        plans.put(lecture.key(), lecture);
        if (dir == null) return new LecturePlans(plans);
        if (!Files.isDirectory(dir)) throw new PlanException(dir.toString(), null, "not a directory (expected one holding *.json plans)");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = new ArrayList<>(s.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p)).sorted().toList());
        }
        for (Path f : files) {
            if (Files.size(f) > PlanReader.MAX_BYTES) throw new PlanException(f.getFileName().toString(), null, "longer than " + PlanReader.MAX_BYTES / 1024 + " KB");
            LecturePlan p = PlanReader.read(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
            if (plans.containsKey(p.key()))
                throw new PlanException(f.getFileName().toString(), "key", "\"" + p.key() + "\" is already the key of another plan");
            plans.put(p.key(), p);
        }
        return new LecturePlans(plans);
    }

    public synchronized List<LecturePlan> all() {
        List<LecturePlan> all = new ArrayList<>(byKey.values());
        all.addAll(uploaded.values());
        return all;
    }

    public synchronized Optional<LecturePlan> byKey(String key) {
        LecturePlan p = byKey.get(key);
        return Optional.ofNullable(p != null ? p : uploaded.get(key));
    }

    /**
     * A plan an instructor uploaded (kept in memory until the server stops): it replaces an uploaded plan of the same
     * key; the key of a plan given at start (built in, or --plans) is refused.
     */
    public synchronized void upload(LecturePlan plan) {
        if (byKey.containsKey(plan.key()))
            throw new PlanException(plan.key(), "key", "is the key of a plan the server started with; give yours another key");
        uploaded.remove(plan.key());
        while (uploaded.size() >= MAX_UPLOADED) uploaded.remove(uploaded.keySet().iterator().next());
        uploaded.put(plan.key(), plan);
    }
}
