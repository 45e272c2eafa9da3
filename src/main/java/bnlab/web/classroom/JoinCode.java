package bnlab.web.classroom;

import java.text.Normalizer;
import java.util.Optional;
import java.util.Random;

/**
 * A room's code, which the instructor reads aloud or projects and students type: four characters from
 * an alphabet without look-alikes, e.g. "K7QM".
 *
 * <p>Why four: 31^4 = 923,521 codes. A lecture has one room, a server a handful at once, so a code drawn at
 * random is almost never taken (with 10 open rooms a fresh draw collides once in about 92,000 draws, and the
 * caller draws again). Four characters are read aloud in one breath and typed on a phone in seconds, where
 * six would double the typos. A code is not a secret: it is on the projector for everyone in the room.
 * It keeps strangers from landing in a room by accident, not an attacker out; a guess hits one of 10 open
 * rooms with a chance of about 1 in 92,000, so the join page must limit attempts per address if that
 * matters. The instructor's powers are behind {@link InstructorToken}, not behind this code.
 *
 * <p>The alphabet leaves out 0, O, 1, I and L (and, since codes are upper case, l and i): a projected
 * "0" and "O" or "1", "I" and "l" are told apart by nobody at the back of a lecture hall.
 */
public final class JoinCode {
    /** The characters a code is made of, in no particular order: 2-9 and the letters but I, L and O. */
    public static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    public static final int LENGTH = 4;
    /** How many codes there are: 31^4. */
    public static final int COUNT = 923_521;

    /** What {@link #normalize} reads at most; longer input is refused before any work on it. */
    private static final int MAX_TYPED = 64;

    private JoinCode() {}

    /**
     * A code drawn uniformly from all {@link #COUNT}. Pass a {@link java.security.SecureRandom} in
     * production, so that one code does not tell the next; a seeded Random in tests.
     */
    public static String random(Random r) {
        char[] c = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) c[i] = ALPHABET.charAt(r.nextInt(ALPHABET.length()));
        return new String(c);
    }

    /**
     * What a student typed, as a code, or empty when it is none. Never throws.
     *
     * <ul>
     *   <li>Accepted and corrected: surrounding and inner spaces, dashes of any kind ("K7-QM", "K7 QM", "K7–QM"
     *       from a phone's keyboard that turns "-" into a dash), invisible characters (a zero-width space copied
     *       from a chat), lower case ("k7qm"), and the full-width letters and digits of Asian keyboards
     *       ("Ｋ７ＱＭ"; Unicode NFKC compatibility form).</li>
     *   <li>Refused: 0, O, 1, I and L, whatever the case. No code contains them, so a student who typed one
     *       misread something, and a guess (O for D? for Q?) could put them silently into another room; an
     *       error lets the page say "codes have no O, 0, I, 1 or L, look again".</li>
     *   <li>Refused: null, another length, any other character, and input of more than 64 characters.</li>
     * </ul>
     */
    public static Optional<String> normalize(String typed) {
        if (typed == null || typed.length() > MAX_TYPED) return Optional.empty();
        String s = Normalizer.normalize(typed, Normalizer.Form.NFKC);
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || isDash(c) || isInvisible(c)) continue;
            char u = Character.toUpperCase(c); // per char, not String.toUpperCase(): no locale, no "ß" to "SS"
            if (code.length() == LENGTH || ALPHABET.indexOf(u) < 0) return Optional.empty();
            code.append(u);
        }
        return code.length() == LENGTH ? Optional.of(code.toString()) : Optional.empty();
    }

    /** A zero-width space or soft hyphen, which a code copied from a chat may carry and nobody can see. */
    private static boolean isInvisible(char c) {
        return Character.getType(c) == Character.FORMAT;
    }

    private static boolean isDash(char c) {
        return Character.getType(c) == Character.DASH_PUNCTUATION || c == '\u2212'; // - ‐ ‑ ‒ – — and the minus sign
    }
}
