package bnlab.engine;

/**
 * The one source of randomness: SplitMix64, small, fast and the same on every JVM forever,
 * so a seed reproduces a run bit for bit. Not thread-safe; give each consumer its own stream
 * via {@link #fork(long)}.
 */
public final class Rng {
    private long state;
    private double spareGaussian;
    private boolean hasSpare;

    public Rng(long seed) { this.state = seed; }

    /**
     * A generator at this one's place in its stream: it draws the very numbers this one would draw next
     * (the state and a spare Gaussian from the polar method are copied), and the two advance independently.
     */
    public Rng copy() {
        Rng c = new Rng(state);
        c.spareGaussian = spareGaussian;
        c.hasSpare = hasSpare;
        return c;
    }

    /** An independent stream derived from this seed and a label (e.g. "init", "shuffle", "dropout"). */
    public static Rng of(long seed, String purpose) {
        return new Rng(mix(seed ^ mix(purpose.hashCode() * 0x9E3779B97F4A7C15L)));
    }

    /** A new generator whose stream is determined by this one's seed and the given salt. */
    public Rng fork(long salt) { return new Rng(mix(state ^ mix(salt + 0x632BE59BD9B4E019L))); }

    public long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() { return (nextLong() >>> 11) * 0x1.0p-53; }

    /** Uniform in [0, 1) with 24 random bits. */
    public float nextFloat() { return (nextLong() >>> 40) * 0x1.0p-24f; }

    /** Uniform integer in [0, bound), without modulo bias. */
    public int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be positive");
        long r = nextLong() >>> 33; // 31 bits
        long m = r * bound;
        long low = m & 0x7FFFFFFFL;
        if (low < bound) {
            long threshold = (0x80000000L - bound) % bound;
            while (low < threshold) {
                r = nextLong() >>> 33;
                m = r * bound;
                low = m & 0x7FFFFFFFL;
            }
        }
        return (int) (m >>> 31);
    }

    /** Standard normal N(0, 1), Box-Muller (polar form), deterministic for a given stream. */
    public double nextGaussian() {
        if (hasSpare) { hasSpare = false; return spareGaussian; }
        double u, v, s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = Math.sqrt(-2 * Math.log(s) / s);
        spareGaussian = v * f;
        hasSpare = true;
        return u * f;
    }

    /** Fisher-Yates shuffle of a[0..n). */
    public void shuffle(int[] a, int n) {
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i]; a[i] = a[j]; a[j] = t;
        }
    }
}
