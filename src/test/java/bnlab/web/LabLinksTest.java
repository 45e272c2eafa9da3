package bnlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bnlab.experiments.Figure1;
import bnlab.experiments.RunConfig;
import bnlab.web.labpage.LabLinks;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The lab's set-ups say what they are: the Figure 1 link is the paper's set-up, the lecture link the lab's defaults. */
class LabLinksTest {
    private static Map<String, String> params(LabLinks link) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : link.query().split("&")) m.put(kv.split("=", 2)[0], kv.split("=", 2)[1]);
        return m;
    }

    @Test
    void the_figure1_link_is_the_set_up_of_the_papers_experiment() {
        Map<String, String> q = params(LabLinks.PROBLEM.get(0));
        assertEquals(RunConfig.FASHION_MNIST, q.get("dataset"));
        assertEquals(Arrays.stream(Figure1.HIDDEN).mapToObj(Integer::toString).collect(Collectors.joining(",")), q.get("layers"));
        assertEquals(Figure1.LEARNING_RATE, Double.parseDouble(q.get("learningRate")));
        assertEquals(Figure1.INIT_STD, Double.parseDouble(q.get("initStd")));
        assertEquals(Figure1.BATCH, Integer.parseInt(q.get("batchSize")));
        assertEquals("gaussian", q.get("init"));
        assertEquals("sigmoid", q.get("activation"));
        assertEquals("0", q.get("momentum"), "plain SGD, as in the paper");
        assertEquals(String.valueOf(Figure1.HIDDEN.length), q.get("watchLayer"), "a neuron of the last hidden layer");
    }

    @Test
    void the_lab_row_starts_with_figure1_then_the_lecture_whose_link_leaves_everything_at_the_defaults() {
        assertEquals("figure1", LabLinks.PRESETS.get(0).key());
        assertEquals("lecture", LabLinks.PRESETS.get(1).key());
        assertEquals(Map.of("dataset", RunConfig.defaults().dataset()), params(LabLinks.LECTURE));
        assertTrue(LabLinks.PRESETS.containsAll(LabLinks.EFFECTS));
        assertEquals(LabLinks.PRESETS.size(), LabLinks.PRESETS.stream().map(LabLinks::key).distinct().count());
    }
}
