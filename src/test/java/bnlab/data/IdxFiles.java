package bnlab.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPOutputStream;

/** Builds small IDX files in memory for tests. */
public final class IdxFiles {
    private IdxFiles() {}

    /** An image file: magic 0x00000803, (count, rows, cols), pixel i = (seed + i) mod 256. */
    public static byte[] images(int count, int rows, int cols, int seed) {
        byte[] pixels = new byte[count * rows * cols];
        for (int i = 0; i < pixels.length; i++) pixels[i] = (byte) (seed + i);
        return idx(0x00000803, new int[] {count, rows, cols}, pixels);
    }

    /** A label file: magic 0x00000801, (count), the given labels. */
    public static byte[] labels(int... labels) {
        byte[] data = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) data[i] = (byte) labels[i];
        return idx(0x00000801, new int[] {labels.length}, data);
    }

    static byte[] idx(int magic, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length); // big-endian
        b.putInt(magic);
        for (int d : dims) b.putInt(d);
        b.put(data);
        return b.array();
    }

    public static byte[] gzip(byte[] plain) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) { gz.write(plain); }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
