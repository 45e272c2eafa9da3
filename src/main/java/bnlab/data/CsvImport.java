package bnlab.data;

import bnlab.engine.Dataset;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
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
 * <p>The fields are read by FastCSV (RFC 4180: a quoted field may hold the delimiter, line breaks and quotes
 * written as ""), so Excel's exports read right, German Excel's too. The delimiter is ',' or, if the first
 * line has more of them, ';' or tab (then "3,5" also reads as 3.5).
 * A header row is optional and guessed (see {@link CsvOptions.Header#AUTO}). Nothing is dropped silently:
 * rows with the wrong number of fields, empty fields, non-numbers, NaN or infinities are collected with their
 * line numbers (up to {@value #MAX_REPORTED}) and reported together in one {@link DataFileException}.
 * Bounded: at most {@value #MAX_COLUMNS} columns and {@value #MAX_FIELD_CHARS} characters a field, and a
 * message quotes at most {@value #MAX_QUOTED} characters of a field, never a whole one.
 */
public final class CsvImport {
    /** Problems listed in one exception; the rest are counted. */
    public static final int MAX_REPORTED = 10;
    /** More distinct labels than this suggests a numeric target read as classes. */
    public static final int MAX_CLASSES = 100;
    /** Most columns a file may have (features and label): a row of 100,000 columns would be 400 KB of floats per row. */
    public static final int MAX_COLUMNS = 10_000;
    /** Longest field read; a number or a class label needs far fewer characters. */
    public static final int MAX_FIELD_CHARS = 1_000;

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
        String text = readAll(reader);
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        int eol = text.indexOf('\n');
        CsvFields csv = CsvFields.forFirstLine(eol < 0 ? text : text.substring(0, eol));
        List<CsvRecord> records = records(text, csv, sourceName, options.maxRows());
        if (records.isEmpty()) throw new DataFileException(sourceName, "the file is empty");
        Problems problems = new Problems(sourceName);
        // A quote that is never closed takes the rest of the file into its field: FastCSV reads that as one
        // last record, which is where the quote opened.
        boolean unclosed = count(text, '"') % 2 == 1;

        CsvRecord firstRecord = records.get(0);
        if (unclosed && records.size() == 1)
            throw new DataFileException(sourceName, "line 1: a quote is not closed");
        List<String> first = firstRecord.getFields();
        int columns = first.size();
        if (columns > MAX_COLUMNS)
            throw new DataFileException(sourceName, String.format(Locale.ROOT,
                    "line 1 has %,d fields; at most %,d columns are allowed", columns, MAX_COLUMNS));
        boolean header = switch (options.header()) {
            case PRESENT -> true;
            case ABSENT -> false;
            case AUTO -> looksLikeHeader(csv, first, records.size() > 1 ? records.get(1).getFields() : null);
        };
        List<String> names = new ArrayList<>();
        for (int c = 0; c < columns; c++)
            names.add(header && !first.get(c).isEmpty() ? shorten(first.get(c)) : "column " + (c + 1));
        if (columns < 2)
            throw new DataFileException(sourceName, "line 1 has " + columns + " field; need at least one feature column and a label column");
        int labelCol = labelColumn(options.labelColumn(), names, header, sourceName);
        int firstData = header ? 1 : 0;
        int rows = records.size() - firstData;
        if (rows < 1) throw new DataFileException(sourceName, "there are no data rows after the header");
        if (rows > options.maxRows()) throw tooManyRows(sourceName, options.maxRows());

        int features = columns - 1;
        float[] x = new float[rows * features]; // (rows, features)
        float[] targets = options.regression() ? new float[rows] : null;
        String[] rawLabels = options.regression() ? null : new String[rows];
        for (int r = 0; r < rows; r++) {
            CsvRecord rec = records.get(firstData + r);
            long lineNo = rec.getStartingLineNumber();
            List<String> fields = rec.getFields();
            if (unclosed && firstData + r == records.size() - 1) { problems.add(lineNo, "a quote is not closed"); continue; }
            if (fields.size() == 1 && fields.get(0).isBlank()) { problems.add(lineNo, "empty line"); continue; }
            if (fields.size() != columns) {
                problems.add(lineNo, "expected " + columns + " fields, found " + fields.size());
                continue;
            }
            for (int c = 0, f = 0; c < columns; c++) {
                String text1 = fields.get(c).strip();
                boolean label = c == labelCol;
                int feature = label ? -1 : f++; // index among the feature columns
                if (text1.isEmpty()) {
                    problems.add(lineNo, "column '" + names.get(c) + "' is empty");
                } else if (text1.length() > MAX_FIELD_CHARS) {
                    problems.add(lineNo, String.format(Locale.ROOT, "the field in column '%s' has %,d characters; at most %,d are allowed",
                            names.get(c), text1.length(), MAX_FIELD_CHARS));
                } else if (label && rawLabels != null) {
                    rawLabels[r] = text1;
                } else {
                    CsvFields.Number num = csv.number(text1);
                    if (num.problem() != null)
                        problems.add(lineNo, "'" + shorten(text1) + "' in column '" + names.get(c) + "' " + num.problem());
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

    /** Longest piece of a field that a message quotes; longer ones are cut, with "…". */
    static final int MAX_QUOTED = 40;

    /** A field as a message quotes it. */
    static String shorten(String field) {
        return field.length() <= MAX_QUOTED ? field : field.substring(0, MAX_QUOTED) + "…";
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) == c) n++;
        return n;
    }

    private static String readAll(Reader reader) throws IOException {
        StringBuilder b = new StringBuilder();
        char[] buf = new char[8192];
        for (int n; (n = reader.read(buf)) >= 0; ) b.append(buf, 0, n);
        return b.toString();
    }

    /**
     * The records of the text, read by FastCSV (RFC 4180: quoted fields may hold the delimiter, quotes as "" and
     * line breaks), trailing blank lines dropped; refuses more than maxRows + 1 records (+1: a header).
     */
    private static List<CsvRecord> records(String text, CsvFields csv, String source, int maxRows) throws DataFileException {
        List<CsvRecord> out = new ArrayList<>();
        CsvReader<CsvRecord> reader = CsvReader.builder().fieldSeparator(csv.delimiter).quoteCharacter('"')
                .skipEmptyLines(false).ignoreDifferentFieldCount(true).ofCsvRecord(text);
        try {
            for (CsvRecord r : reader) {
                out.add(r);
                if (out.size() > maxRows + 1 && !blank(r)) throw tooManyRows(source, maxRows);
            }
        } catch (CsvParseException e) {
            // FastCSV's own limits (16,384 fields, 16 MB a field); its message names no line a student can use
            long line = out.isEmpty() ? 1 : out.get(out.size() - 1).getStartingLineNumber() + 1;
            throw new DataFileException(source, String.format(Locale.ROOT, "line %d: too many fields to read; at most %,d "
                    + "columns are allowed (or a field is too long)", line, MAX_COLUMNS));
        }
        while (!out.isEmpty() && blank(out.get(out.size() - 1))) out.remove(out.size() - 1);
        return out;
    }

    private static boolean blank(CsvRecord r) { return r.getFieldCount() == 1 && r.getField(0).isBlank(); }

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
            throw new DataFileException(source, "every row has the label '" + shorten(raw[0]) + "' in column '" + column
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
    private static boolean looksLikeHeader(CsvFields csv, List<String> first, List<String> second) {
        boolean anyNumber = false;
        for (int c = 0; c < first.size(); c++) {
            boolean numeric = csv.looksNumeric(first.get(c).strip());
            anyNumber |= numeric;
            if (!numeric && second != null && c < second.size() && csv.looksNumeric(second.get(c).strip())) return true;
        }
        return !anyNumber;
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

        void add(long line, String problem) {
            total++;
            if (kept.size() < MAX_REPORTED) kept.add("line " + line + ": " + problem);
        }

        void throwIfAny() throws DataFileException {
            if (total > 0) throw new DataFileException(source, kept, total);
        }
    }
}
