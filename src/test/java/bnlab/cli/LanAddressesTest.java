package bnlab.cli;

import static org.junit.jupiter.api.Assertions.*;

import bnlab.cli.LanAddresses.Found;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The interfaces here are made up: nothing depends on this machine's, but for the last test, which holds anywhere. */
class LanAddressesTest {

    /** An address from a literal: parsed, never looked up. */
    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static Found on(String name, String address) { return new Found(name, name, ip(address)); }

    static Found on(String name, String displayName, String address) { return new Found(name, displayName, ip(address)); }

    /** A Linux laptop on the classroom Wi-Fi with Docker and libvirt installed. */
    static final List<Found> LAPTOP = List.of(
            on("lo", "127.0.0.1"), on("lo", "::1"),
            on("wlp2s0", "192.168.178.23"), on("wlp2s0", "fe80::8e16:45ff:fe12:3456"), on("wlp2s0", "2001:db8:1:2::23"),
            on("docker0", "172.17.0.1"), on("br-3f2a9c1d7e00", "172.18.0.1"), on("veth1a2b3c4", "fe80::1"),
            on("virbr0", "192.168.122.1"), on("tailscale0", "100.101.102.103"), on("wg0", "10.8.0.2"), on("tun0", "10.9.0.6"));

    @Test
    void every_address_lists_only_the_ipv4_addresses_of_real_interfaces() {
        assertEquals(List.of("192.168.178.23"), LanAddresses.of("0.0.0.0", () -> LAPTOP));
        assertEquals(List.of("192.168.178.23"), LanAddresses.of("::", () -> LAPTOP));
        assertEquals(List.of("192.168.178.23"), LanAddresses.of("[::]", () -> LAPTOP));
        assertEquals(List.of("192.168.178.23"), LanAddresses.of("0:0:0:0:0:0:0:0", () -> LAPTOP));
    }

    @Test
    void the_order_is_the_same_whatever_order_the_machine_lists_them_in() {
        List<Found> found = new ArrayList<>(List.of(on("wlp2s0", "192.168.178.23"), on("enp0s31f6", "10.0.0.5"),
                on("enp0s31f6", "10.0.0.9"), on("enx00e04c", "169.254.12.7"), on("eth1", "141.58.12.34"),
                on("enp0s31f6", "10.0.0.10")));
        List<String> expected = List.of("10.0.0.5", "10.0.0.9", "10.0.0.10", "192.168.178.23", "141.58.12.34", "169.254.12.7");
        Random r = new Random(3);
        for (int i = 0; i < 20; i++) {
            Collections.shuffle(found, r);
            assertEquals(expected, LanAddresses.select(found), "private first, then public, then link-local; by interface, then number");
        }
    }

    @Test
    void ipv6_addresses_are_listed_only_when_there_is_no_ipv4_and_never_link_local_ones() {
        List<Found> v6only = List.of(on("lo", "::1"), on("wlan0", "fe80::1"), on("wlan0", "2001:db8:0:0:0:0:0:23"),
                on("wlan0", "fd12:3456:789a:1:0:0:0:5"), on("docker0", "fd00:dead::1"));
        assertEquals(List.of("[fd12:3456:789a:1::5]", "[2001:db8::23]"), LanAddresses.select(v6only));
        assertEquals(List.of(), LanAddresses.select(List.of(on("wlan0", "fe80::1"), on("lo", "127.0.0.1"))));
    }

    @Test
    void windows_virtual_adapters_are_left_out_but_its_mobile_hotspot_is_not() {
        List<Found> windows = List.of(
                on("wlan1", "Microsoft Wi-Fi Direct Virtual Adapter #2", "192.168.137.1"),
                on("eth2", "Intel(R) Ethernet Connection (7) I219-LM", "10.1.2.3"),
                on("eth3", "VirtualBox Host-Only Ethernet Adapter", "192.168.56.1"),
                on("eth5", "Hyper-V Virtual Ethernet Adapter", "172.29.80.1"),
                on("eth6", "vEthernet (WSL)", "172.30.0.1"),
                on("eth7", "VMware Virtual Ethernet Adapter for VMnet8", "192.168.80.1"),
                on("net4", "TAP-Windows Adapter V9", "10.8.0.6"));
        assertEquals(List.of("10.1.2.3", "192.168.137.1"), LanAddresses.select(windows));
    }

    @Test
    void macos_internet_sharing_bridge_stays_and_its_tunnels_go() {
        List<Found> mac = List.of(on("en0", "192.168.1.20"), on("bridge100", "192.168.2.1"), on("utun3", "10.20.0.2"),
                on("awdl0", "fe80::1"), on("vmenet0", "fe80::2"));
        assertEquals(List.of("192.168.2.1", "192.168.1.20"), LanAddresses.select(mac)); // by interface name
    }

    @Test
    void an_address_listed_twice_is_shown_once() {
        assertEquals(List.of("10.0.0.5"), LanAddresses.select(List.of(on("eth0", "10.0.0.5"), on("eth0:1", "10.0.0.5"))));
    }

    @Test
    void a_machine_without_a_usable_interface_gives_an_empty_list() {
        assertEquals(List.of(), LanAddresses.of("0.0.0.0", List::of));
        assertEquals(List.of(), LanAddresses.of("0.0.0.0", () -> List.of(on("lo", "127.0.0.1"), on("docker0", "172.17.0.1"))));
    }

    @Test
    void a_specific_host_is_listed_as_it_is_without_looking_at_the_interfaces() {
        AtomicInteger asked = new AtomicInteger();
        for (String host : new String[] {"192.168.178.23", "localhost", "127.0.0.1", "lab.example.org", "10.0.0.1"})
            assertEquals(List.of(host), LanAddresses.of(host, () -> { asked.incrementAndGet(); return LAPTOP; }));
        assertEquals(List.of("[::1]"), LanAddresses.of("::1", () -> LAPTOP), "an IPv6 literal goes into a URL in brackets");
        assertEquals(List.of("[fd00::5]"), LanAddresses.of("fd00::5", () -> LAPTOP));
        assertEquals(List.of("[fd00::5]"), LanAddresses.of("[fd00::5]", () -> LAPTOP));
        assertEquals(0, asked.get());
    }

    @Test
    void only_the_all_zero_addresses_mean_every_interface() {
        for (String h : new String[] {"0.0.0.0", "::", "[::]", "::0", "0:0:0:0:0:0:0:0", "000.000.000.000"})
            assertTrue(LanAddresses.isWildcard(h), h);
        for (String h : new String[] {"127.0.0.1", "::1", "0.0.0.1", "localhost", "0.example.org", "", "[]", "999.1.1.1"})
            assertFalse(LanAddresses.isWildcard(h), h);
    }

    @Test
    void ipv6_addresses_take_rfc_5952_short_form_without_a_zone() {
        assertEquals("[2001:db8::1:0:0:1]", LanAddresses.urlHost(ip("2001:db8:0:0:1:0:0:1")), "the first of two equal runs");
        assertEquals("[2001:db8:0:0:1::]", LanAddresses.urlHost(ip("2001:db8:0:0:1:0:0:0")), "the longer run");
        assertEquals("[2001:db8:0:1:1:1:1:1]", LanAddresses.urlHost(ip("2001:db8:0:1:1:1:1:1")), "one zero group stays");
        assertEquals("[2001:db8::1]", LanAddresses.urlHost(ip("2001:0DB8:0000:0000:0000:0000:0000:0001")));
        assertEquals("[fe80::]", LanAddresses.urlHost(ip("fe80:0:0:0:0:0:0:0")));
        assertEquals("[::1]", LanAddresses.urlHost(ip("::1")));
        assertEquals("[fd00::5]", LanAddresses.urlHost(ip("fd00::5%1")));
        assertEquals("192.168.1.5", LanAddresses.urlHost(ip("192.168.1.5")));
    }

    @Test
    void on_this_machine_every_address_lists_no_loopback_and_does_not_throw() {
        for (String a : LanAddresses.of("0.0.0.0")) {
            assertFalse(a.startsWith("127.") || a.equals("[::1]"), a);
            assertFalse(a.isBlank());
        }
    }

    @Test
    void the_machines_names_are_its_host_name_its_first_label_and_that_label_dot_local() {
        assertEquals(List.of("laptop", "laptop.local"), LanAddresses.namesOf("Laptop\n"));
        assertEquals(List.of("box.example.org", "box", "box.local"), LanAddresses.namesOf("box.example.org"));
        assertEquals(List.of("annas-mbp.local", "annas-mbp"), LanAddresses.namesOf("Annas-MBP.local"));
        assertEquals(List.of(), LanAddresses.namesOf("localhost"));
        assertEquals(List.of(), LanAddresses.namesOf(""));
        for (String n : LanAddresses.machineNames()) assertNotNull(bnlab.web.HostCheck.host(n), n);
    }
}
