package bnlab.web.lesson;

import java.util.Map;

/**
 * The lesson's formulas in TeX, in the lecture's notation (i = data point, j = neuron,
 * m = batch size). Typeset in the browser by KaTeX; language-neutral, so not in the bundles.
 */
public final class Formulas {
    private Formulas() {}

    private static final String DY = "\\frac{\\partial L}{\\partial \\hat{z}_{ij}}";

    public static final Map<String, String> TEX = Map.ofEntries(
            Map.entry("logit", "z_{ij} = \\sum_{k=1}^{5} w_{jk}\\, x_{ik}"),
            Map.entry("standardize", "\\tilde{z} = \\frac{z - \\mu}{\\sigma}"),
            Map.entry("mu", "\\mu_j = \\frac{1}{m} \\sum_{i=1}^{m} z_{ij}"),
            Map.entry("sigmaLecture", "\\sigma_j = \\sqrt{\\frac{1}{m} \\sum_{i=1}^{m} \\left(z_{ij} - \\mu_j\\right)^2}"),
            Map.entry("sigma", "\\sigma_j = \\sqrt{\\frac{1}{m} \\sum_{i=1}^{m} \\left(z_{ij} - \\mu_j\\right)^2 + \\varepsilon}"),
            Map.entry("zTilde", "\\tilde{z}_{ij} = \\frac{z_{ij} - \\mu_j}{\\sigma_j}"),
            Map.entry("zHat", "\\hat{z}_{ij} = \\gamma_j \\cdot \\tilde{z}_{ij} + \\beta_j"),
            Map.entry("activation", "a_{ij} = g\\left(\\hat{z}_{ij}\\right)"),
            Map.entry("dbeta", "\\frac{\\partial L}{\\partial \\beta_j} = \\sum_{i=1}^{m} " + DY),
            Map.entry("dgamma", "\\frac{\\partial L}{\\partial \\gamma_j} = \\sum_{i=1}^{m} " + DY + " \\, \\tilde{z}_{ij}"),
            Map.entry("dz", "\\frac{\\partial L}{\\partial z_{ij}} = \\frac{\\gamma_j}{m\\,\\sigma_j}\\left(m\\, " + DY
                    + " - \\frac{\\partial L}{\\partial \\beta_j} - \\tilde{z}_{ij}\\, \\frac{\\partial L}{\\partial \\gamma_j}\\right)"),
            Map.entry("update", "\\gamma_j \\leftarrow \\gamma_j - \\eta \\frac{\\partial L}{\\partial \\gamma_j}, \\quad "
                    + "\\beta_j \\leftarrow \\beta_j - \\eta \\frac{\\partial L}{\\partial \\beta_j}"));
}
