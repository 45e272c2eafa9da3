package bnlab.web.lab;

import java.security.SecureRandom;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The live runs on this server, by id. One instance is made with the app and passed to whoever needs
 * it (no static state): the lab endpoint adds a run per connection; the classroom will look runs up to
 * attach students as viewers.
 */
public final class LabRegistry {
    private final ConcurrentMap<String, LabRun> runs = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /**
     * A fresh run id, unique on this server: "run-" and 16 random hex digits. Random, not counted, so that
     * knowing one's own run does not tell the ids of the others (the classroom will attach viewers by id).
     */
    public String newId() {
        while (true) {
            String id = "run-" + HexFormat.of().formatHex(bytes());
            if (!runs.containsKey(id)) return id;
        }
    }

    private byte[] bytes() {
        byte[] b = new byte[8];
        random.nextBytes(b);
        return b;
    }

    void add(LabRun run) { runs.put(run.id(), run); }

    void remove(LabRun run) { runs.remove(run.id(), run); }

    public Optional<LabRun> get(String id) { return Optional.ofNullable(runs.get(id)); }

    public int size() { return runs.size(); }

    /** How many runs are training now (running, not paused or stopped). */
    public int training() {
        int n = 0;
        for (LabRun r : runs.values()) if (r.isTraining()) n++;
        return n;
    }

    /** How many of them are runs broadcast to a class (they train first). */
    public int priorityTraining() {
        int n = 0;
        for (LabRun r : runs.values()) if (r.isTraining() && r.kind() == LabRun.Kind.CLASS) n++;
        return n;
    }

    public Collection<LabRun> runs() { return List.copyOf(runs.values()); }
}
