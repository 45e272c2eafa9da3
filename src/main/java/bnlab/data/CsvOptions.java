package bnlab.data;

/**
 * How {@link CsvImport} reads a table.
 *
 * @param labelColumn the label (or target) column: a header name, or a 1-based column number
 *                    ("1" = first, "-1" = last); null means the last column
 * @param regression  true to read the label column as a numeric regression target instead of class labels
 * @param maxRows     refuse files with more data rows than this
 * @param header      whether the first row holds column names; {@link Header#AUTO} guesses from the values
 */
public record CsvOptions(String labelColumn, boolean regression, int maxRows, Header header) {
    /** Default limit on data rows. */
    public static final int DEFAULT_MAX_ROWS = 100_000;

    /** Whether the first row is a header. */
    public enum Header {
        /** A header if the first row has a non-number where the next row has a number, or has no numbers at all. */
        AUTO,
        /** The first row is a header. */
        PRESENT,
        /** Every row is data. */
        ABSENT
    }

    public CsvOptions {
        if (maxRows < 1) throw new IllegalArgumentException("maxRows must be >= 1, was " + maxRows);
        if (header == null) header = Header.AUTO;
    }

    /** Classification on the last column, header guessed, at most {@value #DEFAULT_MAX_ROWS} rows. */
    public static CsvOptions defaults() { return new CsvOptions(null, false, DEFAULT_MAX_ROWS, Header.AUTO); }

    /** The same options with another label column (header name or 1-based number, negative from the end). */
    public CsvOptions withLabelColumn(String column) { return new CsvOptions(column, regression, maxRows, header); }

    /** The same options reading the label column as a numeric regression target. */
    public CsvOptions withRegression(boolean on) { return new CsvOptions(labelColumn, on, maxRows, header); }

    /** The same options with another row limit. */
    public CsvOptions withMaxRows(int rows) { return new CsvOptions(labelColumn, regression, rows, header); }

    /** The same options with the header decided. */
    public CsvOptions withHeader(Header h) { return new CsvOptions(labelColumn, regression, maxRows, h); }
}
