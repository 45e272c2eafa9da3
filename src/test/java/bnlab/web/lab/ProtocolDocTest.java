package bnlab.web.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import bnlab.experiments.RunConfig;
import bnlab.experiments.live.Frame;
import bnlab.experiments.live.LiveRun;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md quotes real messages. This keeps them true: every example with a "type" must read as
 * a message of today's server (unknown fields are refused, so a renamed or dropped field fails here),
 * and frames must carry as many percentile columns as the server sends.
 */
class ProtocolDocTest {
    /** The "type" names of client messages, as ClientMessage declares them for Jackson. */
    private static final Set<String> CLIENT_TYPES = Arrays.stream(ClientMessage.class.getAnnotation(JsonSubTypes.class).value())
            .flatMap(t -> t.names().length > 0 ? Arrays.stream(t.names()) : Stream.of(t.name()))
            .collect(Collectors.toSet());
    private final LabJson json = new LabJson();

    /** Each example: a pretty-printed block whole, or each line of a block of one-line messages. */
    static List<String> examples() throws IOException {
        List<String> out = new ArrayList<>();
        List<String> block = null;
        for (String line : Files.readAllLines(Path.of("docs/protocol.md"))) {
            if (line.startsWith("```json")) { block = new ArrayList<>(); continue; }
            if (block == null) continue;
            if (line.startsWith("```")) {
                if (!block.isEmpty() && block.get(0).equals("{")) out.add(String.join("\n", block));
                else block.stream().filter(l -> l.startsWith("{")).forEach(out::add);
                block = null;
            } else {
                block.add(line);
            }
        }
        return out;
    }

    @Test
    void every_example_in_the_protocol_document_is_a_message_of_todays_server() throws Exception {
        List<String> examples = examples();
        int messages = 0;
        for (String text : examples) {
            JsonNode tree = json.mapper().readTree(text);
            if (!tree.has("type")) continue; // e.g. the CSV upload's HTTP answers
            String type = tree.get("type").asText();
            messages++;
            if (CLIENT_TYPES.contains(type)) {
                try {
                    json.readClient(text);
                } catch (LabJson.BadMessage e) {
                    fail("docs/protocol.md: " + e.getMessage() + " in " + text);
                }
                continue;
            }
            ServerMessage m;
            try {
                m = json.readServer(text);
            } catch (IOException e) {
                throw new AssertionError("docs/protocol.md: not a server message of today: " + e.getMessage() + "\n" + text, e);
            }
            if (m instanceof ServerMessage.FrameMessage f) {
                for (Frame.Net net : new Frame.Net[]{f.frame().net("plain"), f.frame().net("bn")})
                    assertEquals(LiveRun.PERCENTILES.length, net.series().percentiles().length, "percentile columns in " + text);
            } else if (m instanceof ServerMessage.Ready r) {
                assertArrayEquals(LiveRun.PERCENTILES, r.percentiles());
            } else if (m instanceof ServerMessage.Hello h) {
                assertEquals(json.mapper().valueToTree(RunConfig.defaults()), json.mapper().valueToTree(h.defaults()),
                        "hello's defaults are today's");
            }
        }
        assertTrue(messages > 30, "examples found: " + messages);
        assertTrue(CLIENT_TYPES.containsAll(Set.of("start", "play", "setLearningRate", "evaluate")), CLIENT_TYPES.toString());
    }
}
