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
        RunConfig c = s.config().toRunConfig();
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
        String text = json.mapper().writeValueAsString(LabConfig.of(c));
        assertTrue(text.contains("\"activation\":\"sigmoid\""), text);
        assertTrue(text.contains("\"bn\":\"before\""), text);
        assertTrue(text.contains("\"init\":\"xavier\""), text);
        assertTrue(text.contains("\"schedule\":\"constant\""), text);
        assertEquals(c, json.mapper().readValue(text, LabConfig.class).toRunConfig());
    }

    @Test
    void a_bad_enum_key_is_refused_by_the_engine_naming_the_field() throws Exception {
        ClientMessage.Start s = (ClientMessage.Start) json.readClient("{\"type\":\"start\",\"config\":{\"activation\":\"swish\"}}");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> s.config().toRunConfig());
        assertEquals("activation", e.field());
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
