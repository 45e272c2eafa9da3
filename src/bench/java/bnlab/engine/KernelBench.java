package bnlab.engine;

import java.io.DataInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * GFLOP/s of the plain and vector products on the shapes of the Figure 1 network (784-100-100-100-10,
 * batch 60), one line per shape, then what the products of one training step cost. Plain and vector
 * runs alternate and each figure is the median of the timed rounds (thread CPU time), because the
 * machine is shared. Where the first layer skips the zero pixels (gemmS, gemmTNS: rows of 97 to 112 on AVX-512, 97 to 104 on AVX2), its figures are
 * dense-equivalent GFLOP/s (the flops of the dense product over the time taken), and the step counts them
 * instead of the dense X=images lines. Beside them, the same shapes through single-thread OpenBLAS (bench/sgemm.py, run from
 * the project directory first, in the same run) and a 1024^3 sgemm as the machine's peak.
 *
 * <pre>
 * mvn -B -o test-compile
 * java --add-modules jdk.incubator.vector [-Dbnlab.vectorBits=256] -cp target/classes:target/test-classes bnlab.engine.KernelBench [rounds]
 * </pre>
 */
public final class KernelBench {
    private KernelBench() {}

    /** Debian's Fashion-MNIST test images, else the copy bundled in the jar's resources (target/classes). */
    private static final Path IMAGES = Files.exists(Path.of("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz"))
            ? Path.of("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz")
            : Path.of("target/classes/data/fashion-mnist/t10k-images-idx3-ubyte.gz");

    interface Product { void run(); }

    /** One benchmarked product: its name, shape, flops, and how many times it occurs in one training step. */
    record Case(String name, String shape, double flops, int perStep, Product plain, Product vector) {}

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        System.out.printf("implementation=%s  java=%s  cpus=%d%n", Kernels.implementation(),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        if (!Kernels.implementation().startsWith("vector")) {
            System.out.println("start the JVM with --add-modules jdk.incubator.vector to measure the vector kernels");
            return;
        }
        Rng rng = new Rng(1);
        int m = 60;
        float[] images = images(m, 784, rng);
        List<Case> cases = new ArrayList<>();
        // forward Z = X W
        cases.add(gemm("gemm", images, "X=images", m, 784, 100, 1, rng));
        cases.add(gemm("gemm", null, "", m, 784, 100, 0, rng));
        cases.add(gemm("gemm", null, "", m, 100, 100, 4, rng)); // twice forward, twice dX
        cases.add(gemm("gemm", null, "", m, 100, 10, 1, rng));
        // the first layer as the engine runs it: skipping the zero pixels (the same bits), dense-equivalent flops
        boolean sparse = VectorKernels.sparseFits(100);
        if (sparse) cases.set(0, gemm("gemm", images, "X=images", m, 784, 100, 0, rng));
        if (sparse) cases.add(sparseGemm(images, m, 784, 100, rng));
        // weight gradient dW = X^T dZ
        cases.add(gemmTN(images, "X=images", m, 784, 100, sparse ? 0 : 1, rng));
        if (sparse) cases.add(sparseGemmTN(images, m, 784, 100, rng));
        cases.add(gemmTN(null, "", m, 784, 100, 0, rng));
        cases.add(gemmTN(null, "", m, 100, 100, 2, rng));
        cases.add(gemmTN(null, "", m, 100, 10, 1, rng));
        // input gradient dX = dZ W^T through W's transposed copy (not needed for the first layer): the
        // two 60x100x100 are counted above, the output layer's is 60x10x100
        cases.add(gemm("gemm", null, "", m, 10, 100, 1, rng));
        // the lecture's example
        cases.add(gemm("gemm", null, "", 8, 5, 8, 0, rng));

        Map<String, double[]> blas = openBlas(cases, rounds);
        double[][] plain = new double[cases.size()][rounds], vector = new double[cases.size()][rounds];
        for (int q = 0; q < cases.size(); q++) {  // warm-up: let C2 compile both paths
            time(cases.get(q).plain, 0.3);
            time(cases.get(q).vector, 0.3);
        }
        for (int r = 0; r < rounds; r++) {
            for (int q = 0; q < cases.size(); q++) {
                Case c = cases.get(q);
                plain[q][r] = c.flops / time(c.plain, 0.02) / 1e9;
                vector[q][r] = c.flops / time(c.vector, 0.02) / 1e9;
            }
        }
        double stepPlain = 0, stepVector = 0;
        for (int q = 0; q < cases.size(); q++) {
            Case c = cases.get(q);
            double p = median(plain[q]), v = median(vector[q]);
            double[] o = blas.get(blasKey(c));
            System.out.printf("%-6s %-19s plain %6.1f  vector %6.1f  openblas %6s GFLOP/s  (vector/openblas %s; best %.1f / %.1f / %s)%n",
                    c.name, c.shape, p, v, o == null ? "-" : String.format("%.1f", o[0]),
                    o == null ? "-" : String.format("%.2f", v / o[0]), max(plain[q]), max(vector[q]),
                    o == null ? "-" : String.format("%.1f", o[1]));
            stepPlain += c.perStep * c.flops / p;
            stepVector += c.perStep * c.flops / v;
        }
        // after the timed rounds C2 has compiled everything: the vector kernels should allocate nothing
        long allocated = 0;
        for (Case c : cases) {
            long before = allocatedBytes();
            for (int i = 0; i < 100; i++) c.vector.run();
            allocated += allocatedBytes() - before;
        }
        System.out.printf("bytes allocated by 100 calls of each vector product: %d%n", allocated);
        double stepFlops = cases.stream().mapToDouble(c -> c.perStep * c.flops).sum();
        System.out.printf("products of one Figure-1 step (%.1f MFLOP): plain %.0f us, vector %.0f us (%.1f GFLOP/s, "
                        + "at most %.0f steps/s from the products alone)%n",
                stepFlops / 1e6, stepPlain / 1e3, stepVector / 1e3, stepFlops / stepVector, 1e9 / stepVector);
        double stepBlas = 0;
        boolean allBlas = true;
        for (Case c : cases) {
            double[] o = blas.get(blasKey(c));
            if (c.perStep == 0) continue;
            if (o == null) allBlas = false;
            else stepBlas += c.perStep * c.flops / o[0];
        }
        if (allBlas && !blas.isEmpty())
            System.out.printf("the same products through OpenBLAS: %.0f us (%.1f GFLOP/s); sgemm 1024^3 (the machine's peak): %s GFLOP/s%n",
                    stepBlas / 1e3, stepFlops / stepBlas, blas.containsKey("peak:1024x1024x1024")
                            ? String.format("%.1f", blas.get("peak:1024x1024x1024")[0]) : "-");
    }

    private static Case gemm(String name, float[] x, String label, int m, int k, int n, int perStep, Rng rng) {
        float[] a = x != null ? x : KernelsTest.random(rng, m * k, 0), b = KernelsTest.random(rng, k * n, 0);
        float[] c = new float[m * n];
        return new Case(name, m + "x" + k + "x" + n + pad(label), 2.0 * m * k * n, perStep,
                () -> Kernels.plainGemm(c, a, b, m, k, n), () -> VectorKernels.gemm(c, a, b, m, k, n));
    }

    private static Case gemmTN(float[] x, String label, int m, int k, int n, int perStep, Rng rng) {
        float[] a = x != null ? x : KernelsTest.random(rng, m * k, 0), b = KernelsTest.random(rng, m * n, 0);
        float[] c = new float[k * n];
        return new Case("gemmTN", m + "x" + k + "x" + n + pad(label), 2.0 * m * k * n, perStep,
                () -> Kernels.plainGemmTN(c, a, b, m, k, n), () -> VectorKernels.gemmTN(c, a, b, m, k, n));
    }

    /** gemmSparse: the forward product given the images' NonZero bits (the dense vector product is the gemm line above). */
    private static Case sparseGemm(float[] x, int m, int k, int n, Rng rng) {
        float[] b = KernelsTest.random(rng, k * n, 0), c = new float[m * n];
        long[] bits = NonZero.of(x, m, k);
        return new Case("gemmS", m + "x" + k + "x" + n + " X=images, zeros skipped", 2.0 * m * k * n, 1,
                () -> Kernels.plainGemm(c, x, b, m, k, n), () -> Kernels.gemmSparse(c, x, bits, b, m, k, n));
    }

    /** gemmTNSparse, the bits by column included (the dense vector product is the gemmTN line above). */
    private static Case sparseGemmTN(float[] x, int m, int k, int n, Rng rng) {
        float[] b = KernelsTest.random(rng, m * n, 0), c = new float[k * n];
        long[] bits = NonZero.of(x, m, k), work = new long[Kernels.sparseWork(m, k)];
        return new Case("gemmTNS", m + "x" + k + "x" + n + " X=images, zeros skipped", 2.0 * m * k * n, 1,
                () -> Kernels.plainGemmTN(c, x, b, m, k, n), () -> Kernels.gemmTNSparse(c, x, bits, b, m, k, n, work));
    }

    private static String blasKey(Case c) {
        return (c.name.startsWith("gemmTN") ? "tn:" : "gemm:") + c.shape.split(" ")[0];
    }

    /**
     * The same shapes through single-thread OpenBLAS sgemm (bench/sgemm.py with Debian's numpy), run before the
     * Java rounds: shape key to {median, best} GFLOP/s. Empty (with a note) when python3 or numpy is missing.
     */
    private static Map<String, double[]> openBlas(List<Case> cases, int rounds) {
        Map<String, double[]> out = new HashMap<>();
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", "bench/sgemm.py", "--rounds", String.valueOf(rounds)));
        for (Case c : cases) if (!cmd.contains(blasKey(c))) cmd.add(blasKey(c));
        cmd.add("peak:1024x1024x1024");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.waitFor();
            for (String line : text.split("\n")) {
                var mt = java.util.regex.Pattern.compile("sgemm op=(\\w+) shape=(\\S+) gflops_median=(\\S+) gflops_best=(\\S+)").matcher(line);
                if (mt.find()) out.put(mt.group(1) + ":" + mt.group(2),
                        new double[] {Double.parseDouble(mt.group(3)), Double.parseDouble(mt.group(4))});
            }
            if (out.isEmpty()) System.out.println("no OpenBLAS figures (apt-get install python3-numpy libopenblas0-pthread): " + text.strip());
        } catch (IOException | InterruptedException e) {
            System.out.println("no OpenBLAS figures: " + e.getMessage());
        }
        return out;
    }

    private static String pad(String label) {
        return label.isEmpty() ? "" : " " + label;
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * Seconds per call, running the product for about the given number of seconds. The time is this
     * thread's CPU time, so that the other processes of a shared machine do not count when they take
     * the core away (they still slow the product down through the shared caches).
     */
    private static double time(Product p, double seconds) {
        long budget = (long) (seconds * 1e9);
        int calls = 0;
        long t0 = THREADS.getCurrentThreadCpuTime(), t;
        do {
            for (int i = 0; i < 8; i++) p.run();
            calls += 8;
            t = THREADS.getCurrentThreadCpuTime() - t0;
        } while (t < budget);
        return t / 1e9 / calls;
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) THREADS).getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /** m rows of Fashion-MNIST test images scaled to [0, 1] (about half zeros), or stand-ins with zero runs. */
    static float[] images(int m, int k, Rng rng) throws IOException {
        float[] x = new float[m * k];
        if (k == 784 && Files.exists(IMAGES)) {
            try (DataInputStream in = new DataInputStream(new GZIPInputStream(new FileInputStream(IMAGES.toFile())))) {
                in.readFully(new byte[16]);  // IDX header
                byte[] pixels = new byte[m * k];
                in.readFully(pixels);
                for (int i = 0; i < pixels.length; i++) x[i] = (pixels[i] & 0xff) / 255f;
            }
            return x;
        }
        float[] g = KernelsTest.random(rng, m * k, 0.5);
        for (int i = 0; i < x.length; i++) x[i] = Math.abs(g[i]);
        return x;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }
}
