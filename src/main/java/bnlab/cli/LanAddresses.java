package bnlab.cli;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The addresses students can type to reach this server, each ready to go between {@code http://} and
 * {@code :port} (an IPv6 address in brackets).
 *
 * <p>For a server listening on every address ({@code --host 0.0.0.0} or {@code ::}) these are the
 * addresses of the machine's network interfaces that a student's device on the same network may reach:
 * interfaces that are up, not the loopback, not point-to-point (a VPN) and not virtual by their name
 * (Docker's, libvirt's, VirtualBox's, VMware's, Hyper-V's, WireGuard's, Tailscale's, ...); IPv4 ones,
 * and IPv6 ones only if there is no IPv4 address at all (link-local fe80:: never: a browser cannot
 * take its zone). The order is stable from start to start: private addresses first (10/8, 172.16/12,
 * 192.168/16, and for IPv6 fc00::/7), then other ones, then IPv4 link-local (169.254/16, what two
 * machines on a switch without DHCP give themselves); within each by interface name, then by address.
 * The first is the one to show large. The list is empty when no interface qualifies: then students
 * cannot connect, and the caller says so.
 *
 * <p>For any other host the list is that host alone, {@code localhost} and {@code 127.0.0.1} included
 * (students cannot reach those; the caller warns).
 */
public final class LanAddresses {
    /** One address of one network interface, as the machine lists it; {@code displayName} is what Windows shows. */
    record Found(String interfaceName, String displayName, InetAddress address) {}

    /** Interface names of virtual networks on Linux and macOS (bridges of containers and VMs, VPN tunnels). */
    private static final List<String> VIRTUAL_NAME_PREFIXES = List.of("docker", "br-", "veth", "virbr", "vnet", "vboxnet",
            "vmnet", "lxcbr", "lxdbr", "incusbr", "podman", "cni", "flannel", "cali", "weave", "kube", "tun", "tap", "utun",
            "wg", "zt", "tailscale", "ham", "awdl", "llw", "anpi", "gif", "stf", "ipsec");
    /**
     * Words in the display names Windows gives virtual adapters. Not "virtual" alone: Windows' mobile
     * hotspot, a good network for a classroom, is the "Microsoft Wi-Fi Direct Virtual Adapter".
     */
    private static final List<String> VIRTUAL_DISPLAY_WORDS = List.of("hyper-v", "virtualbox", "vmware", "wsl", "docker",
            "tap-windows", "wireguard", "tailscale", "zerotier", "hamachi", "vpn", "npcap", "teredo", "isatap", "6to4");

    private LanAddresses() {}

    /** The addresses students can type for a server started with {@code --host host}. */
    public static List<String> of(String host) {
        return of(host, LanAddresses::enumerate);
    }

    /** As {@link #of(String)}, the machine's interfaces coming from {@code machine} (tests pass their own). */
    static List<String> of(String host, Supplier<List<Found>> machine) {
        Objects.requireNonNull(host, "host");
        if (isWildcard(host)) return select(machine.get());
        boolean ipv6Literal = host.indexOf(':') >= 0 && !host.startsWith("[");
        return List.of(ipv6Literal ? "[" + host + "]" : host);
    }

    /** Whether a --host means every interface (then the list holds the machine's addresses). */
    public static boolean isWildcardHost(String host) { return isWildcard(host); }

    /** "0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0": the addresses that mean "every interface". Never a lookup. */
    static boolean isWildcard(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return h.matches("0{1,3}(\\.0{1,3}){3}") || h.matches("[0:]{2,39}") && h.contains(":");
    }

    /** Of the machine's addresses, those students can type, in the order described above. */
    static List<String> select(List<Found> found) {
        List<Found> usable = new ArrayList<>();
        for (Found f : found) if (!looksVirtual(f.interfaceName(), f.displayName()) && usable(f.address())) usable.add(f);
        boolean anyIpv4 = usable.stream().anyMatch(f -> f.address() instanceof Inet4Address);
        usable.removeIf(f -> anyIpv4 != (f.address() instanceof Inet4Address));
        usable.sort(Comparator.comparingInt((Found f) -> rank(f.address()))
                .thenComparing(Found::interfaceName)
                .thenComparing(f -> f.address().getAddress(), java.util.Arrays::compareUnsigned));
        Set<String> texts = new LinkedHashSet<>(); // an alias may be listed under its interface and itself
        for (Found f : usable) texts.add(urlHost(f.address()));
        return List.copyOf(texts);
    }

    static boolean looksVirtual(String interfaceName, String displayName) {
        String name = interfaceName == null ? "" : interfaceName.toLowerCase(Locale.ROOT);
        String shown = displayName == null ? "" : displayName.toLowerCase(Locale.ROOT);
        return VIRTUAL_NAME_PREFIXES.stream().anyMatch(name::startsWith) || VIRTUAL_DISPLAY_WORDS.stream().anyMatch(shown::contains);
    }

    private static boolean usable(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isMulticastAddress()) return false;
        return !(a instanceof Inet6Address && a.isLinkLocalAddress());
    }

    /** 0: a private network's, 1: any other, 2: IPv4 link-local. */
    private static int rank(InetAddress a) {
        if (a.isLinkLocalAddress()) return 2;
        boolean uniqueLocal = a instanceof Inet6Address && (a.getAddress()[0] & 0xFE) == 0xFC;
        return a.isSiteLocalAddress() || uniqueLocal ? 0 : 1;
    }

    /** "192.168.1.5", or "[2001:db8::5]" in RFC 5952's short form without a zone. */
    static String urlHost(InetAddress a) {
        if (a instanceof Inet4Address) return a.getHostAddress();
        byte[] b = a.getAddress();
        int[] group = new int[8];
        for (int i = 0; i < 8; i++) group[i] = (b[2 * i] & 0xFF) << 8 | b[2 * i + 1] & 0xFF;
        int bestStart = -1, bestLength = 1; // only runs of two or more zero groups become "::"
        for (int i = 0; i < 8; ) {
            if (group[i] != 0) { i++; continue; }
            int start = i;
            while (i < 8 && group[i] == 0) i++;
            if (i - start > bestLength) { bestStart = start; bestLength = i - start; }
        }
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLength - 1;
                continue;
            }
            if (s.length() > 1 && s.charAt(s.length() - 1) != ':') s.append(':');
            s.append(Integer.toHexString(group[i]));
        }
        return s.append(']').toString();
    }

    /**
     * This machine's names as devices on its network may know it: the host name, its first label, and that label
     * with {@code .local} (mDNS, as macOS and Avahi announce it), lowercase; empty when the name is unknown. Read from
     * the system (Linux's /proc, Windows' COMPUTERNAME), else asked of Java's resolver.
     */
    public static List<String> machineNames() {
        String name = null;
        try {
            java.nio.file.Path proc = java.nio.file.Path.of("/proc/sys/kernel/hostname");
            if (java.nio.file.Files.isReadable(proc)) name = java.nio.file.Files.readString(proc).strip();
        } catch (java.io.IOException | RuntimeException e) {
            name = null;
        }
        if (name == null || name.isEmpty()) name = System.getenv("COMPUTERNAME");
        if (name == null || name.isEmpty()) {
            try {
                name = InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                return List.of();
            }
        }
        return namesOf(name);
    }

    /** "Box.example.org" gives box.example.org, box and box.local. */
    static List<String> namesOf(String hostName) {
        String n = hostName == null ? "" : hostName.strip().toLowerCase(Locale.ROOT);
        if (n.isEmpty() || n.equals("localhost")) return List.of();
        String first = n.contains(".") ? n.substring(0, n.indexOf('.')) : n;
        return new ArrayList<>(new LinkedHashSet<>(List.of(n, first, first + ".local")));
    }

    /** Every address of every interface that is up, not the loopback and not point-to-point, sub-interfaces included. */
    static List<Found> enumerate() {
        List<Found> found = new ArrayList<>();
        try {
            Enumeration<NetworkInterface> all = NetworkInterface.getNetworkInterfaces();
            if (all != null) for (NetworkInterface ni : Collections.list(all)) add(ni, found);
        } catch (SocketException e) {
            // the machine lists no interfaces: no address to show, which the caller reports
        }
        return found;
    }

    private static void add(NetworkInterface ni, List<Found> found) {
        try {
            if (!ni.isUp() || ni.isLoopback() || ni.isPointToPoint()) return;
        } catch (SocketException e) {
            return; // gone while we looked
        }
        for (InetAddress a : Collections.list(ni.getInetAddresses())) found.add(new Found(ni.getName(), ni.getDisplayName(), a));
        for (NetworkInterface sub : Collections.list(ni.getSubInterfaces())) add(sub, found);
    }
}
