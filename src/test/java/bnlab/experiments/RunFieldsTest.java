package bnlab.experiments;

import static org.junit.jupiter.api.Assertions.*;

import bnlab.engine.InvalidConfigException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The run's one list of properties, its URL encoding and its values. */
class RunFieldsTest {

    @Test
    void a_values_text_is_taken_exactly_when_it_matches_its_kinds_pattern_which_the_page_uses_too() {
        Map<String, List<String>> samples = Map.of(
                "learningRate", List.of("0.5", ".5", "5.", "-1", "+2", "1e-3", "2E+2", "1.2.3", "e5", "0x10", "", "1,5,1", "abc"),
                "batchSize", List.of("8", "-8", "+8", "8.0", "1e3", "99999999999999999999", ""),
                "layers", List.of("8", "8,8", "8,,8", "8,", "-8", "8.5", ""),
                "rateChanges", List.of("5:0.1", "5:0.1,10:1e-2", "5:", ":0.1", "5:0.1,", "a:1", "5:-0.1"));
        for (var e : samples.entrySet()) {
            RunFields.Field f = RunFields.all().stream().filter(x -> x.name().equals(e.getKey())).findFirst().orElseThrow();
            java.util.regex.Pattern p = java.util.regex.Pattern.compile(f.kind().pattern());
            for (String text : e.getValue()) {
                boolean parsed;
                try {
                    RunFields.parse(f, text);
                    parsed = true;
                } catch (InvalidConfigException ex) {
                    parsed = false;
                }
                assertEquals(p.matcher(text).matches(), parsed, f.name() + " \"" + text + "\"");
            }
        }
    }

    @Test
    void every_component_of_the_run_record_is_a_property_in_its_order() {
        List<String> components = Arrays.stream(RunConfig.class.getRecordComponents()).map(RecordComponent::getName).toList();
        assertEquals(components, RunFields.all().stream().map(RunFields.Field::name).toList());
        assertTrue(components.containsAll(List.of("bnEpsilon", "bnMomentum", "upload", "rateChanges", "bnNetLearningRate")));
    }

    @Test
    void every_preset_and_a_run_with_every_kind_of_property_round_trip_through_the_url() {
        RunConfig all = RunConfig.defaults().with("dataset", "csv", "upload", "ab12", "layers", new int[]{100, 7},
                "activation", "relu", "bnEpsilon", 0.001, "rateChanges", List.of(new RateChange(5, 0.0000001), new RateChange(9, 2)),
                "bnNetLearningRate", 2.5, "bnNetSchedule", "step", "bnNetDecayEvery", 50, "bnNetDropout", 0.0, "seed", 123456789L);
        for (RunConfig c : java.util.stream.Stream.concat(Presets.ALL.stream().map(Preset::run), java.util.stream.Stream.of(all)).toList())
            assertEquals(c, RunFields.fromQuery(RunFields.toQuery(c), null), RunFields.toQuery(c));
        String q = RunFields.toQuery(all);
        assertTrue(q.contains("rateChanges=5:1e-7,9:2"), q);
        assertTrue(q.contains("layers=100,7") && q.contains("bnEpsilon=0.001") && q.contains("upload=ab12"), q);
        assertFalse(RunFields.toQuery(RunConfig.defaults()).contains("bnNet"), "unset optional properties are left out");
    }

    @Test
    void the_networks_compared_are_a_list_of_names_the_twin_by_default_which_a_link_leaves_out() {
        RunConfig c = RunFields.fromQuery("dataset=spiral&nets=plain,bn,ln&measure=landscape", null);
        assertEquals(List.of(VariantKind.PLAIN, VariantKind.BN, VariantKind.LN), c.nets());
        assertEquals(List.of("plain", "bn", "ln"), c.netNames());
        assertEquals(Measure.LANDSCAPE, c.measure());
        String q = RunFields.toQuery(c);
        assertTrue(q.contains("nets=plain,bn,ln") && q.endsWith("measure=landscape"), q);
        assertEquals(c, RunFields.fromQuery(q, null));
        assertEquals(List.of("plain", "bn", "ln"), RunFields.values(c).get("nets"), "the JSON form: a list of names");
        RunConfig twin = RunFields.fromQuery("nets=plain,bn&measure=none", null);
        assertEquals(VariantKind.TWIN, twin.nets(), "the lecture's twin is the default");
        assertEquals(List.of("plain", "bn"), RunFields.values(RunConfig.defaults()).get("nets"), "the JSON form names the twin too");
        assertNull(twin.measure());
        assertEquals(RunConfig.defaults(), twin);
        assertEquals(List.of("plain", "bn"), twin.netNames());
        assertFalse(RunFields.toQuery(RunConfig.defaults()).contains("nets"), RunFields.toQuery(RunConfig.defaults()));
        assertEquals(List.of("bn", "plain"), RunFields.fromQuery("nets=bn,plain", null).netNames(), "the order is the drawing order");
        for (String bad : new String[]{"nets=plain", "nets=plain,plain", "nets=plain,bn,bn-paper,noisy-bn,ln,plain", "nets=plain,gn",
                "nets=", "measure=hessian"}) {
            if (bad.equals("nets=")) {
                assertEquals(VariantKind.TWIN, RunFields.fromQuery(bad, null).nets(), "an empty value is the default");
                continue;
            }
            InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> RunFields.fromQuery(bad, null), bad);
            assertEquals(bad.substring(0, bad.indexOf('=')), e.field(), bad);
        }
        assertEquals("nets", assertThrows(InvalidConfigException.class, () -> RunConfig.defaults().with("nets", "plain,bn")).field(),
                "in JSON a list, not a string");
        assertEquals("nets", assertThrows(InvalidConfigException.class,
                () -> RunConfig.defaults().with("nets", List.of("plain", 3))).field());
    }

    @Test
    void numbers_are_written_as_a_browser_writes_them() {
        assertEquals("0.5", RunFields.number(0.5));
        assertEquals("20", RunFields.number(20));
        assertEquals("0.00001", RunFields.number(1e-5));
        assertEquals("1e-7", RunFields.number(1e-7));
        assertEquals("1.5e-7", RunFields.number(1.5e-7));
        assertEquals("0.1", RunFields.number(0.1));
    }

    @Test
    void a_query_with_view_properties_keeps_them_apart_and_an_unknown_name_is_refused() {
        Map<String, String> view = new LinkedHashMap<>();
        RunConfig c = RunFields.fromQuery("dataset=xor&speed=max&learningRate=0,3&watchLayer=1", view);
        assertEquals(0.3, c.learningRate(), "a decimal comma is taken for a point");
        assertEquals(Map.of("speed", "max", "watchLayer", "1"), view);
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> RunFields.fromQuery("learningrate=0.3", null));
        assertEquals("learningrate", e.field());
        assertEquals(InvalidConfigException.Rule.UNKNOWN_FIELD, e.rule());
    }

    @Test
    void a_value_of_the_wrong_kind_is_refused_naming_the_field() {
        for (Object[] bad : new Object[][]{{"batchSize", 1.5}, {"batchSize", "8"}, {"learningRate", "fast"}, {"layers", List.of(8, 1.5)},
                {"activation", 3}, {"rateChanges", List.of(Map.of("after", 5))}, {"seed", Double.NaN}}) {
            InvalidConfigException e = assertThrows(InvalidConfigException.class,
                    () -> RunConfig.defaults().with(bad[0], bad[1]), Arrays.toString(bad));
            assertEquals(bad[0], e.field());
            assertEquals(InvalidConfigException.Rule.NOT_A, e.rule(), Arrays.toString(bad));
        }
        assertEquals("bnNetLearningRate", assertThrows(InvalidConfigException.class,
                () -> RunConfig.defaults().with("bnNetLearningRate", 200)).field());
    }

    @Test
    void the_bn_network_takes_its_own_settings_and_the_shared_ones_where_it_has_none() {
        RunConfig c = RunConfig.defaults().with("learningRate", 0.1, "l2", 0.01, "dropout", 0.2, "schedule", "exponential",
                "decayEvery", 600, "bnNetLearningRate", 3, "bnNetDecayEvery", 100, "bnNetDropout", 0);
        assertEquals(3, c.bnTrainSpec().learningRate());
        assertEquals(0.01, c.bnTrainSpec().l2(), "no L2 of its own: the shared one");
        assertEquals(100, c.bnTrainSpec().schedule().every());
        assertEquals(600, c.plainTrainSpec().schedule().every());
        assertEquals(0, c.bnNetworkSpec(5, 3).dropout());
        assertEquals(0.2, c.plainNetworkSpec(5, 3).dropout());
        assertEquals(30, c.bnNetRateFactor(), 1e-12);
        RunConfig later = c.withStartingRate(0.2);
        assertEquals(6, later.bnNetLearningRate(), 1e-12, "a new starting rate keeps the BN network's ratio");
    }
}
