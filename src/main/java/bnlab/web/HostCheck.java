package bnlab.web;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which names in a request's Host header this server answers to, against DNS rebinding (as Jupyter checks it).
 *
 * <p>A page of {@code evil.example} can make its own name resolve to 127.0.0.1 or the classroom laptop's address a
 * moment after it loaded; the browser then sends that page's requests, WebSocket handshakes included, to this
 * server, as the same origin ({@code Origin: http://evil.example:7070}, {@code Host: evil.example:7070}), so the
 * Origin check alone lets them in. What gives it away is the Host: a name this server does not have. So every
 * request whose Host names something else is refused.
 *
 * <p>Allowed, the port aside: IP literals ({@code 127.0.0.1}, {@code 192.168.1.20}, {@code [::1]}; a rebinding
 * needs a name, and an address also arrives unchanged through a port forward or a container's port); {@code
 * localhost} and names under {@code .localhost} (browsers resolve them to the loopback themselves); the names of
 * this machine when it listens beyond the loopback (its host name and {@code NAME.local}, which serve passes in); the
 * host the server listens on when it is a name; the names given with {@code serve --public-host} (a reverse proxy's,
 * e.g. {@code lab.example.org}) and the hosts of {@code --allowed-origin}. A request without a Host header (HTTP/1.0,
 * not a browser) passes.
 */
public final class HostCheck {
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*");

    private final Set<String> names;

    private HostCheck(Set<String> names) { this.names = Set.copyOf(names); }

    /**
     * @param listenHost   what the server listens on ({@code serve --host}): a name among it is allowed too
     * @param names        further names: {@code --public-host}, the hosts of {@code --allowed-origin}, and this
     *                     machine's names when it listens beyond the loopback
     * @throws IllegalArgumentException for a name that is neither a host name nor an IP address
     */
    public static HostCheck of(String listenHost, Collection<String> names) {
        Set<String> all = new LinkedHashSet<>();
        String listen = host(listenHost);
        if (listen != null && !isIpLiteral(listen)) all.add(listen);
        for (String n : names) {
            String h = host(n);
            if (h == null) throw new IllegalArgumentException("not a host name or address: " + n);
            all.add(h);
        }
        return new HostCheck(all);
    }

    /** A check for a server on the loopback with no other names (tests, the dev server). */
    public static HostCheck loopbackOnly() { return new HostCheck(Set.of()); }

    /** The names allowed besides IP literals and localhost, lowercase. */
    public Set<String> names() { return names; }

    /** @param hostHeader a request's Host header, e.g. "lab.example.org:7070", or null */
    public boolean allows(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) return true;
        String h = host(hostHeader);
        if (h == null) return false;
        return isIpLiteral(h) || h.equals("localhost") || h.endsWith(".localhost") || names.contains(h);
    }

    /**
     * The host part of a Host header or a {@code --public-host} value: lowercase, without the port, the brackets of
     * an IPv6 address and a final dot; null when it is neither a host name nor an IP address.
     */
    public static String host(String text) {
        if (text == null) return null;
        String t = text.strip().toLowerCase(Locale.ROOT);
        String h;
        if (t.startsWith("[")) {
            int end = t.indexOf(']');
            if (end < 0 || !(end == t.length() - 1 || t.charAt(end + 1) == ':' && port(t.substring(end + 2)))) return null;
            h = t.substring(1, end);
            return ipv6(h) ? h : null;
        }
        int colon = t.lastIndexOf(':');
        if (colon >= 0) {
            if (t.indexOf(':') != colon) return ipv6(t) ? t : null; // a bare IPv6 address (a flag's value)
            if (!port(t.substring(colon + 1))) return null;
            t = t.substring(0, colon);
        }
        h = t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
        return h.length() <= 253 && (IPV4.matcher(h).matches() || NAME.matcher(h).matches()) ? h : null;
    }

    private static boolean port(String s) { return s.matches("\\d{1,5}"); }

    /** Whether the text is an IPv6 address. Java parses a text with a colon as a literal, never asking DNS. */
    private static boolean ipv6(String text) {
        if (text.indexOf(':') < 0 || !text.matches("[0-9a-f:][0-9a-f:.]*")) return false;
        try {
            return java.net.InetAddress.getByName(text) instanceof java.net.Inet6Address;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** Whether a host (as {@link #host} gives it) is an IPv4 or IPv6 address rather than a name. */
    static boolean isIpLiteral(String host) { return IPV4.matcher(host).matches() || host.indexOf(':') >= 0; }
}
