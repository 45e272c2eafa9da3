package bnlab.engine;

import java.util.Arrays;

/**
 * The engine's dense numeric loops, kept in one place. All matrices are float32, flat and row-major,
 * start at offset 0 and are fully overwritten (never accumulated into).
 *
 * <p>Each product has two implementations with the same results up to rounding: {@link VectorKernels}
 * (Vector API, several times faster) and the plain loops below. The vector path is used when the JVM
 * has the module {@code jdk.incubator.vector} (the command line restarts a JVM without it, see
 * {@code bnlab.cli.Launcher}) and the system property {@code bnlab.simd} is not {@code false}; the choice
 * is made once, when this class is loaded.
 */
public final class Kernels {
    private Kernels() {}

    private static final String VECTOR_MODULE = "jdk.incubator.vector";

    /** Whether the products run on {@link VectorKernels}. VectorKernels is never loaded when false. */
    private static final boolean VECTOR = useVector(
            ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent(), System.getProperty("bnlab.simd"));

    private static final String IMPLEMENTATION = VECTOR ? "vector-" + VectorKernels.S.vectorBitSize() : "plain";

    /** The dispatch rule: the vector kernels need their module, and {@code -Dbnlab.simd=false} turns them off. */
    static boolean useVector(boolean vectorModulePresent, String simdProperty) {
        return vectorModulePresent && !"false".equalsIgnoreCase(simdProperty);
    }

    /** Which kernels run in this JVM: "vector-256", "vector-512" (the vector width in bits) or "plain". */
    public static String implementation() {
        return IMPLEMENTATION;
    }

    /** C(m,n) = A(m,k) · B(k,n): the forward product Z = X W. */
    public static void gemm(float[] c, float[] a, float[] b, int m, int k, int n) {
        if (VECTOR) VectorKernels.gemm(c, a, b, m, k, n);
        else plainGemm(c, a, b, m, k, n);
    }

    /** C(k,n) = A(m,k)^T · B(m,n): the weight gradient dW = X^T dZ. */
    public static void gemmTN(float[] c, float[] a, float[] b, int m, int k, int n) {
        if (VECTOR) VectorKernels.gemmTN(c, a, b, m, k, n);
        else plainGemmTN(c, a, b, m, k, n);
    }

    /**
     * Whether the products with the input skip its zeros ({@link #gemmSparse}); {@code -Dbnlab.sparseInput=false}
     * turns it off, to compare against the dense products.
     */
    private static final boolean SPARSE_INPUT = !"false".equalsIgnoreCase(System.getProperty("bnlab.sparseInput"));

    /**
     * {@link #gemm} given A's {@link NonZero} bits (m rows of k): the same bits, computed without the steps where
     * A is zero, which add nothing to a sum (0 · b is 0 for a finite b). The first layer's forward product, whose
     * A is the batch of input pixels. Only some shapes have such kernels ({@code VectorKernels.sparseFits});
     * the others, and the plain loops (which skip zeros by testing each value), run gemm.
     */
    public static void gemmSparse(float[] c, float[] a, long[] nonZero, float[] b, int m, int k, int n) {
        if (VECTOR && SPARSE_INPUT && VectorKernels.sparseFits(n)) VectorKernels.gemmSparse(c, a, nonZero, b, m, k, n);
        else gemm(c, a, b, m, k, n);
    }

    /**
     * {@link #gemmTN} given A's {@link NonZero} bits (m rows of k): the same bits without the zero steps, as
     * {@link #gemmSparse}. The first layer's weight gradient; batches of at most 64 (one word per column).
     * work is scratch of at least {@link #sparseWork}(m, k) longs (the bits by column), so that nothing is
     * allocated.
     */
    public static void gemmTNSparse(float[] c, float[] a, long[] nonZero, float[] b, int m, int k, int n, long[] work) {
        if (VECTOR && SPARSE_INPUT && VectorKernels.sparseFits(n) && k >= 3 && m <= 64) {
            NonZero.columns(nonZero, m, k, work, work, k * NonZero.words(m));
            VectorKernels.gemmTNSparse(c, a, work, b, m, k, n);
        } else gemmTN(c, a, b, m, k, n);
    }

    /** Longs of scratch {@link #gemmTNSparse} needs: A's bits by column and 64 for transposing them. */
    public static int sparseWork(int m, int k) {
        return k * NonZero.words(m) + 64;
    }


    // Plain loops: the fallback, and the reference the benchmark compares against. The innermost loops
    // run along rows of C so that C2 vectorises them on its own; zero multipliers (half of the pixels
    // of an image) are skipped.

    /**
     * T(cols, rows) = A(rows, cols)^T. Four rows of A at a time, so that each row of T gets four adjacent
     * stores: 0.5-0.9 ns per element against 1-1.7 for one row at a time (Dense transposes W in every
     * backward pass; 5% of a Figure 1 step before). A gather of L rows (FloatVector.fromArray with an index
     * map) took 0.3 ns, but C2 in JDK 17 does not always intrinsify it when the transpose is inlined into a
     * larger method (the index species is not inlined: "too big"), and then it allocates on every call.
     */
    public static void transpose(float[] t, float[] a, int rows, int cols) {
        int i = 0;
        for (; i + 4 <= rows; i += 4) {
            int r0 = i * cols, r1 = r0 + cols, r2 = r1 + cols, r3 = r2 + cols;
            for (int j = 0, o = i; j < cols; j++, o += rows) {
                t[o] = a[r0 + j];
                t[o + 1] = a[r1 + j];
                t[o + 2] = a[r2 + j];
                t[o + 3] = a[r3 + j];
            }
        }
        for (; i < rows; i++) {
            int r = i * cols;
            for (int j = 0; j < cols; j++) t[j * rows + i] = a[r + j];
        }
    }

    // Batch normalization's and the bias's loops over (rows, cols) matrices, per column. Both paths do the
    // same float operations in the same order for each element (separate multiplies and adds, sums over the
    // rows in order from 0), so they give the same bits; plainAddBias also finishes the vector path's last
    // columns (from {@code from} on).

    /** mu and biased var per column of z (rows, cols): mean, then mean of squared deviations from it. */
    static void columnMeanVar(float[] mu, float[] var, float[] z, int rows, int cols) {
        if (VECTOR) VectorKernels.columnMeanVar(mu, var, z, rows, cols);
        else plainColumnMeanVar(mu, var, z, rows, cols);
    }

    static void plainColumnMeanVar(float[] mu, float[] var, float[] z, int rows, int cols) {
        Arrays.fill(mu, 0, cols, 0f);
        Arrays.fill(var, 0, cols, 0f);
        for (int i = 0; i < rows; i++) {
            int r = i * cols;
            for (int j = 0; j < cols; j++) mu[j] += z[r + j];
        }
        float inv = 1f / rows;
        for (int j = 0; j < cols; j++) mu[j] *= inv;
        for (int i = 0; i < rows; i++) {
            int r = i * cols;
            for (int j = 0; j < cols; j++) {
                float d = z[r + j] - mu[j];
                var[j] += d * d;
            }
        }
        for (int j = 0; j < cols; j++) var[j] *= inv;
    }

    /** zTilde = (z - shift) invSigma and zHat = g zTilde + b, per column. */
    static void normalize(float[] zTilde, float[] zHat, float[] z, float[] shift, float[] invSigma, float[] g,
                          float[] b, int rows, int cols) {
        if (VECTOR) VectorKernels.normalize(zTilde, zHat, z, shift, invSigma, g, b, rows, cols);
        else plainNormalize(zTilde, zHat, z, shift, invSigma, g, b, rows, cols);
    }

    static void plainNormalize(float[] zTilde, float[] zHat, float[] z, float[] shift, float[] invSigma, float[] g,
                               float[] b, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            int r = i * cols;
            for (int j = 0; j < cols; j++) {
                float t = (z[r + j] - shift[j]) * invSigma[j];
                zTilde[r + j] = t;
                zHat[r + j] = g[j] * t + b[j];
            }
        }
    }

    /** db = column sums of dy, dg = column sums of dy zTilde. */
    static void normGradients(float[] dg, float[] db, float[] dy, float[] zTilde, int rows, int cols) {
        if (VECTOR) VectorKernels.normGradients(dg, db, dy, zTilde, rows, cols);
        else plainNormGradients(dg, db, dy, zTilde, rows, cols);
    }

    static void plainNormGradients(float[] dg, float[] db, float[] dy, float[] zTilde, int rows, int cols) {
        Arrays.fill(dg, 0, cols, 0f);
        Arrays.fill(db, 0, cols, 0f);
        for (int i = 0; i < rows; i++) {
            int r = i * cols;
            for (int j = 0; j < cols; j++) {
                db[j] += dy[r + j];
                dg[j] += dy[r + j] * zTilde[r + j];
            }
        }
    }

    /** dz = scale (rows dy - db - zTilde dg), per column. */
    static void normInputGradient(float[] dz, float[] dy, float[] zTilde, float[] db, float[] dg, float[] scale,
                                  int rows, int cols) {
        if (VECTOR) VectorKernels.normInputGradient(dz, dy, zTilde, db, dg, scale, rows, cols);
        else plainNormInputGradient(dz, dy, zTilde, db, dg, scale, rows, cols);
    }

    static void plainNormInputGradient(float[] dz, float[] dy, float[] zTilde, float[] db, float[] dg, float[] scale,
                                       int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            int r = i * cols;
            for (int j = 0; j < cols; j++)
                dz[r + j] = scale[j] * (rows * dy[r + j] - db[j] - zTilde[r + j] * dg[j]);
        }
    }

    /** z(rows, cols) += b on every row. */
    static void addBias(float[] z, float[] b, int rows, int cols) {
        if (VECTOR) VectorKernels.addBias(z, b, rows, cols);
        else plainAddBias(z, b, rows, cols, 0);
    }

    static void plainAddBias(float[] z, float[] b, int rows, int cols, int from) {
        for (int i = 0; i < rows; i++) {
            int r = i * cols;
            for (int j = from; j < cols; j++) z[r + j] += b[j];
        }
    }

    /** s = the column sums of d(rows, cols), over the rows in order. */
    static void columnSums(float[] s, float[] d, int rows, int cols) {
        if (VECTOR) VectorKernels.columnSums(s, d, rows, cols);
        else plainColumnSums(s, d, rows, cols);
    }

    static void plainColumnSums(float[] s, float[] d, int rows, int cols) {
        Arrays.fill(s, 0, cols, 0f);
        for (int i = 0; i < rows; i++) {
            int r = i * cols;
            for (int j = 0; j < cols; j++) s[j] += d[r + j];
        }
    }

    /** y = 1 / (1 + e^-x), element-wise over the first n values. */
    public static void sigmoid(float[] y, float[] x, int n) {
        if (VECTOR) VectorKernels.sigmoid(y, x, n);
        else plainSigmoid(y, x, n, 0);
    }

    static void plainSigmoid(float[] y, float[] x, int n, int from) {
        for (int i = from; i < n; i++) y[i] = (float) (1.0 / (1.0 + Math.exp(-x[i])));
    }

    /** C(m,n) = A(m,k) · B(k,n), in i-k-j order. */
    static void plainGemm(float[] c, float[] a, float[] b, int m, int k, int n) {
        Arrays.fill(c, 0, m * n, 0f);
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            for (int p = 0; p < k; p++) {
                float aip = a[i * k + p];
                if (aip == 0f) continue;
                int bp = p * n;
                for (int j = 0; j < n; j++) c[ci + j] += aip * b[bp + j];
            }
        }
    }

    /** C(k,n) = A(m,k)^T · B(m,n): row p of C gathers A(i,p) · row i of B over i. */
    static void plainGemmTN(float[] c, float[] a, float[] b, int m, int k, int n) {
        Arrays.fill(c, 0, k * n, 0f);
        for (int i = 0; i < m; i++) {
            int bi = i * n;
            for (int p = 0; p < k; p++) {
                float aip = a[i * k + p];
                if (aip == 0f) continue;
                int cp = p * n;
                for (int j = 0; j < n; j++) c[cp + j] += aip * b[bi + j];
            }
        }
    }

}
