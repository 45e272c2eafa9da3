package bnlab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The products with the input that skip its zeros ({@link Kernels#gemmSparse}, {@link Kernels#gemmTNSparse})
 * give the dense products' bits, on the Figure 1 shapes, ragged ones and shapes that have no sparse kernel
 * (which fall back), and a network fed a batch (with its bits) trains exactly as one fed the bare floats.
 */
class SparseInputTest {

    /** (m, k, n) as in KernelsTest: C(m,n) = A(m,k) B(k,n); gemmTN makes C(k,n) from A(m,k) and B(m,n). */
    static Stream<int[]> shapes() {
        List<int[]> s = new ArrayList<>();
        s.add(new int[] {60, 784, 100});   // the Figure 1 network's first layer
        s.add(new int[] {500, 784, 100});  // a validation piece
        s.add(new int[] {1, 784, 100});
        s.add(new int[] {2, 784, 100});
        for (int m : new int[] {3, 7, 63, 64, 65, 130})
            for (int k : new int[] {3, 4, 5, 63, 64, 65, 200})
                for (int n : new int[] {97, 100, 112}) s.add(new int[] {m, k, n});
        // shapes without sparse kernels: they must fall back to the dense products
        s.add(new int[] {60, 784, 10});
        s.add(new int[] {8, 5, 8});
        s.add(new int[] {60, 2, 100});
        s.add(new int[] {60, 784, 113});
        s.add(new int[] {60, 784, 96});
        // around the 8-lane kernel's widths (97 to 104 columns); with 16 lanes 104 and 105 are sparse (97 to 112)
        for (int n : new int[] {57, 63, 64, 65, 72, 96, 104, 105}) s.add(new int[] {60, 784, n});
        s.add(new int[] {7, 65, 64});
        return s.stream();
    }

    @Test
    void the_kernels_are_the_vector_width_asked_for_and_skip_zeros_with_16_lanes() {
        // the surefire execution engine-256-bit runs the engine's tests with -Dbnlab.vectorBits=256 (the AVX2 path)
        boolean asked256 = "256".equals(System.getProperty("bnlab.vectorBits"));
        int bits = VectorKernels.S.vectorBitSize();
        assertEquals("vector-" + (asked256 ? 256 : bits), Kernels.implementation());
        // Figure 1's first layer (rows of 100) skips zeros with 16 lanes (pairs of rows) and with 8 (one row)
        assertTrue(VectorKernels.sparseFits(100), bits + "-bit vectors");
        assertEquals(bits == 512, VectorKernels.sparseFits(112), "112 columns are 7 vectors of 16, 14 of 8");
        assertTrue(VectorKernels.sparseFits(104), "104 columns are 13 vectors of 8 and 7 of 16");
        assertEquals(bits == 512, VectorKernels.sparseFits(105), "105 columns are 7 vectors of 16, more than 13 of 8");
        assertFalse(VectorKernels.sparseFits(96), "96 columns are the dense blocks' (6 vectors of 16, 12 of 8)");
    }

    @ParameterizedTest(name = "{index}: m,k,n = {0}")
    @MethodSource("shapes")
    void the_sparse_products_give_the_dense_products_bits(int[] shape) {
        int m = shape[0], k = shape[1], n = shape[2];
        Rng rng = new Rng(31L * m + 7L * k + n);
        for (double zeros : new double[] {0, 0.5, 0.9, 1}) {
            float[] a = KernelsTest.random(rng, m * k, zeros);
            for (int i = 0; i < a.length; i += 37) if (a[i] == 0f) a[i] = -0f;  // negative zeros are zeros too
            long[] bits = NonZero.of(a, m, k);
            float[] b = KernelsTest.random(rng, k * n, 0), dz = KernelsTest.random(rng, m * n, 0);
            float[] dense = new float[m * n], sparse = new float[m * n];
            Arrays.fill(sparse, Float.NaN);  // every output must be written
            Kernels.gemm(dense, a, b, m, k, n);
            Kernels.gemmSparse(sparse, a, bits, b, m, k, n);
            assertArrayEquals(dense, sparse, "gemm, zero fraction " + zeros);
            float[] gDense = new float[k * n], gSparse = new float[k * n];
            Arrays.fill(gSparse, Float.NaN);
            Kernels.gemmTN(gDense, a, dz, m, k, n);
            Kernels.gemmTNSparse(gSparse, a, bits, dz, m, k, n, new long[Kernels.sparseWork(m, k)]);
            assertArrayEquals(gDense, gSparse, "gemmTN, zero fraction " + zeros);
        }
    }

    @Test
    void the_bits_mark_exactly_the_entries_that_are_not_zero_by_row_and_by_column() {
        Rng rng = new Rng(5);
        for (int[] shape : new int[][] {{60, 784}, {130, 65}, {1, 1}, {64, 64}, {3, 129}}) {
            int rows = shape[0], cols = shape[1];
            float[] a = KernelsTest.random(rng, rows * cols, 0.6);
            a[0] = -0f;
            if (a.length > 1) a[1] = Float.NaN;
            long[] bits = NonZero.of(a, rows, cols);
            int words = NonZero.words(cols), rowWords = NonZero.words(rows);
            long[] columns = new long[cols * rowWords + 64];
            NonZero.columns(bits, rows, cols, columns, columns, cols * rowWords);
            for (int r = 0; r < rows; r++) {
                for (int s = 0; s < cols; s++) {
                    boolean set = a[r * cols + s] != 0f;  // NaN is not zero, -0 is
                    assertEquals(set, (bits[r * words + s / 64] >>> (s % 64) & 1) == 1, "row bit " + r + "," + s);
                    assertEquals(set, (columns[s * rowWords + r / 64] >>> (r % 64) & 1) == 1, "column bit " + r + "," + s);
                }
            }
        }
    }

    @Test
    void a_data_set_and_its_batches_carry_the_bits_of_their_examples() {
        Rng rng = new Rng(9);
        int n = 200, f = 70;
        float[] x = KernelsTest.random(rng, n * f, 0.5);
        Dataset data = Dataset.classification("t", f, x, new int[n], 2, null);
        assertArrayEquals(NonZero.of(x, n, f), data.nonZero());
        int[] idx = {5, 199, 0, 77};
        Batch batch = new Batch(data, 2);  // grows
        batch.gather(idx, 0, idx.length);
        assertArrayEquals(NonZero.of(Arrays.copyOf(batch.x(), idx.length * f), idx.length, f),
                Arrays.copyOf(batch.nonZero(), idx.length * data.nonZeroWords()));
        batch.gatherRange(150, 50);
        assertArrayEquals(Arrays.copyOfRange(data.nonZero(), 150 * 2, 200 * 2), Arrays.copyOf(batch.nonZero(), 50 * 2));
        Dataset sub = data.subset(idx);
        assertArrayEquals(NonZero.of(sub.x(), idx.length, f), sub.nonZero());
    }

    @Test
    void a_network_fed_batches_trains_bit_for_bit_as_one_fed_the_bare_inputs() {
        // The Figure 1 shape with and without BN: the trainer feeds batches (the sparse path); the reference
        // network gets the same floats through forward(float[]) (the dense path) and the same SGD update.
        Rng rng = new Rng(11);
        int n = 600, f = 784;
        float[] x = KernelsTest.random(rng, n * f, 0.5);
        for (int i = 0; i < x.length; i++) x[i] = Math.abs(x[i]);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = rng.nextInt(10);
        Dataset data = Dataset.classification("t", f, x, labels, 10, null);
        for (BnPlacement bn : new BnPlacement[] {BnPlacement.NONE, BnPlacement.BEFORE_ACTIVATION}) {
            NetworkSpec spec = NetworkSpec.of(f, new int[] {100, 100, 100}, 10, Activation.SIGMOID, bn, Init.GAUSSIAN, 0.01);
            Network sparse = new Network(spec, 3), dense = new Network(spec, 3);
            Trainer trainer = new Trainer(sparse, TrainSpec.sgd(0.5, 60, 4), true);
            BatchSampler sampler = new BatchSampler(data, 60, 4);
            Batch batch = new Batch(data, 60);
            Loss loss = Loss.forData(data);
            for (int step = 0; step < 25; step++) {
                sampler.next(batch);
                assertTrue(trainer.train(batch));
                float[] y = dense.forward(batch.x(), batch.size(), true);
                loss.forward(y, batch, spec.outputs());
                dense.backward(loss.gradient(), batch.size());
                for (int p = 0; p < dense.params().size(); p++) {
                    Param q = dense.params().get(p);
                    assertArrayEquals(q.grad(), sparse.params().get(p).grad(), bn + ": gradient " + p + " at step " + step);
                    float[] w = q.value(), g = q.grad();
                    for (int i = 0; i < w.length; i++) w[i] -= 0.5f * (g[i] + 0f * w[i]);  // Trainer's SGD without L2
                    assertArrayEquals(w, sparse.params().get(p).value(), bn + ": weights " + p + " after step " + step);
                }
            }
        }
    }
}
