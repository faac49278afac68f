package dev.drover.inventory.pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        assertEquals(true, "node1".matches(TermMatcher.globToRegex("node?")));
        assertEquals(false, "node10".matches(TermMatcher.globToRegex("node?")));
        assertEquals(true, "web.example.com".matches(TermMatcher.globToRegex("web*")));
        assertEquals(true, "db2".matches(TermMatcher.globToRegex("db[!1]")));
        assertEquals(false, "db1".matches(TermMatcher.globToRegex("db[!1]")));
        assertEquals(false, "webX".matches(TermMatcher.globToRegex("web.")), "a dot is literal in a glob");
        assertEquals(true, "a[b".matches(TermMatcher.globToRegex("a[b")), "an unclosed [ is literal");
    }
}
