package bnlab.web.broker;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where the Redis server is, read from {@code redis://host:port}. Nothing else is accepted (no
 * password, database number or options), so a typo fails at startup with a message that says what
 * was expected instead of connecting somewhere else.
 *
 * @param host a name or an address; an IPv6 address without its brackets
 */
record RedisAddress(String host, int port) {
    private static final String FORM = "expected redis://host:port, e.g. redis://127.0.0.1:6379";

    /** @throws IllegalArgumentException naming the URI and what is wrong with it */
    static RedisAddress parse(String uri) {
        if (uri == null) throw new IllegalArgumentException("No Redis URI given: " + FORM);
        URI parsed;
        try {
            parsed = new URI(uri.strip());
        } catch (URISyntaxException e) {
            throw bad(uri, "not a URI (" + e.getReason() + ")");
        }
        if (!"redis".equals(parsed.getScheme())) throw bad(uri, "the scheme must be redis");
        if (parsed.getHost() == null) throw bad(uri, "no host (or a host name that is not valid)");
        if (parsed.getPort() == -1) throw bad(uri, "no port");
        if (parsed.getPort() < 1 || parsed.getPort() > 65535) throw bad(uri, "the port must be 1 to 65535");
        if (parsed.getRawUserInfo() != null) throw bad(uri, "a user or password is not supported");
        String path = parsed.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/")) || parsed.getRawQuery() != null
                || parsed.getRawFragment() != null) {
            throw bad(uri, "a database, path or options are not supported");
        }
        String host = parsed.getHost();
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        return new RedisAddress(host, parsed.getPort());
    }

    private static IllegalArgumentException bad(String uri, String why) {
        return new IllegalArgumentException("Bad Redis URI '" + uri + "': " + why + "; " + FORM);
    }

    /** {@code redis://host:port}, brackets around an IPv6 address. */
    @Override
    public String toString() {
        return "redis://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
