package bnlab.web.render;

import static org.junit.jupiter.api.Assertions.*;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.nayuki.qrcodegen.DataTooLongException;
import io.nayuki.qrcodegen.QrCode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class QrSvgTest {
    static final String SVG_NS = "http://www.w3.org/2000/svg";
    static final String JOIN = "http://192.168.178.23:7070/join/K7QM";
    static final Pattern RUN = Pattern.compile("M(\\d+),(\\d+)h(\\d+)v1h-(\\d+)z");

    /** The SVG as a DOM, parsed by the JDK: throws if it is not well-formed. */
    static Document parse(String svg) throws Exception {
        var f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    /** The modules the SVG draws dark, quiet zone included, read back from its one path: [y][x]. */
    static boolean[][] modules(Document doc) {
        Element svg = doc.getDocumentElement();
        String[] box = svg.getAttribute("viewBox").split(" ");
        assertEquals("0", box[0]);
        assertEquals("0", box[1]);
        assertEquals(box[2], box[3], "square");
        int side = Integer.parseInt(box[2]);
        boolean[][] dark = new boolean[side][side];
        String d = ((Element) svg.getElementsByTagNameNS(SVG_NS, "path").item(0)).getAttribute("d");
        Matcher m = RUN.matcher(d);
        int end = 0;
        while (m.find()) {
            assertEquals(end, m.start(), "the path is runs only, from " + end + ": " + d.substring(end, Math.min(d.length(), end + 20)));
            int x = Integer.parseInt(m.group(1)), y = Integer.parseInt(m.group(2)), n = Integer.parseInt(m.group(3));
            assertEquals(n, Integer.parseInt(m.group(4)), "a closed rectangle");
            for (int i = x; i < x + n; i++) dark[y][i] = true;
            end = m.end();
        }
        assertEquals(d.length(), end, "the path is runs only");
        return dark;
    }

    /** What a camera would see of the modules, 6 pixels each, decoded by zxing (an independent reader). */
    static Result decode(boolean[][] dark) throws Exception {
        int scale = 6, side = dark.length * scale;
        int[] argb = new int[side * side];
        for (int py = 0; py < side; py++)
            for (int px = 0; px < side; px++)
                argb[py * side + px] = dark[py / scale][px / scale] ? 0xFF000000 : 0xFFFFFFFF;
        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(side, side, argb)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.CHARACTER_SET, "UTF-8"));
    }

    @Test
    void the_svg_is_well_formed_xml_with_one_path_crisp_edges_and_a_scalable_view_box() throws Exception {
        String svg = QrSvg.of(JOIN);
        Document doc = parse(svg);
        Element root = doc.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals(SVG_NS, root.getNamespaceURI());
        assertEquals("crispEdges", root.getAttribute("shape-rendering"));
        assertEquals("", root.getAttribute("width"), "no fixed size: CSS sizes it");
        assertEquals("", root.getAttribute("height"));
        assertEquals(1, root.getElementsByTagNameNS(SVG_NS, "path").getLength());
        assertFalse(svg.contains("style"), "no style attribute: the page's CSP has no 'unsafe-inline'");
        int size = QrCode.encodeText(JOIN, QrCode.Ecc.MEDIUM).size;
        assertEquals("0 0 " + (size + 8) + " " + (size + 8), root.getAttribute("viewBox"));
    }

    @Test
    void the_code_decodes_back_to_the_text_at_level_m_or_higher() throws Exception {
        for (String text : new String[] {JOIN, "http://10.0.0.5:7070/join/K7QM", "https://lab.example.org/teach?token=Zx3_k-9QvT2mWc8LbN4a1Q",
                "Übung 3: <Batch> & \"Norm\"", "K7QM", "x"}) {
            Result r = decode(modules(parse(QrSvg.of(text))));
            assertEquals(text, r.getText());
            String level = String.valueOf(r.getResultMetadata().get(ResultMetadataType.ERROR_CORRECTION_LEVEL));
            assertTrue(level.matches("[MQH]"), text + " at level " + level);
        }
    }

    @Test
    void the_path_draws_exactly_the_modules_of_the_code_inside_a_quiet_zone_of_four() throws Exception {
        QrCode qr = QrCode.encodeText(JOIN, QrCode.Ecc.MEDIUM);
        boolean[][] dark = modules(parse(QrSvg.of(JOIN)));
        assertEquals(qr.size + 8, dark.length);
        for (int y = 0; y < dark.length; y++)
            for (int x = 0; x < dark.length; x++) {
                boolean inside = x >= 4 && y >= 4 && x < qr.size + 4 && y < qr.size + 4;
                assertEquals(inside && qr.getModule(x - 4, y - 4), dark[y][x], "module " + x + "," + y);
            }
        assertEquals(29, qr.size, "the join address takes version 3 at level M");
    }

    @Test
    void the_title_holds_the_text_escaped_for_xml() throws Exception {
        String text = "a<b&c\"d'e>f";
        String svg = QrSvg.of(text);
        assertTrue(svg.contains("<title>a&lt;b&amp;c&quot;d&apos;e&gt;f</title>"), svg.substring(0, 200));
        Document doc = parse(svg);
        assertEquals(text, doc.getElementsByTagNameNS(SVG_NS, "title").item(0).getTextContent());
        assertEquals(text, decode(modules(doc)).getText());
    }

    @Test
    void characters_xml_cannot_carry_become_replacement_characters_in_the_title_but_stay_in_the_code() throws Exception {
        String text = "bell\u0007 and half \uD83D of a pair";
        Document doc = parse(QrSvg.of(text)); // would throw on an unescaped control character
        assertEquals("bell\uFFFD and half \uFFFD of a pair", doc.getElementsByTagNameNS(SVG_NS, "title").item(0).getTextContent());
        String decoded = decode(modules(doc)).getText();
        assertTrue(decoded.startsWith("bell\u0007 and half "), decoded);
    }

    @Test
    void a_text_longer_than_a_qr_code_holds_is_refused_and_null_is_a_programming_error() {
        assertThrows(DataTooLongException.class, () -> QrSvg.of("x".repeat(3_000)));
        assertThrows(IllegalArgumentException.class, () -> QrSvg.of("x".repeat(3_000)));
        assertThrows(NullPointerException.class, () -> QrSvg.of(null));
    }
}
