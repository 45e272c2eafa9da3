package bnlab.web.lab;

import static org.junit.jupiter.api.Assertions.*;

import bnlab.engine.Activation;
import bnlab.engine.BnPlacement;
import bnlab.engine.InvalidConfigException;
import bnlab.experiments.RunConfig;
import bnlab.experiments.live.Frame;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class LabJsonTest {
    final LabJson json = new LabJson();

    @Test
    void a_start_message_maps_lowercase_keys_onto_the_run_config_and_fills_in_the_defaults() throws Exception {
        ClientMessage m = json.readClient("""
                {"type":"start","config":{"dataset":"xor","layers":[6,4],"activation":"tanh","bn":"after",
                 "learningRate":0.3},"speed":"max"}""");
        ClientMessage.Start s = assertInstanceOf(ClientMessage.Start.class, m);
        RunConfig c = s.config();
        assertEquals("xor", c.dataset());
        assertArrayEquals(new int[]{6, 4}, c.layers());
        assertEquals(Activation.TANH, c.activation());
        assertEquals(BnPlacement.AFTER_ACTIVATION, c.bn());
        assertEquals(0.3, c.learningRate());
        assertEquals(RunConfig.defaults().batchSize(), c.batchSize());
        assertEquals("max", s.speed());
    }

    @Test
    void the_config_json_form_round_trips() throws Exception {
        RunConfig c = RunConfig.defaults();
        String text = json.mapper().writeValueAsString(c);
        assertTrue(text.contains("\"activation\":\"sigmoid\""), text);
        assertTrue(text.contains("\"bn\":\"before\""), text);
        assertTrue(text.contains("\"init\":\"xavier\""), text);
        assertTrue(text.contains("\"schedule\":\"constant\""), text);
        assertEquals(c, json.mapper().readValue(text, RunConfig.class));
        RunConfig own = c.with("dataset", "xor", "bnNetLearningRate", 2.5, "bnNetDropout", 0.0, "rateChanges",
                java.util.List.of(new bnlab.experiments.RateChange(30, 0.1)));
        String ownText = json.mapper().writeValueAsString(own);
        assertTrue(ownText.contains("\"bnNetLearningRate\":2.5") && ownText.contains("\"rateChanges\":[{\"after\":30,\"rate\":0.1}]"), ownText);
        assertEquals(own, json.mapper().readValue(ownText, RunConfig.class));
        assertTrue(!text.contains("bnNet"), "the BN network's own settings are left out when it has none: " + text);
    }

    @Test
    void a_config_field_of_the_wrong_kind_or_unknown_is_refused_with_its_name_and_rule() {
        LabJson.BadMessage fractional = assertThrows(LabJson.BadMessage.class,
                () -> json.readClient("{\"type\":\"start\",\"config\":{\"batchSize\":1.5}}"));
        assertEquals("batchSize", fractional.toError().field());
        assertEquals("notA", fractional.toError().rule());
        LabJson.BadMessage text = assertThrows(LabJson.BadMessage.class,
                () -> json.readClient("{\"type\":\"start\",\"config\":{\"learningRate\":\"fast\"}}"));
        assertEquals("learningRate", text.toError().field());
        LabJson.BadMessage unknown = assertThrows(LabJson.BadMessage.class,
                () -> json.readClient("{\"type\":\"start\",\"config\":{\"learningrate\":0.1}}"));
        assertEquals("learningrate", unknown.toError().field());
        assertEquals("unknownField", unknown.toError().rule());
    }

    @Test
    void an_unknown_field_is_echoed_without_control_or_bidi_characters_and_cut_between_characters() {
        LabJson.BadMessage bidi = assertThrows(LabJson.BadMessage.class,
                () -> json.readClient("{\"type\":\"start\",\"config\":{\"rate\\u202e\\u0085\\u2066x\":1}}"));
        assertEquals("ratex", bidi.toError().field());
        LabJson.BadMessage fox = assertThrows(LabJson.BadMessage.class,
                () -> json.readClient("{\"type\":\"start\",\"config\":{\"" + "\\ud83e\\udd8a".repeat(50) + "\":1}}"));
        assertEquals("🦊".repeat(LabJson.MAX_ECHO) + "…", fox.toError().field());
    }

    @Test
    void a_bad_enum_key_is_refused_by_the_engine_naming_the_field() throws Exception {
        LabJson.BadMessage e = assertThrows(LabJson.BadMessage.class,
                () -> json.readClient("{\"type\":\"start\",\"config\":{\"activation\":\"swish\"}}"));
        assertEquals("activation", e.toError().field());
        assertEquals("choice", e.toError().rule());
    }

    @Test
    void play_is_another_name_for_resume_and_numbers_are_accepted_as_speed() throws Exception {
        assertInstanceOf(ClientMessage.Resume.class, json.readClient("{\"type\":\"play\"}"));
        assertInstanceOf(ClientMessage.Resume.class, json.readClient("{\"type\":\"resume\"}"));
        assertEquals("250", ((ClientMessage.SetSpeed) json.readClient("{\"type\":\"setSpeed\",\"stepsPerSecond\":250}")).stepsPerSecond());
    }

    @Test
    void unreadable_messages_say_what_is_wrong() {
        assertEquals("type", assertThrows(LabJson.BadMessage.class, () -> json.readClient("{\"type\":\"fly\"}")).toError().field());
        assertTrue(assertThrows(LabJson.BadMessage.class, () -> json.readClient("{nope")).getMessage().startsWith("not a JSON message"));
        assertEquals("type", assertThrows(LabJson.BadMessage.class, () -> json.readClient("{\"count\":1}")).toError().field());
        var e = assertThrows(LabJson.BadMessage.class, () -> json.readClient("{\"type\":\"step\",\"count\":\"many\"}")).toError();
        assertEquals("count", e.field());
        assertEquals("step", e.request());
        assertEquals("learningrate", assertThrows(LabJson.BadMessage.class,
                () -> json.readClient("{\"type\":\"start\",\"config\":{\"learningrate\":1}}")).toError().field());
        assertThrows(LabJson.BadMessage.class, () -> json.readClient("[1,2]"));
        assertThrows(LabJson.BadMessage.class, () -> json.readClient("{\"type\":\"pause\"} trailing"));
    }

    @Test
    void numbers_json_cannot_hold_are_written_as_null() throws Exception {
        Frame.Validation v = new Frame.Validation(3, 0.5, Double.NaN);
        Frame.Series s = new Frame.Series(new long[]{1}, new long[]{1}, new float[]{Float.POSITIVE_INFINITY},
                new float[]{Float.NaN}, new float[][]{{1f}}, null, null);
        JsonNode v1 = json.mapper().readTree(json.mapper().writeValueAsString(v));
        assertTrue(v1.get("accuracy").isNull());
        JsonNode s1 = json.mapper().readTree(json.mapper().writeValueAsString(s));
        assertTrue(s1.get("loss").get(0).isNull());
        assertTrue(s1.get("accuracy").get(0).isNull());
        assertFalse(s1.has("percentilesMin"), "null fields are left out");
    }

    @Test
    void every_server_message_carries_its_type() throws Exception {
        String text = json.write(new ServerMessage.State("paused", 12, "max", null));
        assertEquals("{\"type\":\"state\",\"state\":\"paused\",\"step\":12,\"speed\":\"max\"}", text);
        assertEquals(new ServerMessage.State("paused", 12, "max", null), json.readServer(text));
    }
}
