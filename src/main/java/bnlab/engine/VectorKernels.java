package bnlab.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The matrix products and the sigmoid of {@link Kernels} written with the Vector API (jdk.incubator.vector).
 * Only {@link Kernels} calls this class, and only after checking that the module is present.
 *
 * <p><b>gemm and gemmTN</b> are the same loop: {@code C(rows, cols) = sum over s of A(r, s) B(s, cols)},
 * where B is read row by row and A is read through two strides, so that A can be used as stored
 * (gemm, {@code A(r, s) = a[r*k + s]}) or transposed (gemmTN, {@code A(r, s) = a[s*k + r]}) without a copy.
 * A register block holds 4 rows by 3 vectors of C (12 accumulators, 3 loaded B vectors and
 * one broadcast: 16 of the 16 AVX2 registers); each step s costs 3 vector loads, 4 broadcasts
 * straight from memory and 12 fma. When the sum is long (gemm's k = 784) the steps are cut into
 * panels of {@link #KC} so that the slice of B being read stays in L1. Ragged edges reuse the same
 * blocks shifted back so that they end at the edge: those outputs are computed twice, in the same
 * order, and written twice with the same value, which is allowed because outputs are overwritten,
 * never accumulated. Only matrices narrower than one vector, or with fewer than 4 rows, use
 * narrower blocks.
 *
 * <p>Nothing is allocated per call (the vectors are scalarised by C2) and there is no shared state.
 * gemm and gemmTN do not skip zero entries of A: C2 in JDK 17 boxes vectors that are updated conditionally,
 * and testing each value was measured slower (bench/README.md). The products with the input pixels (about
 * half zeros) skip them in {@link #gemmSparse} and {@link #gemmTNSparse} instead, through bits made once per
 * data set: the loops run over the set bits, so no vector is updated under an if.
 */
final class VectorKernels {
    private VectorKernels() {}

    /**
     * The machine's widest species, or 256 bits with {@code -Dbnlab.vectorBits=256} (to measure the AVX2 path
     * on an AVX-512 machine). A static final, so that C2 sees a constant. Only one species may be used in a
     * JVM: FloatVector.intoArray is shared by all species and finds the vector's class by its type profile;
     * when two species had stored through it (a 256-bit kernel for narrow outputs beside the 512-bit ones),
     * C2 could no longer intrinsify the stores of loop accumulators (PrintInlining: "VectorSupport::store
     * failed to inline (intrinsic)") and boxed them: 1 GFLOP/s and megabytes allocated per call.
     */
    static final VectorSpecies<Float> S = "256".equals(System.getProperty("bnlab.vectorBits"))
            ? FloatVector.SPECIES_256 : FloatVector.SPECIES_PREFERRED;
    /** Floats per vector: 8 with AVX2, 16 with AVX-512. */
    static final int L = S.length();
    static final boolean WIDE_BLOCKS = !"false".equals(System.getProperty("bnlab.wideBlocks"));
    /** Rows of C in one register block (gemm, gemmTN). */
    private static final int R = 4;
    /** Vectors of C across one register block (gemm, gemmTN). */
    private static final int V = 3;
    /**
     * Steps per panel of B when the sum is long: 128 rows of 3 vectors of B are 12 KB (about 20 KB of
     * cache lines at gemm's row stride of 400 bytes), which stay in the 32 KB L1. Measured on
     * 60x784x100: 64 and 128 equal, 192 and 392 a little slower, no panels 25% slower.
     */
    private static final int KC = 128;

    /** C(m,n) = A(m,k) · B(k,n). */
    static void gemm(float[] c, float[] a, float[] b, int m, int k, int n) {
        product(c, a, k, 1, b, m, n, k);
    }

    /** C(k,n) = A(m,k)^T · B(m,n). */
    static void gemmTN(float[] c, float[] a, float[] b, int m, int k, int n) {
        product(c, a, 1, k, b, k, n, m);
    }

    /**
     * C(rows, cols) = sum over s < steps of A(r, s) · B(s, cols), with A(r, s) = a[r*rowStride + s*stepStride],
     * B(s, j) = b[s*cols + j] and C(r, j) = c[r*cols + j].
     */
    private static void product(float[] c, float[] a, int rowStride, int stepStride, float[] b,
                                int rows, int cols, int steps) {
        if (cols < L && 2 * cols >= L) {  // e.g. 10 classes with 16 lanes: through one padded vector
            paddedProduct(c, a, rowStride, stepStride, b, rows, cols, steps);
            return;
        }
        if (cols < L) {  // narrower than half a vector: toy shapes only
            for (int r = 0; r < rows; r++) rowScalar(c, a, r, rowStride, stepStride, b, cols, steps);
            return;
        }
        if (WIDE_BLOCKS && L == 16 && cols > 6 * L && cols <= WIDE * L && rows >= 3) {
            wideProduct(c, a, rowStride, stepStride, b, rows, cols, steps);
            return;
        }
        if (rows < R) {
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < cols; j += L) {
                    int jj = Math.min(j, cols - L);  // the last vector ends at the edge
                    block1x1(c, r * cols + jj, a, r * rowStride, stepStride, b, jj, cols, steps);
                }
            }
            return;
        }
        if (steps > KC) {
            // Long sums (gemm's k = 784): one panel of B, KC steps by 3 vectors, is used by every row
            // block while it sits in L1; the partial sums go through C between panels. Blocks that
            // overlap (the ragged last rows and columns) must not add twice: they are done last, in
            // one pass over all steps, overwriting the overlapped outputs with the same sums.
            int fullRows = rows - rows % R;
            int j = 0;
            for (; j + V * L <= cols; j += V * L) {
                for (int s0 = 0; s0 < steps; s0 += KC) {
                    int len = Math.min(KC, steps - s0);
                    for (int r0 = 0; r0 < fullRows; r0 += R) {
                        int cOff = r0 * cols + j, aOff = r0 * rowStride + s0 * stepStride, bOff = s0 * cols + j;
                        if (s0 == 0) block4x3(c, cOff, cols, a, aOff, rowStride, stepStride, b, bOff, len);
                        else block4x3Add(c, cOff, cols, a, aOff, rowStride, stepStride, b, bOff, len);
                    }
                }
                if (fullRows < rows) {
                    int r0 = rows - R;
                    block4x3(c, r0 * cols + j, cols, a, r0 * rowStride, rowStride, stepStride, b, j, steps);
                }
            }
            columnEdge(c, a, rowStride, stepStride, b, rows, cols, steps, j);
            return;
        }
        int j0 = cols - cols % (V * L);  // where the full-width blocks end
        for (int i = 0; i < rows; i += R) {
            int r0 = Math.min(i, rows - R);  // the last block ends at the edge
            int aOff = r0 * rowStride;
            for (int j = 0; j < j0; j += V * L)
                block4x3(c, r0 * cols + j, cols, a, aOff, rowStride, stepStride, b, j, steps);
        }
        columnEdge(c, a, rowStride, stepStride, b, rows, cols, steps, j0);
    }

    /** Vectors across {@link #block3x7}: with 16 lanes, rows of 97 to 112 (the Figure 1 network's 100) in one block. */
    private static final int WIDE = 7;
    /** Steps per panel for {@link #block3x7}: 64 rows of 7 vectors of B are 28 KB, inside a 48 KB L1. */
    private static final int KC_WIDE = 64;

    /**
     * C = A B for 6L < cols <= 7L with 16 lanes: 3 rows by all 7 vectors of a row (21 accumulators, 7 B vectors
     * and a broadcast: 29 of AVX-512's 32 registers), so that each B vector loaded serves 3 fma and each
     * broadcast 7, and no column edge is left (the 4x3 blocks left one vector of 100 columns to 8x1 blocks,
     * which took 15% of a Figure 1 step for a seventh of its work). Long sums in panels as in {@link #product}.
     */
    private static void wideProduct(float[] c, float[] a, int rowStride, int stepStride, float[] b,
                                    int rows, int cols, int steps) {
        int j6 = cols - L;
        int fullRows = rows - rows % 3;
        for (int s0 = 0; s0 < steps; s0 += KC_WIDE) {
            int len = Math.min(KC_WIDE, steps - s0);
            for (int r0 = 0; r0 < fullRows; r0 += 3) {
                int cOff = r0 * cols, aOff = r0 * rowStride + s0 * stepStride, bOff = s0 * cols;
                if (s0 == 0) block3x7(c, cOff, cols, j6, a, aOff, rowStride, stepStride, b, bOff, len);
                else block3x7Add(c, cOff, cols, j6, a, aOff, rowStride, stepStride, b, bOff, len);
            }
        }
        if (fullRows < rows) {  // the last rows, overlapping: one pass over all steps, overwriting
            int r0 = rows - 3;
            block3x7(c, r0 * cols, cols, j6, a, r0 * rowStride, rowStride, stepStride, b, 0, steps);
        }
    }

    /**
     * The wide register block: C rows r..r+2 by 7 vectors (cOff = r*ldc), the seventh at j6 (shifted back to end at the edge).
     */
    private static void block3x7(float[] c, int cOff, int ldc, int j6, float[] a, int aOff, int rowStride,
                                 int stepStride, float[] b, int bOff, int steps) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00, c02 = c00, c03 = c00, c04 = c00, c05 = c00, c06 = c00, c10 = c00, c11 = c00, c12 = c00, c13 = c00, c14 = c00, c15 = c00, c16 = c00, c20 = c00, c21 = c00, c22 = c00, c23 = c00, c24 = c00, c25 = c00, c26 = c00;
        int a0 = aOff, a1 = a0 + rowStride, a2 = a1 + rowStride;
        for (int s = 0, bi = bOff; s < steps; s++, a0 += stepStride, a1 += stepStride, a2 += stepStride, bi += ldc) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi + 0);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bi + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, b, bi + 3 * L);
            FloatVector b4 = FloatVector.fromArray(S, b, bi + 4 * L);
            FloatVector b5 = FloatVector.fromArray(S, b, bi + 5 * L);
            FloatVector b6 = FloatVector.fromArray(S, b, bi + j6);
            FloatVector x = FloatVector.broadcast(S, a[a0]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01); c02 = x.fma(b2, c02); c03 = x.fma(b3, c03); c04 = x.fma(b4, c04); c05 = x.fma(b5, c05); c06 = x.fma(b6, c06);
            x = FloatVector.broadcast(S, a[a1]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11); c12 = x.fma(b2, c12); c13 = x.fma(b3, c13); c14 = x.fma(b4, c14); c15 = x.fma(b5, c15); c16 = x.fma(b6, c16);
            x = FloatVector.broadcast(S, a[a2]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21); c22 = x.fma(b2, c22); c23 = x.fma(b3, c23); c24 = x.fma(b4, c24); c25 = x.fma(b5, c25); c26 = x.fma(b6, c26);
        }
        c06.intoArray(c, cOff + j6); c00.intoArray(c, cOff + 0); c01.intoArray(c, cOff + L); c02.intoArray(c, cOff + 2 * L); c03.intoArray(c, cOff + 3 * L); c04.intoArray(c, cOff + 4 * L); c05.intoArray(c, cOff + 5 * L);
        c16.intoArray(c, cOff + ldc + j6); c10.intoArray(c, cOff + ldc + 0); c11.intoArray(c, cOff + ldc + L); c12.intoArray(c, cOff + ldc + 2 * L); c13.intoArray(c, cOff + ldc + 3 * L); c14.intoArray(c, cOff + ldc + 4 * L); c15.intoArray(c, cOff + ldc + 5 * L);
        c26.intoArray(c, cOff + 2 * ldc + j6); c20.intoArray(c, cOff + 2 * ldc + 0); c21.intoArray(c, cOff + 2 * ldc + L); c22.intoArray(c, cOff + 2 * ldc + 2 * L); c23.intoArray(c, cOff + 2 * ldc + 3 * L); c24.intoArray(c, cOff + 2 * ldc + 4 * L); c25.intoArray(c, cOff + 2 * ldc + 5 * L);
    }

    /**
     * {@link #block3x7} that starts from the values in C (the later panels of a long sum).
     */
    private static void block3x7Add(float[] c, int cOff, int ldc, int j6, float[] a, int aOff, int rowStride,
                                 int stepStride, float[] b, int bOff, int steps) {
        FloatVector c00 = FloatVector.fromArray(S, c, cOff + 0);
        FloatVector c01 = FloatVector.fromArray(S, c, cOff + L);
        FloatVector c02 = FloatVector.fromArray(S, c, cOff + 2 * L);
        FloatVector c03 = FloatVector.fromArray(S, c, cOff + 3 * L);
        FloatVector c04 = FloatVector.fromArray(S, c, cOff + 4 * L);
        FloatVector c05 = FloatVector.fromArray(S, c, cOff + 5 * L);
        FloatVector c06 = FloatVector.fromArray(S, c, cOff + j6);
        FloatVector c10 = FloatVector.fromArray(S, c, cOff + ldc + 0);
        FloatVector c11 = FloatVector.fromArray(S, c, cOff + ldc + L);
        FloatVector c12 = FloatVector.fromArray(S, c, cOff + ldc + 2 * L);
        FloatVector c13 = FloatVector.fromArray(S, c, cOff + ldc + 3 * L);
        FloatVector c14 = FloatVector.fromArray(S, c, cOff + ldc + 4 * L);
        FloatVector c15 = FloatVector.fromArray(S, c, cOff + ldc + 5 * L);
        FloatVector c16 = FloatVector.fromArray(S, c, cOff + ldc + j6);
        FloatVector c20 = FloatVector.fromArray(S, c, cOff + 2 * ldc + 0);
        FloatVector c21 = FloatVector.fromArray(S, c, cOff + 2 * ldc + L);
        FloatVector c22 = FloatVector.fromArray(S, c, cOff + 2 * ldc + 2 * L);
        FloatVector c23 = FloatVector.fromArray(S, c, cOff + 2 * ldc + 3 * L);
        FloatVector c24 = FloatVector.fromArray(S, c, cOff + 2 * ldc + 4 * L);
        FloatVector c25 = FloatVector.fromArray(S, c, cOff + 2 * ldc + 5 * L);
        FloatVector c26 = FloatVector.fromArray(S, c, cOff + 2 * ldc + j6);
        int a0 = aOff, a1 = a0 + rowStride, a2 = a1 + rowStride;
        for (int s = 0, bi = bOff; s < steps; s++, a0 += stepStride, a1 += stepStride, a2 += stepStride, bi += ldc) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi + 0);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bi + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, b, bi + 3 * L);
            FloatVector b4 = FloatVector.fromArray(S, b, bi + 4 * L);
            FloatVector b5 = FloatVector.fromArray(S, b, bi + 5 * L);
            FloatVector b6 = FloatVector.fromArray(S, b, bi + j6);
            FloatVector x = FloatVector.broadcast(S, a[a0]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01); c02 = x.fma(b2, c02); c03 = x.fma(b3, c03); c04 = x.fma(b4, c04); c05 = x.fma(b5, c05); c06 = x.fma(b6, c06);
            x = FloatVector.broadcast(S, a[a1]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11); c12 = x.fma(b2, c12); c13 = x.fma(b3, c13); c14 = x.fma(b4, c14); c15 = x.fma(b5, c15); c16 = x.fma(b6, c16);
            x = FloatVector.broadcast(S, a[a2]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21); c22 = x.fma(b2, c22); c23 = x.fma(b3, c23); c24 = x.fma(b4, c24); c25 = x.fma(b5, c25); c26 = x.fma(b6, c26);
        }
        c06.intoArray(c, cOff + j6); c00.intoArray(c, cOff + 0); c01.intoArray(c, cOff + L); c02.intoArray(c, cOff + 2 * L); c03.intoArray(c, cOff + 3 * L); c04.intoArray(c, cOff + 4 * L); c05.intoArray(c, cOff + 5 * L);
        c16.intoArray(c, cOff + ldc + j6); c10.intoArray(c, cOff + ldc + 0); c11.intoArray(c, cOff + ldc + L); c12.intoArray(c, cOff + ldc + 2 * L); c13.intoArray(c, cOff + ldc + 3 * L); c14.intoArray(c, cOff + ldc + 4 * L); c15.intoArray(c, cOff + ldc + 5 * L);
        c26.intoArray(c, cOff + 2 * ldc + j6); c20.intoArray(c, cOff + 2 * ldc + 0); c21.intoArray(c, cOff + 2 * ldc + L); c22.intoArray(c, cOff + 2 * ldc + 2 * L); c23.intoArray(c, cOff + 2 * ldc + 3 * L); c24.intoArray(c, cOff + 2 * ldc + 4 * L); c25.intoArray(c, cOff + 2 * ldc + 5 * L);
    }

    /**
     * Whether {@link #gemmSparse} and {@link #gemmTNSparse} have kernels for rows of C this wide: 97 to 112
     * columns with 16 lanes (7 vectors, those of {@link #block3x7}) and 97 to 104 with 8 lanes (13 vectors,
     * {@link #sparseRow}), the Figure 1 network's 100 on AVX-512 and on AVX2. Other shapes use the dense products.
     */
    static boolean sparseFits(int cols) {
        return L == 16 ? WIDE_BLOCKS && cols > 6 * L && cols <= WIDE * L : L == 8 && cols > 12 * L && cols <= 13 * L;
    }

    /**
     * C(m,n) = A(m,k) · B(k,n) over the steps where A is not zero, given A's {@link NonZero} bits; n as in
     * {@link #sparseFits}. Two rows of C at a time (14 accumulators, 7 B vectors, a broadcast), over the
     * steps where either row is not zero: about two thirds of the pixels of two Fashion-MNIST images, where
     * three rows (the dense block's) would leave three quarters. The steps go in panels of 64, one word of
     * bits, whose 64 rows of B (25 KB) stay in L1 while every pair of rows uses them; the partial sums go
     * through C, which starts at zero. Each output is the dense kernel's chain of fma in the same order, less
     * the steps whose product is 0 (adding 0 changes no sum), so the bits are {@link #gemm}'s.
     */
    static void gemmSparse(float[] c, float[] a, long[] nonZero, float[] b, int m, int k, int n) {
        int words = NonZero.words(k), j6 = n - L;
        java.util.Arrays.fill(c, 0, m * n, 0f);
        if (L == 8) {
            for (int w = 0; w < words; w++) {
                int s0 = w << 6, bOff = s0 * n;
                for (int r = 0; r < m; r++) {
                    long bits = nonZero[r * words + w];
                    if (bits != 0) sparseRow(c, r * n, c, r * n, j6, a, r * k + s0, 1, b, bOff, n, bits);
                }
            }
            return;
        }
        for (int w = 0; w < words; w++) {
            int s0 = w << 6, bOff = s0 * n;
            for (int r = 0; r < m; r += 2) {
                int r1 = Math.min(r + 1, m - 1);  // an odd last row is done as a pair with itself
                long bits = nonZero[r * words + w] | nonZero[r1 * words + w];
                if (bits != 0) sparsePair(c, r * n, r1 * n, j6, a, r * k + s0, r1 * k + s0, b, bOff, n, bits);
            }
        }
    }

    /** C rows at c0 and c1 (7 vectors each, the seventh at j6) += A's entries at a0 + s and a1 + s times B's row s, for the set bits s. */
    private static void sparsePair(float[] c, int c0, int c1, int j6, float[] a, int a0, int a1, float[] b, int bOff,
                                   int ldb, long bits) {
        FloatVector p0 = FloatVector.fromArray(S, c, c0);
        FloatVector p1 = FloatVector.fromArray(S, c, c0 + L);
        FloatVector p2 = FloatVector.fromArray(S, c, c0 + 2 * L);
        FloatVector p3 = FloatVector.fromArray(S, c, c0 + 3 * L);
        FloatVector p4 = FloatVector.fromArray(S, c, c0 + 4 * L);
        FloatVector p5 = FloatVector.fromArray(S, c, c0 + 5 * L);
        FloatVector p6 = FloatVector.fromArray(S, c, c0 + j6);
        FloatVector q0 = FloatVector.fromArray(S, c, c1);
        FloatVector q1 = FloatVector.fromArray(S, c, c1 + L);
        FloatVector q2 = FloatVector.fromArray(S, c, c1 + 2 * L);
        FloatVector q3 = FloatVector.fromArray(S, c, c1 + 3 * L);
        FloatVector q4 = FloatVector.fromArray(S, c, c1 + 4 * L);
        FloatVector q5 = FloatVector.fromArray(S, c, c1 + 5 * L);
        FloatVector q6 = FloatVector.fromArray(S, c, c1 + j6);
        while (bits != 0) {
            int s = Long.numberOfTrailingZeros(bits);
            bits &= bits - 1;
            int bi = bOff + s * ldb;
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bi + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, b, bi + 3 * L);
            FloatVector b4 = FloatVector.fromArray(S, b, bi + 4 * L);
            FloatVector b5 = FloatVector.fromArray(S, b, bi + 5 * L);
            FloatVector b6 = FloatVector.fromArray(S, b, bi + j6);
            FloatVector x = FloatVector.broadcast(S, a[a0 + s]);
            p0 = x.fma(b0, p0); p1 = x.fma(b1, p1); p2 = x.fma(b2, p2); p3 = x.fma(b3, p3); p4 = x.fma(b4, p4); p5 = x.fma(b5, p5); p6 = x.fma(b6, p6);
            x = FloatVector.broadcast(S, a[a1 + s]);
            q0 = x.fma(b0, q0); q1 = x.fma(b1, q1); q2 = x.fma(b2, q2); q3 = x.fma(b3, q3); q4 = x.fma(b4, q4); q5 = x.fma(b5, q5); q6 = x.fma(b6, q6);
        }
        p6.intoArray(c, c0 + j6); p0.intoArray(c, c0); p1.intoArray(c, c0 + L); p2.intoArray(c, c0 + 2 * L);
        p3.intoArray(c, c0 + 3 * L); p4.intoArray(c, c0 + 4 * L); p5.intoArray(c, c0 + 5 * L);
        q6.intoArray(c, c1 + j6); q0.intoArray(c, c1); q1.intoArray(c, c1 + L); q2.intoArray(c, c1 + 2 * L);
        q3.intoArray(c, c1 + 3 * L); q4.intoArray(c, c1 + 4 * L); q5.intoArray(c, c1 + 5 * L);
    }

    /**
     * C(k,n) = A(m,k)^T · B(m,n) over the rows of A where it is not zero, given A's bits by column
     * ({@link NonZero#columns}: one long per column of A, so m <= 64); n as in {@link #sparseFits}, k >= 3.
     * Three rows of C (three pixels) at a time as in {@link #block3x7}, over the batch rows where any of the
     * three pixels is not zero (about three fifths on Fashion-MNIST). The last three rows overlap the ones
     * before when k is not a multiple of 3 and are written again with the same sums. The bits are
     * {@link #gemmTN}'s. (A loop over several words around the loop over bits made C2 box the 21 accumulators:
     * 1/6 of the dense speed. Larger batches use the dense product.) With 8 lanes each pixel goes alone
     * ({@link #sparseRow}), over the batch rows where it is not zero (half of them).
     */
    static void gemmTNSparse(float[] c, float[] a, long[] columns, float[] b, int m, int k, int n) {
        int j6 = n - L, full = k - k % 3;
        if (L == 8) {  // every row of C written once, from zero (a pixel that is 0 in the whole batch: a row of zeros)
            for (int p = 0; p < k; p++) sparseRow(c, p * n, ZEROS, 0, j6, a, p, k, b, 0, n, columns[p]);
            return;
        }
        for (int p = 0; p < full; p += 3) sparseTriple(c, p, n, j6, a, k, b, columns[p] | columns[p + 1] | columns[p + 2]);
        if (full < k) sparseTriple(c, k - 3, n, j6, a, k, b, columns[k - 3] | columns[k - 2] | columns[k - 1]);
    }

    /**
     * Rows p, p+1, p+2 of C = the sums over the batch rows s whose bit is set (where A(s, p..p+2) is not all zero).
     * The body repeats {@link #block3x7}'s on purpose: C2 in JDK 17 boxes vectors passed to or returned from a
     * helper, so each kernel writes its register block out.
     */
    private static void sparseTriple(float[] c, int p, int ldc, int j6, float[] a, int lda, float[] b, long bits) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00, c02 = c00, c03 = c00, c04 = c00, c05 = c00, c06 = c00, c10 = c00, c11 = c00, c12 = c00, c13 = c00, c14 = c00, c15 = c00, c16 = c00, c20 = c00, c21 = c00, c22 = c00, c23 = c00, c24 = c00, c25 = c00, c26 = c00;
        while (bits != 0) {
            int s = Long.numberOfTrailingZeros(bits);
            bits &= bits - 1;
            int bi = s * ldc, a0 = s * lda + p;
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bi + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, b, bi + 3 * L);
            FloatVector b4 = FloatVector.fromArray(S, b, bi + 4 * L);
            FloatVector b5 = FloatVector.fromArray(S, b, bi + 5 * L);
            FloatVector b6 = FloatVector.fromArray(S, b, bi + j6);
            FloatVector x = FloatVector.broadcast(S, a[a0]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01); c02 = x.fma(b2, c02); c03 = x.fma(b3, c03); c04 = x.fma(b4, c04); c05 = x.fma(b5, c05); c06 = x.fma(b6, c06);
            x = FloatVector.broadcast(S, a[a0 + 1]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11); c12 = x.fma(b2, c12); c13 = x.fma(b3, c13); c14 = x.fma(b4, c14); c15 = x.fma(b5, c15); c16 = x.fma(b6, c16);
            x = FloatVector.broadcast(S, a[a0 + 2]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21); c22 = x.fma(b2, c22); c23 = x.fma(b3, c23); c24 = x.fma(b4, c24); c25 = x.fma(b5, c25); c26 = x.fma(b6, c26);
        }
        int cOff = p * ldc;
        c06.intoArray(c, cOff + j6); c00.intoArray(c, cOff + 0); c01.intoArray(c, cOff + L); c02.intoArray(c, cOff + 2 * L); c03.intoArray(c, cOff + 3 * L); c04.intoArray(c, cOff + 4 * L); c05.intoArray(c, cOff + 5 * L);
        c16.intoArray(c, cOff + ldc + j6); c10.intoArray(c, cOff + ldc + 0); c11.intoArray(c, cOff + ldc + L); c12.intoArray(c, cOff + ldc + 2 * L); c13.intoArray(c, cOff + ldc + 3 * L); c14.intoArray(c, cOff + ldc + 4 * L); c15.intoArray(c, cOff + ldc + 5 * L);
        c26.intoArray(c, cOff + 2 * ldc + j6); c20.intoArray(c, cOff + 2 * ldc + 0); c21.intoArray(c, cOff + 2 * ldc + L); c22.intoArray(c, cOff + 2 * ldc + 2 * L); c23.intoArray(c, cOff + 2 * ldc + 3 * L); c24.intoArray(c, cOff + 2 * ldc + 4 * L); c25.intoArray(c, cOff + 2 * ldc + 5 * L);
    }

    /** A row of zeros to start {@link #sparseRow}'s sums from: 13 vectors of 8 lanes. */
    private static final float[] ZEROS = new float[13 * 8];

    /**
     * The 8-lane sparse kernel of {@link #gemmSparse} and {@link #gemmTNSparse}: one row of C (13 vectors, the
     * last at j12, shifted back to end at the edge) = the same row of {@code from} at f0 (C itself, to add to
     * it, or {@link #ZEROS}) + A(s) · B's row s over the set bits s, with A(s) = a[a0 + s * aStride] and B's row
     * s at bOff + s * ldb. AVX2's 16 registers hold the 13 sums and the
     * broadcast but no B vectors to share between rows, so each B vector feeds one fma (as a memory operand);
     * in exchange a row visits only its own non-zero steps (half of a Fashion-MNIST image's pixels), where the
     * pairs of the 16-lane kernel visit two thirds. Each output is the dense chain of fma less the zero steps.
     */
    private static void sparseRow(float[] c, int c0, float[] from, int f0, int j12, float[] a, int a0, int aStride,
                                  float[] b, int bOff, int ldb, long bits) {
        FloatVector p0 = FloatVector.fromArray(S, from, f0);
        FloatVector p1 = FloatVector.fromArray(S, from, f0 + 1 * L);
        FloatVector p2 = FloatVector.fromArray(S, from, f0 + 2 * L);
        FloatVector p3 = FloatVector.fromArray(S, from, f0 + 3 * L);
        FloatVector p4 = FloatVector.fromArray(S, from, f0 + 4 * L);
        FloatVector p5 = FloatVector.fromArray(S, from, f0 + 5 * L);
        FloatVector p6 = FloatVector.fromArray(S, from, f0 + 6 * L);
        FloatVector p7 = FloatVector.fromArray(S, from, f0 + 7 * L);
        FloatVector p8 = FloatVector.fromArray(S, from, f0 + 8 * L);
        FloatVector p9 = FloatVector.fromArray(S, from, f0 + 9 * L);
        FloatVector p10 = FloatVector.fromArray(S, from, f0 + 10 * L);
        FloatVector p11 = FloatVector.fromArray(S, from, f0 + 11 * L);
        FloatVector p12 = FloatVector.fromArray(S, from, f0 + j12);
        while (bits != 0) {
            int s = Long.numberOfTrailingZeros(bits);
            bits &= bits - 1;
            int bi = bOff + s * ldb;
            FloatVector x = FloatVector.broadcast(S, a[a0 + s * aStride]);
            p0 = x.fma(FloatVector.fromArray(S, b, bi), p0);
            p1 = x.fma(FloatVector.fromArray(S, b, bi + L), p1);
            p2 = x.fma(FloatVector.fromArray(S, b, bi + 2 * L), p2);
            p3 = x.fma(FloatVector.fromArray(S, b, bi + 3 * L), p3);
            p4 = x.fma(FloatVector.fromArray(S, b, bi + 4 * L), p4);
            p5 = x.fma(FloatVector.fromArray(S, b, bi + 5 * L), p5);
            p6 = x.fma(FloatVector.fromArray(S, b, bi + 6 * L), p6);
            p7 = x.fma(FloatVector.fromArray(S, b, bi + 7 * L), p7);
            p8 = x.fma(FloatVector.fromArray(S, b, bi + 8 * L), p8);
            p9 = x.fma(FloatVector.fromArray(S, b, bi + 9 * L), p9);
            p10 = x.fma(FloatVector.fromArray(S, b, bi + 10 * L), p10);
            p11 = x.fma(FloatVector.fromArray(S, b, bi + 11 * L), p11);
            p12 = x.fma(FloatVector.fromArray(S, b, bi + j12), p12);
        }
        p12.intoArray(c, c0 + j12); p0.intoArray(c, c0); p1.intoArray(c, c0 + L); p2.intoArray(c, c0 + 2 * L);
        p3.intoArray(c, c0 + 3 * L); p4.intoArray(c, c0 + 4 * L); p5.intoArray(c, c0 + 5 * L);
        p6.intoArray(c, c0 + 6 * L); p7.intoArray(c, c0 + 7 * L); p8.intoArray(c, c0 + 8 * L);
        p9.intoArray(c, c0 + 9 * L); p10.intoArray(c, c0 + 10 * L); p11.intoArray(c, c0 + 11 * L);
    }

    /** Per-thread scratch of {@link #paddedProduct}: [0] B and [1] C padded to one vector per row. */
    private static final ThreadLocal<float[][]> PADDED = ThreadLocal.withInitial(() -> new float[2][0]);

    /**
     * An output narrower than one vector but at least half as wide (the Figure 1 network's 10 classes with
     * AVX-512's 16 lanes): B is copied into rows of one vector (the extra lanes are never read back), the
     * product runs on full vectors into a padded C, whose first cols columns are copied out. The copies
     * move steps*cols and rows*cols floats, against 2*rows*cols*steps flops; the scalar loop it replaces ran
     * at about 2 GFLOP/s and cost a sixth of a Figure 1 step. The scratch grows once per thread and shape.
     */
    private static void paddedProduct(float[] c, float[] a, int rowStride, int stepStride, float[] b,
                                      int rows, int cols, int steps) {
        float[][] pad = PADDED.get();
        if (pad[0].length < steps * L) pad[0] = new float[steps * L];
        if (pad[1].length < rows * L) pad[1] = new float[rows * L];
        float[] bp = pad[0], cp = pad[1];
        for (int s = 0; s < steps; s++) System.arraycopy(b, s * cols, bp, s * L, cols);
        product(cp, a, rowStride, stepStride, bp, rows, L, steps);
        for (int r = 0; r < rows; r++) System.arraycopy(cp, r * L, c, r * cols, cols);
    }

    /**
     * The columns from j0 on that the full-width blocks left (fewer than 3 vectors; for widths of 100,
     * the last 4 columns, done as one vector ending at the edge), over all rows. Eight rows at a time,
     * so that eight independent sums hide the FMA latency; four rows only had half the throughput and
     * took a fifth of the Figure 1 network's time for a twelfth of its work (profiled with JFR).
     */
    private static void columnEdge(float[] c, float[] a, int rowStride, int stepStride, float[] b,
                                   int rows, int cols, int steps, int j0) {
        for (int j = j0; j < cols; j += L) {
            int jj = Math.min(j, cols - L);
            if (rows < 2 * R) {
                for (int i = 0; i < rows; i += R) {
                    int r0 = Math.min(i, rows - R);
                    block4x1(c, r0 * cols + jj, cols, a, r0 * rowStride, rowStride, stepStride, b, jj, steps);
                }
            } else {
                for (int i = 0; i < rows; i += 2 * R) {
                    int r0 = Math.min(i, rows - 2 * R);
                    block8x1(c, r0 * cols + jj, cols, a, r0 * rowStride, rowStride, stepStride, b, jj, steps);
                }
            }
        }
    }

    /**
     * The main register block: C rows r..r+3, columns j..j+3L-1 (cOff = r*ldc + j).
     * Per step s: C(r+q, j..) += A(r+q, s) · B(s, j..) for q = 0..3, three vectors wide.
     */
    private static void block4x3(float[] c, int cOff, int ldc, float[] a, int aOff, int rowStride,
                                 int stepStride, float[] b, int bOff, int steps) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c02 = c00;
        FloatVector c10 = c00, c11 = c00, c12 = c00;
        FloatVector c20 = c00, c21 = c00, c22 = c00;
        FloatVector c30 = c00, c31 = c00, c32 = c00;
        int a0 = aOff, a1 = a0 + rowStride, a2 = a1 + rowStride, a3 = a2 + rowStride;
        int bi = bOff;
        for (int s = 0; s < steps; s++, a0 += stepStride, a1 += stepStride, a2 += stepStride,
                a3 += stepStride, bi += ldc) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bi + 2 * L);
            // broadcast straight from the array: C2 folds the load into vbroadcastss
            FloatVector x = FloatVector.broadcast(S, a[a0]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01); c02 = x.fma(b2, c02);
            x = FloatVector.broadcast(S, a[a1]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11); c12 = x.fma(b2, c12);
            x = FloatVector.broadcast(S, a[a2]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21); c22 = x.fma(b2, c22);
            x = FloatVector.broadcast(S, a[a3]);
            c30 = x.fma(b0, c30); c31 = x.fma(b1, c31); c32 = x.fma(b2, c32);
        }
        c00.intoArray(c, cOff); c01.intoArray(c, cOff + L); c02.intoArray(c, cOff + 2 * L);
        cOff += ldc;
        c10.intoArray(c, cOff); c11.intoArray(c, cOff + L); c12.intoArray(c, cOff + 2 * L);
        cOff += ldc;
        c20.intoArray(c, cOff); c21.intoArray(c, cOff + L); c22.intoArray(c, cOff + 2 * L);
        cOff += ldc;
        c30.intoArray(c, cOff); c31.intoArray(c, cOff + L); c32.intoArray(c, cOff + 2 * L);
    }

    /**
     * {@link #block4x3} that starts from the values in C instead of zero: the later panels of a long
     * sum. (A separate method because C2 in JDK 17 boxes vectors chosen by an if.)
     */
    private static void block4x3Add(float[] c, int cOff, int ldc, float[] a, int aOff, int rowStride,
                                    int stepStride, float[] b, int bOff, int steps) {
        int o = cOff;
        FloatVector c00 = FloatVector.fromArray(S, c, o);
        FloatVector c01 = FloatVector.fromArray(S, c, o + L), c02 = FloatVector.fromArray(S, c, o + 2 * L);
        o += ldc;
        FloatVector c10 = FloatVector.fromArray(S, c, o);
        FloatVector c11 = FloatVector.fromArray(S, c, o + L), c12 = FloatVector.fromArray(S, c, o + 2 * L);
        o += ldc;
        FloatVector c20 = FloatVector.fromArray(S, c, o);
        FloatVector c21 = FloatVector.fromArray(S, c, o + L), c22 = FloatVector.fromArray(S, c, o + 2 * L);
        o += ldc;
        FloatVector c30 = FloatVector.fromArray(S, c, o);
        FloatVector c31 = FloatVector.fromArray(S, c, o + L), c32 = FloatVector.fromArray(S, c, o + 2 * L);
        int a0 = aOff, a1 = a0 + rowStride, a2 = a1 + rowStride, a3 = a2 + rowStride;
        int bi = bOff;
        for (int s = 0; s < steps; s++, a0 += stepStride, a1 += stepStride, a2 += stepStride,
                a3 += stepStride, bi += ldc) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bi + 2 * L);
            // broadcast straight from the array: C2 folds the load into vbroadcastss
            FloatVector x = FloatVector.broadcast(S, a[a0]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01); c02 = x.fma(b2, c02);
            x = FloatVector.broadcast(S, a[a1]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11); c12 = x.fma(b2, c12);
            x = FloatVector.broadcast(S, a[a2]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21); c22 = x.fma(b2, c22);
            x = FloatVector.broadcast(S, a[a3]);
            c30 = x.fma(b0, c30); c31 = x.fma(b1, c31); c32 = x.fma(b2, c32);
        }
        c00.intoArray(c, cOff); c01.intoArray(c, cOff + L); c02.intoArray(c, cOff + 2 * L);
        cOff += ldc;
        c10.intoArray(c, cOff); c11.intoArray(c, cOff + L); c12.intoArray(c, cOff + 2 * L);
        cOff += ldc;
        c20.intoArray(c, cOff); c21.intoArray(c, cOff + L); c22.intoArray(c, cOff + 2 * L);
        cOff += ldc;
        c30.intoArray(c, cOff); c31.intoArray(c, cOff + L); c32.intoArray(c, cOff + 2 * L);
    }

    /** Column-edge block: C rows r..r+3, one vector of columns. */
    private static void block4x1(float[] c, int cOff, int ldc, float[] a, int aOff, int rowStride,
                                 int stepStride, float[] b, int bOff, int steps) {
        FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0;
        int a0 = aOff, a1 = a0 + rowStride, a2 = a1 + rowStride, a3 = a2 + rowStride;
        int bi = bOff;
        for (int s = 0; s < steps; s++, a0 += stepStride, a1 += stepStride, a2 += stepStride,
                a3 += stepStride, bi += ldc) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            c0 = FloatVector.broadcast(S, a[a0]).fma(b0, c0);
            c1 = FloatVector.broadcast(S, a[a1]).fma(b0, c1);
            c2 = FloatVector.broadcast(S, a[a2]).fma(b0, c2);
            c3 = FloatVector.broadcast(S, a[a3]).fma(b0, c3);
        }
        c0.intoArray(c, cOff);
        c1.intoArray(c, cOff + ldc);
        c2.intoArray(c, cOff + 2 * ldc);
        c3.intoArray(c, cOff + 3 * ldc);
    }

    /** Column-edge block: C rows r..r+7, one vector of columns. */
    private static void block8x1(float[] c, int cOff, int ldc, float[] a, int aOff, int rowStride,
                                 int stepStride, float[] b, int bOff, int steps) {
        FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
        int a0 = aOff;
        for (int s = 0, bi = bOff; s < steps; s++, a0 += stepStride, bi += ldc) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            int ai = a0;
            c0 = FloatVector.broadcast(S, a[ai]).fma(b0, c0); ai += rowStride;
            c1 = FloatVector.broadcast(S, a[ai]).fma(b0, c1); ai += rowStride;
            c2 = FloatVector.broadcast(S, a[ai]).fma(b0, c2); ai += rowStride;
            c3 = FloatVector.broadcast(S, a[ai]).fma(b0, c3); ai += rowStride;
            c4 = FloatVector.broadcast(S, a[ai]).fma(b0, c4); ai += rowStride;
            c5 = FloatVector.broadcast(S, a[ai]).fma(b0, c5); ai += rowStride;
            c6 = FloatVector.broadcast(S, a[ai]).fma(b0, c6); ai += rowStride;
            c7 = FloatVector.broadcast(S, a[ai]).fma(b0, c7);
        }
        c0.intoArray(c, cOff); cOff += ldc;
        c1.intoArray(c, cOff); cOff += ldc;
        c2.intoArray(c, cOff); cOff += ldc;
        c3.intoArray(c, cOff); cOff += ldc;
        c4.intoArray(c, cOff); cOff += ldc;
        c5.intoArray(c, cOff); cOff += ldc;
        c6.intoArray(c, cOff); cOff += ldc;
        c7.intoArray(c, cOff);
    }

    /** One row of C, one vector of columns (matrices with fewer than 4 rows). */
    private static void block1x1(float[] c, int cOff, float[] a, int aOff, int stepStride, float[] b,
                                 int bOff, int ldb, int steps) {
        FloatVector acc = FloatVector.zero(S);
        for (int s = 0, ai = aOff, bi = bOff; s < steps; s++, ai += stepStride, bi += ldb)
            acc = FloatVector.broadcast(S, a[ai]).fma(FloatVector.fromArray(S, b, bi), acc);
        acc.intoArray(c, cOff);
    }

    /** One row of C without vectors (matrices narrower than one vector). */
    private static void rowScalar(float[] c, float[] a, int r, int rowStride, int stepStride, float[] b,
                                  int cols, int steps) {
        int ci = r * cols;
        java.util.Arrays.fill(c, ci, ci + cols, 0f);
        for (int s = 0; s < steps; s++) {
            float x = a[r * rowStride + s * stepStride];
            int bs = s * cols;
            for (int j = 0; j < cols; j++) c[ci + j] = Math.fma(x, b[bs + j], c[ci + j]);
        }
    }

    /**
     * Batch normalization's statistics per column of z (rows, cols): mu = mean, var = biased variance
     * (1/rows sum of squared deviations from mu). Each column's sums run over the rows in order with separate
     * multiplies and adds, as {@link Kernels#plainColumnMeanVar} does, so the two give the same bits; here
     * a vector of columns is summed in a register (C2 did not vectorize the scalar loops: 2 ns per element).
     */
    static void columnMeanVar(float[] mu, float[] var, float[] z, int rows, int cols) {
        if (cols < L) {
            Kernels.plainColumnMeanVar(mu, var, z, rows, cols);
            return;
        }
        float inv = 1f / rows;
        for (int j0 = 0; j0 < cols; j0 += L) {
            int j = Math.min(j0, cols - L);  // the last vector ends at the edge: its first columns are done again, to the same bits
            FloatVector s = FloatVector.zero(S);
            for (int i = 0, o = j; i < rows; i++, o += cols) s = s.add(FloatVector.fromArray(S, z, o));
            FloatVector m = s.mul(inv);
            m.intoArray(mu, j);
            FloatVector q = FloatVector.zero(S);
            for (int i = 0, o = j; i < rows; i++, o += cols) {
                FloatVector d = FloatVector.fromArray(S, z, o).sub(m);
                q = q.add(d.mul(d));
            }
            q.mul(inv).intoArray(var, j);
        }
    }

    /**
     * Batch normalization's forward transform: zTilde = (z - shift) invSigma and zHat = g zTilde + b per
     * column, as {@link Kernels#plainNormalize} (the same bits). Elementwise, so the last vector of a row is
     * shifted back to end at the edge.
     */
    static void normalize(float[] zTilde, float[] zHat, float[] z, float[] shift, float[] invSigma, float[] g,
                          float[] b, int rows, int cols) {
        if (cols < L) {
            Kernels.plainNormalize(zTilde, zHat, z, shift, invSigma, g, b, rows, cols);
            return;
        }
        for (int j0 = 0; j0 < cols; j0 += L) {
            int j = Math.min(j0, cols - L);
            FloatVector sh = FloatVector.fromArray(S, shift, j), is = FloatVector.fromArray(S, invSigma, j);
            FloatVector gv = FloatVector.fromArray(S, g, j), bv = FloatVector.fromArray(S, b, j);
            for (int i = 0, o = j; i < rows; i++, o += cols) {
                FloatVector t = FloatVector.fromArray(S, z, o).sub(sh).mul(is);
                t.intoArray(zTilde, o);
                gv.mul(t).add(bv).intoArray(zHat, o);
            }
        }
    }

    /**
     * Batch normalization's parameter gradients: db = column sums of dy, dg = column sums of dy zTilde, as
     * {@link Kernels#plainNormGradients} (the same bits).
     */
    static void normGradients(float[] dg, float[] db, float[] dy, float[] zTilde, int rows, int cols) {
        if (cols < L) {
            Kernels.plainNormGradients(dg, db, dy, zTilde, rows, cols);
            return;
        }
        for (int j0 = 0; j0 < cols; j0 += L) {
            int j = Math.min(j0, cols - L);  // shifted back to end at the edge, as in columnMeanVar
            FloatVector sb = FloatVector.zero(S), sg = sb;
            for (int i = 0, o = j; i < rows; i++, o += cols) {
                FloatVector d = FloatVector.fromArray(S, dy, o);
                sb = sb.add(d);
                sg = sg.add(d.mul(FloatVector.fromArray(S, zTilde, o)));
            }
            sb.intoArray(db, j);
            sg.intoArray(dg, j);
        }
    }

    /**
     * Batch normalization's input gradient: dz = scale (rows dy - db - zTilde dg) per column, as
     * {@link Kernels#plainNormInputGradient} (the same bits); elementwise, the last vector shifted back.
     */
    static void normInputGradient(float[] dz, float[] dy, float[] zTilde, float[] db, float[] dg, float[] scale,
                                  int rows, int cols) {
        if (cols < L) {
            Kernels.plainNormInputGradient(dz, dy, zTilde, db, dg, scale, rows, cols);
            return;
        }
        float m = rows;
        for (int j0 = 0; j0 < cols; j0 += L) {
            int j = Math.min(j0, cols - L);
            FloatVector dbv = FloatVector.fromArray(S, db, j), dgv = FloatVector.fromArray(S, dg, j);
            FloatVector sc = FloatVector.fromArray(S, scale, j);
            for (int i = 0, o = j; i < rows; i++, o += cols) {
                FloatVector d = FloatVector.fromArray(S, dy, o).mul(m).sub(dbv)
                        .sub(FloatVector.fromArray(S, zTilde, o).mul(dgv));
                sc.mul(d).intoArray(dz, o);
            }
        }
    }

    /**
     * z(rows, cols) += b per row (a dense layer's bias), as {@link Kernels#plainAddBias} (the same bits). In place,
     * so the last columns cannot be done again by a vector shifted back: they take the plain loop.
     */
    static void addBias(float[] z, float[] b, int rows, int cols) {
        int jv = cols - cols % L;
        for (int j = 0; j < jv; j += L) {
            FloatVector bv = FloatVector.fromArray(S, b, j);
            for (int i = 0, o = j; i < rows; i++, o += cols) FloatVector.fromArray(S, z, o).add(bv).intoArray(z, o);
        }
        if (jv < cols) Kernels.plainAddBias(z, b, rows, cols, jv);
    }

    /** s = column sums of d(rows, cols) in row order (a bias's gradient), as {@link Kernels#plainColumnSums}. */
    static void columnSums(float[] s, float[] d, int rows, int cols) {
        if (cols < L) {
            Kernels.plainColumnSums(s, d, rows, cols);
            return;
        }
        for (int j0 = 0; j0 < cols; j0 += L) {
            int j = Math.min(j0, cols - L);  // shifted back to end at the edge, as in columnMeanVar
            FloatVector acc = FloatVector.zero(S);
            for (int i = 0, o = j; i < rows; i++, o += cols) acc = acc.add(FloatVector.fromArray(S, d, o));
            acc.intoArray(s, j);
        }
    }

    // e^t for the sigmoid (Cephes' expf): t = k ln2 + r with k = round(t log2 e) and |r| <= ln2/2, then
    // e^r = 1 + r + r^2 p(r) with a degree-5 polynomial p (about 1 ulp), and 2^k put into the exponent bits.
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f, LN2_LO = -2.12194440e-4f; // ln 2 = LN2_HI + LN2_LO
    /** 1.5 * 2^23: adding it rounds to an integer, which then sits in the low bits of the float. */
    private static final float SHIFTER = 0x1.8p23f;
    private static final float P0 = 1.9875691500e-4f, P1 = 1.3981999507e-3f, P2 = 8.3334519073e-3f,
            P3 = 4.1665795894e-2f, P4 = 1.6666665459e-1f, P5 = 5.0000001201e-1f;
    /** e^t stays a finite normal float for t in [-87, 88]; the sigmoid is 1 or ~0 beyond (6e-39 at x = -88). */
    private static final float T_MIN = -87f, T_MAX = 88f;

    /**
     * y = 1 / (1 + e^-x), with e^-x from the polynomial above. Only adds, multiplies, fma and bit moves, so
     * the result does not depend on whether C2 has compiled the loop yet: the Vector API's own EXP gives
     * SVML's values in C2 code and Math.exp's in the interpreter, which made two runs of the same seed
     * differ in the last bit. Equal, bit for bit, to {@link #sigmoid(float)} on each element.
     */
    static void sigmoid(float[] y, float[] x, int n) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector t = FloatVector.fromArray(S, x, i).neg().max(T_MIN).min(T_MAX);
            FloatVector v = t.fma(LOG2E, SHIFTER);          // SHIFTER + round(t log2 e)
            FloatVector k = v.sub(SHIFTER);
            FloatVector r = k.fma(FloatVector.broadcast(S, -LN2_HI), t);
            r = k.fma(FloatVector.broadcast(S, -LN2_LO), r);   // r = t - k ln 2
            FloatVector p = r.fma(P0, P1);
            p = p.fma(r, FloatVector.broadcast(S, P2));
            p = p.fma(r, FloatVector.broadcast(S, P3));
            p = p.fma(r, FloatVector.broadcast(S, P4));
            p = p.fma(r, FloatVector.broadcast(S, P5));
            FloatVector e = p.fma(r.mul(r), r).add(one);    // e^r
            // 2^k: k + 127 in the exponent field; the shifter's own bits fall off the top in the shift
            FloatVector scale = v.reinterpretAsInts().add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            one.div(e.mul(scale).add(one)).intoArray(y, i);
        }
        for (; i < n; i++) y[i] = sigmoid(x[i]);
    }

    /** The same formula for one value, in the same order of operations (the tail, and the tests' reference). */
    static float sigmoid(float x) {
        float t = Math.min(Math.max(-x, T_MIN), T_MAX);
        float v = Math.fma(t, LOG2E, SHIFTER);
        float k = v - SHIFTER;
        float r = Math.fma(k, -LN2_HI, t);
        r = Math.fma(k, -LN2_LO, r);
        float p = Math.fma(r, P0, P1);
        p = Math.fma(p, r, P2);
        p = Math.fma(p, r, P3);
        p = Math.fma(p, r, P4);
        p = Math.fma(p, r, P5);
        float e = Math.fma(p, r * r, r) + 1f;
        float scale = Float.intBitsToFloat((Float.floatToRawIntBits(v) + 127) << 23);
        return 1f / (e * scale + 1f);
    }
}
