package bnlab.web.render;

import io.nayuki.qrcodegen.QrCode;
import java.util.Objects;

/**
 * A QR code as an SVG document, for the room's address on the projector: students point a phone at it
 * instead of typing the address.
 *
 * <p>What it draws: a white square of (size + 8) x (size + 8) units, the quiet zone of 4 modules the
 * standard asks for on every side included (a page or a projector theme may be dark; readers need dark
 * on light), and one {@code <path>} of the dark modules, a rectangle per run of dark modules in a row.
 * The {@code viewBox} has no unit and there is no width or height, so the code takes the size of its box
 * in CSS; {@code shape-rendering="crispEdges"} keeps the modules' edges sharp when a unit is not a
 * whole number of pixels. The {@code <title>} holds the encoded text (screen readers and hover). No
 * {@code style} attribute, no XML declaration: the SVG may be put inline in a page under the CSP.
 *
 * <p>Error correction M (15 % of the code may be unreadable), not Q (25 %) or H: a projected code is
 * not scuffed or folded like a printed one; what makes it fail is distance, glare and a blurred phone
 * camera, against which bigger modules help and more redundancy does not. A join address such as
 * {@code http://192.168.178.23:7070/join/K7QM} (36 characters) takes 29 x 29 modules at M and 33 x 33 at
 * Q, so on the same square of the screen each module is 14 % wider at M. qrcodegen raises the level by
 * itself when the higher one fits in the same number of modules (it does for {@code http://10.0.0.5:7070/join/K7QM}).
 */
public final class QrSvg {
    /** Light modules around the code on every side, as ISO/IEC 18004 requires. */
    public static final int QUIET_ZONE = 4;
    static final QrCode.Ecc ERROR_CORRECTION = QrCode.Ecc.MEDIUM;

    private QrSvg() {}

    /**
     * The QR code of {@code text} (UTF-8; digits and upper-case letters take less room) as SVG.
     *
     * @throws io.nayuki.qrcodegen.DataTooLongException (an IllegalArgumentException) past what a QR code holds,
     *         about 2,300 bytes at level M
     */
    public static String of(String text) {
        Objects.requireNonNull(text, "text");
        QrCode qr = QrCode.encodeText(text, ERROR_CORRECTION);
        int side = qr.size + 2 * QUIET_ZONE;
        StringBuilder svg = new StringBuilder(64 + qr.size * qr.size * 4);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(side).append(' ').append(side)
                .append("\" shape-rendering=\"crispEdges\" role=\"img\">");
        svg.append("<title>");
        appendEscaped(svg, text);
        svg.append("</title>");
        svg.append("<rect width=\"").append(side).append("\" height=\"").append(side).append("\" fill=\"#fff\"/>");
        svg.append("<path fill=\"#000\" d=\"");
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; ) {
                if (!qr.getModule(x, y)) { x++; continue; }
                int start = x;
                while (x < qr.size && qr.getModule(x, y)) x++;
                int run = x - start;
                // a rectangle of `run` modules by 1: M left,top h run v 1 h -run z
                svg.append('M').append(start + QUIET_ZONE).append(',').append(y + QUIET_ZONE)
                        .append('h').append(run).append("v1h-").append(run).append('z');
            }
        }
        svg.append("\"/></svg>");
        return svg.toString();
    }

    /**
     * Text as XML character data: {@code < > & " '} as entities, and what XML 1.0 cannot carry at all
     * (control characters, a lone half of a surrogate pair) as U+FFFD. The QR code itself keeps the text.
     */
    private static void appendEscaped(StringBuilder out, String text) {
        text.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.appendCodePoint(allowedInXml(c) ? c : 0xFFFD);
            }
        });
    }

    private static boolean allowedInXml(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD
                || c >= 0x10000 && c <= 0x10FFFF;
    }
}
