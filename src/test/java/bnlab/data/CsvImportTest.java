package bnlab.data;

import bnlab.engine.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class CsvImportTest {
    private static final CsvOptions DEFAULTS = CsvOptions.defaults();

    private static CsvImport.Table parse(String text) throws DataFileException {
        return CsvImport.parse(text, "upload.csv", DEFAULTS);
    }

    private static String failure(String text, CsvOptions options) {
        return assertThrows(DataFileException.class, () -> CsvImport.parse(text, "upload.csv", options)).getMessage();
    }

    private static String failure(String text) { return failure(text, DEFAULTS); }

    @Test
    void csv_with_header_and_string_labels_maps_labels_in_first_seen_order() throws DataFileException {
        CsvImport.Table t = parse("x1,x2,species\n1,2,setosa\n3,4.5,virginica\n-1e-1,0,setosa\n");
        Dataset d = t.dataset();
        assertEquals("upload", d.name());
        assertEquals(3, d.size());
        assertEquals(2, d.features());
        assertArrayEquals(new float[] {1, 2, 3, 4.5f, -0.1f, 0}, d.x());
        assertArrayEquals(new int[] {0, 1, 0}, d.labels());
        assertArrayEquals(new String[] {"setosa", "virginica"}, d.classNames());
        assertEquals(List.of("x1", "x2"), t.featureNames());
        assertEquals("species", t.targetName());
    }

    @Test
    void csv_without_header_is_detected_and_gets_numbered_column_names() throws DataFileException {
        CsvImport.Table t = parse("1,2,cat\n3,4,dog\n");
        assertEquals(2, t.dataset().size());
        assertEquals(List.of("column 1", "column 2"), t.featureNames());
        assertEquals("column 3", t.targetName());
    }

    @Test
    void csv_integer_labels_become_classes_in_sorted_order() throws DataFileException {
        Dataset d = parse("a,b,y\n0.5,1,3\n1,1,1\n2,2,2\n3,3,1\n").dataset();
        assertEquals(3, d.classes());
        assertArrayEquals(new String[] {"1", "2", "3"}, d.classNames());
        assertArrayEquals(new int[] {2, 0, 1, 0}, d.labels());
    }

    @Test
    void csv_label_column_can_be_chosen_by_name_ignoring_case_or_by_number() throws DataFileException {
        String text = "Label,f1,f2\nyes,1,2\nno,3,4\n";
        for (String col : new String[] {"Label", "label", "1", "-3"}) {
            CsvImport.Table t = CsvImport.parse(text, "u", DEFAULTS.withLabelColumn(col));
            assertEquals(List.of("f1", "f2"), t.featureNames(), col);
            assertArrayEquals(new float[] {1, 2, 3, 4}, t.dataset().x(), col);
            assertArrayEquals(new String[] {"yes", "no"}, t.dataset().classNames(), col);
        }
    }

    @Test
    void csv_unknown_label_column_lists_the_columns() {
        assertEquals("upload.csv: label column 'kind' not found; columns: a, b, y",
                failure("a,b,y\n1,2,p\n3,4,q\n", DEFAULTS.withLabelColumn("kind")));
        assertTrue(failure("a,b,y\n1,2,p\n3,4,q\n", DEFAULTS.withLabelColumn("7")).contains("label column 7 does not exist"));
        assertTrue(failure("1,2,p\n3,4,q\n", DEFAULTS.withLabelColumn("y")).contains("no header row"));
    }

    @Test
    void csv_regression_reads_a_numeric_target() throws DataFileException {
        CsvImport.Table t = CsvImport.parse("area,rooms,price\n50,2,100.5\n80,3,180\n", "flats",
                DEFAULTS.withRegression(true));
        Dataset d = t.dataset();
        assertFalse(d.isClassification());
        assertEquals(1, d.outputs());
        assertArrayEquals(new float[] {100.5f, 180}, d.targets());
        assertEquals("price", t.targetName());
    }

    @Test
    void csv_regression_reports_a_target_that_is_not_a_number() {
        assertEquals("upload.csv: line 3: 'cheap' in column 'price' is not a number",
                failure("area,price\n50,100\n80,cheap\n", DEFAULTS.withRegression(true)));
    }

    @Test
    void csv_semicolons_with_decimal_commas_quotes_and_a_byte_order_mark_are_read() throws DataFileException {
        CsvImport.Table t = parse("\uFEFFGröße;\"Gewicht; kg\";Klasse\n1,5;2;\"A \"\"gut\"\"\"\n3;4,25;B\n");
        assertEquals(List.of("Größe", "Gewicht; kg"), t.featureNames());
        assertArrayEquals(new float[] {1.5f, 2, 3, 4.25f}, t.dataset().x());
        assertArrayEquals(new String[] {"A \"gut\"", "B"}, t.dataset().classNames());
        assertArrayEquals(new float[] {1, 2, 3, 4}, parse("a\tb\ty\n1\t2\tp\n3\t4\tq\n").dataset().x());
    }

    @Test
    void csv_row_with_a_wrong_number_of_fields_is_reported_with_its_line_number() {
        assertEquals("upload.csv: line 3: expected 3 fields, found 2", failure("a,b,y\n1,2,p\n3,q\n4,5,q\n"));
    }

    @Test
    void csv_non_number_is_reported_with_line_and_column_name() {
        assertEquals("upload.csv: line 2: 'abc' in column 'x2' is not a number", failure("x1,x2,y\n1,abc,p\n2,3,q\n"));
        assertEquals("upload.csv: line 2: '1d' in column 'x1' is not a number", failure("x1,x2,y\n1d,2,p\n2,3,q\n"));
    }

    @Test
    void csv_nan_and_infinity_are_reported_as_not_finite() {
        assertEquals("upload.csv: line 2: 'NaN' in column 'x1' is not a finite number; "
                + "line 3: '-Infinity' in column 'x2' is not a finite number; "
                + "line 4: '1e40' in column 'x1' is too large for a 32-bit float",
                failure("x1,x2,y\nNaN,2,p\n1,-Infinity,q\n1e40,1,q\n"));
    }

    @Test
    void csv_empty_fields_and_empty_lines_are_reported_but_trailing_blank_lines_are_fine() throws DataFileException {
        assertEquals("upload.csv: line 2: column 'x2' is empty; line 3: empty line; line 4: column 'y' is empty",
                failure("x1,x2,y\n1,,p\n\n3,4,\n5,6,q\n"));
        assertEquals(2, parse("x1,y\n1,p\n2,q\n\n  \n").dataset().size());
    }

    @Test
    void csv_an_unclosed_quote_is_reported_with_its_line() {
        assertEquals("upload.csv: line 3: a quote is not closed", failure("a,y\n1,p\n2,\"q\n"));
    }

    @Test
    void csv_problems_are_collected_and_all_reported_in_one_message_up_to_ten() {
        StringBuilder text = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 15; i++) text.append(i % 2 == 0 ? "1,x,p\n" : "1,2\n");
        String message = failure(text.toString());
        assertTrue(message.startsWith("upload.csv: line 2: 'x' in column 'b' is not a number; line 3: expected 3 fields, found 2;"),
                message);
        assertTrue(message.contains("line 11: "), message);
        assertFalse(message.contains("line 12: "), message);
        assertTrue(message.endsWith("; and 5 more problems"), message);
        var e = assertThrows(DataFileException.class, () -> CsvImport.parse(text.toString(), "u", DEFAULTS));
        assertEquals(10, e.problems().size());
    }

    @Test
    void csv_empty_file_or_header_only_is_refused() {
        assertEquals("upload.csv: the file is empty", failure(""));
        assertEquals("upload.csv: the file is empty", failure("\n\n"));
        assertEquals("upload.csv: there are no data rows after the header", failure("a,b,y\n"));
        assertTrue(failure("1\n2\n").contains("need at least one feature column"));
    }

    @Test
    void csv_classification_with_a_single_class_is_refused() {
        assertEquals("upload.csv: every row has the label 'p' in column 'y'; classification needs at least two classes",
                failure("a,y\n1,p\n2,p\n"));
    }

    @Test
    void csv_with_too_many_distinct_labels_suggests_regression() {
        StringBuilder text = new StringBuilder("a,y\n");
        for (int i = 0; i < 150; i++) text.append(i).append(',').append(i * 0.5).append('\n');
        assertTrue(failure(text.toString()).contains("import it as regression"));
    }

    @Test
    void csv_with_more_rows_than_the_limit_is_refused() throws DataFileException {
        String text = "a,y\n1,p\n2,q\n3,p\n";
        assertEquals("upload.csv: more than 2 data rows; the limit is 2 (use a smaller sample)",
                failure(text, DEFAULTS.withMaxRows(2)));
        assertEquals(3, CsvImport.parse(text, "u", DEFAULTS.withMaxRows(3)).dataset().size());
        assertTrue(failure("1,p\n2,q\n3,p\n", DEFAULTS.withMaxRows(2)).contains("more than 2 data rows"));
        StringBuilder big = new StringBuilder();
        for (int i = 0; i <= 100_000; i++) big.append(i).append(i % 2 == 0 ? ",p\n" : ",q\n");
        assertTrue(failure(big.toString()).contains("more than 100,000 data rows"));
    }

    @Test
    void csv_header_can_be_forced_either_way() throws DataFileException {
        assertEquals(2, CsvImport.parse("1,p\n2,q\n3,p\n", "u", DEFAULTS.withHeader(CsvOptions.Header.PRESENT)).dataset().size());
        assertTrue(failure("a,y\n1,p\n", DEFAULTS.withHeader(CsvOptions.Header.ABSENT)).contains("'a' in column 'column 1' is not a number"));
    }

    @Test
    void csv_reads_from_a_path_and_from_a_reader() throws IOException {
        Path file = tmp.resolve("iris.small.csv");
        Files.writeString(file, "x,y\n1,a\n2,b\n", StandardCharsets.UTF_8);
        assertEquals("iris.small", CsvImport.read(file, DEFAULTS).dataset().name());
        assertEquals(2, CsvImport.read(new StringReader("x,y\n1,a\n2,b\n"), "r", DEFAULTS).dataset().size());
        Path latin = tmp.resolve("latin.csv");
        Files.write(latin, "Größe,y\n1,a\n2,b\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(List.of("Größe"), CsvImport.read(latin, DEFAULTS).featureNames());
        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "x,y\n1,a\noops,b\n");
        var e = assertThrows(DataFileException.class, () -> CsvImport.read(bad, DEFAULTS));
        assertEquals("bad.csv: line 3: 'oops' in column 'x' is not a number", e.getMessage());
    }

    @TempDir Path tmp;
}
