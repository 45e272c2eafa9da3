package bnlab.web.api;

/**
 * A request the API refuses, with the HTTP status and the message key (plus arguments) that
 * says what is wrong; the message is written in the caller's language when answered.
 */
public final class ApiError extends RuntimeException {
    public final int status;
    public final String key;
    public final transient Object[] args;

    public ApiError(int status, String key, Object... args) {
        super(key, null, false, false);
        this.status = status;
        this.key = key;
        this.args = args;
    }

    public static ApiError badRequest(String key, Object... args) { return new ApiError(400, key, args); }

    public static ApiError tooLarge(String key, Object... args) { return new ApiError(413, key, args); }

    /** 429: the server is busy with others' requests of this kind; the caller may try again shortly. */
    public static ApiError busy() { return new ApiError(429, "error.busy"); }
}
