package dev.drover.inventory.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostAddressTest {

    @Test
    void portsAreSplitOffValidHosts() {
        assertEquals(Optional.of(new HostAddress("web1", 2222)), HostAddress.parse("web1:2222", false));
        assertEquals(Optional.of(new HostAddress("10.0.0.1", 22)), HostAddress.parse("10.0.0.1:22", false));
        assertEquals(Optional.of(new HostAddress("::1", 22)), HostAddress.parse("[::1]:22", false));
        assertEquals(Optional.of(new HostAddress("fe80::1", null)), HostAddress.parse("fe80::1", false));
        assertEquals(Optional.of(new HostAddress("node[1:3]", 22)), HostAddress.parse("node[1:3]:22", true));
        assertEquals(Optional.of(new HostAddress("db.example.com", null)), HostAddress.parse("db.example.com", false));
    }

    @Test
    void notAnAddress() {
        assertTrue(HostAddress.parse("web:db", true).isEmpty(), "two patterns, not a host with a port");
        assertTrue(HostAddress.parse("web*", true).isEmpty());
        assertTrue(HostAddress.parse("node[1:3]", false).isEmpty(), "ranges only where allowed");
        assertTrue(HostAddress.parse("bad_", true).isEmpty(), "a label may not end with _");
        assertEquals(new HostAddress("web*:22", null), HostAddress.ofEntry("web*:22"), "kept whole, as Ansible");
    }
}
