package bnlab.engine;

/**
 * Which entries of a row-major matrix are not zero, as bits: row r's entry s is bit {@code s % 64} of word
 * {@code r * words + s / 64}, with {@code words = words(cols)}. The input pixels of an image are about half
 * zeros (Fashion-MNIST: 50%, MNIST: 81%); the products with the input skip them through these bits
 * ({@link Kernels#gemmSparse}, {@link Kernels#gemmTNSparse}) and give the same bits as the dense products.
 * A data set computes its bits once ({@link Dataset#nonZero}), a batch copies its examples' words.
 */
public final class NonZero {
    private NonZero() {}

    /** Words of 64 bits per row of cols entries. */
    public static int words(int cols) {
        return (cols + 63) >>> 6;
    }

    /** The bits of a (rows, cols) matrix: a new array of rows * words(cols) longs. -0 counts as zero, NaN not. */
    public static long[] of(float[] a, int rows, int cols) {
        int words = words(cols);
        long[] bits = new long[rows * words];
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int w = 0; w < words; w++) {
                int s0 = w << 6, s1 = Math.min(cols, s0 + 64);
                long word = 0;
                for (int s = s0; s < s1; s++) word |= (a[base + s] != 0f ? 1L : 0L) << (s - s0);
                bits[r * words + w] = word;
            }
        }
        return bits;
    }

    /**
     * The same bits by column: bit {@code r % 64} of {@code columns[s * rowWords + r / 64]} is set when row r's
     * entry s is not zero, with {@code rowWords = words(rows)}. Transposes 64 by 64 blocks of bits in place
     * (Hacker's Delight, 7-3) in work[at..at+64); columns needs cols * words(rows) longs from 0 (it may be the
     * same array as work, with at past them). Allocates nothing.
     */
    public static void columns(long[] bits, int rows, int cols, long[] columns, long[] work, int at) {
        int words = words(cols), rowWords = words(rows);
        for (int rw = 0; rw < rowWords; rw++) {
            int r0 = rw << 6, r1 = Math.min(rows, r0 + 64);
            for (int w = 0; w < words; w++) {
                for (int r = r0; r < r0 + 64; r++) work[at + r - r0] = r < r1 ? bits[r * words + w] : 0L;
                transpose64(work, at);
                int s0 = w << 6, s1 = Math.min(cols, s0 + 64);
                for (int s = s0; s < s1; s++) columns[s * rowWords + rw] = work[at + s - s0];
            }
        }
    }

    /** In place: bit j of a[at + i] moves to bit i of a[at + j], for i, j < 64. */
    static void transpose64(long[] a, int at) {
        long m = 0x00000000FFFFFFFFL;
        for (int j = 32; j != 0; j >>>= 1, m ^= m << j) {
            for (int k = 0; k < 64; k = ((k | j) + 1) & ~j) {
                int lo = at + k, hi = at + (k | j);
                long t = ((a[lo] >>> j) ^ a[hi]) & m;
                a[lo] ^= t << j;
                a[hi] ^= t;
            }
        }
    }
}
