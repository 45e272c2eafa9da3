package bnlab.web.lab;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which web pages may open the lab's WebSocket. A browser sends the page's origin with every WebSocket
 * handshake and, unlike with fetch, does not stop a foreign page from connecting: any page a student
 * opens could otherwise drive runs on the classroom server. Allowed are pages of the same host and port
 * as the request (the Host header), the origins given with {@code serve --allowed-origin} (for a reverse
 * proxy that changes the host), and clients that send no Origin (not browsers: tests, command-line tools).
 */
public final class OriginCheck {
    private final Set<String> allowed;

    /** @param allowed origins besides the server's own, e.g. "https://lab.example.org" */
    public OriginCheck(List<String> allowed) {
        this.allowed = allowed.stream().map(OriginCheck::normalize).collect(Collectors.toUnmodifiableSet());
    }

    public static OriginCheck sameHostOnly() { return new OriginCheck(List.of()); }

    /** The host names (or addresses) of the allowed origins, e.g. "lab.example.org": names the server answers to. */
    public List<String> hosts() {
        return allowed.stream().filter(java.util.Objects::nonNull).map(o -> URI.create(o).getHost()).sorted().toList();
    }

    /** Refuses (403) a WebSocket handshake from a page of another origin: every socket's gate. */
    public void require(io.javalin.http.Context upgrade) {
        if (!allows(upgrade.header("Origin"), upgrade.header("Host")))
            throw new io.javalin.http.ForbiddenResponse("this page may not connect: its origin is not this server's");
    }

    /**
     * @param origin the Origin header, or null
     * @param host   the Host header of the same request
     */
    public boolean allows(String origin, String host) {
        if (origin == null) return true;
        String o = normalize(origin);
        if (o == null) return false; // "null" (a sandboxed page or a file) or unreadable
        if (allowed.contains(o)) return true;
        if (host == null) return false;
        String authority = o.substring(o.indexOf("://") + 3);
        return authority.equals(withoutDefaultPort(host.trim().toLowerCase(Locale.ROOT), o.startsWith("https")));
    }

    /** "HTTP://Host:80/" as "http://host"; null when it is not an http(s) origin. */
    public static String normalize(String origin) {
        try {
            URI u = URI.create(origin.trim());
            String scheme = u.getScheme() == null ? null : u.getScheme().toLowerCase(Locale.ROOT);
            if (!"http".equals(scheme) && !"https".equals(scheme) || u.getHost() == null) return null;
            String host = u.getHost().toLowerCase(Locale.ROOT);
            String authority = u.getPort() < 0 ? host : host + ":" + u.getPort();
            return scheme + "://" + withoutDefaultPort(authority, scheme.equals("https"));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String withoutDefaultPort(String authority, boolean https) {
        String port = https ? ":443" : ":80";
        return authority.endsWith(port) ? authority.substring(0, authority.length() - port.length()) : authority;
    }
}
