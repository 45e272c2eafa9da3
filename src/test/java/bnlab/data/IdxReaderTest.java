package bnlab.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

class IdxReaderTest {
    @TempDir Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void idx_reader_reads_a_plain_image_file_and_scales_pixels_to_zero_one() throws IOException {
        IdxReader.Images im = IdxReader.readImages(write("img-idx3-ubyte", IdxFiles.images(3, 2, 4, 250)));
        assertEquals(3, im.count());
        assertEquals(2, im.rows());
        assertEquals(4, im.cols());
        assertEquals(24, im.pixels().length);
        assertEquals(250 / 255f, im.pixels()[0]);
        assertEquals(255 / 255f, im.pixels()[5]);
        assertEquals(0f, im.pixels()[6]);
        for (float v : im.pixels()) assertTrue(v >= 0 && v <= 1);
    }

    @Test
    void idx_reader_reads_a_gzipped_file_the_same_as_the_plain_one() throws IOException {
        byte[] plain = IdxFiles.images(5, 3, 3, 7);
        IdxReader.Images a = IdxReader.readImages(write("a-idx3-ubyte", plain));
        IdxReader.Images b = IdxReader.readImages(write("a-idx3-ubyte.gz", IdxFiles.gzip(plain)));
        assertArrayEquals(a.pixels(), b.pixels());
        assertArrayEquals(new int[] {0, 1, 9, 255}, IdxReader.readLabels(write("l.gz", IdxFiles.gzip(IdxFiles.labels(0, 1, 9, 255)))));
        assertArrayEquals(new int[] {0, 1, 9, 255}, IdxReader.readLabels(write("l", IdxFiles.labels(0, 1, 9, 255))));
    }

    @Test
    void idx_reader_detects_gzip_by_its_magic_bytes_not_by_the_file_name() throws IOException {
        byte[] plain = IdxFiles.images(2, 2, 2, 0);
        IdxReader.Images zippedWithoutSuffix = IdxReader.readImages(write("x-idx3-ubyte", IdxFiles.gzip(plain)));
        IdxReader.Images plainWithSuffix = IdxReader.readImages(write("y-idx3-ubyte.gz", plain));
        assertArrayEquals(zippedWithoutSuffix.pixels(), plainWithSuffix.pixels());
    }

    @Test
    void idx_reader_reads_only_the_first_images_when_given_a_limit() throws IOException {
        Path p = write("i.gz", IdxFiles.gzip(IdxFiles.images(10, 2, 2, 0)));
        IdxReader.Images im = IdxReader.readImages(p, 4);
        assertEquals(4, im.count());
        assertArrayEquals(Arrays.copyOf(IdxReader.readImages(p).pixels(), 16), im.pixels());
        assertEquals(10, IdxReader.readImages(p, 50).count());
        assertEquals(3, IdxReader.readLabels(write("l", IdxFiles.labels(1, 2, 3, 4, 5)), 3).length);
    }

    @Test
    void idx_reader_reads_from_a_stream_with_a_name_for_messages() throws IOException {
        byte[] bytes = IdxFiles.gzip(IdxFiles.labels(4, 2));
        assertArrayEquals(new int[] {4, 2}, IdxReader.readLabels(new ByteArrayInputStream(bytes), "res", IdxReader.ALL));
    }

    @Test
    void idx_reader_rejects_a_file_with_a_wrong_magic_number() throws IOException {
        Path p = write("junk-idx3-ubyte", IdxFiles.idx(0x12345678, new int[] {1, 1, 1}, new byte[1]));
        var e = assertThrows(DataFileException.class, () -> IdxReader.readImages(p));
        assertTrue(e.getMessage().startsWith(p + ": wrong magic number 0x12345678, expected 0x00000803"), e.getMessage());
        assertTrue(e.getMessage().contains("not an IDX file"), e.getMessage());
    }

    @Test
    void idx_reader_rejects_a_label_file_read_as_images_and_says_so() throws IOException {
        Path p = write("t10k-labels-idx1-ubyte", IdxFiles.labels(1, 2));
        var e = assertThrows(DataFileException.class, () -> IdxReader.readImages(p));
        assertTrue(e.getMessage().contains("this is a label file"), e.getMessage());
        Path q = write("t10k-images-idx3-ubyte", IdxFiles.images(1, 1, 1, 0));
        e = assertThrows(DataFileException.class, () -> IdxReader.readLabels(q));
        assertTrue(e.getMessage().contains("this is an image file"), e.getMessage());
    }

    @Test
    void idx_reader_rejects_a_data_type_other_than_unsigned_byte() throws IOException {
        Path p = write("floats-idx3", IdxFiles.idx(0x00000D03, new int[] {1, 1, 1}, new byte[4]));
        var e = assertThrows(DataFileException.class, () -> IdxReader.readImages(p));
        assertTrue(e.getMessage().contains("data type 0x0D is not supported, only 0x08 (unsigned byte)"), e.getMessage());
    }

    @Test
    void idx_reader_rejects_truncated_pixels_saying_how_many_bytes_it_found() throws IOException {
        byte[] whole = IdxFiles.images(10, 28, 28, 0);
        byte[] cut = Arrays.copyOf(whole, 16 + 1234);
        Path plain = write("t10k-images-idx3-ubyte", cut);
        var e = assertThrows(DataFileException.class, () -> IdxReader.readImages(plain));
        assertEquals(plain + ": expected 7840 pixel bytes, file ends after 1234", e.getMessage());
        Path gz = write("t10k-images-idx3-ubyte.gz", IdxFiles.gzip(cut));
        e = assertThrows(DataFileException.class, () -> IdxReader.readImages(gz));
        assertEquals(gz + ": expected 7840 pixel bytes, file ends after 1234", e.getMessage());
    }

    @Test
    void idx_reader_rejects_a_cut_off_gzip_stream_naming_the_file() throws IOException {
        byte[] gz = IdxFiles.gzip(IdxFiles.images(100, 28, 28, 3));
        Path p = write("cut.gz", Arrays.copyOf(gz, gz.length / 2));
        var e = assertThrows(DataFileException.class, () -> IdxReader.readImages(p));
        assertTrue(e.getMessage().startsWith(p + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("file ends after") || e.getMessage().contains("truncated or corrupt"), e.getMessage());
    }

    @Test
    void idx_reader_rejects_truncated_labels_and_a_truncated_header() throws IOException {
        byte[] labels = IdxFiles.labels(1, 2, 3, 4, 5);
        Path p = write("l-idx1", Arrays.copyOf(labels, labels.length - 2));
        var e = assertThrows(DataFileException.class, () -> IdxReader.readLabels(p));
        assertTrue(e.getMessage().endsWith("expected 5 label bytes, file ends after 3"), e.getMessage());
        Path h = write("h-idx3", Arrays.copyOf(IdxFiles.images(1, 2, 2, 0), 10));
        e = assertThrows(DataFileException.class, () -> IdxReader.readImages(h));
        assertTrue(e.getMessage().endsWith("file ends inside the IDX header (after 10 bytes)"), e.getMessage());
        Path empty = write("empty", new byte[0]);
        assertThrows(DataFileException.class, () -> IdxReader.readImages(empty));
    }

    @Test
    void idx_reader_rejects_bytes_left_over_after_the_data() throws IOException {
        byte[] whole = IdxFiles.images(2, 2, 2, 0);
        Path p = write("long", Arrays.copyOf(whole, whole.length + 3));
        var e = assertThrows(DataFileException.class, () -> IdxReader.readImages(p));
        assertTrue(e.getMessage().contains("3 unexpected bytes after the data"), e.getMessage());
    }

    @Test
    void idx_reader_rejects_zero_sized_or_huge_dimensions() throws IOException {
        Path zero = write("z", IdxFiles.idx(0x00000803, new int[] {1, 0, 28}, new byte[0]));
        assertTrue(assertThrows(DataFileException.class, () -> IdxReader.readImages(zero)).getMessage().contains("is empty"));
        Path huge = write("h", IdxFiles.idx(0x00000803, new int[] {-1, 28, 28}, new byte[0]));
        assertTrue(assertThrows(DataFileException.class, () -> IdxReader.readImages(huge)).getMessage().contains("too large"));
        Path many = write("m", IdxFiles.idx(0x00000803, new int[] {100_000_000, 28, 28}, new byte[0]));
        assertTrue(assertThrows(DataFileException.class, () -> IdxReader.readImages(many)).getMessage().contains("too many"));
    }
}
