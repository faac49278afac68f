package dev.drover.inventory.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.inventory.Inventory;
import dev.drover.inventory.InventoryException;
import dev.drover.inventory.TestInventories;
import dev.drover.inventory.source.InventorySources;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shape of {@code --list}; byte equality with Ansible is in {@link OutputMatchesAnsibleTest}. */
class InventoryJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void listShape() throws Exception {
        Inventory lab = InventorySources.load(TestInventories.example("lab.ini").toString());
        JsonNode list = JSON.readTree(InventoryJson.list(lab));
        assertEquals(List.of("_meta", "acs", "all", "nodes", "ungrouped"), fieldNames(list));
        assertEquals("[\"ungrouped\",\"acs\"]", list.get("all").get("children").toString());
        assertFalse(list.get("all").has("hosts"), "all lists no hosts, as in Ansible");
        assertEquals("[\"nodes\"]", list.get("acs").get("children").toString());
        assertFalse(list.get("acs").has("hosts"), "empty keys are left out");
        assertEquals("[\"node1\",\"node2\",\"node3\"]", list.get("nodes").get("hosts").toString());
        JsonNode node1 = list.get("_meta").get("hostvars").get("node1");
        assertEquals(2222, node1.get("ansible_port").asInt());
        assertEquals("5.2.7", node1.get("acs_version").asText(), "--list flattens group vars into hostvars");
        assertFalse(node1.has("inventory_hostname"), "magic variables are not printed");
        assertFalse(node1.has("inventory_file"));
        assertFalse(list.get("nodes").has("vars"), "group vars only with --export");
    }

    @Test
    void exportKeepsVarsOnGroups() throws Exception {
        Inventory lab = InventorySources.load(TestInventories.example("lab.ini").toString());
        JsonNode export = JSON.readTree(InventoryJson.list(lab, true));
        assertEquals("5.2.7", export.get("acs").get("vars").get("acs_version").asText());
        assertEquals("{\"ansible_host\":\"127.0.0.11\"}", export.get("_meta").get("hostvars").get("node1").toString());
    }

    @Test
    void layoutIsPythons() throws Exception {
        String text = InventoryJson.list(TestInventories.load("ranges.ini"));
        assertTrue(text.startsWith("{\n    \"_meta\": {\n        \"hostvars\": {\n"), text);
        assertTrue(text.contains("\"ansible_port\": 2222\n"), text);
    }

    @Test
    void hostMode() throws Exception {
        Inventory lab = InventorySources.load(TestInventories.example("lab.yml").toString());
        JsonNode web1 = JSON.readTree(InventoryJson.host(lab, "web1"));
        assertEquals("{\"ansible_connection\":\"local\"}", web1.toString(), "ansible-inventory --host web1");
        InventoryException e = assertThrows(InventoryException.class, () -> InventoryJson.host(lab, "node4"));
        assertTrue(e.getMessage().contains("did you mean 'node1'?"), e.getMessage());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
