package dev.drover.inventory.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drover.inventory.Inventory;
import dev.drover.inventory.TestInventories;
import dev.drover.inventory.source.InventorySources;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * drover's {@code --list}, {@code --list --export}, {@code --graph} and {@code --graph --vars}
 * against the output of real ansible-inventory recorded in src/test/resources/inventory/ansible
 * (see the README there). Byte-for-byte equality: users diff the two.
 */
class OutputMatchesAnsibleTest {

    static Inventory load(String name) throws Exception {
        return switch (name) {
            case "lab" -> InventorySources.load(TestInventories.example("lab.ini").toString());
            case "merge" -> TestInventories.load("merge-first.ini", "merge-second.yml");
            case "varsdirs" -> TestInventories.load("vars-dirs/hosts.ini");
            case "precedence", "features" -> TestInventories.load(name + ".yml");
            default -> TestInventories.load(name + ".ini");
        };
    }

    static String recorded(String file) throws Exception {
        return Files.readString(TestInventories.path("ansible/" + file)).stripTrailing();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "lab, list", "lab, export", "lab, graph", "lab, graph-vars",
        "precedence, list", "precedence, export", "precedence, graph", "precedence, graph-vars",
        "values, list", "values, export", "values, graph",
        "ranges, list", "ranges, export", "ranges, graph", "ranges, graph-vars",
        "features, list", "features, export", "features, graph", "features, graph-vars",
        "merge, list", "merge, export", "merge, graph", "merge, graph-vars",
        "varsdirs, list", "varsdirs, export", "varsdirs, graph-vars"})
    void sameAsAnsibleInventory(String name, String mode) throws Exception {
        Inventory inv = load(name);
        String ours = switch (mode) {
            case "list" -> InventoryJson.list(inv);
            case "export" -> InventoryJson.list(inv, true);
            case "graph" -> InventoryGraph.render(inv, "all", false);
            default -> InventoryGraph.render(inv, "all", true);
        };
        String file = name + "." + mode + (mode.startsWith("graph") ? ".txt" : ".json");
        assertEquals(recorded(file), ours);
    }

    /** The one recorded difference: Python tuples print as (1, 2), drover reads them as lists. */
    @Test
    void tuplesAreTheKnownGraphDifference() throws Exception {
        String graph = InventoryGraph.render(load("values"), "all", true);
        List<String> tuple = graph.lines().filter(l -> l.contains("{tup = ")).toList();
        assertEquals(List.of("  |  |  |--{tup = [1, 2]}"), tuple);
    }
}
