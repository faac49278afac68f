package dev.drover.inventory.pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drover.protocol.text.Fnmatch;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected splits are those of ansible-core's {@code split_host_pattern} and {@code order_patterns}. */
class PatternTermsTest {

    @Test
    void split() {
        assertEquals(List.of("a", "b[1]", "c[2:3]", "d"), PatternTerms.split("a,b[1], c[2:3] , d"));
        assertEquals(List.of("web", "&db", "!db2"), PatternTerms.split("web:&db:!db2"));
        assertEquals(List.of("node[1:3]"), PatternTerms.split("node[1:3]"), "a range is one term");
        assertEquals(List.of("db1:2222"), PatternTerms.split("db1:2222"), "host:port is one term");
        assertEquals(List.of("fe80::1"), PatternTerms.split("fe80::1"));
        assertEquals(List.of("web*", "db?"), PatternTerms.split("web*:db?"));
        assertEquals(List.of("web", "db"), PatternTerms.split("web db"));
    }

    @Test
    void order() {
        assertEquals(List.of("a", "c", "&b", "!d"), PatternTerms.order(List.of("!d", "a", "&b", "c")));
        assertEquals(List.of("all", "&b", "!d"), PatternTerms.order(List.of("!d", "&b")), "no union term: start from all");
    }

    @Test
    void globs() {
        assertEquals(true, Fnmatch.matches("node1", "node?"));
        assertEquals(false, Fnmatch.matches("node10", "node?"));
        assertEquals(true, Fnmatch.matches("web.example.com", "web*"));
        assertEquals(true, Fnmatch.matches("db2", "db[!1]"));
        assertEquals(false, Fnmatch.matches("db1", "db[!1]"));
        assertEquals(false, Fnmatch.matches("webX", "web."), "a dot is literal in a glob");
        assertEquals(true, Fnmatch.matches("a[b", "a[b"), "an unclosed [ is literal");
    }
}
