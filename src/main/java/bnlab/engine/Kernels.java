package bnlab.engine;

/**
 * The engine's dense numeric loops, kept in one place. All matrices are float32, flat and row-major,
 * start at offset 0 and are fully overwritten (never accumulated into).
 */
public final class Kernels {
    private Kernels() {}

    /** Which implementation runs: "plain" loops here. */
    public static String implementation() { return "plain"; }

    /** C(m,n) = A(m,k) · B(k,n). */
    public static void gemm(float[] c, float[] a, float[] b, int m, int k, int n) {
        java.util.Arrays.fill(c, 0, m * n, 0f);
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

    /** C(k,n) = A(m,k)^T · B(m,n): the weight gradient dW = X^T dZ. */
    public static void gemmTN(float[] c, float[] a, float[] b, int m, int k, int n) {
        java.util.Arrays.fill(c, 0, k * n, 0f);
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

    /** C(m,k) = A(m,n) · B(k,n)^T: the input gradient dX = dZ W^T. */
    public static void gemmNT(float[] c, float[] a, float[] b, int m, int n, int k) {
        for (int i = 0; i < m; i++) {
            int ai = i * n;
            for (int p = 0; p < k; p++) {
                int bp = p * n;
                float s = 0f;
                for (int j = 0; j < n; j++) s += a[ai + j] * b[bp + j];
                c[i * k + p] = s;
            }
        }
    }
}
