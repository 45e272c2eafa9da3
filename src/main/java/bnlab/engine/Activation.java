package bnlab.engine;

/**
 * Element-wise nonlinearities, each with its derivative beside it. The derivative is written in
 * terms of the input x and the output y = f(x), whichever is cheaper.
 */
public enum Activation {
    /** y = 1 / (1 + e^-x);  dy/dx = y (1 - y) */
    SIGMOID {
        public float apply(float x) { return (float) (1.0 / (1.0 + Math.exp(-x))); }
        public float derivative(float x, float y) { return y * (1f - y); }
    },
    /** y = tanh(x);  dy/dx = 1 - y^2 */
    TANH {
        public float apply(float x) { return (float) Math.tanh(x); }
        public float derivative(float x, float y) { return 1f - y * y; }
    },
    /** y = max(0, x);  dy/dx = 1 if x > 0 else 0 */
    RELU {
        public float apply(float x) { return x > 0f ? x : 0f; }
        public float derivative(float x, float y) { return x > 0f ? 1f : 0f; }
    },
    /** y = x;  dy/dx = 1 */
    LINEAR {
        public float apply(float x) { return x; }
        public float derivative(float x, float y) { return 1f; }
    };

    public abstract float apply(float x);

    public abstract float derivative(float x, float y);

    /** The name as written in configurations and URLs: "sigmoid", "tanh", "relu", "linear". */
    public String key() { return name().toLowerCase(java.util.Locale.ROOT); }

    /** Every key, in declaration order, as the allowed values of a message. */
    public static java.util.List<String> keys() {
        return java.util.Arrays.stream(values()).map(Activation::key).toList();
    }

    public static Activation parse(String s) {
        for (Activation a : values()) if (a.key().equalsIgnoreCase(s.trim())) return a;
        throw InvalidConfigException.choice("activation", "activation", s, keys());
    }
}
