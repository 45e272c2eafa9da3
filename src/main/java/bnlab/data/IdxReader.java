package bnlab.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST: a 4-byte magic number {@code 00 00 08 n} (two zero bytes,
 * data type 0x08 = unsigned byte, n dimensions), n big-endian 32-bit sizes, then the bytes row-major.
 * Labels have magic 0x00000801 (one dimension: count), images 0x00000803 (count, rows, cols).
 *
 * <p>Files may be gzipped or plain; gzip is recognised by its first two bytes (1f 8b), not by the name.
 * Anything that does not fit, a wrong magic number, an unsupported type, odd sizes, a file that ends early
 * or has bytes left over, raises a {@link DataFileException} naming the file and the problem.
 */
public final class IdxReader {
    /** Magic number of a label file: unsigned bytes, one dimension. */
    public static final int LABELS_MAGIC = 0x00000801;
    /** Magic number of an image file: unsigned bytes, three dimensions. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Pass as {@code limit} to read every example. */
    public static final int ALL = Integer.MAX_VALUE;

    private static final int UNSIGNED_BYTE = 0x08;

    private IdxReader() {}

    /**
     * Images of one IDX file, scaled from 0..255 to [0, 1].
     *
     * @param count  number of images read (the file's count, or fewer if a limit was given)
     * @param pixels (count, rows * cols) row-major, each image row-major (rows, cols)
     */
    public record Images(int count, int rows, int cols, float[] pixels) {
        /** Pixels per image, rows * cols. */
        public int pixelsPerImage() { return rows * cols; }
    }

    /** Reads every image of an IDX image file (gzipped or plain). */
    public static Images readImages(Path file) throws IOException { return readImages(file, ALL); }

    /** Reads the first {@code min(limit, count)} images of an IDX image file (gzipped or plain). */
    public static Images readImages(Path file, int limit) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return readImages(in, file.toString(), limit);
        }
    }

    /**
     * Reads images from a stream (e.g. a class-path resource); {@code name} is used in error messages.
     * The stream is read but not closed.
     */
    public static Images readImages(InputStream raw, String name, int limit) throws IOException {
        checkLimit(limit);
        try {
            InputStream in = decompressIfGzip(raw);
            int[] dims = header(in, name, IMAGES_MAGIC, 3);
            int count = dims[0], rows = dims[1], cols = dims[2];
            if (rows < 1 || cols < 1)
                throw new DataFileException(name, "image size " + rows + "x" + cols + " is empty");
            long total = (long) count * rows * cols;
            if (total > Integer.MAX_VALUE - 8)
                throw new DataFileException(name, count + " images of " + rows + "x" + cols + " are too many to hold in memory");
            int n = Math.min(count, limit);
            int length = n * rows * cols;
            float[] pixels = new float[length]; // (n, rows * cols)
            byte[] buf = new byte[1 << 16];
            int done = 0;
            while (done < length) {
                int got = readSome(in, buf, 0, Math.min(buf.length, length - done));
                if (got < 0)
                    throw new DataFileException(name, "expected " + total + " pixel bytes, file ends after " + done);
                for (int i = 0; i < got; i++) pixels[done + i] = (buf[i] & 0xFF) / 255f;
                done += got;
            }
            if (n == count) expectEnd(in, name);
            return new Images(n, rows, cols, pixels);
        } catch (EOFException | ZipException e) {
            throw corrupt(name, e);
        }
    }

    /** Reads every label of an IDX label file (gzipped or plain), each 0..255. */
    public static int[] readLabels(Path file) throws IOException { return readLabels(file, ALL); }

    /** Reads the first {@code min(limit, count)} labels of an IDX label file (gzipped or plain). */
    public static int[] readLabels(Path file, int limit) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return readLabels(in, file.toString(), limit);
        }
    }

    /** Reads labels from a stream; {@code name} is used in error messages. The stream is not closed. */
    public static int[] readLabels(InputStream raw, String name, int limit) throws IOException {
        checkLimit(limit);
        try {
            InputStream in = decompressIfGzip(raw);
            int count = header(in, name, LABELS_MAGIC, 1)[0];
            int n = Math.min(count, limit);
            byte[] bytes = new byte[n];
            int done = 0;
            while (done < n) {
                int got = readSome(in, bytes, done, n - done);
                if (got < 0)
                    throw new DataFileException(name, "expected " + count + " label bytes, file ends after " + done);
                done += got;
            }
            if (n == count) expectEnd(in, name);
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) labels[i] = bytes[i] & 0xFF;
            return labels;
        } catch (EOFException | ZipException e) {
            throw corrupt(name, e);
        }
    }

    private static void checkLimit(int limit) {
        if (limit < 0) throw new IllegalArgumentException("limit must be >= 0, was " + limit);
    }

    /** Peeks at the first two bytes: 1f 8b is gzip. */
    private static InputStream decompressIfGzip(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int b0 = in.read(), b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        return in;
    }

    /**
     * The sizes declared in an IDX file's header, without reading the data: {count} for labels,
     * {count, rows, cols} for images.
     */
    public static int[] dimensions(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return header(decompressIfGzip(in), file.toString(), 0, 0);
        } catch (EOFException | ZipException e) {
            throw corrupt(file.toString(), e);
        }
    }

    /**
     * Reads and checks the magic number and the dimensions; returns the sizes. With {@code expectedMagic} 0
     * any unsigned-byte IDX file of 1 to 3 dimensions is accepted.
     */
    private static int[] header(InputStream in, String name, int expectedMagic, int expectedDims) throws IOException {
        byte[] head = new byte[4];
        int got = in.readNBytes(head, 0, 4);
        if (got < 4)
            throw new DataFileException(name, "file ends inside the IDX header (after " + got + " bytes)");
        int magic = readInt(head, 0);
        boolean anyKind = expectedMagic == 0;
        if (anyKind ? (magic >>> 8) != UNSIGNED_BYTE || (magic & 0xFF) < 1 || (magic & 0xFF) > 3 : magic != expectedMagic) {
            String what;
            if (!anyKind && magic == LABELS_MAGIC) what = "this is a label file";
            else if (!anyKind && magic == IMAGES_MAGIC) what = "this is an image file";
            else if ((magic >>> 16) != 0) what = "not an IDX file";
            else if (((magic >>> 8) & 0xFF) != UNSIGNED_BYTE)
                what = String.format("data type 0x%02X is not supported, only 0x08 (unsigned byte)", (magic >>> 8) & 0xFF);
            else what = "wrong number of dimensions " + (magic & 0xFF);
            String expected = anyKind ? "0x0000080n with n = 1..3"
                    : String.format("0x%08X for an IDX %s file", expectedMagic, expectedMagic == IMAGES_MAGIC ? "image" : "label");
            throw new DataFileException(name, String.format("wrong magic number 0x%08X, expected %s (%s)", magic, expected, what));
        }
        int nDims = anyKind ? magic & 0xFF : expectedDims;
        byte[] sizes = new byte[4 * nDims];
        got += in.readNBytes(sizes, 0, sizes.length);
        if (got < 4 + sizes.length)
            throw new DataFileException(name, "file ends inside the IDX header (after " + got + " bytes)");
        int[] dims = new int[nDims];
        for (int d = 0; d < nDims; d++) {
            dims[d] = readInt(sizes, 4 * d);
            if (dims[d] < 0)
                throw new DataFileException(name, "dimension " + d + " is " + Integer.toUnsignedString(dims[d]) + ", too large");
        }
        return dims;
    }

    /** Like {@link InputStream#read(byte[], int, int)}, but a gzip stream cut short counts as the end (-1). */
    private static int readSome(InputStream in, byte[] b, int off, int len) throws IOException {
        try {
            return in.read(b, off, len);
        } catch (EOFException e) {
            return -1;
        }
    }

    private static void expectEnd(InputStream in, String name) throws IOException {
        long extra = in.transferTo(OutputStream.nullOutputStream());
        if (extra > 0)
            throw new DataFileException(name, extra + " unexpected bytes after the data (wrong sizes in the header?)");
    }

    private static DataFileException corrupt(String name, IOException e) {
        return new DataFileException(name, "compressed data is truncated or corrupt (" + e.getMessage() + ")");
    }

    private static int readInt(byte[] b, int o) {
        return (b[o] & 0xFF) << 24 | (b[o + 1] & 0xFF) << 16 | (b[o + 2] & 0xFF) << 8 | (b[o + 3] & 0xFF);
    }
}
