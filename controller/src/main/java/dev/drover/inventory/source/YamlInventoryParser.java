package dev.drover.inventory.source;

import dev.drover.inventory.InventoryException;
import dev.drover.inventory.source.YamlTree.Entry;
import dev.drover.inventory.source.YamlTree.MapNode;
import dev.drover.inventory.source.YamlTree.Node;
import dev.drover.inventory.source.YamlTree.ScalarNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's YAML inventory format, read the way ansible-core's {@code yaml} plugin reads it: the
 * top level maps group names (usually just {@code all}) to groups; a group may have {@code hosts}
 * (host name or range to its variables, or nothing), {@code vars} and {@code children} (child
 * group name to a group, recursively). A group may appear in several places; its definitions add
 * up. As in Ansible, a string where a mapping is expected ({@code hosts: node1}) means one entry
 * with no value, and other keys in a group are skipped with a warning.
 */
final class YamlInventoryParser {
    private static final List<String> SECTIONS = List.of("vars", "children", "hosts");

    private final InventoryBuilder inventory;

    YamlInventoryParser(InventoryBuilder inventory) {
        this.inventory = inventory;
    }

    /** Whether a parsed document is meant as a YAML inventory: a mapping (Ansible's test too). */
    static boolean looksLikeInventory(Node root) {
        return root instanceof MapNode;
    }

    void parse(String file, Node root) throws InventoryException {
        if (root == null) {
            throw InventoryException.at(file, 1, 1, "the YAML inventory is empty; start it with 'all:'");
        }
        if (!(root instanceof MapNode top)) {
            throw root.where().error("a YAML inventory is a mapping of group names (usually 'all:'), found " + root.kind());
        }
        Entry plugin = top.entries().get("plugin");
        if (plugin != null) {
            throw plugin.where().error("this is the configuration of Ansible inventory plugin '" + plugin.value().plain()
                    + "', which drover does not run; export it with 'ansible-inventory -i FILE --list -y' and use the result");
        }
        for (Entry e : top.entries().values()) {
            Node value = e.value();
            if (value instanceof MapNode || isNull(value)) {
                group(e.key(), value);
            } else {
                inventory.warn(e.where() + ": skipping '" + e.key() + "' as this is not a valid group definition ("
                        + "found " + value.kind() + ", expected a mapping with hosts, vars or children)");
            }
        }
    }

    private void group(String name, Node node) throws InventoryException {
        inventory.addGroup(name);
        if (!(node instanceof MapNode map)) {
            return;
        }
        for (Entry e : map.entries().values()) {
            Node value = e.value();
            if (isNull(value)) {
                continue;
            }
            if (!SECTIONS.contains(e.key())) {
                inventory.warn(e.where() + ": skipping unexpected key '" + e.key() + "' in group '" + name
                        + "'; only 'vars', 'children' and 'hosts' are valid (host variables go under hosts: NAME:)");
                continue;
            }
            Map<String, Entry> entries = sectionEntries(name, e);
            switch (e.key()) {
                case "vars" -> {
                    for (Entry v : entries.values()) {
                        inventory.setGroupVar(name, v.key(), v.value() == null ? null : v.value().plain(), v.where());
                    }
                }
                case "children" -> {
                    for (Entry c : entries.values()) {
                        if (c.value() != null && !(c.value() instanceof MapNode) && !isNull(c.value())) {
                            throw c.value().where().error("expected a mapping for group '" + c.key() + "' under 'children' of '"
                                    + name + "', found " + c.value().kind());
                        }
                        group(c.key(), c.value());
                        inventory.addChild(name, c.key(), c.where());
                    }
                }
                default -> {
                    for (Entry h : entries.values()) {
                        hosts(name, h);
                    }
                }
            }
        }
    }

    /**
     * The entries of a {@code vars}, {@code children} or {@code hosts} section. A lone string is one
     * entry without a value (Ansible's rule); anything else but a mapping is an error.
     */
    private static Map<String, Entry> sectionEntries(String group, Entry section) throws InventoryException {
        Node value = section.value();
        if (value instanceof MapNode m) {
            return m.entries();
        }
        if (value instanceof ScalarNode s && s.value() instanceof String text) {
            Map<String, Entry> one = new LinkedHashMap<>();
            one.put(text, new Entry(text, s.where(), null));
            return one;
        }
        String what = switch (section.key()) {
            case "hosts" -> "a mapping of hosts (name: variables)";
            case "children" -> "a mapping of child groups";
            default -> "a mapping of variables";
        };
        String hint = value instanceof YamlTree.ListNode && section.key().equals("hosts")
                ? "; write each host as 'name:' on its own line, without '- '" : "";
        throw value.where().error("expected " + what + " under '" + section.key() + "' of group '" + group + "', found "
                + value.kind() + hint);
    }

    private void hosts(String group, Entry h) throws InventoryException {
        Map<String, Object> vars = Map.of();
        Node value = h.value();
        if (value instanceof MapNode m) {
            vars = new LinkedHashMap<>();
            for (Entry v : m.entries().values()) {
                vars.put(v.key(), v.value().plain());
            }
        } else if (value != null && !isNull(value)) {
            throw value.where().error("expected a mapping of variables for host '" + h.key() + "' in group '" + group
                    + "', found " + value.kind() + " (write 'key: value' lines under the host)");
        }
        HostAddress address = HostAddress.ofEntry(h.key());
        List<String> names;
        try {
            names = HostRange.hasRange(address.host()) ? HostRange.expand(address.host()) : List.of(address.host());
        } catch (HostRange.RangeException e) {
            throw h.where().error(e.getMessage());
        }
        for (String name : names) {
            inventory.addHost(name, group, address.port());
            for (Map.Entry<String, Object> v : vars.entrySet()) {
                inventory.setHostVar(name, v.getKey(), v.getValue());
            }
        }
    }

    private static boolean isNull(Node node) {
        return node == null || (node instanceof ScalarNode s && s.value() == null);
    }
}
