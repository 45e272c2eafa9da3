package bnlab.experiments;

import static org.junit.jupiter.api.Assertions.*;

import bnlab.engine.InvalidConfigException;
import org.junit.jupiter.api.Test;

class RunBudgetTest {
    static RunConfig config(String json) throws Exception {
        var map = new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, java.util.Map.class);
        @SuppressWarnings("unchecked") java.util.Map<String, Object> given = map;
        return RunFields.build(given);
    }

    @Test
    void the_figure1_network_costs_what_the_formula_says_and_fits_the_defaults_with_room() throws Exception {
        RunConfig fig1 = config("{\"dataset\":\"fashion-mnist\",\"layers\":[100,100,100],\"batchSize\":60}");
        RunBudget.Cost c = RunBudget.cost(fig1, 784, 10);
        assertEquals(784 * 100 + 100 * 100 * 2 + 100 * 10 + (300 + 10) + 2 * 300, c.parameters());
        assertEquals(60L * (784 + 300 + 10), c.activations());
        assertEquals(2L * 3 * 60 * (784 * 100 + 20_000 + 1000), c.work());
        assertEquals(2L * 1000 * 99_400, c.evaluation(1000));
        RunBudget d = RunBudget.defaults();
        assertDoesNotThrow(() -> d.check(fig1, 784, 10, 1000));
        assertTrue(c.parameters() * 2 < d.maxParameters() && c.activations() * 5 < d.maxActivations()
                && c.work() * 1.5 < d.maxWork(), "room to spare");
    }

    @Test
    void every_network_of_a_run_counts_three_figure1_networks_fit_and_five_are_refused_naming_nets() throws Exception {
        RunConfig three = config("{\"dataset\":\"fashion-mnist\",\"layers\":[100,100,100],\"batchSize\":60,"
                + "\"nets\":[\"plain\",\"bn\",\"noisy-bn\"]}");
        RunBudget.Cost c = RunBudget.cost(three, 784, 10);
        assertEquals(3L * 3 * 60 * 99_400, c.work());
        assertEquals(3L * 1000 * 99_400, c.evaluation(1000));
        assertDoesNotThrow(() -> RunBudget.defaults().check(three, 784, 10, 1000), "the noisy-bn preset fits the defaults");
        RunConfig five = three.with("nets", java.util.List.of("plain", "bn", "bn-paper", "noisy-bn", "ln"));
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> RunBudget.defaults().check(five, 784, 10, 1000));
        assertEquals("nets", e.field(), "the twin would fit: fewer networks is the change to make");
        assertEquals(InvalidConfigException.Rule.BUDGET_WORK, e.rule());
    }

    @Test
    void a_csv_of_a_few_hundred_features_fits_and_one_of_thousands_is_refused_naming_the_upload() throws Exception {
        RunConfig csv = config("{\"dataset\":\"csv\",\"layers\":[64,32],\"batchSize\":32}");
        RunBudget d = RunBudget.defaults();
        assertDoesNotThrow(() -> d.check(csv, 500, 5, 200));
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> d.check(csv, 5000, 5, 200));
        assertEquals("upload", e.field());
        assertEquals(InvalidConfigException.Rule.BUDGET_INPUTS, e.rule());
        assertEquals(java.util.List.of(RunBudget.DEFAULT_MAX_INPUTS, 5000), e.args());
    }

    @Test
    void each_limit_is_refused_with_its_own_rule_and_field() throws Exception {
        RunBudget tight = new RunBudget(10, 100, 1000, 10_000, 100_000);
        RunConfig wide = config("{\"dataset\":\"lecture\",\"layers\":[50]}");
        assertEquals(InvalidConfigException.Rule.BUDGET_PARAMETERS,
                assertThrows(InvalidConfigException.class, () -> tight.check(wide, 5, 3)).rule());
        RunConfig bigBatch = config("{\"dataset\":\"lecture\",\"layers\":[4],\"batchSize\":1000}");
        InvalidConfigException a = assertThrows(InvalidConfigException.class, () -> tight.check(bigBatch, 5, 3));
        assertEquals(InvalidConfigException.Rule.BUDGET_ACTIVATIONS, a.rule());
        assertEquals("batchSize", a.field());
        RunConfig work = config("{\"dataset\":\"lecture\",\"layers\":[4],\"batchSize\":60}");
        assertEquals(InvalidConfigException.Rule.BUDGET_WORK,
                assertThrows(InvalidConfigException.class, () -> tight.check(work, 5, 3)).rule());
        RunConfig small = config("{\"dataset\":\"lecture\",\"layers\":[4],\"batchSize\":8}");
        assertEquals(InvalidConfigException.Rule.BUDGET_EVALUATION,
                assertThrows(InvalidConfigException.class, () -> tight.check(small, 5, 3, 10_000)).rule());
        assertDoesNotThrow(() -> tight.check(small, 5, 3, 100));
    }

    @Test
    void ten_layers_of_4096_are_refused_without_overflow() throws Exception {
        RunConfig huge = config("{\"layers\":[4096,4096,4096,4096,4096,4096,4096,4096,4096,4096],\"batchSize\":10000}");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> RunBudget.defaults().check(huge, 100_000, 1000));
        assertEquals(InvalidConfigException.Rule.BUDGET_INPUTS, e.rule());
        RunBudget.Cost c = RunBudget.cost(huge, 100_000, 1000);
        assertTrue(c.work() > 0 && c.parameters() > 150_000_000L, "counted in longs");
    }
}
