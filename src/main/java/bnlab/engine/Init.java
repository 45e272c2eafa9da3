package bnlab.engine;

/** How the weights W (in, out) of a dense layer are drawn; biases start at 0, gamma at 1, beta at 0. */
public enum Init {
    /** W ~ N(0, std^2) with the given std (the paper: "small random Gaussian values"). */
    GAUSSIAN,
    /** Glorot and Bengio 2010: W ~ U(-a, a), a = sqrt(6 / (in + out)). */
    XAVIER,
    /** He et al. 2015: W ~ N(0, 2 / in), for ReLU networks. */
    HE;

    public String key() { return name().toLowerCase(java.util.Locale.ROOT); }

    /** Every key, in declaration order, as the allowed values of a message. */
    public static java.util.List<String> keys() {
        return java.util.Arrays.stream(values()).map(Init::key).toList();
    }

    public static Init parse(String s) {
        for (Init i : values()) if (i.key().equalsIgnoreCase(s.trim())) return i;
        throw InvalidConfigException.choice("init", "initialization", s, keys());
    }

    /** Fills w (in, out) from rng. */
    void fill(float[] w, int in, int out, double std, Rng rng) {
        switch (this) {
            case GAUSSIAN -> { for (int i = 0; i < w.length; i++) w[i] = (float) (std * rng.nextGaussian()); }
            case XAVIER -> {
                double a = Math.sqrt(6.0 / (in + out));
                for (int i = 0; i < w.length; i++) w[i] = (float) (a * (2 * rng.nextDouble() - 1));
            }
            case HE -> {
                double s = Math.sqrt(2.0 / in);
                for (int i = 0; i < w.length; i++) w[i] = (float) (s * rng.nextGaussian());
            }
        }
    }
}
