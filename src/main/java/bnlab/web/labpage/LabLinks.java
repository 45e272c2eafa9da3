package bnlab.web.labpage;

import java.util.List;

/**
 * Set-ups of the lab that the lesson links to, as the lab's URL state (the property names of
 * static/js/lab-state.js; properties left out take the lab's defaults). LabPageBrowserTest opens the high-learning-rate one.
 *
 * @param key   message key stem: {@code lab.link.KEY.title} and {@code lab.link.KEY.text}
 * @param query the lab URL's query, without "?"
 */
public record LabLinks(String key, String query) {

    /**
     * For the lesson's section 2: the paper's Figure 1 set-up (bnlab.experiments.Figure1) on
     * Fashion-MNIST, watching a sigmoid of the last hidden layer, where the drift without BN shows.
     */
    public static final List<LabLinks> PROBLEM = List.of(
            new LabLinks("figure1", "dataset=fashion-mnist&layers=100,100,100&activation=sigmoid&bn=before&init=gaussian"
                    + "&initStd=0.01&learningRate=0.5&momentum=0&batchSize=60&seed=1&speed=max&watchLayer=3&watchNeuron=1"));

    /** For the lesson's section 6: learning rate, decay, regularization. */
    public static final List<LabLinks> EFFECTS = List.of(
            // The divergence example of docs/protocol.md: without BN the network blows up at step 19.
            new LabLinks("highRate", "dataset=xor&points=200&noise=0.05&validationFraction=0.25&layers=6&activation=relu&bn=before&init=xavier"
                    + "&learningRate=20&momentum=0.9&batchSize=8&seed=3&speed=100"),
            // LabLinksTest checks the text's claim: with BN above 90 % validation accuracy at iteration 600, without below 80 %.
            new LabLinks("decay", "dataset=spiral&points=600&noise=0.1&layers=32,32,32&activation=relu&bn=before&init=he"
                    + "&learningRate=0.5&schedule=exponential&decayEvery=300&decayFactor=0.7&batchSize=16&seed=1&speed=max"),
            new LabLinks("dropout", "dataset=circle&points=200&noise=0.4&layers=32,32&activation=relu&bn=before&init=he"
                    + "&learningRate=0.1&dropout=0.3&batchSize=16&seed=2&speed=max"),
            new LabLinks("noDropout", "dataset=circle&points=200&noise=0.4&layers=32,32&activation=relu&bn=before&init=he"
                    + "&learningRate=0.1&dropout=0&batchSize=16&seed=2&speed=max"));

    /** The lecture's example network (the lab's defaults, RunConfig.defaults()): the lesson's matrices. */
    public static final LabLinks LECTURE = new LabLinks("lecture", "dataset=lecture");

    /** The lab's row of set-ups: the paper's Figure 1 first (it shows the drift best), then the lecture's, then the effects. */
    public static final List<LabLinks> PRESETS = java.util.stream.Stream.of(PROBLEM, List.of(LECTURE), EFFECTS)
            .flatMap(List::stream).toList();

    public String href() { return "/lab?" + query; }
}
