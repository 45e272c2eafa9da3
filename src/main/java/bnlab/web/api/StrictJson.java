package bnlab.web.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.util.regex.Pattern;

/**
 * Reads request bodies into records without Jackson's lenient guesses: "1.5" or "NaN" as a
 * string, true, or null are not numbers here, unknown fields are typos, and JSON's lack of a
 * NaN literal stays a syntax error. Every failure becomes an {@link ApiError} that names the
 * place in the request, e.g. z[1][2] (indices counted from 0, as in the JSON).
 */
public final class StrictJson {
    private final ObjectMapper mapper;

    public StrictJson() {
        mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
        for (LogicalType type : new LogicalType[] {LogicalType.Float, LogicalType.Integer}) {
            mapper.coercionConfigFor(type)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        }
    }

    public <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) throw ApiError.badRequest("error.json.empty");
        try {
            T value = mapper.readValue(body, type);
            // "null" reads as no object at all; every other non-object already fails to map
            if (value == null) throw ApiError.badRequest("error.json.notAnObject");
            return value;
        } catch (UnrecognizedPropertyException e) {
            String name = e.getPropertyName();
            throw ApiError.badRequest("error.json.unknownField", name != null && name.length() > 40 ? name.substring(0, 40) + "…" : name);
        } catch (JsonProcessingException e) {
            StreamReadException syntax = syntaxError(e);
            if (syntax != null) {
                var at = syntax.getLocation();
                throw ApiError.badRequest("error.json.malformed",
                        at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr());
            }
            String path = e instanceof JsonMappingException m ? path(m) : "";
            if (path.isEmpty()) throw ApiError.badRequest("error.json.notAnObject");
            throw ApiError.badRequest(NUMBER_PLACE.matcher(path).matches()
                    ? "error.json.notANumber" : "error.json.wrongShape", path);
        }
    }

    /** Places that hold a single number: z[i][j], upstream[i][j], gamma[j], beta[j], epsilon. */
    private static final Pattern NUMBER_PLACE =
            Pattern.compile("(z|upstream)\\[\\d+]\\[\\d+]|(gamma|beta)\\[\\d+]|epsilon");

    /** Jackson wraps syntax errors met inside arrays; find the syntax error, if that is what it is. */
    private static StreamReadException syntaxError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamReadException s) return s;
        }
        return null;
    }

    /** Jackson's path as a JSON-like place: z[1][2]. */
    static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) sb.append('.');
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
