package bnlab.experiments;

import bnlab.engine.InvalidConfigException;
import bnlab.engine.InvalidConfigException.Rule;
import java.util.Locale;

/**
 * What one run may cost the server, checked before anything of it is allocated: the per-field limits
 * of {@link RunConfig} bound each layer, not the whole network, so ten layers of 4,096 neurons (150
 * million weights, 2.9 s a step) or a CSV of 100,000 columns would pass them and fill the heap.
 *
 * <p>Parameters and activations are per network; work and evaluation are of all N networks of the run (the
 * config's {@code nets}; the twin holds two). With n_0 = inputs, n_1..n_L the hidden widths, n_{L+1} = outputs and
 * B the batch size:
 * <pre>
 *   parameters  = sum_l (n_l * n_{l+1} + n_{l+1}) + 2 * sum_{l=1..L} n_l      (weights, biases, gamma and beta)
 *   activations = B * sum_{l=0..L+1} n_l                                       (one value per neuron and example)
 *   work        = N networks * 3 products * B * sum_l n_l * n_{l+1}            (multiply-adds of one iteration:
 *                                                                              forward, input gradient, weight gradient)
 *   evaluation  = N networks * E * sum_l n_l * n_{l+1}                         (multiply-adds of a frame that evaluates
 *                                                                              E examples: validation set, decision grid)
 * </pre>
 * The evaluation is what a frame costs besides training: the live validation (at most 1,000 examples) and,
 * for 2-D data, the decision boundary on a 40 x 40 grid. Without it, a 2-2000-400-2 network on xor passed
 * the limits then in force and took seconds a frame for its 1,600 grid points; a 2-320-320-2 twin, well
 * within the parameters allowed now, would still cost 340 million multiply-adds a frame.
 *
 * <p>Parameters bound time as well as memory: every iteration reads and writes each of them several times
 * (weights, their transposed copy, gradients, momentum), whatever the batch size, so 800,000 parameters took
 * 13 to 40 ms an iteration at batches of 8 (memory-bound, far below the multiply-add rate), more than a
 * tick's share. The defaults leave room for the paper's Figure 1 network (784-100-100-100-10, batches of 60: 99,710
 * parameters, 65,640 activations, 35.8 million multiply-adds, about 2 ms an iteration with the Vector API),
 * for three of them (noisy BN beside the twin: 53.7 million multiply-adds an iteration, 298 million a frame's
 * validation) and for a CSV of a few hundred features; {@code serve} has a flag for each (docs/security.md). A
 * run's measure (every 50th step) is not counted: about ten passes of the batch, a fifth of an iteration's work.
 *
 * @param maxInputs      inputs per example (the data's width)
 * @param maxParameters  trainable numbers of one network
 * @param maxActivations values of one batch through one network
 * @param maxWork        multiply-adds of one iteration of every network
 * @param maxEvaluation  multiply-adds of evaluating every network once on the examples a frame shows
 */
public record RunBudget(int maxInputs, long maxParameters, long maxActivations, long maxWork, long maxEvaluation) {
    public static final int DEFAULT_MAX_INPUTS = 2048;
    public static final long DEFAULT_MAX_PARAMETERS = 250_000;
    public static final long DEFAULT_MAX_ACTIVATIONS = 1_000_000;
    public static final long DEFAULT_MAX_WORK = 64_000_000;
    public static final long DEFAULT_MAX_EVALUATION = 320_000_000;

    public RunBudget {
        if (maxInputs < 1 || maxParameters < 1 || maxActivations < 1 || maxWork < 1 || maxEvaluation < 1)
            throw new IllegalArgumentException("every limit of a run budget must be at least 1");
    }

    public static RunBudget defaults() {
        return new RunBudget(DEFAULT_MAX_INPUTS, DEFAULT_MAX_PARAMETERS, DEFAULT_MAX_ACTIVATIONS, DEFAULT_MAX_WORK,
                DEFAULT_MAX_EVALUATION);
    }

    /**
     * What a run of this config on data of this shape costs.
     *
     * @param weightsPerExample multiply-adds of one forward pass of one example through one network
     * @param networks          networks in the run
     */
    public record Cost(long parameters, long activations, long work, long weightsPerExample, int networks) {
        /** Multiply-adds of evaluating every network on {@code examples} examples. */
        public long evaluation(long examples) { return networks * examples * weightsPerExample; }
    }

    /** The cost of a config on data with {@code inputs} features and {@code outputs} output units (exact, in longs). */
    public static Cost cost(RunConfig config, int inputs, int outputs) {
        int[] hidden = config.layers();
        long weights = 0, biases = 0, neurons = inputs, products = 0;
        int in = inputs;
        for (int i = 0; i <= hidden.length; i++) {
            int out = i < hidden.length ? hidden[i] : outputs;
            weights += (long) in * out;
            biases += out;
            neurons += out;
            if (i < hidden.length) biases += 2L * out; // gamma and beta of a normalized network
            in = out;
        }
        long parameters = weights + biases;
        long batch = config.batchSize();
        int networks = config.nets().size();
        return new Cost(parameters, batch * neurons, networks * 3L * batch * weights, weights, networks);
    }

    /**
     * Refuses a run that would cost more than this budget, naming the field to change and the limit.
     *
     * @throws InvalidConfigException with a {@code BUDGET_*} rule and the arguments (limit, value)
     */
    public void check(RunConfig config, int inputs, int outputs) { check(config, inputs, outputs, 0); }

    /**
     * The same, and also the evaluation a frame makes.
     *
     * @param evaluated examples every network is evaluated on in one frame (validation, decision grid)
     */
    public void check(RunConfig config, int inputs, int outputs, long evaluated) {
        String dataField = RunConfig.CSV.equals(config.dataset()) ? "upload" : "dataset";
        InvalidConfigException.check(inputs <= maxInputs, dataField, "the data has " + n(inputs)
                + " inputs per example; this server allows at most " + n(maxInputs) + " (serve --max-inputs)",
                Rule.BUDGET_INPUTS, maxInputs, inputs);
        Cost c = cost(config, inputs, outputs);
        InvalidConfigException.check(c.parameters() <= maxParameters, "layers", "the network would have " + n(c.parameters())
                + " parameters; this server allows at most " + n(maxParameters) + " (serve --max-parameters)",
                Rule.BUDGET_PARAMETERS, maxParameters, c.parameters());
        InvalidConfigException.check(c.activations() <= maxActivations, "batchSize", "a batch would hold " + n(c.activations())
                + " activations; this server allows at most " + n(maxActivations) + " (serve --max-activations)",
                Rule.BUDGET_ACTIVATIONS, maxActivations, c.activations());
        InvalidConfigException.check(c.work() <= maxWork, c.networks() > 2 && c.work() / c.networks() * 2 <= maxWork ? "nets" : "batchSize",
                "one iteration of its " + c.networks() + " networks would take " + n(c.work())
                + " multiply-adds; this server allows at most " + n(maxWork) + " (serve --max-step-work)",
                Rule.BUDGET_WORK, maxWork, c.work());
        long e = c.evaluation(evaluated);
        InvalidConfigException.check(e <= maxEvaluation, c.networks() > 2 && e / c.networks() * 2 <= maxEvaluation ? "nets" : "layers",
                "evaluating the " + c.networks() + " networks for a frame would take " + n(e)
                + " multiply-adds; this server allows at most " + n(maxEvaluation) + " (serve --max-eval-work)",
                Rule.BUDGET_EVALUATION, maxEvaluation, e);
    }

    private static String n(long v) { return String.format(Locale.ROOT, "%,d", v); }
}
