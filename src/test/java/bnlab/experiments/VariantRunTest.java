package bnlab.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bnlab.engine.Dataset;
import bnlab.engine.TwinRun;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** N named variants in lockstep, and the CSV of a variant preset. */
class VariantRunTest {
    private static final RunConfig SMALL = RunConfig.defaults().with("dataset", "spiral", "points", 200, "layers", new int[]{8, 8},
            "activation", "relu", "init", "he", "learningRate", 0.1, "batchSize", 10, "seed", 4);

    private static VariantPreset preset(VariantPreset.Measure measure, List<Integer> batchSizes) {
        return new VariantPreset("small", SMALL.with("nets", List.of("plain", "bn", "noisy-bn", "ln")), 30, batchSizes, measure, 10);
    }

    @Test
    void every_variant_starts_from_the_same_weights_and_plain_and_bn_train_bit_for_bit_as_the_twin() throws Exception {
        Dataset.Split data = Datasets.load(SMALL, null, null);
        VariantRun run = new VariantRun(preset(VariantPreset.Measure.VALIDATION, List.of()).variants(10, data.train()), data.train());
        assertEquals(List.of("plain", "bn", "noisy-bn", "ln"), run.variants().stream().map(Variant::name).toList());
        for (int i = 1; i < run.size(); i++)
            for (int l = 0; l < 2; l++)
                assertArrayEquals(run.trainer(0).network().hidden().get(l).dense().weights().value(),
                        run.trainer(i).network().hidden().get(l).dense().weights().value(), run.variants().get(i).name());
        TwinRun twin = SMALL.twin(data.train());
        for (int s = 0; s < 50; s++) {
            run.step();
            twin.step();
            assertArrayEquals(twin.batch().x(), run.batch().x(), "the same batches");
            assertEquals(twin.plain().lastLoss(), run.trainer("plain").lastLoss(), 0, "step " + s);
            assertEquals(twin.bn().lastLoss(), run.trainer("bn").lastLoss(), 0, "step " + s);
        }
    }

    @Test
    void variants_must_share_widths_seed_and_batch_size_and_have_distinct_names() throws Exception {
        Dataset.Split data = Datasets.load(SMALL, null, null);
        List<Variant> v = preset(VariantPreset.Measure.VALIDATION, List.of()).variants(10, data.train());
        assertThrows(IllegalArgumentException.class, () -> new VariantRun(List.of(v.get(0), v.get(0)), data.train()));
        Variant otherBatch = preset(VariantPreset.Measure.VALIDATION, List.of()).variants(20, data.train()).get(1);
        assertThrows(IllegalArgumentException.class, () -> new VariantRun(List.of(v.get(0), otherBatch), data.train()));
    }

    @Test
    void each_measure_writes_its_columns_a_row_per_step_and_variant_and_fills_them_at_its_points() throws Exception {
        Dataset.Split data = Datasets.load(SMALL, null, null);
        for (VariantPreset.Measure m : VariantPreset.Measure.values()) {
            StringWriter out = new StringWriter();
            new VariantExperiment(preset(m, List.of()), data).run(30, out);
            String[] lines = out.toString().split("\n");
            String[] header = lines[0].split(",", -1);
            assertEquals(1 + 30 * 4, lines.length, m.name());
            for (int k = 1; k < lines.length; k++) assertEquals(header.length, lines[k].split(",", -1).length, lines[k]);
            String[] at10 = lines[1 + 9 * 4 + 1].split(",", -1); // step 10, bn
            assertEquals("10", at10[0]);
            assertEquals("bn", at10[1]);
            for (int c = 5; c < header.length; c++) assertTrue(!at10[c].isEmpty(), m + " " + header[c] + " at a point");
            if (m != VariantPreset.Measure.INPUTS) assertTrue(lines[1 + 4 * 4].split(",", -1)[5].isEmpty(), "no validation at step 5");
        }
    }

    @Test
    void a_smaller_batch_runs_as_many_steps_as_see_the_same_examples() throws Exception {
        Dataset.Split data = Datasets.load(SMALL, null, null);
        List<VariantExperiment.Row> rows = new ArrayList<>();
        new VariantExperiment(preset(VariantPreset.Measure.VALIDATION, List.of(10, 2)), data).run(30, rows::add);
        assertEquals(30 * 4, rows.stream().filter(r -> r.batchSize() == 10).count());
        assertEquals(150 * 4, rows.stream().filter(r -> r.batchSize() == 2).count());
        assertEquals(List.of(50L, 100L, 150L), rows.stream().filter(r -> r.batchSize() == 2 && r.model().equals("plain")
                && !Double.isNaN(r.valAccuracy())).map(VariantExperiment.Row::step).toList(), "validation every 50 steps");
    }

    @Test
    void issue_10s_experiments_are_the_labs_presets_run_headless() {
        assertEquals(List.of("noisy-bn", "ics-gradients", "landscape", "layer-norm"), Presets.TODAY.stream().map(VariantPreset::key).toList());
        for (VariantPreset p : Presets.TODAY) {
            Preset lab = Presets.byKey(p.key()).orElseThrow();
            assertEquals(lab.run(), p.run(), p.key() + ": the same run description in the lab and headless");
            assertEquals(lab.length(), p.length(), p.key());
            assertTrue(Presets.KNOWN_TODAY.contains(lab), p.key());
        }
        Preset two = Presets.byKey("layer-norm-2").orElseThrow();
        assertEquals(2, two.run().batchSize());
        assertEquals(Presets.todayByKey("layer-norm").orElseThrow().steps(2, 1500), two.length(),
                "the lab's batch-2 run is as long as the headless one");
        assertEquals(List.of("plain", "bn", "noisy-bn"), Presets.NOISY_BN.run().netNames());
        assertEquals(Measure.GRADIENT_SHIFT, Presets.ICS_GRADIENTS.run().measure());
        assertEquals(Measure.LANDSCAPE, Presets.LANDSCAPE.run().measure());
    }
}
