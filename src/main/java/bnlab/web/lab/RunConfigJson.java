package bnlab.web.lab;

import bnlab.engine.InvalidConfigException;
import bnlab.experiments.RunConfig;
import bnlab.experiments.RunFields;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one JSON form of a {@link RunConfig}: an object with the run's properties by name
 * ({@link RunFields}), enums as their keys ("sigmoid", "before"), the widths as an array, rate changes as
 * {@code {"after", "rate"}} objects; unset optional properties are left out. Read back, every field may be
 * left out (it takes the lecture's defaults, {@link RunConfig#defaults()}); an unknown field, a value of
 * the wrong kind (a string for a number, 1.5 for a whole number) or out of range is refused with an
 * {@link InvalidConfigException} naming the field ({@link #refusal} finds it under Jackson's wrapping).
 */
public final class RunConfigJson {
    private RunConfigJson() {}

    /** Registers the form with a mapper: {@code mapper.registerModule(RunConfigJson.module())}. */
    public static SimpleModule module() {
        SimpleModule m = new SimpleModule("run-config");
        m.addSerializer(RunConfig.class, new Writer());
        m.addDeserializer(RunConfig.class, new Reader());
        return m;
    }

    /** The config refusal behind a Jackson exception, if that is what it is. */
    public static InvalidConfigException refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof InvalidConfigException i) return i;
        return null;
    }

    private static final class Writer extends StdSerializer<RunConfig> {
        Writer() { super(RunConfig.class); }

        @Override public void serialize(RunConfig c, JsonGenerator g, SerializerProvider p) throws IOException {
            p.defaultSerializeValue(RunFields.values(c), g);
        }
    }

    private static final class Reader extends StdDeserializer<RunConfig> {
        Reader() { super(RunConfig.class); }

        @Override public RunConfig deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            JsonNode tree = ctx.readTree(p);
            if (tree == null || !tree.isObject())
                throw new InvalidConfigException("config", "must be an object of run properties, e.g. {\"dataset\": \"xor\"}");
            Map<String, Object> given = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                given.put(e.getKey(), loose(e.getValue()));
            }
            return RunFields.build(given);
        }

        @Override public RunConfig getNullValue(DeserializationContext ctx) throws JsonMappingException { return null; }
    }

    /** A JSON value as plain Java (Long, Double, String, Boolean, List, Map, null) for RunFields to check. */
    private static Object loose(JsonNode n) {
        if (n == null || n.isNull()) return null;
        if (n.isIntegralNumber()) return n.canConvertToLong() ? (Object) n.longValue() : (Object) n.doubleValue();
        if (n.isNumber()) return n.doubleValue();
        if (n.isTextual()) return n.textValue();
        if (n.isBoolean()) return n.booleanValue();
        if (n.isArray()) {
            List<Object> out = new ArrayList<>(n.size());
            for (JsonNode x : n) out.add(loose(x));
            return out;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), loose(e.getValue()));
        }
        return out;
    }
}
