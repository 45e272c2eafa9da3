package bnlab.web.lesson;

/**
 * One line of the still table of internal covariate shift: per shown neuron, the mean and
 * standard deviation of its logits z over the batch at that iteration, as the BatchSource
 * reports them (its mu and sigma; sigma includes the tiny epsilon).
 */
public record ShiftRow(int iteration, double[] mean, double[] std) {}
