package bnlab.data;

import bnlab.engine.Dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Imports a table of numbers from CSV: every column but one is a numeric feature, the remaining one holds
 * class labels (strings or integers) or, for regression, a numeric target.
 *
 * <p>The delimiter is ',' or, if the first line has more of them, ';' or tab (then "3,5" also reads as 3.5).
 * A header row is optional and guessed (see {@link CsvOptions.Header#AUTO}). Nothing is dropped silently:
 * rows with the wrong number of fields, empty fields, non-numbers, NaN or infinities are collected with their
 * line numbers (up to {@value #MAX_REPORTED}) and reported together in one {@link DataFileException}.
 */
public final class CsvImport {
    /** Problems listed in one exception; the rest are counted. */
    public static final int MAX_REPORTED = 10;
    /** More distinct labels than this suggests a numeric target read as classes. */
    public static final int MAX_CLASSES = 100;

    /**
     * An imported table.
     *
     * @param dataset      the examples; named after the file without its extension
     * @param featureNames one name per feature column, in order (header names, or "column 3" without a header)
     * @param targetName   name of the label or target column
     */
    public record Table(Dataset dataset, List<String> featureNames, String targetName) {}

    private CsvImport() {}

    /** Reads a CSV file, as UTF-8 or, if it is not valid UTF-8, as ISO-8859-1. */
    public static Table read(Path file, CsvOptions options) throws IOException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, name, options);
        } catch (CharacterCodingException notUtf8) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
                return read(r, name, options);
            }
        }
    }

    /** Parses CSV text, e.g. an upload; {@code sourceName} names it in messages and becomes the data set's name. */
    public static Table parse(String text, String sourceName, CsvOptions options) throws DataFileException {
        try {
            return read(new StringReader(text), sourceName, options);
        } catch (DataFileException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
    }

    /** Reads CSV from a reader (not closed); {@code sourceName} names it in messages and becomes the data set's name. */
    public static Table read(Reader reader, String sourceName, CsvOptions options) throws IOException {
        List<String> lines = readLines(reader, sourceName, options.maxRows());
        if (lines.isEmpty()) throw new DataFileException(sourceName, "the file is empty");
        CsvFields csv = CsvFields.forFirstLine(lines.get(0));
        Problems problems = new Problems(sourceName);

        List<String> first = splitOrFail(csv, lines.get(0), 1, sourceName);
        boolean header = switch (options.header()) {
            case PRESENT -> true;
            case ABSENT -> false;
            case AUTO -> looksLikeHeader(csv, first, lines.size() > 1 ? lines.get(1) : null);
        };
        int columns = first.size();
        List<String> names = new ArrayList<>();
        for (int c = 0; c < columns; c++)
            names.add(header && !first.get(c).isEmpty() ? first.get(c) : "column " + (c + 1));
        if (columns < 2)
            throw new DataFileException(sourceName, "line 1 has " + columns + " field; need at least one feature column and a label column");
        int labelCol = labelColumn(options.labelColumn(), names, header, sourceName);
        int firstData = header ? 1 : 0;
        int rows = lines.size() - firstData;
        if (rows < 1) throw new DataFileException(sourceName, "there are no data rows after the header");
        if (rows > options.maxRows()) throw tooManyRows(sourceName, options.maxRows());

        int features = columns - 1;
        float[] x = new float[rows * features]; // (rows, features)
        float[] targets = options.regression() ? new float[rows] : null;
        String[] rawLabels = options.regression() ? null : new String[rows];
        for (int r = 0; r < rows; r++) {
            int lineNo = firstData + r + 1;
            String line = lines.get(firstData + r);
            if (line.isBlank()) { problems.add(lineNo, "empty line"); continue; }
            List<String> fields;
            try {
                fields = csv.split(line);
            } catch (CsvFields.BadLine e) {
                problems.add(lineNo, e.getMessage());
                continue;
            }
            if (fields.size() != columns) {
                problems.add(lineNo, "expected " + columns + " fields, found " + fields.size());
                continue;
            }
            for (int c = 0, f = 0; c < columns; c++) {
                String text = fields.get(c);
                boolean label = c == labelCol;
                int feature = label ? -1 : f++; // index among the feature columns
                if (text.isEmpty()) {
                    problems.add(lineNo, "column '" + names.get(c) + "' is empty");
                } else if (label && rawLabels != null) {
                    rawLabels[r] = text;
                } else {
                    CsvFields.Number num = csv.number(text);
                    if (num.problem() != null)
                        problems.add(lineNo, "'" + text + "' in column '" + names.get(c) + "' " + num.problem());
                    if (label) targets[r] = num.value();
                    else x[r * features + feature] = num.value();
                }
            }
        }
        problems.throwIfAny();

        List<String> featureNames = new ArrayList<>(names);
        String targetName = featureNames.remove(labelCol);
        String dataName = stripExtension(sourceName);
        Dataset d = options.regression()
                ? Dataset.regression(dataName, features, x, targets, 1)
                : classify(dataName, features, x, rawLabels, targetName, sourceName);
        return new Table(d, List.copyOf(featureNames), targetName);
    }

    /** Maps labels to class indices: integers by sorted value, other strings in first-seen order. */
    private static Dataset classify(String dataName, int features, float[] x, String[] raw, String column, String source)
            throws DataFileException {
        boolean integers = true;
        for (String s : raw) if (!s.matches("[+-]?\\d{1,9}")) { integers = false; break; }
        Map<String, Integer> index = new LinkedHashMap<>();
        if (integers) {
            TreeSet<Integer> values = new TreeSet<>();
            for (String s : raw) values.add(Integer.parseInt(s));
            for (int v : values) index.put(Integer.toString(v), index.size());
        } else {
            for (String s : raw) index.putIfAbsent(s, index.size());
        }
        if (index.size() < 2)
            throw new DataFileException(source, "every row has the label '" + raw[0] + "' in column '" + column
                    + "'; classification needs at least two classes");
        if (index.size() > MAX_CLASSES)
            throw new DataFileException(source, index.size() + " different labels in column '" + column + "' (more than "
                    + MAX_CLASSES + " classes); if it is a numeric target, import it as regression");
        int[] labels = new int[raw.length];
        for (int i = 0; i < raw.length; i++)
            labels[i] = integers ? index.get(Integer.toString(Integer.parseInt(raw[i]))) : index.get(raw[i]);
        return Dataset.classification(dataName, features, x, labels, index.size(), index.keySet().toArray(new String[0]));
    }

    /** Resolves the label column: null = last, a header name (exact, then ignoring case), or a 1-based number. */
    private static int labelColumn(String wanted, List<String> names, boolean header, String source) throws DataFileException {
        if (wanted == null || wanted.isBlank()) return names.size() - 1;
        String w = wanted.trim();
        if (header) {
            if (names.contains(w)) return names.indexOf(w);
            for (int c = 0; c < names.size(); c++) if (CsvFields.fold(names.get(c)).equals(CsvFields.fold(w))) return c;
        }
        if (w.matches("-?\\d{1,9}")) {
            int k = Integer.parseInt(w);
            if (k >= 1 && k <= names.size()) return k - 1;
            if (k <= -1 && -k <= names.size()) return names.size() + k;
            throw new DataFileException(source, "label column " + k + " does not exist; the table has " + names.size()
                    + " columns (1.." + names.size() + ", or -1 for the last)");
        }
        throw new DataFileException(source, "label column '" + w + "' not found; "
                + (header ? "columns: " + String.join(", ", names) : "the file has no header row, give a column number"));
    }

    /** A header if some field is not a number where the next row has a number, or if no field is a number. */
    private static boolean looksLikeHeader(CsvFields csv, List<String> first, String secondLine) {
        List<String> second = null;
        if (secondLine != null) {
            try { second = csv.split(secondLine); } catch (CsvFields.BadLine e) { second = null; }
        }
        boolean anyNumber = false;
        for (int c = 0; c < first.size(); c++) {
            boolean numeric = csv.looksNumeric(first.get(c));
            anyNumber |= numeric;
            if (!numeric && second != null && c < second.size() && csv.looksNumeric(second.get(c))) return true;
        }
        return !anyNumber;
    }

    private static List<String> splitOrFail(CsvFields csv, String line, int lineNo, String source) throws DataFileException {
        try {
            return csv.split(line);
        } catch (CsvFields.BadLine e) {
            throw new DataFileException(source, "line " + lineNo + ": " + e.getMessage());
        }
    }

    /** All lines, a byte-order mark removed, trailing blank lines dropped; refuses more than maxRows + 1 lines. */
    private static List<String> readLines(Reader reader, String source, int maxRows) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<String> lines = new ArrayList<>();
        for (String line; (line = in.readLine()) != null; ) {
            if (lines.isEmpty() && line.startsWith("\uFEFF")) line = line.substring(1);
            lines.add(line);
            if (lines.size() > maxRows + 1 && !line.isBlank()) throw tooManyRows(source, maxRows); // +1: a header
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) lines.remove(lines.size() - 1);
        return lines;
    }

    private static DataFileException tooManyRows(String source, int maxRows) {
        return new DataFileException(source, String.format(Locale.ROOT,
                "more than %,d data rows; the limit is %,d (use a smaller sample)", maxRows, maxRows));
    }

    private static String stripExtension(String source) {
        String base = source.replaceAll(".*[/\\\\]", "");
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }

    /** Collects "line N: ..." problems, keeping the first {@link #MAX_REPORTED}. */
    private static final class Problems {
        private final String source;
        private final List<String> kept = new ArrayList<>();
        private int total;

        Problems(String source) { this.source = source; }

        void add(int line, String problem) {
            total++;
            if (kept.size() < MAX_REPORTED) kept.add("line " + line + ": " + problem);
        }

        void throwIfAny() throws DataFileException {
            if (total > 0) throw new DataFileException(source, kept, total);
        }
    }
}
