package dev.drover.inventory.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostRangeTest {

    @Test
    void numericLetterPaddedSteppedAndNested() throws Exception {
        assertEquals(List.of("node1", "node2", "node3"), HostRange.expand("node[1:3]"));
        assertEquals(List.of("node08", "node09", "node10", "node11"), HostRange.expand("node[08:11]"));
        assertEquals(List.of("db-a.x", "db-b.x", "db-c.x"), HostRange.expand("db-[a:c].x"));
        assertEquals(List.of("app1", "app4", "app7", "app10"), HostRange.expand("app[1:10:3]"));
        assertEquals(List.of("r1-na", "r1-nb", "r2-na", "r2-nb"), HostRange.expand("r[1:2]-n[a:b]"));
        assertEquals(List.of("n0", "n1"), HostRange.expand("n[:1]"), "a missing begin is 0, as in Ansible");
        assertEquals(List.of("yz", "yA"), HostRange.expand("y[z:A]"), "letters run on from z to A like Python's ascii_letters");
    }

    @Test
    void malformedRangesSayWhy() {
        assertMessage("node[1:x]", "malformed host range 'node[1:x]': end 'x' is not a number");
        assertMessage("node[5:1]", "begin 5 is greater than end 1");
        assertMessage("node[c:a]", "begin 'c' comes after end 'a'");
        assertMessage("node[01:100]", "zero-padded range needs begin and end of the same width");
        assertMessage("node[1]", "a range is [begin:end] or [begin:end:step]");
        assertMessage("node[1:3", "'[' is not closed by ']'");
        assertMessage("node[1:]", "no end value");
        assertMessage("node[1:5:0]", "the step must be 1 or more");
        assertMessage("n[1:100000]x[1:2]", "more than " + HostRange.MAX_HOSTS + " hosts");
    }

    private static void assertMessage(String pattern, String fragment) {
        HostRange.RangeException e = assertThrows(HostRange.RangeException.class, () -> HostRange.expand(pattern));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
