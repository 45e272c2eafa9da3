package bnlab.web.lesson;

import java.util.ArrayList;
import java.util.List;

/**
 * What the matrix fragment draws: a caption, TeX symbol, and rows of cells. A row is either
 * row i of a matrix (index >= 0, headed by its number) or a named vector such as mu (index -1,
 * headed by its TeX symbol). The cells carry name, i and j so the scripts can explain them.
 *
 * @param id         element id, e.g. "m-z"
 * @param tex        the matrix symbol in TeX, e.g. "\tilde{z}"
 * @param captionKey message key of the caption
 * @param digits     decimals shown
 * @param rows       the rows, top to bottom
 */
public record MatrixModel(String id, String tex, String captionKey, int digits, List<Row> rows) {

    /** One row of cells: name as in the JSON of a batch (z, mu, ...), i the row or -1 for a vector. */
    public record Row(String name, int index, String headerTex, double[] values) {}

    public int columns() { return rows.isEmpty() ? 0 : rows.get(0).values().length; }

    public static MatrixModel matrix(String name, String tex, String captionKey, int digits, double[][] values) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < values.length; i++) rows.add(new Row(name, i, null, values[i]));
        return new MatrixModel("m-" + name, tex, captionKey, digits, rows);
    }

    public static MatrixModel vectors(String id, String captionKey, int digits, Row... rows) {
        return new MatrixModel(id, null, captionKey, digits, List.of(rows));
    }

    public static Row vector(String name, String headerTex, double[] values) {
        return new Row(name, -1, headerTex, values);
    }
}
