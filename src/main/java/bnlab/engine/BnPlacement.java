package bnlab.engine;

/** Where batch normalization sits in a hidden layer, if anywhere. */
public enum BnPlacement {
    /** No batch normalization: z = W x + b, then the activation. */
    NONE,
    /** The paper's choice: g(BN(W x)), the bias dropped (beta takes its role). */
    BEFORE_ACTIVATION,
    /** BN(g(W x + b)), a variant used in practice. */
    AFTER_ACTIVATION;

    public String key() {
        return switch (this) { case NONE -> "none"; case BEFORE_ACTIVATION -> "before"; case AFTER_ACTIVATION -> "after"; };
    }

    /** Every key, in declaration order, as the allowed values of a message. */
    public static java.util.List<String> keys() {
        return java.util.Arrays.stream(values()).map(BnPlacement::key).toList();
    }

    public static BnPlacement parse(String s) {
        for (BnPlacement p : values()) if (p.key().equalsIgnoreCase(s.trim())) return p;
        throw InvalidConfigException.choice("bn", "placement", s, keys());
    }
}
