package dev.drover.inventory.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.inventory.Group;
import dev.drover.inventory.Inventory;
import dev.drover.inventory.TestInventories;
import dev.drover.inventory.output.InventoryJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The YAML format; expectations match ansible-inventory's output on the same files (ansible/*.json). */
class YamlInventoryTest {

    @Test
    void yaml11ScalarsAnchorsAndMergeKeys() throws Exception {
        Inventory inv = TestInventories.load("features.yml");
        Map<String, Object> all = inv.group(Group.ALL).orElseThrow().vars();
        assertEquals(true, all.get("enabled"), "yes is a boolean in YAML 1.1, as in PyYAML");
        assertEquals(493, all.get("mode"), "0755 is octal in YAML 1.1");
        assertEquals(0.5, all.get("ratio"));
        assertEquals("5", all.get("quoted"));
        assertTrue(all.containsKey("nothing"));
        assertNull(all.get("nothing"));

        Map<String, Object> db1 = inv.host("db1").orElseThrow().vars();
        assertEquals("local", db1.get("ntp"), "a key written next to a merge key wins");
        assertEquals(493, db1.get("mode"), "merged from the anchor");
    }

    @Test
    void groupsMayBeDefinedInSeveralPlacesAndAtTopLevel() throws Exception {
        Inventory inv = TestInventories.load("features.yml");
        assertEquals(List.of("web1"), inv.group("web").orElseThrow().hosts(), "hosts: web1 (a string) is one host");
        assertEquals(List.of("db1", "db2", "db3"), inv.group("db").orElseThrow().hosts());
        assertEquals(Map.of("port", 5432), inv.group("db").orElseThrow().vars());
        assertEquals(List.of("db"), inv.group("databases").orElseThrow().children());
        assertEquals(List.of("all", "databases"), inv.parentsOf("db"));
        assertEquals(List.of("ungrouped", "web", "db", "databases"), inv.group(Group.ALL).orElseThrow().children());
        assertEquals(List.of("solo"), inv.group(Group.UNGROUPED).orElseThrow().hosts());
        assertEquals(Map.of(), inv.host("db2").orElseThrow().vars(), "a host with no value has no variables");
    }

    @Test
    void rangesAndPortsInHostKeys() throws Exception {
        Inventory yaml = TestInventories.load("ranges.yml");
        Inventory ini = TestInventories.load("ranges.ini");
        assertEquals(InventoryJson.list(ini, true), InventoryJson.list(yaml, true), "same inventory in both formats");
        assertEquals(Map.of("ansible_port", 2200, "ansible_user", "deploy"), yaml.host("web2").orElseThrow().vars());
    }

    @Test
    void theLabReadsTheSameInBothFormats() throws Exception {
        Inventory ini = InventorySources.load(TestInventories.example("lab.ini").toString());
        Inventory yaml = InventorySources.load(TestInventories.example("lab.yml").toString());
        assertEquals(InventoryJson.list(ini), InventoryJson.list(yaml));
        assertEquals(InventoryJson.list(ini, true), InventoryJson.list(yaml, true));
        Map<String, Object> node2 = yaml.inventoryVars("node2");
        assertEquals("127.0.0.12", node2.get("ansible_host"));
        assertEquals(2222, node2.get("ansible_port"));
        assertEquals("drover", node2.get("ansible_user"));
        assertEquals(".drover/lab/id_ed25519", node2.get("ansible_ssh_private_key_file"));
        assertEquals(".drover/lab/known_hosts", node2.get("drover_known_hosts_file"));
        assertEquals("-o UserKnownHostsFile=.drover/lab/known_hosts", node2.get("ansible_ssh_common_args"));
        assertEquals("5.2.7", node2.get("acs_version"));
        assertEquals("local", yaml.inventoryVars("web1").get("ansible_connection"));
        assertTrue(!yaml.inventoryVars("web1").containsKey("acs_version"));
    }

    @Test
    void skippedKeysAndDuplicatesAreWarningsWithPositions() throws Exception {
        java.nio.file.Path f = java.nio.file.Files.createTempFile("inv", ".yml");
        try {
            java.nio.file.Files.writeString(f, "all:\n  hosts:\n    a:\n  ansible_user: x\n  vars:\n    k: 1\n    k: 2\nfoo: bar\n");
            Inventory inv = InventorySources.load(f.toString());
            assertEquals(2, inv.group(Group.ALL).orElseThrow().vars().get("k"));
            List<String> w = inv.warnings();
            assertEquals(3, w.size(), w.toString());
            assertTrue(w.get(0).startsWith(f + ":7:5: duplicate key 'k'"), w.get(0));
            assertTrue(w.get(1).startsWith(f + ":4:3: skipping unexpected key 'ansible_user' in group 'all'"), w.get(1));
            assertTrue(w.get(2).startsWith(f + ":8:1: skipping 'foo'"), w.get(2));
        } finally {
            java.nio.file.Files.delete(f);
        }
    }
}
