package dev.drover.inventory.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.inventory.Inventory;
import dev.drover.inventory.InventoryException;
import dev.drover.inventory.TestInventories;
import dev.drover.inventory.source.InventorySources;
import org.junit.jupiter.api.Test;

class InventoryGraphTest {

    @Test
    void subtreeOfOneGroup() throws Exception {
        Inventory lab = InventorySources.load(TestInventories.example("lab.yml").toString());
        // ansible-inventory -i lab.yml --graph acs
        assertEquals("""
                @acs:
                  |--@nodes:
                  |  |--node1
                  |  |--node2
                  |  |--node3""", InventoryGraph.render(lab, "acs", false));
        String withVars = InventoryGraph.render(lab, "nodes", true);
        assertTrue(withVars.startsWith("@nodes:\n  |--node1\n  |  |--{acs_version = 5.2.7}\n  |  |--{ansible_host = 127.0.0.11}\n"),
                withVars);
        assertTrue(withVars.endsWith("  |--{ansible_user = drover}\n  |--{drover_known_hosts_file = .drover/lab/known_hosts}"),
                withVars);
    }

    @Test
    void anUnknownRootGroupSuggests() throws Exception {
        Inventory lab = InventorySources.load(TestInventories.example("lab.ini").toString());
        InventoryException e = assertThrows(InventoryException.class, () -> InventoryGraph.render(lab, "node", false));
        assertTrue(e.getMessage().startsWith("no group 'node' in the inventory; did you mean 'nodes'?"), e.getMessage());
    }
}
