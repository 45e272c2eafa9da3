package bnlab.web.lab;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live runs on this server, by id. One instance is made with the app and passed to whoever needs
 * it (no static state): the lab endpoint adds a run per connection; the classroom will look runs up to
 * attach students as viewers.
 */
public final class LabRegistry {
    private final ConcurrentMap<String, LabRun> runs = new ConcurrentHashMap<>();
    private final AtomicLong next = new AtomicLong(1);

    /** A fresh run id, unique on this server. */
    String newId() { return "run-" + next.getAndIncrement(); }

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

    public Collection<LabRun> runs() { return List.copyOf(runs.values()); }
}
