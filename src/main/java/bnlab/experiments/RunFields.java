package bnlab.experiments;

import bnlab.engine.Activation;
import bnlab.engine.BnPlacement;
import bnlab.engine.Init;
import bnlab.engine.InvalidConfigException;
import bnlab.engine.Schedule;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The properties of a run: one per component of {@link RunConfig}, in its order, so the list cannot drift
 * from the record (as TensorFlow Playground keeps one declared list of its state). From it come the run's
 * URL encoding ({@link #toQuery}, {@link #fromQuery}), the values of its JSON form ({@link #values},
 * {@link #build}) and the lab page's list of properties ({@link #all}).
 *
 * <p>Each property's kind follows from its type: whole numbers, numbers, a list of widths ("100,100"), a
 * choice among names (the enums' keys, the data sets), text, the plan of rate changes ("500:0.1,900:0.05"),
 * or a list of names (the networks compared: "plain,bn,ln"). The BN network's own settings, the networks and the
 * measure are optional: left out, the BN network takes the shared setting, the run compares the twin, and it
 * measures nothing more.
 */
public final class RunFields {
    private RunFields() {}

    /** How a property is written. */
    public enum Kind {
        INT, NUMBER, INTS, CHOICE, TEXT, RATES, NAMES;

        private static final String NUMBER_TEXT = "[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?";
        private static final String RATE_TEXT = "(\\d{1,18}):(" + NUMBER_TEXT + ")";

        /** The name in the page's list: "int", "number", ... */
        public String key() { return name().toLowerCase(java.util.Locale.ROOT); }

        /**
         * What a value's text must match (with a decimal point; a URL's decimal comma is made a point first), or null
         * for a choice, a text or a list of names: the one rule of the URL's numbers, which the page takes too.
         */
        public String pattern() {
            return switch (this) {
                case INT -> "[-+]?\\d{1,18}";
                case NUMBER -> NUMBER_TEXT;
                case INTS -> "\\d{1,9}(,\\d{1,9})*";
                case RATES -> RATE_TEXT + "(," + RATE_TEXT + ")*";
                default -> null;
            };
        }
    }

    /**
     * One property.
     *
     * @param name     as in the URL and the JSON form, e.g. "learningRate"
     * @param kind     how it is written
     * @param optional whether it may be left out (null) with a meaning of its own: the shared setting
     * @param choices  the allowed names of a choice or a list of names, else empty
     */
    public record Field(String name, Kind kind, boolean optional, List<String> choices) {}

    private record Choice(Class<?> type, List<String> keys, Function<String, Object> parse, Function<Object, String> key) {}

    private static final List<Choice> CHOICES = List.of(
            new Choice(Activation.class, Activation.keys(), Activation::parse, o -> ((Activation) o).key()),
            new Choice(BnPlacement.class, List.of(BnPlacement.BEFORE_ACTIVATION.key(), BnPlacement.AFTER_ACTIVATION.key()),
                    BnPlacement::parse, o -> ((BnPlacement) o).key()),
            new Choice(Init.class, Init.keys(), Init::parse, o -> ((Init) o).key()),
            new Choice(Schedule.Kind.class, Schedule.Kind.keys(), Schedule.Kind::parse, o -> ((Schedule.Kind) o).key()),
            new Choice(VariantKind.class, VariantKind.keys(), VariantKind::parse, o -> ((VariantKind) o).key()),
            new Choice(Measure.class, Measure.keys(), Measure::parse, o -> ((Measure) o).key()));

    private static final java.util.Set<String> OPTIONAL = java.util.Set.of("nets", "measure");

    private static final RecordComponent[] COMPONENTS = RunConfig.class.getRecordComponents();
    private static final List<Field> FIELDS = Arrays.stream(COMPONENTS).map(RunFields::field).toList();
    private static final Map<String, Integer> INDEX = new LinkedHashMap<>();
    private static final Constructor<RunConfig> CONSTRUCTOR;

    static {
        for (int i = 0; i < FIELDS.size(); i++) INDEX.put(FIELDS.get(i).name(), i);
        try {
            CONSTRUCTOR = RunConfig.class.getDeclaredConstructor(
                    Arrays.stream(COMPONENTS).map(RecordComponent::getType).toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static Field field(RecordComponent c) {
        Class<?> t = c.getType();
        boolean optional = !t.isPrimitive() && (c.getName().startsWith("bnNet") || OPTIONAL.contains(c.getName()));
        if (c.getName().equals("dataset")) return new Field("dataset", Kind.CHOICE, false, RunConfig.datasets());
        if (t == int.class || t == long.class || t == Integer.class) return new Field(c.getName(), Kind.INT, optional, List.of());
        if (t == double.class || t == Double.class) return new Field(c.getName(), Kind.NUMBER, optional, List.of());
        if (t == int[].class) return new Field(c.getName(), Kind.INTS, false, List.of());
        if (t == List.class && c.getName().equals("nets")) return new Field(c.getName(), Kind.NAMES, true, VariantKind.keys());
        if (t == List.class) return new Field(c.getName(), Kind.RATES, false, List.of());
        if (t == String.class) return new Field(c.getName(), Kind.TEXT, true, List.of());
        return new Field(c.getName(), Kind.CHOICE, optional, choice(t).keys());
    }

    private static Choice choice(Class<?> type) {
        for (Choice c : CHOICES) if (c.type() == type) return c;
        throw new IllegalStateException("RunConfig has a component of a type RunFields does not know: " + type);
    }

    /** Every property, in the record's order. */
    public static List<Field> all() { return FIELDS; }

    /** The property of that name, or an {@link InvalidConfigException} naming it when there is none. */
    public static Field field(String name) {
        Integer i = INDEX.get(name);
        if (i == null) throw new InvalidConfigException(name, "unknown field; allowed: " + String.join(", ", INDEX.keySet()),
                InvalidConfigException.Rule.UNKNOWN_FIELD, String.valueOf(name));
        return FIELDS.get(i);
    }

    /**
     * The values of a config, by name, in order, as its JSON form writes them: Integer or Long, Double,
     * int[], String (a choice's key, text), a list of {@link RateChange}. Optional properties that are not
     * set are left out, and so are an empty upload and an empty plan.
     */
    public static Map<String, Object> values(RunConfig c) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < COMPONENTS.length; i++) {
            Object v = canonical(FIELDS.get(i), get(COMPONENTS[i], c));
            if (v == null || (v instanceof List<?> l && l.isEmpty())) continue;
            out.put(FIELDS.get(i).name(), v);
        }
        return out;
    }

    /**
     * A config from values by name (as {@link #values} gives them, or as a JSON reader finds them: any
     * Number, a List of numbers for the widths, a List of RateChange or of maps with "after" and "rate").
     * What is left out, or null, takes {@code base}'s value.
     *
     * @throws InvalidConfigException naming the field: unknown, of the wrong kind, or out of range
     */
    public static RunConfig build(RunConfig base, Map<String, ?> given) {
        Object[] args = new Object[COMPONENTS.length];
        for (int i = 0; i < COMPONENTS.length; i++) args[i] = get(COMPONENTS[i], base);
        for (Map.Entry<String, ?> e : given.entrySet()) {
            Field f = field(e.getKey());
            int i = INDEX.get(f.name());
            args[i] = e.getValue() == null ? (f.optional() ? null : args[i]) : convert(f, COMPONENTS[i].getType(), e.getValue());
        }
        try {
            return CONSTRUCTOR.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A config from the defaults and values by name. */
    public static RunConfig build(Map<String, ?> given) { return build(RunConfig.defaults(), given); }

    static RunConfig with(RunConfig base, Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) throw new IllegalArgumentException("names and values come in pairs");
        Map<String, Object> given = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) given.put((String) namesAndValues[i], namesAndValues[i + 1]);
        return build(base, given);
    }

    /**
     * The URL encoding: every property that is set, in order, {@code name=text&...}, text as {@link #text}
     * writes it (URL-escaped where needed); the default networks, the twin, are left out.
     */
    public static String toQuery(RunConfig c) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Object> e : values(c).entrySet()) {
            if (e.getKey().equals("nets") && c.nets().equals(VariantKind.TWIN)) continue; // the default, kept out of links
            if (b.length() > 0) b.append('&');
            b.append(e.getKey()).append('=').append(URLEncoder.encode(text(field(e.getKey()), e.getValue()), StandardCharsets.UTF_8)
                    .replace("%2C", ",").replace("%3A", ":"));
        }
        return b.toString();
    }

    /**
     * A config from a URL query: the run's properties, the rest of the defaults. Names that are no
     * property are left for the caller (the lab's view: speed, the watched neuron) when {@code others} is
     * given; else they are refused.
     */
    public static RunConfig fromQuery(String query, Map<String, String> others) {
        Map<String, Object> given = new LinkedHashMap<>();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) continue;
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (!INDEX.containsKey(name) && others != null) { others.put(name, value); continue; }
                Field f = field(name);
                given.put(name, value.isEmpty() ? null : parse(f, value));
            }
        }
        return build(given);
    }

    /** A property's value as text: numbers without needless digits ("0.5", "1e-05" stays "0.00001"). */
    public static String text(Field f, Object value) {
        return switch (f.kind()) {
            case INTS -> RunConfig.widths((int[]) value);
            case RATES -> String.join(",", ((List<?>) value).stream()
                    .map(o -> ((RateChange) o).after() + ":" + number(((RateChange) o).rate())).toList());
            case NAMES -> String.join(",", ((List<?>) value).stream().map(String::valueOf).toList());
            case NUMBER -> number(((Number) value).doubleValue());
            default -> String.valueOf(value);
        };
    }

    private static final Pattern INT = Pattern.compile(Kind.INT.pattern());
    private static final Pattern NUMBER = Pattern.compile(Kind.NUMBER.pattern());
    private static final Pattern INTS = Pattern.compile(Kind.INTS.pattern());
    private static final Pattern RATES = Pattern.compile(Kind.RATES.pattern());

    /** A property's text (from a URL) as its value; a decimal comma is taken for a point. */
    public static Object parse(Field f, String text) {
        String s = text.trim();
        switch (f.kind()) {
            case INT -> {
                if (!INT.matcher(s).matches()) throw notA(f, s);
                return Long.parseLong(s);
            }
            case NUMBER -> {
                s = s.replace(',', '.');
                if (!NUMBER.matcher(s).matches()) throw notA(f, s);
                return Double.parseDouble(s);
            }
            case INTS -> {
                s = s.replaceAll("\\s+", "");
                if (!INTS.matcher(s).matches()) throw notA(f, s);
                return Arrays.stream(s.split(",")).mapToInt(Integer::parseInt).toArray();
            }
            case RATES -> {
                s = s.replaceAll("\\s+", "");
                if (!RATES.matcher(s).matches()) throw notA(f, s);
                List<RateChange> out = new ArrayList<>();
                for (String part : s.split(",")) {
                    int colon = part.indexOf(':');
                    out.add(new RateChange(Long.parseLong(part.substring(0, colon)), Double.parseDouble(part.substring(colon + 1))));
                }
                return out;
            }
            case NAMES -> {
                return Arrays.stream(s.split(",")).map(String::trim).toList();
            }
            default -> { return s; }
        }
    }

    private static InvalidConfigException notA(Field f, Object value) {
        String shown = String.valueOf(value);
        if (shown.length() > 40) shown = shown.substring(0, 40) + "…";
        return new InvalidConfigException(f.name(), "must be " + switch (f.kind()) {
            case INT -> "a whole number";
            case NUMBER -> "a number";
            case INTS -> "a list of whole numbers such as 8,8";
            case RATES -> "a list of iteration:rate such as 500:0.1,900:0.05";
            case CHOICE -> "one of " + String.join(", ", f.choices());
            case TEXT -> "text";
            case NAMES -> "a list of " + String.join(", ", f.choices()) + " such as plain,bn";
        } + ", was " + shown, InvalidConfigException.Rule.NOT_A, f.kind().key(), shown);
    }

    /** A loose value (from JSON or Java) as the component's type, or a refusal naming the field. */
    private static Object convert(Field f, Class<?> type, Object v) {
        switch (f.kind()) {
            case INT -> {
                if (!(v instanceof Number n) || !integral(n)) throw notA(f, v);
                long l = n.longValue();
                if (type == long.class) return l;
                InvalidConfigException.range(l, Integer.MIN_VALUE, Integer.MAX_VALUE, f.name());
                return (int) l;
            }
            case NUMBER -> {
                if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) throw notA(f, v);
                return n.doubleValue();
            }
            case INTS -> {
                if (v instanceof int[] a) return a.clone();
                if (!(v instanceof List<?> list)) throw notA(f, v);
                int[] out = new int[list.size()];
                for (int k = 0; k < out.length; k++) {
                    if (!(list.get(k) instanceof Number n) || !integral(n) || Math.abs(n.longValue()) > Integer.MAX_VALUE)
                        throw notA(f, v);
                    out[k] = n.intValue();
                }
                return out;
            }
            case RATES -> {
                if (!(v instanceof List<?> list)) throw notA(f, v);
                InvalidConfigException.range(list.size(), 0, RateChange.MAX, f.name());
                List<RateChange> out = new ArrayList<>(list.size());
                for (Object o : list) {
                    if (o instanceof RateChange r) { out.add(r); continue; }
                    if (!(o instanceof Map<?, ?> m) || m.size() != 2 || !(m.get("after") instanceof Number a) || !integral(a)
                            || !(m.get("rate") instanceof Number r) || !Double.isFinite(r.doubleValue()))
                        throw new InvalidConfigException(f.name(), "a change is {\"after\": iteration, \"rate\": number}",
                                InvalidConfigException.Rule.NOT_A, f.kind().key(), "");
                    out.add(new RateChange(a.longValue(), r.doubleValue()));
                }
                return out;
            }
            case CHOICE -> {
                if (!(v instanceof String s)) throw notA(f, v);
                if (type == String.class) return s;
                return choice(type).parse().apply(s);
            }
            case NAMES -> {
                if (!(v instanceof List<?> list)) throw notA(f, v);
                InvalidConfigException.range(list.size(), 0, VariantKind.MAX, f.name());
                List<VariantKind> out = new ArrayList<>(list.size());
                for (Object o : list) {
                    if (o instanceof VariantKind k) out.add(k);
                    else if (o instanceof String s) out.add(VariantKind.parse(s));
                    else throw notA(f, v);
                }
                return out;
            }
            default -> {
                if (!(v instanceof String s)) throw notA(f, v);
                return s;
            }
        }
    }

    private static boolean integral(Number n) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) return true;
        if (n instanceof java.math.BigInteger b) return b.bitLength() < 63;
        double d = n.doubleValue();
        return Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 9e15;
    }

    /** A value in its canonical Java form: enums as keys. */
    private static Object canonical(Field f, Object v) {
        if (v == null) return null;
        if (v instanceof Enum<?> e) return choice(e.getDeclaringClass()).key().apply(v);
        if (f.kind() == Kind.NAMES) return ((List<?>) v).stream().map(o -> canonical(f, o)).toList();
        if (v instanceof int[] a) return a.clone();
        return v;
    }

    private static Object get(RecordComponent c, RunConfig config) {
        try {
            return c.getAccessor().invoke(config);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A number as short text that reads back to the same double, as a browser writes it (String(v) in
     * JavaScript), so that the page and the server spell a run alike: "0.5", "0.00001", "1e-7".
     */
    static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        BigDecimal b = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        double a = Math.abs(d);
        if (a >= 1e-6 && a < 1e15) return b.toPlainString();
        return b.toString().replace("E", "e");
    }
}
