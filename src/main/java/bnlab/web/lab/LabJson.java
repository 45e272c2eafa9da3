package bnlab.web.lab;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The lab's one JSON mapping, in both directions. Numbers that JSON cannot hold (NaN, infinities: a
 * regression has no accuracy, a diverged network no loss) are written as null; fields that are null
 * are left out. Messages are serialized here once and the same text goes to every viewer.
 */
public final class LabJson {
    private final ObjectMapper mapper;
    private final ObjectWriter serverWriter;
    private final ObjectWriter thinWriter; // numbers rounded, for watchers
    private final ObjectReader clientReader;

    public LabJson() {
        SimpleModule finite = new SimpleModule("finite-numbers");
        finite.addSerializer(Double.class, new FiniteDouble());
        finite.addSerializer(Double.TYPE, new FiniteDouble());
        finite.addSerializer(Float.class, new FiniteFloat());
        finite.addSerializer(Float.TYPE, new FiniteFloat());
        finite.addSerializer(float[].class, new FiniteFloats());
        finite.addSerializer(double[].class, new FiniteDoubles());
        mapper = new ObjectMapper()
                .registerModule(finite)
                .registerModule(RunConfigJson.module())
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT); // "count": 1.5 is refused, not read as 1
        serverWriter = mapper.writerFor(ServerMessage.class);
        SimpleModule rounded = new SimpleModule("rounded-numbers");
        rounded.addSerializer(Float.class, new RoundedFloat());
        rounded.addSerializer(Float.TYPE, new RoundedFloat());
        rounded.addSerializer(float[].class, new RoundedFloats());
        thinWriter = mapper.copy().registerModule(rounded).writerFor(ServerMessage.class);
        clientReader = mapper.readerFor(ClientMessage.class);
    }

    /** A server message as JSON text, with its "type". */
    public String write(ServerMessage message) {
        try {
            return serverWriter.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A message with its floats (a 2-D data set's sample points in {@code ready}) rounded to {@value #THIN_DIGITS}
     * significant digits, which a chart cannot tell apart; doubles (rates, the config) as they are. What a watcher
     * who joins late is sent (its frames and history have a compact form of their own, see {@link WatcherFrames}).
     */
    public String writeThin(ServerMessage message) {
        try {
            return thinWriter.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final int THIN_DIGITS = 4;

    /** The float with {@link #THIN_DIGITS} significant digits as short text; null for NaN and infinities. */
    static String rounded(float v) {
        if (!Float.isFinite(v)) return null;
        if (v == 0) return "0";
        return new java.math.BigDecimal(v).round(new java.math.MathContext(THIN_DIGITS)).stripTrailingZeros().toString();
    }

    /** Reads a server message (tests, and a future Java client). */
    public ServerMessage readServer(String text) throws IOException {
        return mapper.readerFor(ServerMessage.class).readValue(text);
    }

    /** A client message as JSON text (tests). */
    public String writeClient(ClientMessage message) {
        try {
            return mapper.writerFor(ClientMessage.class).writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ObjectMapper mapper() { return mapper; }

    /**
     * Reads a client message.
     *
     * @throws BadMessage saying in plain words what is wrong, naming the field when there is one
     */
    public ClientMessage readClient(String text) throws BadMessage {
        JsonNode tree;
        try {
            tree = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new BadMessage("not a JSON message" + (at == null ? "" : " (line " + at.getLineNr() + ", column "
                    + at.getColumnNr() + ")") + ": a message is a JSON object with a \"type\"", null, null);
        }
        if (tree == null || !tree.isObject()) throw new BadMessage("a message is a JSON object with a \"type\"", null, null);
        JsonNode t = tree.get("type");
        String type = t != null && t.isTextual() ? shorten(t.asText()) : null;
        if (type == null) throw new BadMessage("a message needs a \"type\"; allowed: " + ClientMessage.TYPES, "type", null);
        try {
            return clientReader.readValue(tree);
        } catch (InvalidTypeIdException e) {
            throw new BadMessage("unknown message type '" + type + "'; allowed: " + ClientMessage.TYPES, "type", type);
        } catch (UnrecognizedPropertyException e) {
            String name = shorten(e.getPropertyName());
            throw new BadMessage("unknown field '" + name + "'", name, type);
        } catch (JsonMappingException e) {
            bnlab.engine.InvalidConfigException refused = RunConfigJson.refusal(e);
            if (refused != null) throw new BadMessage(ServerMessage.Error.of(refused, type));
                        // Jackson's own message names Java types ("java.lang.Integer", "bnlab.web.lab.LabConfig"): say what
            // the protocol expects instead.
            String field = null;
            for (JsonMappingException.Reference r : e.getPath()) if (r.getFieldName() != null) field = shorten(r.getFieldName());
            Class<?> target = e instanceof MismatchedInputException mi ? mi.getTargetType()
                    : e instanceof InvalidDefinitionException d && d.getType() != null ? d.getType().getRawClass() : null;
            String expected = expected(target);
            String was = e instanceof InvalidFormatException f && f.getValue() != null ? ", was " + shorten(String.valueOf(f.getValue())) : "";
            throw new BadMessage((field == null ? "" : field + ": ") + "must be " + expected + was, field, type);
        } catch (IOException e) {
            throw new BadMessage("unreadable message", null, type);
        }
    }

    /** Longest piece of a client's text that an answer repeats. */
    static final int MAX_ECHO = 40;

    /**
     * A client's text as an answer may repeat it: control and format characters dropped ({@link bnlab.web.TypedText}),
     * at most {@link #MAX_ECHO} characters (code points).
     */
    static String shorten(String s) {
        return s == null ? null : bnlab.web.TypedText.cut(bnlab.web.TypedText.withoutControls(s), MAX_ECHO);
    }

    /** What a Java target type is called in the protocol. */
    private static String expected(Class<?> type) {
        if (type == null) return "another kind of value";
        if (type == Integer.class || type == Integer.TYPE || type == Long.class || type == Long.TYPE
                || type == Short.class || type == Byte.class) return "a whole number";
        if (Number.class.isAssignableFrom(type) || type == Double.TYPE || type == Float.TYPE) return "a number";
        if (type == String.class) return "a text or a number";
        if (type == Boolean.class || type == Boolean.TYPE) return "true or false";
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) return "a list";
        return "an object";
    }

    /** A client message that cannot be read; becomes an error message, the connection stays open. */
    public static final class BadMessage extends Exception {
        private final ServerMessage.Error error;

        BadMessage(String message, String field, String request) {
            this(new ServerMessage.Error(message, field, request));
        }

        BadMessage(ServerMessage.Error error) {
            super(error.message());
            this.error = error;
        }

        public ServerMessage.Error toError() { return error; }
    }

    private static final class FiniteDouble extends StdSerializer<Double> {
        FiniteDouble() { super(Double.class); }

        @Override public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
            if (Double.isFinite(v)) g.writeNumber(v); else g.writeNull();
        }
    }

    private static final class FiniteFloat extends StdSerializer<Float> {
        FiniteFloat() { super(Float.class); }

        @Override public void serialize(Float v, JsonGenerator g, SerializerProvider p) throws IOException {
            if (Float.isFinite(v)) g.writeNumber(v); else g.writeNull();
        }
    }

    private static final class FiniteFloats extends StdSerializer<float[]> {
        FiniteFloats() { super(float[].class); }

        @Override public void serialize(float[] v, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeStartArray(v, v.length);
            for (float x : v) { if (Float.isFinite(x)) g.writeNumber(x); else g.writeNull(); }
            g.writeEndArray();
        }
    }

    private static final class RoundedFloat extends StdSerializer<Float> {
        RoundedFloat() { super(Float.class); }

        @Override public void serialize(Float v, JsonGenerator g, SerializerProvider p) throws IOException {
            String t = rounded(v);
            if (t == null) g.writeNull(); else g.writeNumber(t);
        }
    }

    private static final class RoundedFloats extends StdSerializer<float[]> {
        RoundedFloats() { super(float[].class); }

        @Override public void serialize(float[] v, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeStartArray(v, v.length);
            for (float x : v) {
                String t = rounded(x);
                if (t == null) g.writeNull(); else g.writeNumber(t);
            }
            g.writeEndArray();
        }
    }

    private static final class FiniteDoubles extends StdSerializer<double[]> {
        FiniteDoubles() { super(double[].class); }

        @Override public void serialize(double[] v, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeStartArray(v, v.length);
            for (double x : v) { if (Double.isFinite(x)) g.writeNumber(x); else g.writeNull(); }
            g.writeEndArray();
        }
    }
}
