package bnlab.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bnlab.engine.Dataset;
import bnlab.engine.Variant;
import bnlab.engine.VariantRun;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** N named variants in lockstep, and the one CSV layout of the headless experiment. */
class VariantRunTest {
    private static final RunConfig SMALL = RunConfig.defaults().with("dataset", "spiral", "points", 200, "layers", new int[]{8, 8},
            "activation", "relu", "init", "he", "learningRate", 0.1, "batchSize", 10, "seed", 4);
    private static final RunConfig FOUR = SMALL.with("nets", List.of("plain", "bn", "noisy-bn", "ln"));

    /** The four networks for 30 steps, watching layer 2's first neuron, with this measure every 10 steps. */
    private static Preset preset(Measure measure) {
        Preset p = new Preset("small", measure.live() ? FOUR.with("measure", measure.key()) : FOUR, 30, "max", 1, 0);
        return (measure.live() ? p : p.measuring(measure, 10)).withEvery(10);
    }

    @Test
    void every_variant_starts_from_the_same_weights_and_plain_and_bn_train_bit_for_bit_as_in_the_twin() throws Exception {
        Dataset.Split data = Datasets.load(SMALL, null, null);
        VariantRun run = FOUR.variantRun(data.train());
        assertEquals(List.of("plain", "bn", "noisy-bn", "ln"), run.variants().stream().map(Variant::name).toList());
        for (int i = 1; i < run.size(); i++)
            for (int l = 0; l < 2; l++)
                assertArrayEquals(run.trainer(0).network().hidden().get(l).dense().weights().value(),
                        run.trainer(i).network().hidden().get(l).dense().weights().value(), run.variants().get(i).name());
        VariantRun twin = SMALL.variantRun(data.train());
        assertEquals(List.of("plain", "bn"), twin.variants().stream().map(Variant::name).toList(), "the default is the twin");
        for (int s = 0; s < 50; s++) {
            run.step();
            twin.step();
            assertArrayEquals(twin.batch().x(), run.batch().x(), "the same batches");
            assertEquals(twin.trainer("plain").lastLoss(), run.trainer("plain").lastLoss(), 0, "step " + s);
            assertEquals(twin.trainer("bn").lastLoss(), run.trainer("bn").lastLoss(), 0, "step " + s);
        }
    }

    @Test
    void variants_must_share_widths_seed_and_batch_size_and_have_distinct_names() throws Exception {
        Dataset.Split data = Datasets.load(SMALL, null, null);
        List<Variant> v = FOUR.variants(data.train());
        assertThrows(IllegalArgumentException.class, () -> new VariantRun(List.of(v.get(0), v.get(0)), data.train()));
        Variant otherBatch = FOUR.with("batchSize", 20).variants(data.train()).get(1);
        assertThrows(IllegalArgumentException.class, () -> new VariantRun(List.of(v.get(0), otherBatch), data.train()));
    }

    @Test
    void every_measure_writes_the_shared_columns_then_its_own_a_row_per_step_and_variant_filled_at_its_points() throws Exception {
        Dataset.Split data = Datasets.load(SMALL, null, null);
        for (Measure m : Measure.values()) {
            StringWriter out = new StringWriter();
            new Experiment(preset(m), data).run(30, out, null, null);
            String[] lines = out.toString().split("\n");
            String[] header = lines[0].split(",", -1);
            List<String> expected = new ArrayList<>(List.of(Experiment.SHARED.split(",")));
            expected.addAll(m.columns(2));
            assertEquals(expected, List.of(header), m.key());
            assertEquals(1 + 30 * 4, lines.length, m.key());
            for (int k = 1; k < lines.length; k++) assertEquals(header.length, lines[k].split(",", -1).length, lines[k]);
            String[] at10 = lines[1 + 9 * 4 + 1].split(",", -1); // step 10, bn
            assertEquals(List.of("10", "bn", "10"), List.of(at10).subList(0, 3));
            for (int c = 3; c < header.length; c++) assertTrue(!at10[c].isEmpty(), m + " " + header[c] + " at a point");
            String[] at5 = lines[1 + 4 * 4 + 1].split(",", -1);
            assertTrue(at5[6].isEmpty() && at5[7].isEmpty(), "no validation at step 5");
            for (int c = 11; c < header.length; c++)
                assertEquals(m == Measure.INPUT_SHIFT, !at5[c].isEmpty(), m + " " + header[c] + " between points");
        }
    }

    @Test
    void a_smaller_batch_runs_as_many_steps_as_see_the_same_examples() throws Exception {
        Dataset.Split data = Datasets.load(SMALL, null, null);
        List<Experiment.Row> rows = new ArrayList<>();
        new Experiment(preset(Measure.NONE).atBatchSizes(10, 2), data).run(30, rows::add, null, null);
        assertEquals(30 * 4, rows.stream().filter(r -> r.batchSize() == 10).count());
        assertEquals(150 * 4, rows.stream().filter(r -> r.batchSize() == 2).count());
        assertEquals(List.of(50L, 100L, 150L), rows.stream().filter(r -> r.batchSize() == 2 && r.model().equals("plain")
                && !Double.isNaN(r.valAccuracy())).map(Experiment.Row::step).toList(), "validation every 50 steps");
    }

    @Test
    void todays_experiments_are_presets_of_the_lab_with_their_headless_measure_and_batch_sizes() {
        for (Preset p : Presets.ALL) {
            assertEquals(p.run().batchSize(), p.batchSizes().get(0), p.key());
            assertTrue(p.measure() == p.run().measureOrNone() || p.measure() == Measure.INPUT_SHIFT, p.key());
        }
        assertEquals(Measure.INPUT_SHIFT, Presets.NOISY_BN.measure());
        assertEquals(List.of(60, 2), Presets.LAYER_NORM.batchSizes());
        Preset two = Presets.byKey("layer-norm-2").orElseThrow();
        assertEquals(2, two.run().batchSize());
        assertEquals(Presets.LAYER_NORM.steps(2, Presets.LAYER_NORM.length()), two.length(),
                "the lab's batch-2 run is as long as the headless one");
        assertEquals(List.of("plain", "bn", "noisy-bn"), Presets.NOISY_BN.run().netNames());
        assertEquals(Measure.GRADIENT_SHIFT, Presets.ICS_GRADIENTS.measure());
        assertEquals(Measure.LANDSCAPE, Presets.LANDSCAPE.measure());
    }

    @Test
    void the_headless_input_shift_is_no_measure_of_a_lab_run() {
        assertThrows(bnlab.engine.InvalidConfigException.class, () -> SMALL.with("measure", "input-shift"));
        assertThrows(bnlab.engine.InvalidConfigException.class, () -> SMALL.with("measure", Measure.INPUT_SHIFT), "nor as the value");
        assertEquals(List.of("none", "gradient-shift", "landscape"), Measure.keys());
    }
}
