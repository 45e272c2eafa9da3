package bnlab.web.lab;

import bnlab.data.MnistLike;
import bnlab.engine.Dataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fashion-MNIST, loaded once and shared by every lab run that asks for it. The full set takes about
 * 220 MB and 0.3 to 0.6 s to read; loaded per run, a class of 30 students starting the Figure 1 set-up
 * would need gigabytes. Runs only read their data (batches are copied out), so sharing is safe.
 * The full files give the same split for every seed and are kept once; the bundled test set is split
 * by the seed, so the last few seeds' splits (about 30 MB each) are kept.
 */
final class FashionCache {
    static final int SEEDS_KEPT = 4;

    private final Path dir;
    private Dataset.Split unseeded;
    private final Map<Long, Dataset.Split> bySeed = new LinkedHashMap<>(8, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<Long, Dataset.Split> eldest) { return size() > SEEDS_KEPT; }
    };
    private int loads;

    /** @param dir the directory of the full set ({@code --data}), or null for the default search */
    FashionCache(Path dir) { this.dir = dir; }

    synchronized Dataset.Split get(long seed) throws IOException {
        if (unseeded != null) return unseeded;
        Dataset.Split known = bySeed.get(seed);
        if (known != null) return known;
        MnistLike.Loaded loaded = MnistLike.load(dir, MnistLike.ALL, seed);
        loads++;
        if (loaded.seeded()) bySeed.put(seed, loaded.split());
        else unseeded = loaded.split();
        return loaded.split();
    }

    /** How often the files were read (tests). */
    synchronized int loads() { return loads; }
}
