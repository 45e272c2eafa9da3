package bnlab.experiments;

import bnlab.engine.InvalidConfigException;
import java.util.Arrays;
import java.util.List;

/**
 * What a run measures of its networks besides loss, accuracy and the watched neuron, every
 * {@value RunConfig#MEASURE_EVERY} steps, at the step's weights on its batch before its update (the formulas are
 * those of Santurkar et al. 2018, see {@link GradientShift} and {@link Landscape}):
 * <ul>
 *   <li>{@code gradient-shift}: per hidden layer l, ||G - G'|| and cos(G, G'), where G is the layer's gradient and
 *       G' its gradient on the same batch after all earlier layers took their step; values
 *       {@code diff_1..L, cos_1..L};
 *   <li>{@code landscape}: along the gradient, at 0.5 to 4 times the rate, the loss range, the gradient
 *       predictiveness and the effective beta-smoothness, and the ends of the paper's two bands; values
 *       {@code lossRange, predictiveness, betaSmoothness, lossMin, lossMax, changeMin}.
 * </ul>
 */
public enum Measure {
    NONE("none"), GRADIENT_SHIFT("gradient-shift"), LANDSCAPE("landscape");

    private final String key;

    Measure(String key) { this.key = key; }

    public String key() { return key; }

    public static List<String> keys() { return Arrays.stream(values()).map(Measure::key).toList(); }

    public static Measure parse(String s) {
        for (Measure m : values()) if (m.key.equalsIgnoreCase(s.trim())) return m;
        throw InvalidConfigException.choice("measure", "measure", s, keys());
    }

    /**
     * This measure of a network at its weights now, on a batch, with the rate its next step uses; the network is
     * left as it was ({@link NetworkObjective}). Values in the order of {@link #columns}.
     */
    public double[] take(bnlab.engine.Trainer t, bnlab.engine.Batch batch, boolean classification) {
        if (this == NONE) return new double[0];
        NetworkObjective f = new NetworkObjective(t.network(), batch, classification);
        float[] w = f.parameters();
        double rate = t.learningRate();
        if (this == LANDSCAPE) {
            Landscape l = Landscape.at(f, w, rate);
            return new double[]{l.lossRange(), l.predictiveness(), l.betaSmoothness(), l.lossMin(), l.lossMax(), l.changeMin()};
        }
        int layers = t.network().hidden().size();
        int[] sizes = new int[layers];
        for (int l = 0; l < layers; l++) sizes[l] = t.network().hidden().get(l).dense().weights().value().length;
        GradientShift g = GradientShift.at(f, w, f.weightOffsets(), sizes, rate);
        double[] out = new double[2 * layers];
        System.arraycopy(g.difference(), 0, out, 0, layers);
        System.arraycopy(g.cosine(), 0, out, layers, layers);
        return out;
    }

    /** The names of a point's values, for a network of this many hidden layers. */
    public List<String> columns(int layers) {
        return switch (this) {
            case NONE -> List.of();
            case GRADIENT_SHIFT -> {
                List<String> out = new java.util.ArrayList<>();
                for (int l = 1; l <= layers; l++) out.add("diff_" + l);
                for (int l = 1; l <= layers; l++) out.add("cos_" + l);
                yield List.copyOf(out);
            }
            case LANDSCAPE -> List.of("lossRange", "predictiveness", "betaSmoothness", "lossMin", "lossMax", "changeMin");
        };
    }
}
