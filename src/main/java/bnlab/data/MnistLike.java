package bnlab.data;

import bnlab.engine.Dataset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Loads Fashion-MNIST, or original MNIST, which uses the same four file names:
 * {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte},
 * {@code t10k-labels-idx1-ubyte}, each plain or with {@code .gz}.
 *
 * <p>Where the data come from, in this order: a directory given by the user ({@code --data DIR}); else
 * {@link #SYSTEM_DIR} when it holds all four files (Debian's {@code dataset-fashion-mnist}); else the full
 * Fashion-MNIST bundled in the jar (60,000 training and 10,000 test images, MIT licence, see
 * {@code data/fashion-mnist/LICENSE}); {@link #bundled} splits the bundled test set alone (8,000 / 2,000), a
 * smaller stand-in that tests use. {@link Loaded#source()} says which one was used.
 */
public final class MnistLike {
    /** Debian's dataset-fashion-mnist puts the four files here. */
    public static final Path SYSTEM_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    /** Class-path folder of the bundled test set. */
    public static final String BUNDLED_FOLDER = "/data/fashion-mnist/";
    /** Validation examples taken out of the bundled test set; the rest (8,000) are for training. */
    public static final int BUNDLED_VALIDATION = 2000;
    /** Pass as {@code trainLimit} to use every training image. */
    public static final int ALL = IdxReader.ALL;

    private static final String TRAIN_IMAGES = "train-images-idx3-ubyte", TRAIN_LABELS = "train-labels-idx1-ubyte",
            TEST_IMAGES = "t10k-images-idx3-ubyte", TEST_LABELS = "t10k-labels-idx1-ubyte";

    /** Which of the two data sets a directory holds; they differ only in their class names. */
    public enum Kind {
        FASHION("fashion-mnist", "Fashion-MNIST", "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"),
        DIGITS("mnist", "MNIST", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

        private final String id, title;
        private final String[] classNames;

        Kind(String id, String title, String... classNames) {
            this.id = id;
            this.title = title;
            this.classNames = classNames;
        }

        /** Short name used as the data set's name, "fashion-mnist" or "mnist". */
        public String id() { return id; }

        /** The ten class names, index = label. */
        public String[] classNames() { return classNames.clone(); }
    }

    /**
     * A loaded split and where it came from.
     *
     * @param split  training and validation parts; x is (size, 784) in [0, 1], labels 0..9
     * @param source human-readable origin, e.g. "bundled Fashion-MNIST test set (10,000 images), ..."
     * @param seeded whether the split depends on the seed (the bundled set is shuffled with it; full files are not)
     */
    public record Loaded(Dataset.Split split, String source, boolean seeded) {}

    private MnistLike() {}

    /**
     * Loads Fashion-MNIST from the first available source (see the class comment).
     *
     * @param dir        a directory with the four files, or null to look in {@link #SYSTEM_DIR}, then the bundle
     * @param trainLimit at most this many training examples (the first ones of the file), or {@link #ALL}
     * @param seed       shuffles the bundled test set before it is split
     * @throws IOException if the given directory lacks a file or a file is damaged
     */
    public static Loaded load(Path dir, int trainLimit, long seed) throws IOException {
        return load(dir, Kind.FASHION, trainLimit, seed, SYSTEM_DIR);
    }

    /** As {@link #load(Path, int, long)}, naming the classes after {@code kind} when {@code dir} is given. */
    public static Loaded load(Path dir, Kind kind, int trainLimit, long seed) throws IOException {
        return load(dir, kind, trainLimit, seed, SYSTEM_DIR);
    }

    static Loaded load(Path dir, Kind kind, int trainLimit, long seed, Path systemDir) throws IOException {
        if (dir != null) return fromDirectory(dir, kind, trainLimit);
        if (Files.isDirectory(systemDir) && missingFiles(systemDir).isEmpty())
            return fromDirectory(systemDir, Kind.FASHION, trainLimit);
        return bundledFull(trainLimit);
    }

    /**
     * The full Fashion-MNIST bundled in the jar: training = the 60,000 training images (the first
     * {@code trainLimit}), validation = the 10,000 test images, as the paper's set-up uses them.
     */
    public static Loaded bundledFull(int trainLimit) throws IOException {
        if (trainLimit < 1) throw new IllegalArgumentException("training limit must be >= 1, was " + trainLimit);
        Dataset train = bundledPart(TRAIN_IMAGES, TRAIN_LABELS, trainLimit);
        Dataset test = bundledPart(TEST_IMAGES, TEST_LABELS, ALL);
        return new Loaded(new Dataset.Split(train, test), "bundled Fashion-MNIST (" + n(train.size())
                + " training images, " + n(test.size()) + " validation images)", false);
    }

    private static Dataset bundledPart(String imageFile, String labelFile, int limit) throws IOException {
        String images = "bundled " + imageFile + ".gz", labels = "bundled " + labelFile + ".gz";
        try (InputStream im = resource(imageFile + ".gz"); InputStream lb = resource(labelFile + ".gz")) {
            return dataset(IdxReader.readImages(im, images, limit), IdxReader.readLabels(lb, labels, limit),
                    Kind.FASHION, images, labels);
        }
    }

    /**
     * Loads the full set from a directory: training = the train files (first {@code trainLimit} examples),
     * validation = the t10k files.
     *
     * @throws IOException naming the missing files, or the file that is damaged or does not match its partner
     */
    public static Loaded fromDirectory(Path dir, Kind kind, int trainLimit) throws IOException {
        if (trainLimit < 1) throw new IllegalArgumentException("training limit must be >= 1, was " + trainLimit);
        if (!Files.isDirectory(dir))
            throw new DataFileException(dir.toString(), "not a directory (expected one holding " + kind.title + " IDX files)");
        List<String> missing = missingFiles(dir);
        if (!missing.isEmpty())
            throw new DataFileException(dir.toString(), "missing " + String.join(", ", missing)
                    + " (each may also end in .gz); a " + kind.title + " directory needs " + TRAIN_IMAGES + ", "
                    + TRAIN_LABELS + ", " + TEST_IMAGES + " and " + TEST_LABELS);
        Dataset train = read(find(dir, TRAIN_IMAGES), find(dir, TRAIN_LABELS), kind, trainLimit);
        Dataset test = read(find(dir, TEST_IMAGES), find(dir, TEST_LABELS), kind, ALL);
        if (train.features() != test.features())
            throw new DataFileException(dir.toString(), "training images have " + train.features()
                    + " pixels each but test images " + test.features());
        int fileCount = IdxReader.dimensions(find(dir, TRAIN_IMAGES))[0];
        String trainPart = train.size() < fileCount
                ? "first " + n(train.size()) + " of " + n(fileCount) + " training images" : n(train.size()) + " training images";
        return new Loaded(new Dataset.Split(train, test),
                kind.title + " in " + dir + " (" + trainPart + ", " + n(test.size()) + " validation images)", false);
    }

    /**
     * The bundled Fashion-MNIST test set (10,000 images), shuffled with the seed and split into
     * 8,000 training and {@value #BUNDLED_VALIDATION} validation examples; at most {@code trainLimit} of the
     * training examples are kept.
     */
    public static Loaded bundled(int trainLimit, long seed) throws IOException {
        if (trainLimit < 1) throw new IllegalArgumentException("training limit must be >= 1, was " + trainLimit);
        IdxReader.Images images;
        int[] labels;
        try (InputStream im = resource(TEST_IMAGES + ".gz"); InputStream lb = resource(TEST_LABELS + ".gz")) {
            images = IdxReader.readImages(im, "bundled " + TEST_IMAGES + ".gz", ALL);
            labels = IdxReader.readLabels(lb, "bundled " + TEST_LABELS + ".gz", ALL);
        }
        Dataset all = dataset(images, labels, Kind.FASHION, "bundled " + TEST_IMAGES + ".gz", "bundled " + TEST_LABELS + ".gz");
        Dataset.Split split = Splits.splitCount(all, BUNDLED_VALIDATION, seed);
        Dataset train = split.train();
        if (train.size() > trainLimit) train = train.subset(range(trainLimit));
        String description = "bundled Fashion-MNIST test set (" + n(all.size()) + " images), split "
                + n(train.size()) + " training / " + n(split.validation().size()) + " validation";
        return new Loaded(new Dataset.Split(train, split.validation()), description, true);
    }

    private static InputStream resource(String file) throws IOException {
        InputStream in = MnistLike.class.getResourceAsStream(BUNDLED_FOLDER + file);
        if (in == null) throw new IOException("bundled Fashion-MNIST file " + BUNDLED_FOLDER + file + " is not on the class path");
        return in;
    }

    private static Dataset read(Path imageFile, Path labelFile, Kind kind, int limit) throws IOException {
        int imageCount = IdxReader.dimensions(imageFile)[0];
        int labelCount = IdxReader.dimensions(labelFile)[0];
        if (imageCount != labelCount)
            throw new DataFileException(imageFile.toString(), "has " + imageCount + " images but "
                    + labelFile.getFileName() + " has " + labelCount + " labels");
        return dataset(IdxReader.readImages(imageFile, limit), IdxReader.readLabels(labelFile, limit), kind,
                imageFile.toString(), labelFile.toString());
    }

    private static Dataset dataset(IdxReader.Images images, int[] labels, Kind kind, String imageName, String labelName)
            throws DataFileException {
        if (images.count() != labels.length)
            throw new DataFileException(imageName, "has " + images.count() + " images but " + labelName
                    + " has " + labels.length + " labels");
        if (images.count() == 0) throw new DataFileException(imageName, "holds no images");
        int classes = kind.classNames.length;
        for (int i = 0; i < labels.length; i++)
            if (labels[i] >= classes)
                throw new DataFileException(labelName, "label " + labels[i] + " of example " + i
                        + " is outside 0.." + (classes - 1));
        return Dataset.classification(kind.id, images.pixelsPerImage(), images.pixels(), labels, classes, kind.classNames());
    }

    /** The required base names for which neither the plain nor the .gz file exists. */
    private static List<String> missingFiles(Path dir) {
        List<String> missing = new ArrayList<>();
        for (String base : new String[] {TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS})
            if (find(dir, base) == null) missing.add(base);
        return missing;
    }

    /** dir/base if it is a file, else dir/base.gz if that is, else null. */
    private static Path find(Path dir, String base) {
        for (String name : new String[] {base, base + ".gz"}) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) return p;
        }
        return null;
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        Arrays.setAll(r, i -> i);
        return r;
    }

    private static String n(int count) { return String.format(Locale.ROOT, "%,d", count); }
}
