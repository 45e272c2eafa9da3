package bnlab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The vector and plain products against a double-precision reference, on the shapes the engine uses
 * (Figure 1 network, batch 60), the lecture's tiny example, 2-D toy data and ragged sizes.
 */
class KernelsTest {

    /** (m, k, n) in the gemm sense: C(m,n) = A(m,k) B(k,n). gemmTN uses the same triples. */
    static Stream<int[]> shapes() {
        List<int[]> s = new ArrayList<>();
        // Figure 1 network 784-100-100-100-10 at batch 60
        s.add(new int[] {60, 784, 100});
        s.add(new int[] {60, 100, 100});
        s.add(new int[] {60, 100, 10});
        s.add(new int[] {60, 10, 100});
        // the lecture's example, 2-D toy data, a single sample
        s.add(new int[] {8, 5, 8});
        s.add(new int[] {8, 2, 8});
        s.add(new int[] {60, 2, 8});
        s.add(new int[] {1, 784, 100});
        // ragged: m not a multiple of 4, n below and around the vector length, n = 1, k = 1
        int[] ms = {1, 2, 3, 5, 7, 8, 9, 12, 61};  // below 8 rows the column edge takes 4 at a time, else 8
        int[] ks = {1, 3, 17};
        int[] ns = {1, 3, 7, 8, 9, 15, 16, 17, 23, 24, 25, 33, 47, 48, 49, 65};
        for (int m : ms) for (int k : ks) for (int n : ns) s.add(new int[] {m, k, n});
        // sums longer than one panel of B (128 steps), with ragged edges: k for gemm, m for gemmTN
        s.add(new int[] {5, 300, 33});
        s.add(new int[] {61, 257, 10});
        s.add(new int[] {129, 200, 8});
        s.add(new int[] {130, 9, 27});
        // rows of 97 to 112 (one 3x7 block wide with 16 lanes): ragged rows, sums over one and several panels
        for (int[] t : new int[][] {{3, 10, 100}, {4, 65, 97}, {5, 300, 112}, {7, 64, 100}, {61, 200, 100}, {100, 60, 105}})
            s.add(t);
        // and some random ones
        Rng rng = new Rng(7);
        for (int t = 0; t < 40; t++) s.add(new int[] {1 + rng.nextInt(70), 1 + rng.nextInt(130), 1 + rng.nextInt(130)});
        return s.stream();
    }

    interface Product { void run(float[] c, float[] a, float[] b, int m, int k, int n); }

    private static final float SENTINEL = -12345f;

    @ParameterizedTest(name = "m={0} k={1} n={2}")
    @MethodSource("shapesAsArgs")
    void gemm_vector_and_plain_match_the_double_reference(int m, int k, int n) {
        Rng rng = new Rng(1000L * m + 10L * k + n);
        float[] a = random(rng, m * k, 0.5), b = random(rng, k * n, 0);
        double[][] ref = reference(m, n, k, (i, j, p) -> (double) a[i * k + p] * b[p * n + j],
                (i, j, p) -> Math.abs((double) a[i * k + p] * b[p * n + j]));
        check("vector gemm", ref, m, n, c -> VectorKernels.gemm(c, a, b, m, k, n), a, b);
        check("plain gemm", ref, m, n, c -> Kernels.plainGemm(c, a, b, m, k, n), a, b);
        check("dispatched gemm", ref, m, n, c -> Kernels.gemm(c, a, b, m, k, n), a, b);
    }

    @ParameterizedTest(name = "m={0} k={1} n={2}")
    @MethodSource("shapesAsArgs")
    void gemmTN_vector_and_plain_match_the_double_reference(int m, int k, int n) {
        Rng rng = new Rng(2000L * m + 10L * k + n);
        float[] a = random(rng, m * k, 0.5), b = random(rng, m * n, 0);
        // C(k,n) = A(m,k)^T B(m,n)
        double[][] ref = reference(k, n, m, (p, j, i) -> (double) a[i * k + p] * b[i * n + j],
                (p, j, i) -> Math.abs((double) a[i * k + p] * b[i * n + j]));
        check("vector gemmTN", ref, k, n, c -> VectorKernels.gemmTN(c, a, b, m, k, n), a, b);
        check("plain gemmTN", ref, k, n, c -> Kernels.plainGemmTN(c, a, b, m, k, n), a, b);
        check("dispatched gemmTN", ref, k, n, c -> Kernels.gemmTN(c, a, b, m, k, n), a, b);
    }

    /** Inputs across the sigmoid's whole range: ordinary values, the clamps, infinities, ragged lengths. */
    private static float[] sigmoidInputs() {
        Rng rng = new Rng(5);
        float[] x = new float[4099];
        for (int i = 0; i < x.length; i++) x[i] = (float) (rng.nextGaussian() * (i % 3 == 0 ? 30 : 4));
        float[] edges = {0f, -0f, 1e-30f, -1e-30f, 86.9f, 87f, 87.5f, 88f, 88.5f, 100f, -86.9f, -87f, -88f, -88.5f, -100f,
                Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE};
        System.arraycopy(edges, 0, x, 0, edges.length);
        return x;
    }

    @Test
    void the_vector_sigmoid_is_within_1e_7_of_the_double_precision_sigmoid() {
        float[] x = sigmoidInputs(), y = new float[x.length];
        VectorKernels.sigmoid(y, x, x.length);
        for (int i = 0; i < x.length; i++) {
            double exact = 1.0 / (1.0 + Math.exp(-(double) x[i]));
            double err = Math.abs(y[i] - exact);
            assertTrue(err <= 1e-7 && (exact < 1e-30 || err <= 3e-7 * exact), "sigmoid(" + x[i] + ") = " + y[i] + ", exact " + exact);
        }
    }

    @Test
    void the_vector_sigmoid_equals_its_scalar_formula_bit_for_bit_whether_compiled_or_not() {
        // The scalar formula uses only IEEE float operations, so it gives the same bits interpreted and compiled;
        // the vector loop must match it in every lane, also after C2 has compiled the loop (many calls).
        float[] x = sigmoidInputs(), y = new float[x.length];
        for (int round = 0; round < 3000; round++) {
            int n = x.length - round % 37;
            VectorKernels.sigmoid(y, x, n);
            if (round % 500 != 0 && round != 2999) continue;
            for (int i = 0; i < n; i++)
                assertEquals(Float.floatToIntBits(VectorKernels.sigmoid(x[i])), Float.floatToIntBits(y[i]),
                        "round " + round + ": sigmoid(" + x[i] + ")");
        }
    }

    @Test
    void transpose_in_tiles_moves_every_entry_on_ragged_shapes() {
        for (int[] sh : new int[][] {{100, 100}, {100, 10}, {10, 100}, {37, 53}, {1, 17}, {17, 1}, {784, 100}}) {
            int rows = sh[0], cols = sh[1];
            float[] a = random(new Rng(rows * 1000L + cols), rows * cols, 0), t = new float[rows * cols + 3];
            java.util.Arrays.fill(t, SENTINEL);
            Kernels.transpose(t, a, rows, cols);
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < cols; j++) assertEquals(a[i * cols + j], t[j * rows + i], rows + "x" + cols);
            for (int e = rows * cols; e < t.length; e++) assertEquals(SENTINEL, t[e]);
        }
    }

    @Test
    void batch_norm_and_bias_loops_give_the_plain_loops_bits_on_ragged_shapes_also_when_compiled() {
        // The vector column loops do each element's float operations in the plain loops' order, so a run does
        // not depend on whether the module is present; checked in the last, shifted-back vectors and in the scalar
        // loops (the bias's last columns, rows narrower than a vector) too.
        int[][] shapes = {{60, 100}, {60, 10}, {500, 100}, {7, 37}, {2, 16}, {3, 5}, {60, 1}};
        for (int round = 0; round < 400; round++) {
            int[] sh = shapes[round % shapes.length];
            int rows = sh[0], cols = sh[1], n = rows * cols;
            Rng rng = new Rng(round);
            float[] z = random(rng, n, 0.2), dy = random(rng, n, 0), w = random(rng, cols, 0), b = random(rng, cols, 0);
            float[] mu1 = new float[cols], var1 = new float[cols], mu2 = new float[cols], var2 = new float[cols];
            Kernels.columnMeanVar(mu1, var1, z, rows, cols);
            Kernels.plainColumnMeanVar(mu2, var2, z, rows, cols);
            float[] inv = new float[cols];
            for (int j = 0; j < cols; j++) inv[j] = (float) (1 / Math.sqrt(var2[j] + 1e-5));
            float[] zt1 = new float[n], zh1 = new float[n], zt2 = new float[n], zh2 = new float[n];
            Kernels.normalize(zt1, zh1, z, mu2, inv, w, b, rows, cols);
            Kernels.plainNormalize(zt2, zh2, z, mu2, inv, w, b, rows, cols);
            float[] dg1 = new float[cols], db1 = new float[cols], dg2 = new float[cols], db2 = new float[cols];
            Kernels.normGradients(dg1, db1, dy, zt2, rows, cols);
            Kernels.plainNormGradients(dg2, db2, dy, zt2, rows, cols);
            float[] dz1 = new float[n], dz2 = new float[n];
            Kernels.normInputGradient(dz1, dy, zt2, db2, dg2, inv, rows, cols);
            Kernels.plainNormInputGradient(dz2, dy, zt2, db2, dg2, inv, rows, cols);
            float[] zb1 = z.clone(), zb2 = z.clone(), s1 = new float[cols], s2 = new float[cols];
            Kernels.addBias(zb1, b, rows, cols);
            Kernels.plainAddBias(zb2, b, rows, cols, 0);
            Kernels.columnSums(s1, dy, rows, cols);
            Kernels.plainColumnSums(s2, dy, rows, cols);
            if (round < 300 && round % 50 != 0) continue; // let C2 compile before the last checks
            String at = "round " + round + ", " + rows + "x" + cols + ": ";
            assertBits(at + "mu", mu2, mu1);
            assertBits(at + "var", var2, var1);
            assertBits(at + "zTilde", zt2, zt1);
            assertBits(at + "zHat", zh2, zh1);
            assertBits(at + "dgamma", dg2, dg1);
            assertBits(at + "dbeta", db2, db1);
            assertBits(at + "dz", dz2, dz1);
            assertBits(at + "z + b", zb2, zb1);
            assertBits(at + "column sums", s2, s1);
        }
    }

    private static void assertBits(String what, float[] expected, float[] actual) {
        for (int i = 0; i < expected.length; i++)
            assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(actual[i]), what + " [" + i + "]");
    }

    @Test
    void transpose_swaps_rows_and_columns() {
        float[] a = {1, 2, 3, 4, 5, 6}, t = new float[6];
        Kernels.transpose(t, a, 2, 3);
        assertArrayEquals(new float[]{1, 4, 2, 5, 3, 6}, t);
    }

    @Test
    void this_test_jvm_has_the_vector_module_so_the_vector_kernels_run() {
        assertTrue(Kernels.implementation().startsWith("vector-"), Kernels.implementation());
    }

    @Test
    void the_vector_kernels_need_the_module_and_can_be_turned_off_by_a_property() {
        assertTrue(Kernels.useVector(true, null));
        assertTrue(Kernels.useVector(true, "true"));
        assertFalse(Kernels.useVector(true, "false"));
        assertFalse(Kernels.useVector(false, null));
        assertFalse(Kernels.useVector(false, "true"));
    }

    @Test
    void a_JVM_without_the_vector_module_falls_back_to_the_plain_loops_with_the_same_results() throws Exception {
        assertEquals("plain " + PlainProbe.checksum(true), runProbe(false, null));
    }

    @Test
    void bnlab_simd_false_selects_the_plain_loops_with_the_same_results() throws Exception {
        assertEquals("plain " + PlainProbe.checksum(true), runProbe(true, "false"));
    }

    /** Runs {@link PlainProbe} in a fresh JVM and returns what it printed. */
    private static String runProbe(boolean withModule, String simd) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (withModule) { cmd.add("--add-modules"); cmd.add("jdk.incubator.vector"); }
        if (simd != null) cmd.add("-Dbnlab.simd=" + simd);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(PlainProbe.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), err);
        return out;
    }

    /** Prints the implementation in use and a checksum of the three products through {@link Kernels}. */
    static final class PlainProbe {
        public static void main(String[] args) {
            System.out.println(Kernels.implementation() + " " + checksum(false));
        }

        /** Bits of the three products on ragged shapes, either through the dispatch or the plain loops. */
        static long checksum(boolean plain) {
            int m = 7, k = 13, n = 11;
            Rng rng = new Rng(42);
            float[] a = random(rng, m * k, 0.5), b = random(rng, k * n, 0), d = random(rng, m * n, 0);
            float[] c1 = new float[m * n], c2 = new float[k * n];
            if (plain) {
                Kernels.plainGemm(c1, a, b, m, k, n);
                Kernels.plainGemmTN(c2, a, d, m, k, n);
            } else {
                Kernels.gemm(c1, a, b, m, k, n);
                Kernels.gemmTN(c2, a, d, m, k, n);
            }
            long h = 17;
            for (float[] c : new float[][] {c1, c2})
                for (float v : c) h = 31 * h + Float.floatToIntBits(v);
            return h;
        }
    }

    // ---------------------------------------------------------------------------------------------

    static Stream<org.junit.jupiter.params.provider.Arguments> shapesAsArgs() {
        return shapes().map(s -> org.junit.jupiter.params.provider.Arguments.of(s[0], s[1], s[2]));
    }

    /** Gaussian entries, a fraction of them zero in runs (like the dark borders of images). */
    static float[] random(Rng rng, int size, double zeroFraction) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) x[i] = (float) rng.nextGaussian();
        for (int i = 0; i < size; ) {
            int run = 1 + rng.nextInt(9);
            if (rng.nextDouble() < zeroFraction) for (int q = i; q < Math.min(size, i + run); q++) x[q] = 0f;
            i += run;
        }
        return x;
    }

    interface Term { double at(int row, int col, int s); }

    /** [0] the double-precision value of each output, [1] the sum of absolute terms (the error scale). */
    private static double[][] reference(int rows, int cols, int steps, Term term, Term absTerm) {
        double[] v = new double[rows * cols], scale = new double[rows * cols];
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < cols; j++) {
                double s = 0, t = 0;
                for (int q = 0; q < steps; q++) { s += term.at(r, j, q); t += absTerm.at(r, j, q); }
                v[r * cols + j] = s;
                scale[r * cols + j] = t;
            }
        return new double[][] {v, scale};
    }

    /**
     * Runs a product into an output pre-filled with NaN and followed by sentinels, then checks every
     * output against the reference (relative to the sum of absolute terms, 1e-5), that nothing past
     * the output was written and that the inputs were left alone.
     */
    private static void check(String what, double[][] ref, int rows, int cols,
                              java.util.function.Consumer<float[]> product, float[] a, float[] b) {
        float[] a0 = a.clone(), b0 = b.clone();
        int size = rows * cols;
        float[] c = new float[size + 5];
        java.util.Arrays.fill(c, 0, size, Float.NaN);
        java.util.Arrays.fill(c, size, c.length, SENTINEL);
        product.accept(c);
        for (int e = 0; e < size; e++) {
            double err = Math.abs(c[e] - ref[0][e]);
            double tol = 1e-5 * ref[1][e] + 1e-30;
            if (!(err <= tol))
                throw new AssertionError(String.format("%s %dx%d: C[%d,%d] = %s, expected %s (scale %s)",
                        what, rows, cols, e / cols, e % cols, c[e], ref[0][e], ref[1][e]));
        }
        for (int e = size; e < c.length; e++) assertEquals(SENTINEL, c[e], what + " wrote past its output");
        assertArrayEquals(a0, a, what + " changed A");
        assertArrayEquals(b0, b, what + " changed B");
    }
}
