package dev.drover.inventory.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.inventory.Group;
import dev.drover.inventory.Host;
import dev.drover.inventory.Inventory;
import dev.drover.inventory.TestInventories;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The INI format against what ansible-core 2.14's ini plugin produced for the same files
 * ({@code ansible-inventory -i values.ini --list --export}, recorded in ansible/values.export.json).
 */
class IniInventoryTest {

    private static Map<String, Object> own(Inventory inv, String host) {
        return inv.host(host).orElseThrow().vars();
    }

    @Test
    void hostLineValuesAreShellSplitThenPythonLiterals() throws Exception {
        Inventory inv = TestInventories.load("values.ini");
        Map<String, Object> h1 = own(inv, "h1");
        assertEquals(5, h1.get("q"), "quotes are removed by the shell split, then 5 is a number");
        assertEquals("true", h1.get("t"));
        assertEquals(true, h1.get("T"));
        assertEquals("FALSE", h1.get("F"));
        assertTrue(h1.containsKey("n"));
        assertNull(h1.get("n"));
        assertEquals("", h1.get("e"));
        assertEquals("a b", h1.get("sp"));
        assertEquals(1, h1.get("x y"));
        assertEquals(-1, h1.get("neg"));
        assertEquals(16, h1.get("hex"));
        assertEquals(List.of(1, 2), h1.get("tup"));
        assertEquals(Map.of("a", 1), h1.get("d"));
        assertEquals(1, h1.get("c"), "# starts a comment inside a word");
        assertEquals(List.of("q", "t", "T", "F", "n", "e", "sp", "x y", "neg", "hex", "tup", "d", "c"),
                List.copyOf(h1.keySet()), "variables keep their written order");

        Map<String, Object> h2 = own(inv, "h2");
        assertEquals(3000, h2.get("ansible_port"), "an explicit ansible_port wins over host:port");
        assertEquals(1.5, h2.get("f"));
        assertEquals(new BigInteger("12345678901234567890"), h2.get("big"));
        assertEquals(Arrays.asList(1, "two", null), h2.get("lst"));
        assertEquals("007", h2.get("zero"));
        assertEquals("5.2.7", h2.get("ver"));

        Map<String, Object> h3 = own(inv, "h3");
        assertEquals(2202, h3.get("ansible_port"), "host:port sets ansible_port as a number");
        assertEquals("a\"b", h3.get("esc"));
        assertEquals("its", h3.get("single"), "'it''s' is two adjacent quoted parts in a shell word");
        assertEquals("/opt/alfresco", h3.get("path"));
    }

    @Test
    void groupVarsAreLiteralsWithTheirQuotesKept() throws Exception {
        Map<String, Object> vars = TestInventories.load("values.ini").group("g").orElseThrow().vars();
        assertEquals("5", vars.get("v1"), "x=\"5\" in [g:vars] is the string 5");
        assertEquals("spaced value", vars.get("v2"));
        assertEquals("true", vars.get("v3"));
        assertNull(vars.get("v4"));
        assertTrue(vars.containsKey("v4"));
        assertEquals("single", vars.get("v5"));
        assertEquals("a=b", vars.get("v6"));
        assertEquals("", vars.get("v7"));
        assertEquals("hello # not a comment here", vars.get("v8"));
        assertEquals(1, vars.get("v9"));
        assertEquals(List.of(1, 2), vars.get("v10"));
    }

    @Test
    void sectionsBuildTheTree() throws Exception {
        Inventory inv = TestInventories.load("precedence.ini");
        assertEquals(List.of("all", "ungrouped", "top", "mid", "leaf", "alpha", "beta", "zeta"),
                inv.groups().stream().map(Group::name).toList(), "first-seen order");
        assertEquals(List.of("ungrouped", "top", "alpha", "beta", "zeta"), inv.group("all").orElseThrow().children(),
                "only groups without a parent hang under all");
        assertEquals(List.of("mid"), inv.group("top").orElseThrow().children());
        assertEquals(List.of("h1", "h2", "h4"), inv.group("leaf").orElseThrow().hosts());
        assertEquals(5, inv.group("alpha").orElseThrow().priority());
        assertTrue(!inv.group("alpha").orElseThrow().vars().containsKey("ansible_group_priority"),
                "the priority is not a variable");
        assertEquals(Map.of("v", "all", "only_all", 1), inv.group("all").orElseThrow().vars());
    }

    @Test
    void hostsBeforeAnySectionAreUngroupedAndRangesExpand() throws Exception {
        Inventory lab = InventorySources.load(TestInventories.example("lab.ini").toString());
        assertEquals(List.of("web1"), lab.group(Group.UNGROUPED).orElseThrow().hosts());
        Inventory ranges = TestInventories.load("ranges.ini");
        assertEquals(List.of("node1", "node2", "node3"), ranges.group("plain").orElseThrow().hosts());
        assertEquals(List.of("node08", "node09", "node10", "node11"), ranges.group("padded").orElseThrow().hosts());
        assertEquals(List.of("db-a.example.com", "db-b.example.com", "db-c.example.com"),
                ranges.group("letters").orElseThrow().hosts());
        assertEquals(List.of("app1", "app4", "app7", "app10"), ranges.group("stride").orElseThrow().hosts());
        assertEquals(List.of("r1-na", "r1-nb", "r2-na", "r2-nb"), ranges.group("nested").orElseThrow().hosts());
        assertEquals(Map.of("ansible_port", 2222), own(ranges, "web1"));
        assertEquals(Map.of("ansible_port", 2200, "ansible_user", "deploy"), own(ranges, "web3"),
                "a port and variables on a range line apply to every host of it");
    }

    @Test
    void childrenMayBeNamedBeforeTheyAreDeclared() throws Exception {
        Inventory inv = TestInventories.load("precedence.ini");
        assertEquals(List.of("top"), inv.parentsOf("mid"));
        assertEquals(List.of("mid"), inv.parentsOf("leaf"));
        Host h1 = inv.host("h1").orElseThrow();
        assertEquals(List.of("alpha", "beta", "leaf", "mid", "top"), inv.groupNames(h1));
    }
}
