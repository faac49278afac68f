package dev.drover.inventory.output;

import dev.drover.inventory.Group;
import dev.drover.inventory.Inventory;
import dev.drover.inventory.InventoryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code ansible-inventory --graph [GROUP] [--vars]} output, line for line:
 *
 * <pre>
 * &#64;all:
 *   |--&#64;ungrouped:
 *   |  |--web1
 *   |--&#64;acs:
 *   |  |--&#64;nodes:
 *   |  |  |--node1
 * </pre>
 *
 * Child groups come before a group's own hosts; a group with two parents appears under both;
 * {@code all} lists no hosts of its own. With variables, each host is followed by its merged
 * variables and each group ends with its own, sorted by name, as {@code {name = value}} with
 * Python's formatting of the value.
 */
public final class InventoryGraph {
    private InventoryGraph() {
    }

    /**
     * @param rootGroup the group to start at ({@code all} for the whole inventory)
     * @throws InventoryException if there is no such group (the message suggests the closest)
     */
    public static String render(Inventory inventory, String rootGroup, boolean withVars) throws InventoryException {
        Group root = inventory.requireGroup(rootGroup);
        List<String> lines = new ArrayList<>();
        group(inventory, root, 0, withVars, lines);
        return String.join("\n", lines);
    }

    private static void group(Inventory inv, Group group, int depth, boolean withVars, List<String> lines) {
        lines.add(line("@" + group.name() + ":", depth));
        for (String child : group.children()) {
            group(inv, inv.group(child).orElseThrow(), depth + 1, withVars, lines);
        }
        if (!group.name().equals(Group.ALL)) {
            for (String host : group.hosts()) {
                lines.add(line(host, depth + 1));
                if (withVars) {
                    vars(InventoryJson.hostVars(inv, inv.host(host).orElseThrow()), depth + 2, lines);
                }
            }
        }
        if (withVars) {
            vars(InventoryJson.groupVars(group), depth + 1, lines);
        }
    }

    private static void vars(Map<String, Object> vars, int depth, List<String> lines) {
        for (Map.Entry<String, Object> e : new TreeMap<>(vars).entrySet()) {
            lines.add(line("{" + e.getKey() + " = " + PythonText.str(e.getValue()) + "}", depth));
        }
    }

    private static String line(String name, int depth) {
        return depth == 0 ? name : "  |".repeat(depth) + "--" + name;
    }
}
