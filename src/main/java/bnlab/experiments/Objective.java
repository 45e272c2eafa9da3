package bnlab.experiments;

/**
 * A loss as a function of a flat parameter vector, with its gradient: what {@link Landscape} walks along.
 * {@link NetworkObjective} is a network on one fixed mini-batch; tests use quadratics whose answers are known.
 */
public interface Objective {
    /** Number of parameters. */
    int size();

    /**
     * @param w    (size) the parameters at which to evaluate
     * @param grad (size) receives dL/dw at w
     * @return L(w)
     */
    double lossAndGradient(float[] w, float[] grad);
}
