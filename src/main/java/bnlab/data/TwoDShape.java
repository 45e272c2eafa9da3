package bnlab.data;

import bnlab.engine.Dataset;
import bnlab.engine.Rng;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The four classification sets of TensorFlow Playground (circle, xor, gauss, spiral), written anew in Java
 * with the same shapes: two features (x, y), roughly in [-6, 6], and two classes. Class 1 is Playground's
 * positive (blue) class, class 0 its negative (orange) one.
 *
 * <p>{@code noise} runs from 0 to 0.5, like Playground's slider from 0 to 50 %. For circle and xor it moves the
 * point at which the label is decided (so labels near the border flip); for gauss it widens the clouds; for
 * spiral it jitters the points. Examples come class by class where Playground does so; shuffle with
 * {@link Splits}. Everything is drawn from {@code Rng.of(seed, name)}, so a seed gives the same points.
 */
public enum TwoDShape {
    /** A disc of radius 2.5 (class 1) inside a ring from 3.5 to 5 (class 0). */
    CIRCLE("circle", "outer ring", "inner disc"),
    /** Uniform points in the four quadrants; class 1 where x·y >= 0. */
    XOR("xor", "opposite signs", "same sign"),
    /** Two Gaussian clouds around (2, 2) (class 1) and (-2, -2) (class 0); variance 0.5 + 7·noise. */
    GAUSS("gauss", "lower left", "upper right"),
    /** Two interleaved spiral arms, 1.75 turns out to radius 5. */
    SPIRAL("spiral", "arm B", "arm A");

    /** Largest noise accepted, Playground's 50 %. */
    public static final double MAX_NOISE = 0.5;
    /** Largest number of points accepted. */
    public static final int MAX_POINTS = 100_000;

    private final String id;
    private final String[] classNames;

    TwoDShape(String id, String class0, String class1) {
        this.id = id;
        this.classNames = new String[] {class0, class1};
    }

    /** The short lower-case name used in URLs and on the command line, e.g. "xor". */
    public String id() { return id; }

    /** Names of class 0 and class 1. */
    public String[] classNames() { return classNames.clone(); }

    /** All accepted names, in declaration order: circle, xor, gauss, spiral. */
    public static List<String> names() {
        return Arrays.stream(values()).map(TwoDShape::id).toList();
    }

    /**
     * The shape with the given name (case-insensitive).
     *
     * @throws IllegalArgumentException naming the allowed values if there is no such shape
     */
    public static TwoDShape byName(String name) {
        for (TwoDShape s : values())
            if (s.id.equals(name == null ? null : name.trim().toLowerCase(Locale.ROOT))) return s;
        throw new IllegalArgumentException("unknown two-dimensional data set '" + name + "'; allowed: "
                + String.join(", ", names()));
    }

    /**
     * Generates {@code points} examples: x (points, 2) row-major, labels (points) in {0, 1}.
     *
     * @param points number of examples, 2..{@value #MAX_POINTS}
     * @param noise  0..{@value #MAX_NOISE}
     * @param seed   the same seed gives the same points
     */
    public Dataset generate(int points, double noise, long seed) {
        if (points < 2 || points > MAX_POINTS)
            throw new IllegalArgumentException("number of points must be between 2 and " + MAX_POINTS + ", was " + points);
        if (!(noise >= 0 && noise <= MAX_NOISE))
            throw new IllegalArgumentException("noise must be between 0 and " + MAX_NOISE + ", was " + noise);
        Rng rng = Rng.of(seed, id);
        float[] x = new float[points * 2]; // (points, 2)
        int[] labels = new int[points];    // (points)
        Sink out = new Sink(x, labels);
        int first = points - points / 2, second = points / 2;
        switch (this) {
            case CIRCLE -> {
                circle(rng, first, 0, 2.5, noise, out);
                circle(rng, second, 3.5, 5, noise, out);
            }
            case XOR -> xor(rng, points, noise, out);
            case GAUSS -> {
                double sd = Math.sqrt(0.5 + 7 * noise); // variance 0.5 at noise 0 to 4 at noise 0.5
                gauss(rng, first, 2, 2, sd, 1, out);
                gauss(rng, second, -2, -2, sd, 0, out);
            }
            case SPIRAL -> {
                spiral(rng, first, 0, noise, 1, out);
                spiral(rng, second, Math.PI, noise, 0, out);
            }
        }
        return Dataset.classification(id, 2, x, labels, 2, classNames());
    }

    /** Points uniform in angle and radius r in [rMin, rMax); label 1 if the noisy point is within 2.5 of the origin. */
    private static void circle(Rng rng, int n, double rMin, double rMax, double noise, Sink out) {
        double radius = 5;
        for (int i = 0; i < n; i++) {
            double r = uniform(rng, rMin, rMax);
            double angle = uniform(rng, 0, 2 * Math.PI);
            double px = r * Math.sin(angle), py = r * Math.cos(angle);
            double nx = px + uniform(rng, -radius, radius) * noise;
            double ny = py + uniform(rng, -radius, radius) * noise;
            out.add(px, py, Math.hypot(nx, ny) < radius * 0.5 ? 1 : 0);
        }
    }

    /** Uniform in [-5, 5]², pushed 0.3 away from the axes; label 1 if the noisy point has x·y >= 0. */
    private static void xor(Rng rng, int n, double noise, Sink out) {
        double padding = 0.3;
        for (int i = 0; i < n; i++) {
            double px = uniform(rng, -5, 5);
            px += px > 0 ? padding : -padding;
            double py = uniform(rng, -5, 5);
            py += py > 0 ? padding : -padding;
            double nx = px + uniform(rng, -5, 5) * noise;
            double ny = py + uniform(rng, -5, 5) * noise;
            out.add(px, py, nx * ny >= 0 ? 1 : 0);
        }
    }

    private static void gauss(Rng rng, int n, double cx, double cy, double sd, int label, Sink out) {
        for (int i = 0; i < n; i++)
            out.add(cx + sd * rng.nextGaussian(), cy + sd * rng.nextGaussian(), label);
    }

    /** Arm point i: radius r = 5·i/n, angle t = 1.75·2π·i/n + deltaT, jittered by noise·U(-1, 1). */
    private static void spiral(Rng rng, int n, double deltaT, double noise, int label, Sink out) {
        for (int i = 0; i < n; i++) {
            double r = (double) i / n * 5;
            double t = 1.75 * i / n * 2 * Math.PI + deltaT;
            double px = r * Math.sin(t) + uniform(rng, -1, 1) * noise;
            double py = r * Math.cos(t) + uniform(rng, -1, 1) * noise;
            out.add(px, py, label);
        }
    }

    private static double uniform(Rng rng, double a, double b) { return a + (b - a) * rng.nextDouble(); }

    /** Appends examples to the output arrays in order. */
    private static final class Sink {
        private final float[] x;
        private final int[] labels;
        private int next;

        Sink(float[] x, int[] labels) { this.x = x; this.labels = labels; }

        void add(double px, double py, int label) {
            x[2 * next] = (float) px;
            x[2 * next + 1] = (float) py;
            labels[next++] = label;
        }
    }
}
