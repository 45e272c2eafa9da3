package bnlab.web.classroom;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret in the instructor's link (like Jupyter's token): whoever has it runs the rooms. It is drawn
 * at every start, or fixed with {@code serve --instructor-token TEXT} or the environment variable
 * {@value #ENVIRONMENT_VARIABLE} (so that a service or several instances keep the same link).
 *
 * <p>{@link #matches} compares SHA-256 digests of both texts with {@link MessageDigest#isEqual}: the time
 * it takes tells neither how many leading characters were right nor, since digests have one length, how
 * long the token is. {@link #toString} does not show it, so a log line or an exception that prints the
 * object does not give it away; {@link #text} does, for building the link.
 */
public final class InstructorToken {
    public static final String ENVIRONMENT_VARIABLE = "BNLAB_INSTRUCTOR_TOKEN";
    /** A chosen token has at least this many characters. */
    public static final int MIN_LENGTH = 16;
    /** ... and at most this many: it has to fit in a link that someone may copy by hand. */
    public static final int MAX_LENGTH = 256;
    /** 16 random bytes: 128 bits, 22 characters of base64url. */
    private static final int RANDOM_BYTES = 16;

    private final String text;
    private final byte[] digest;

    private InstructorToken(String text) {
        this.text = text;
        this.digest = sha256(text);
    }

    /** A new token of 128 random bits as 22 URL-safe characters (base64url without padding). */
    public static InstructorToken random(SecureRandom r) {
        byte[] b = new byte[RANDOM_BYTES];
        r.nextBytes(b);
        return new InstructorToken(Base64.getUrlEncoder().withoutPadding().encodeToString(b));
    }

    /**
     * A token the instructor chose. Leading and trailing whitespace is dropped (the line end of a file
     * read with $(cat ...), the CR of a file edited on Windows); what is left must be 16 to 256 of the
     * characters a URL carries as they are: A-Z a-z 0-9 - . _ ~ (RFC 3986's unreserved ones).
     *
     * @throws IllegalArgumentException naming what is wrong, never repeating the text itself
     */
    public static InstructorToken of(String text) {
        if (text == null) throw new IllegalArgumentException("the instructor token is missing");
        String t = text.strip();
        if (t.length() < MIN_LENGTH)
            throw new IllegalArgumentException("the instructor token must have at least " + MIN_LENGTH
                    + " characters, it has " + t.length() + "; leave it out to get a random one");
        if (t.length() > MAX_LENGTH)
            throw new IllegalArgumentException("the instructor token must have at most " + MAX_LENGTH
                    + " characters, it has " + t.length());
        for (int i = 0; i < t.length(); i++)
            if (!unreserved(t.charAt(i)))
                throw new IllegalArgumentException("the instructor token may only contain letters A-Z and a-z, digits"
                        + " and - . _ ~ (so that it goes into a link unchanged); character " + (i + 1) + " is none of them");
        return new InstructorToken(t);
    }

    /** Whether {@code candidate} is this token, in time that depends on neither. Null is not. */
    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(digest, sha256(candidate));
    }

    /** The token itself, for the instructor's link. */
    public String text() { return text; }

    /** Does not show the token. */
    @Override
    public String toString() { return "InstructorToken[hidden]"; }

    private static boolean unreserved(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every Java has SHA-256", e);
        }
    }
}
