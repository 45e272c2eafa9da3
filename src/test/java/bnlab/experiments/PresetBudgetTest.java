package bnlab.experiments;

/**
 * Every preset runs within the server's default budget. What the presets' texts claim is measured in
 * docs/claims.md ({@code bnlab claims}) and checked against the engine and the texts by ClaimsTest.
 */
class PresetBudgetTest {

    @org.junit.jupiter.api.Test
    void every_preset_fits_the_servers_default_budget_so_that_a_classroom_laptop_runs_it() throws Exception {
        for (Preset p : Presets.ALL) {
            RunConfig c = p.run();
            int inputs = RunConfig.FASHION_MNIST.equals(c.dataset()) ? 784 : Datasets.load(c, null, null).train().features();
            int outputs = RunConfig.FASHION_MNIST.equals(c.dataset()) ? 10 : Datasets.load(c, null, null).train().outputWidth();
            // Live validation sees at most 1,000 examples, plus the 2-D decision grid.
            RunBudget.defaults().check(c, inputs, outputs, bnlab.experiments.live.LiveRun.MAX_LIVE_VALIDATION + (inputs == 2 ? 1600 : 0));
        }
    }
}
