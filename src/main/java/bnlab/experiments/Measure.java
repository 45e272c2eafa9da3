package bnlab.experiments;

import bnlab.engine.Batch;
import bnlab.engine.InvalidConfigException;
import bnlab.engine.Network;
import bnlab.engine.Trainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a run measures of each network besides loss, accuracy and the watched neuron's percentiles. Its
 * {@link #columns} are the one source of the values' names: a CSV's header, a frame's {@code measureColumns}, the
 * page that reads them by name. Layers are counted from 1 in the names, L is the number of hidden layers.
 * <ul>
 *   <li>{@code gradient-shift} (Santurkar et al. 2018, {@link GradientShift}): per hidden layer l, ||G - G'|| and
 *       cos(G, G'), where G is the layer's gradient and G' its gradient on the same batch after all earlier layers
 *       took their step: {@code g_diff_1..L, g_cos_1..L};
 *   <li>{@code landscape} ({@link Landscape}): along the gradient, at 0.5 to 4 times the rate, the loss range, the
 *       gradient predictiveness and the effective beta-smoothness, and the ends of the paper's two bands:
 *       {@code loss_range, predictiveness, beta_smoothness, loss_min, loss_max, change_min};
 *   <li>{@code input-shift} ({@link InputShift}): how far the distribution of each layer's inputs moved in one step,
 *       on a fixed probe set after the step's update, and the probe set's percentiles of the watched neuron:
 *       {@code probe_p15, probe_p50, probe_p85, mean_shift_1..L, std_shift_1..L}. Taken every step; headless only.
 * </ul>
 * The first two are taken at a point's weights on its batch before its update, with the rate of that step, through a
 * {@link NetworkObjective} (which leaves the network as it was): the lab every {@value RunConfig#MEASURE_EVERY}
 * steps, the headless experiment at its points.
 */
public enum Measure {
    NONE("none"), GRADIENT_SHIFT("gradient-shift"), LANDSCAPE("landscape"), INPUT_SHIFT("input-shift");

    private final String key;

    Measure(String key) { this.key = key; }

    public String key() { return key; }

    /** Whether the lab's live run can take it (a run's {@code measure}): all but {@link #INPUT_SHIFT}. */
    public boolean live() { return this != INPUT_SHIFT; }

    /** The keys a run's {@code measure} may have. */
    public static List<String> keys() { return Arrays.stream(values()).filter(Measure::live).map(Measure::key).toList(); }

    /** A run's measure by its key ({@link #keys}). */
    public static Measure parse(String s) {
        for (Measure m : values()) if (m.live() && m.key.equalsIgnoreCase(s.trim())) return m;
        throw InvalidConfigException.choice("measure", "measure", s, keys());
    }

    /**
     * This measure of a network at its weights now, on a batch, with the rate its next step uses; the network is
     * left as it was ({@link NetworkObjective}). Values in the order of {@link #columns}. Not for {@link #INPUT_SHIFT},
     * which needs the network's earlier state ({@link InputShift}).
     */
    public double[] take(Trainer t, Batch batch, boolean classification) {
        if (this == NONE) return new double[0];
        if (this == INPUT_SHIFT) throw new IllegalStateException("the input shift is taken by an InputShift");
        NetworkObjective f = new NetworkObjective(t.network(), batch, classification);
        float[] w = f.parameters();
        double rate = t.learningRate();
        if (this == LANDSCAPE) {
            Landscape l = Landscape.at(f, w, rate);
            return new double[]{l.lossRange(), l.predictiveness(), l.betaSmoothness(), l.lossMin(), l.lossMax(), l.changeMin()};
        }
        Network net = t.network();
        int layers = net.hidden().size();
        int[] sizes = new int[layers];
        for (int l = 0; l < layers; l++) sizes[l] = net.hidden().get(l).dense().weights().value().length;
        GradientShift g = GradientShift.at(f, w, f.weightOffsets(), sizes, rate);
        double[] out = new double[2 * layers];
        System.arraycopy(g.difference(), 0, out, 0, layers);
        System.arraycopy(g.cosine(), 0, out, layers, layers);
        return out;
    }

    /** Whether it is taken before a step's update, on its batch (else after it). */
    public boolean beforeUpdate() { return this == GRADIENT_SHIFT || this == LANDSCAPE; }

    /** The names of a point's values, for a network of this many hidden layers. */
    public List<String> columns(int layers) {
        List<String> out = new ArrayList<>();
        switch (this) {
            case NONE -> { }
            case GRADIENT_SHIFT -> {
                for (int l = 1; l <= layers; l++) out.add("g_diff_" + l);
                for (int l = 1; l <= layers; l++) out.add("g_cos_" + l);
            }
            case LANDSCAPE -> out.addAll(List.of("loss_range", "predictiveness", "beta_smoothness", "loss_min", "loss_max", "change_min"));
            case INPUT_SHIFT -> {
                out.addAll(List.of("probe_p15", "probe_p50", "probe_p85"));
                for (int l = 1; l <= layers; l++) out.add("mean_shift_" + l);
                for (int l = 1; l <= layers; l++) out.add("std_shift_" + l);
            }
        }
        return List.copyOf(out);
    }
}
