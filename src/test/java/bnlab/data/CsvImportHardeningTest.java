package bnlab.data;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** CSV as spreadsheets write it, read by FastCSV, and the bounds on what one file may make the server hold or say. */
class CsvImportHardeningTest {
    static final CsvOptions DEFAULTS = CsvOptions.defaults();

    static String failure(String text) {
        return assertThrows(DataFileException.class, () -> CsvImport.parse(text, "upload.csv", DEFAULTS)).getMessage();
    }

    @Test
    void german_excel_export_with_semicolons_decimal_commas_crlf_and_bom_is_read() throws DataFileException {
        String text = "\uFEFFLänge;Breite;Art\r\n1,5;2,25;Iris setosa\r\n3;4,75;\"Iris; virginica\"\r\n";
        CsvImport.Table t = CsvImport.parse(text, "blumen.csv", DEFAULTS);
        assertEquals(List.of("Länge", "Breite"), t.featureNames());
        assertArrayEquals(new float[] {1.5f, 2.25f, 3, 4.75f}, t.dataset().x());
        assertArrayEquals(new String[] {"Iris setosa", "Iris; virginica"}, t.dataset().classNames());
    }

    @Test
    void a_quoted_field_may_hold_the_delimiter_quotes_and_a_line_break_and_line_numbers_stay_right() throws DataFileException {
        String text = "x,y,label\n1,2,\"a, \"\"quoted\"\"\nlabel\"\n3,4,b\n5,oops,b\n";
        var e = assertThrows(DataFileException.class, () -> CsvImport.parse(text, "u.csv", DEFAULTS));
        assertEquals("u.csv: line 5: 'oops' in column 'y' is not a number", e.getMessage(),
                "the record that spans lines 2 and 3 is one row; the bad one starts on physical line 5");
        CsvImport.Table t = CsvImport.parse(text.replace("oops", "6"), "u.csv", DEFAULTS);
        assertArrayEquals(new String[] {"a, \"quoted\"\nlabel", "b"}, t.dataset().classNames());
    }

    @Test
    void a_long_field_is_refused_without_being_echoed() {
        String field = "9".repeat(200_000) + "x";
        String message = failure("a,b,y\n1," + field + ",p\n2,3,q\n");
        assertTrue(message.contains("line 2") && message.contains("200,001 characters"), message);
        assertTrue(message.length() < 300, "the message does not repeat the field: " + message.length() + " chars");
        String notANumber = failure("a,b,y\n1," + "7".repeat(500) + "x,p\n2,3,q\n");
        assertTrue(notANumber.length() < 200 && notANumber.contains("…"), notANumber);
    }

    @Test
    void more_columns_than_the_limit_are_refused_at_the_first_line() {
        StringBuilder text = new StringBuilder();
        for (int r = 0; r < 5; r++) {
            for (int c = 0; c < 100_000; c++) text.append(c % 10).append(',');
            text.append(r % 2).append('\n');
        }
        String message = failure(text.toString());
        assertTrue(message.contains("at most 10,000 columns"), message.substring(0, Math.min(200, message.length())));
    }
}
