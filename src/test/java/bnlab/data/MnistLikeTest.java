package bnlab.data;

import bnlab.engine.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class MnistLikeTest {
    @TempDir Path dir;

    /** Writes a tiny MNIST-like directory: train has n images of 2x2, t10k has 3. */
    private void writeSet(int n, boolean gz) throws IOException {
        int[] trainLabels = new int[n];
        for (int i = 0; i < n; i++) trainLabels[i] = i % 10;
        put("train-images-idx3-ubyte", IdxFiles.images(n, 2, 2, 0), gz);
        put("train-labels-idx1-ubyte", IdxFiles.labels(trainLabels), gz);
        put("t10k-images-idx3-ubyte", IdxFiles.images(3, 2, 2, 100), gz);
        put("t10k-labels-idx1-ubyte", IdxFiles.labels(7, 8, 9), gz);
    }

    private void put(String name, byte[] bytes, boolean gz) throws IOException {
        Files.write(dir.resolve(gz ? name + ".gz" : name), gz ? IdxFiles.gzip(bytes) : bytes);
    }

    @Test
    void bundled_fashion_mnist_test_files_hold_10000_images_of_28_by_28_with_labels_0_to_9() throws IOException {
        try (InputStream im = getClass().getResourceAsStream("/data/fashion-mnist/t10k-images-idx3-ubyte.gz");
             InputStream lb = getClass().getResourceAsStream("/data/fashion-mnist/t10k-labels-idx1-ubyte.gz")) {
            IdxReader.Images images = IdxReader.readImages(im, "images", IdxReader.ALL);
            int[] labels = IdxReader.readLabels(lb, "labels", IdxReader.ALL);
            assertEquals(10_000, images.count());
            assertEquals(28, images.rows());
            assertEquals(28, images.cols());
            assertEquals(10_000, labels.length);
            int[] perClass = new int[10];
            for (int l : labels) perClass[l]++;
            for (int c : perClass) assertEquals(1000, c); // the test set has 1,000 of each class
        }
        assertNotNull(getClass().getResource("/data/fashion-mnist/LICENSE"));
    }

    @Test
    void bundled_set_is_split_8000_to_2000_with_fashion_class_names_and_says_so() throws IOException {
        MnistLike.Loaded loaded = MnistLike.bundled(MnistLike.ALL, 1);
        Dataset train = loaded.split().train(), val = loaded.split().validation();
        assertEquals(8000, train.size());
        assertEquals(2000, val.size());
        assertEquals(784, train.features());
        assertEquals(10, train.classes());
        assertEquals("fashion-mnist", train.name());
        assertEquals("T-shirt/top", train.classNames()[0]);
        assertEquals("Ankle boot", train.classNames()[9]);
        for (float v : val.x()) assertTrue(v >= 0 && v <= 1);
        assertEquals("bundled Fashion-MNIST test set (10,000 images), split 8,000 training / 2,000 validation",
                loaded.source());
        assertArrayEquals(val.labels(), MnistLike.bundled(MnistLike.ALL, 1).split().validation().labels());
    }

    @Test
    void bundled_set_keeps_at_most_the_training_limit() throws IOException {
        MnistLike.Loaded loaded = MnistLike.bundled(500, 1);
        assertEquals(500, loaded.split().train().size());
        assertEquals(2000, loaded.split().validation().size());
        assertTrue(loaded.source().contains("500 training"), loaded.source());
    }

    @Test
    void without_a_directory_and_without_the_system_files_the_bundled_full_set_is_used() throws IOException {
        MnistLike.Loaded loaded = MnistLike.load(null, MnistLike.Kind.FASHION, 100, 1, dir.resolve("absent"));
        assertEquals("bundled Fashion-MNIST (100 training images, 10,000 validation images)", loaded.source());
        assertFalse(loaded.seeded(), "the full set's split is fixed by its files");
        Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), new byte[0]); // incomplete system directory
        loaded = MnistLike.load(null, MnistLike.Kind.FASHION, 100, 1, dir);
        assertTrue(loaded.source().startsWith("bundled"), loaded.source());
    }

    @Test
    void without_a_directory_the_complete_system_directory_is_used() throws IOException {
        writeSet(20, true);
        MnistLike.Loaded loaded = MnistLike.load(null, MnistLike.Kind.DIGITS, MnistLike.ALL, 1, dir);
        assertEquals("Fashion-MNIST in " + dir + " (20 training images, 3 validation images)", loaded.source());
    }

    @Test
    void a_directory_gives_train_files_for_training_and_t10k_files_for_validation() throws IOException {
        writeSet(20, false);
        MnistLike.Loaded loaded = MnistLike.fromDirectory(dir, MnistLike.Kind.DIGITS, MnistLike.ALL);
        assertEquals(20, loaded.split().train().size());
        assertEquals(4, loaded.split().train().features());
        assertArrayEquals(new int[] {7, 8, 9}, loaded.split().validation().labels());
        assertEquals(100 / 255f, loaded.split().validation().x()[0]);
        assertEquals("mnist", loaded.split().train().name());
        assertEquals("7", loaded.split().train().classNames()[7]);
        assertEquals("MNIST in " + dir + " (20 training images, 3 validation images)", loaded.source());
    }

    @Test
    void a_directory_with_a_training_limit_reads_only_the_first_examples() throws IOException {
        writeSet(20, true);
        MnistLike.Loaded loaded = MnistLike.load(dir, 5, 1);
        assertEquals(5, loaded.split().train().size());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, loaded.split().train().labels());
        assertTrue(loaded.source().contains("first 5 of 20 training images"), loaded.source());
    }

    @Test
    void a_directory_missing_files_is_refused_naming_each_missing_file() throws IOException {
        writeSet(20, true);
        Files.delete(dir.resolve("train-labels-idx1-ubyte.gz"));
        Files.delete(dir.resolve("t10k-images-idx3-ubyte.gz"));
        var e = assertThrows(DataFileException.class, () -> MnistLike.load(dir, MnistLike.ALL, 1));
        assertTrue(e.getMessage().startsWith(dir + ": missing train-labels-idx1-ubyte, t10k-images-idx3-ubyte"), e.getMessage());
        var notDir = assertThrows(DataFileException.class, () -> MnistLike.load(dir.resolve("nope"), MnistLike.ALL, 1));
        assertTrue(notDir.getMessage().contains("not a directory"), notDir.getMessage());
    }

    @Test
    void a_directory_whose_label_count_differs_from_its_image_count_is_refused() throws IOException {
        writeSet(20, false);
        put("train-labels-idx1-ubyte", IdxFiles.labels(1, 2, 3), false);
        var e = assertThrows(DataFileException.class, () -> MnistLike.load(dir, 5, 1));
        assertTrue(e.getMessage().endsWith("train-images-idx3-ubyte: has 20 images but train-labels-idx1-ubyte has 3 labels"),
                e.getMessage());
    }

    @Test
    void a_label_outside_zero_to_nine_is_refused() throws IOException {
        writeSet(3, false);
        put("t10k-labels-idx1-ubyte", IdxFiles.labels(1, 12, 3), false);
        var e = assertThrows(DataFileException.class, () -> MnistLike.load(dir, MnistLike.ALL, 1));
        assertTrue(e.getMessage().endsWith("label 12 of example 1 is outside 0..9"), e.getMessage());
    }

    @Test
    void training_and_test_images_of_different_sizes_are_refused() throws IOException {
        writeSet(3, false);
        put("t10k-images-idx3-ubyte", IdxFiles.images(3, 3, 3, 0), false);
        var e = assertThrows(DataFileException.class, () -> MnistLike.load(dir, MnistLike.ALL, 1));
        assertTrue(e.getMessage().contains("training images have 4 pixels each but test images 9"), e.getMessage());
    }

    @Test
    void the_bundled_full_set_has_the_papers_sixty_thousand_training_images() throws IOException {
        MnistLike.Loaded loaded = MnistLike.bundledFull(MnistLike.ALL);
        assertEquals(60_000, loaded.split().train().size());
        assertEquals(10_000, loaded.split().validation().size());
        assertEquals(784, loaded.split().train().features());
        int[] perClass = new int[10];
        for (int label : loaded.split().train().labels()) perClass[label]++;
        for (int c : perClass) assertEquals(6000, c, "Fashion-MNIST's training set is balanced");
    }

    @Test
    void the_system_fashion_mnist_loads_when_installed() throws IOException {
        assumeTrue(Files.isRegularFile(MnistLike.SYSTEM_DIR.resolve("train-images-idx3-ubyte.gz")));
        MnistLike.Loaded loaded = MnistLike.load(null, 1000, 1);
        assertEquals(1000, loaded.split().train().size());
        assertEquals(10_000, loaded.split().validation().size());
        assertEquals(784, loaded.split().train().features());
        assertEquals("Fashion-MNIST in " + MnistLike.SYSTEM_DIR
                + " (first 1,000 of 60,000 training images, 10,000 validation images)", loaded.source());
    }
}
