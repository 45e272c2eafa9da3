package bnlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The names in a Host header that the server answers to (against DNS rebinding). */
class HostCheckTest {
    private final HostCheck loopback = HostCheck.of("127.0.0.1", List.of());

    @Test
    void localhost_and_loopback_addresses_are_allowed_with_any_port() {
        for (String host : List.of("localhost", "localhost:7070", "LocalHost:7070", "localhost.:7070", "127.0.0.1", "127.0.0.1:7070",
                "127.5.6.7:80", "[::1]", "[::1]:7070", "app.localhost:7070"))
            assertTrue(loopback.allows(host), host);
    }

    @Test
    void every_ip_literal_is_allowed_since_a_rebinding_needs_a_name() {
        for (String host : List.of("192.168.178.23:7070", "10.42.0.1", "203.0.113.5:8080", "[fe80::1]:7070", "[2001:db8::7]"))
            assertTrue(loopback.allows(host), host);
    }

    @Test
    void foreign_names_are_refused() {
        for (String host : List.of("evil.example", "evil.example:7070", "localhost.evil.example", "127.0.0.1.nip.io:7070",
                "localhost:7070.evil.example", "1.2.3.4.evil.example", "999.1.1.1", "lab.example.org", "bad host", "a:b:c", "[::1",
                "[::1]x", "evil.example:port", "[1:2:3:4:5:6:7:8:9]"))
            assertFalse(loopback.allows(host), host);
    }

    @Test
    void no_host_header_is_not_a_browser_and_passes() {
        assertTrue(loopback.allows(null));
        assertTrue(loopback.allows(""));
    }

    @Test
    void the_machines_names_and_public_hosts_are_allowed_as_given() {
        HostCheck lan = HostCheck.of("0.0.0.0", List.of("laptop", "laptop.local", "Lab.Example.ORG", "proxy.example:8443"));
        for (String host : List.of("laptop:7070", "LAPTOP.local", "lab.example.org", "lab.example.org:443", "proxy.example", "localhost"))
            assertTrue(lan.allows(host), host);
        assertFalse(lan.allows("laptop.evil.example:7070"));
        assertFalse(loopback.allows("laptop:7070"), "on the loopback the machine's names were not given");
    }

    @Test
    void a_server_listening_on_a_name_answers_to_it() {
        assertTrue(HostCheck.of("box.lan", List.of()).allows("box.lan:7070"));
        assertEquals(java.util.Set.of(), HostCheck.of("192.168.1.2", List.of()).names(), "an address is no name to list");
    }

    @Test
    void the_host_part_is_read_without_port_brackets_case_and_final_dot() {
        assertEquals("lab.example.org", HostCheck.host("LAB.example.org.:443"));
        assertEquals("::1", HostCheck.host("[::1]:7070"));
        assertEquals("2001:db8::7", HostCheck.host("2001:db8::7"));
        assertNull(HostCheck.host("https://lab.example.org"));
        assertNull(HostCheck.host("lab.example.org/path"));
        assertThrows(IllegalArgumentException.class, () -> HostCheck.of("127.0.0.1", List.of("http://x")));
    }
}
