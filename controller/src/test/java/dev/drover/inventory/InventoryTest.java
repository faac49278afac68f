package dev.drover.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.inventory.source.InventorySources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Variable precedence and magic variables. The expected values are what Ansible computed for the
 * same inventories: {@code ansible-inventory -i precedence.yml --list} (ansible/precedence.list.json)
 * and {@code ansible HOST -m debug -a var=group_names}.
 */
class InventoryTest {

    private static List<String> names(List<Host> hosts) {
        return hosts.stream().map(Host::name).toList();
    }

    @Test
    void deeperGroupsWinThenPriorityThenName() throws Exception {
        for (String file : List.of("precedence.yml", "precedence.ini")) {
            Inventory inv = TestInventories.load(file);
            // h1 is in leaf (depth 3), mid (2), and at depth 1 in top, beta, alpha (priority 5).
            assertEquals("leaf", inv.hostVars("h1").get("v"), file);
            assertEquals(List.of("beta", "top", "alpha", "mid", "leaf"),
                    inv.precedenceOrder(inv.host("h1").orElseThrow()).stream().map(Group::name).toList(),
                    "merge order: depth, then priority (alpha's 5 after the default 1), then name");
            // h3 is in beta and zeta, both depth 1, priority 1: the later name wins.
            assertEquals("zeta", inv.hostVars("h3").get("v"), file);
            // Host vars beat every group.
            assertEquals("host", inv.hostVars("h2").get("v"), file);
            // Variables of all are the base; vars of ancestors are inherited.
            assertEquals(1, inv.hostVars("h3").get("only_all"), file);
            assertEquals("x", inv.hostVars("h4").get("top_only"), file);
            assertFalse(inv.hostVars("h3").containsKey("top_only"), file);
        }
    }

    @Test
    void priorityDecidesBetweenGroupsOfTheSameDepth(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("hosts.ini");
        Files.writeString(f, "[alpha]\nh\n[beta]\nh\n[alpha:vars]\nv=alpha\n[beta:vars]\nv=beta\n");
        assertEquals("beta", InventorySources.load(f.toString()).hostVars("h").get("v"), "same depth and priority: by name");
        Files.writeString(f, Files.readString(f) + "[alpha:vars]\nansible_group_priority=10\n");
        Inventory inv = InventorySources.load(f.toString());
        assertEquals("alpha", inv.hostVars("h").get("v"), "a higher priority is merged later");
        assertEquals(10, inv.group("alpha").orElseThrow().priority());
        assertFalse(inv.hostVars("h").containsKey("ansible_group_priority"));
    }

    @Test
    void depthIsTheLongestParentChain() throws Exception {
        Inventory inv = TestInventories.load("precedence.yml");
        assertEquals(3, inv.depthOf("leaf"), "all > top > mid > leaf, although leaf is also a child of all");
        assertEquals(1, inv.depthOf("top"));
        assertEquals(0, inv.depthOf("all"));
    }

    @Test
    void magicVariables() throws Exception {
        Inventory inv = TestInventories.load("precedence.yml");
        Map<String, Object> h1 = inv.hostVars("h1");
        assertEquals("h1", h1.get("inventory_hostname"));
        assertEquals("h1", h1.get("inventory_hostname_short"));
        assertEquals(List.of("alpha", "beta", "leaf", "mid", "top"), h1.get("group_names"));
        assertEquals(List.of("ungrouped"), inv.hostVars("solo").get("group_names"),
                "real Ansible keeps ungrouped in group_names (only all is left out)");
        @SuppressWarnings("unchecked")
        Map<String, List<String>> groups = (Map<String, List<String>>) h1.get("groups");
        assertEquals(List.of("solo", "h1", "h3", "h2", "h4"), groups.get("all"));
        assertEquals(List.of("h1", "h2", "h4"), groups.get("top"));
        assertEquals(List.of("all", "ungrouped", "top", "mid", "leaf", "alpha", "beta", "zeta"), List.copyOf(groups.keySet()));
        assertEquals(TestInventories.path("precedence.yml").toAbsolutePath().normalize().toString(), h1.get("inventory_file"));
    }

    @Test
    void magicVariablesCannotBeOverriddenButInventoryDirCan() throws Exception {
        Inventory inv = new Inventory(
                List.of(new Group("all", Map.of(), 1, List.of("ungrouped"), List.of()),
                        new Group("ungrouped", Map.of(), 1, List.of(), List.of("db1.example.com", "10.0.0.5"))),
                List.of(new Host("db1.example.com", Map.of("inventory_hostname", "x", "inventory_dir", "/srv"), Optional.empty()),
                        new Host("10.0.0.5", Map.of(), Optional.empty())),
                List.of());
        Map<String, Object> vars = inv.hostVars("db1.example.com");
        assertEquals("db1.example.com", vars.get("inventory_hostname"));
        assertEquals("db1", vars.get("inventory_hostname_short"));
        assertEquals("/srv", vars.get("inventory_dir"), "inventory_dir is an ordinary host variable in Ansible");
        assertEquals("10.0.0.5", inv.hostVars("10.0.0.5").get("inventory_hostname_short"), "IP addresses are not cut");
    }

    @Test
    void implicitLocalhostSeesAllVarsAndRunsLocally() throws Exception {
        Inventory inv = TestInventories.load("precedence.yml");
        Host local = inv.requireHost("localhost");
        assertTrue(inv.isImplicit(local));
        Map<String, Object> vars = inv.hostVars("localhost");
        assertEquals("local", vars.get("ansible_connection"));
        assertEquals("all", vars.get("v"));
        assertEquals(List.of(), vars.get("group_names"));
        assertFalse(vars.containsKey("inventory_file"));
        assertFalse(inv.hosts().contains(local));
        Inventory lab = dev.drover.inventory.source.InventorySources.load("localhost,");
        assertFalse(lab.isImplicit(lab.requireHost("localhost")), "a listed localhost is an ordinary host");
        assertEquals(Map.of(), lab.requireHost("localhost").vars());
    }

    @Test
    void hostOrder() throws Exception {
        Inventory inv = TestInventories.load("precedence.yml");
        assertEquals(List.of("solo", "h1", "h2", "h3", "h4"), names(inv.hosts()), "first seen in the file (h4 comes last, under the second leaf:)");
        assertEquals(List.of("solo", "h1", "h3", "h2", "h4"), names(inv.hostsOf("all")),
                "ansible all --list-hosts: all's children level by level");
        assertEquals(List.of("h1", "h2", "h4"), names(inv.hostsOf("top")));
    }

    @Test
    void unknownNamesSuggestTheClosest() throws Exception {
        Inventory inv = TestInventories.load("precedence.yml");
        InventoryException e = assertThrows(InventoryException.class, () -> inv.requireHost("h11"));
        assertTrue(e.getMessage().startsWith("no host 'h11' in the inventory; did you mean 'h1'? Known hosts: solo, h1, h2, h3, h4"),
                e.getMessage());
        InventoryException g = assertThrows(InventoryException.class, () -> inv.requireGroup("alpa"));
        assertTrue(g.getMessage().contains("did you mean 'alpha'?"), g.getMessage());
        assertThrows(IllegalArgumentException.class, () -> inv.hostVars("nope"));
    }

    @Test
    void constructorRejectsInconsistentModels() {
        Group all = new Group("all", Map.of(), 1, List.of("ungrouped"), List.of());
        Group ungrouped = new Group("ungrouped", Map.of(), 1, List.of(), List.of("ghost"));
        assertThrows(IllegalArgumentException.class, () -> new Inventory(List.of(all, ungrouped), List.of(), List.of()));
        Group a = new Group("a", Map.of(), 1, List.of("b"), List.of());
        Group b = new Group("b", Map.of(), 1, List.of("a"), List.of());
        Group all2 = new Group("all", Map.of(), 1, List.of("ungrouped", "a"), List.of());
        Group ung2 = new Group("ungrouped", Map.of(), 1, List.of(), List.of());
        assertThrows(IllegalArgumentException.class, () -> new Inventory(List.of(all2, ung2, a, b), List.of(), List.of()));
    }
}
