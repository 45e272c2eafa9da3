package bnlab.web.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import bnlab.data.IdxFiles;
import bnlab.data.MnistLike;
import bnlab.engine.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fashion-MNIST is read once per server, not once per lab run. */
class FashionCacheTest {
    @TempDir Path dir;

    private void writeSet() throws IOException {
        Files.write(dir.resolve("train-images-idx3-ubyte"), IdxFiles.images(20, 2, 2, 0));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), IdxFiles.labels(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), IdxFiles.images(3, 2, 2, 100));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), IdxFiles.labels(7, 8, 9));
    }

    @Test
    void the_full_files_are_read_once_and_shared_by_every_seed() throws IOException {
        writeSet();
        FashionCache cache = new FashionCache(dir);
        Dataset.Split first = cache.get(1);
        assertEquals(20, first.train().size());
        assertSame(first, cache.get(1));
        assertSame(first, cache.get(7), "the files' split does not depend on the seed");
        assertEquals(1, cache.loads());
        assertFalse(MnistLike.load(dir, MnistLike.ALL, 1).seeded());
    }

    @Test
    void a_seed_asked_again_is_not_read_again_and_only_a_few_seeds_are_kept() throws IOException {
        FashionCache cache = new FashionCache(null); // the Debian files when installed, else the bundled set
        Dataset.Split one = cache.get(1);
        assertSame(one, cache.get(1));
        assertEquals(1, cache.loads());
        for (long seed = 2; seed <= FashionCache.SEEDS_KEPT + 1; seed++) cache.get(seed);
        int afterSeeds = cache.loads(); // 1 for the full files, 1 + SEEDS_KEPT for the bundled set
        cache.get(1);
        assertEquals(afterSeeds == 1 ? 1 : afterSeeds + 1, cache.loads(), "seed 1 was the eldest and is read again (bundled set)");
    }
}
