package dev.drover.inventory.source;

import dev.drover.inventory.Group;
import dev.drover.inventory.Host;
import dev.drover.inventory.Inventory;
import dev.drover.inventory.InventoryException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The mutable inventory that parsers fill, source after source; Ansible's {@code InventoryData}.
 * Later sources add to and override earlier ones. {@link #build()} applies Ansible's reconcile
 * rules and freezes the result. Not thread-safe; one builder per load.
 */
final class InventoryBuilder {
    private static final String PRIORITY_VAR = "ansible_group_priority";

    private final Map<String, GroupDraft> groups = new LinkedHashMap<>();
    private final Map<String, HostDraft> hosts = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private Path currentFile;

    private static final class GroupDraft {
        final String name;
        final Map<String, Object> vars = new LinkedHashMap<>();
        final List<String> children = new ArrayList<>();
        final Set<String> parents = new LinkedHashSet<>();
        final Set<String> hosts = new LinkedHashSet<>();
        final Map<String, Object> fileVars = new LinkedHashMap<>();
        int priority = Group.DEFAULT_PRIORITY;

        GroupDraft(String name) {
            this.name = name;
        }
    }

    private static final class HostDraft {
        final String name;
        final Map<String, Object> vars = new LinkedHashMap<>();
        final Map<String, Object> fileVars = new LinkedHashMap<>();
        final Path file;

        HostDraft(String name, Path file) {
            this.name = name;
            this.file = file;
        }
    }

    InventoryBuilder() {
        addGroup(Group.ALL);
        addGroup(Group.UNGROUPED);
        link(Group.ALL, Group.UNGROUPED);
    }

    /** Hosts created from now on record this file as their {@code inventory_file}; null for host lists. */
    void startSource(Path absoluteFile) {
        this.currentFile = absoluteFile;
    }

    boolean hasGroup(String name) {
        return groups.containsKey(name);
    }

    void addGroup(String name) {
        groups.computeIfAbsent(name, GroupDraft::new);
    }

    /**
     * Adds the host if new (with {@code ansible_port} from a {@code host:port} pattern, as Ansible
     * does only on creation) and makes it a member of {@code group}, which must exist.
     */
    void addHost(String name, String group, Integer port) {
        HostDraft h = hosts.get(name);
        if (h == null) {
            h = new HostDraft(name, currentFile);
            hosts.put(name, h);
            if (port != null) {
                h.vars.put("ansible_port", port);
            }
        }
        groups.get(group).hosts.add(name);
    }

    void setHostVar(String host, String key, Object value) {
        hosts.get(host).vars.put(key, value);
    }

    /** Sets a group variable; {@code ansible_group_priority} sets the priority instead, as in Ansible. */
    void setGroupVar(String group, String key, Object value, Location where) throws InventoryException {
        GroupDraft g = groups.get(group);
        if (PRIORITY_VAR.equals(key)) {
            g.priority = priority(value, where);
        } else {
            g.vars.put(key, value);
        }
    }

    private static int priority(Object value, Location where) throws InventoryException {
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
            return ((Number) value).intValue();
        }
        if (value instanceof String s) {
            try {
                return Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw where.error(PRIORITY_VAR + " must be a whole number, got '" + value + "'");
    }

    /** Makes {@code child} a child group of {@code parent}; both must exist. Rejects cycles. */
    void addChild(String parent, String child, Location where) throws InventoryException {
        if (parent.equals(child)) {
            throw where.error("group '" + parent + "' cannot be a child of itself");
        }
        if (child.equals(Group.ALL)) {
            // Every group ends up under all, so all under anything is a cycle (Ansible fails later).
            throw where.error("group 'all' cannot be a child of '" + parent + "': every group is already inside 'all'");
        }
        if (groups.get(parent).children.contains(child)) {
            return;
        }
        List<String> path = pathDown(child, parent);
        if (path != null) {
            throw where.error("group cycle: making '" + child + "' a child of '" + parent + "' would close the loop "
                    + String.join(" -> ", path) + " -> " + child + "; remove one of these child relations");
        }
        link(parent, child);
    }

    private void link(String parent, String child) {
        groups.get(parent).children.add(child);
        groups.get(child).parents.add(parent);
    }

    /** A child-relation path from {@code from} down to {@code to}, or null if there is none. */
    private List<String> pathDown(String from, String to) {
        Deque<List<String>> queue = new ArrayDeque<>();
        Set<String> seen = new LinkedHashSet<>();
        queue.add(List.of(from));
        while (!queue.isEmpty()) {
            List<String> path = queue.poll();
            String last = path.get(path.size() - 1);
            if (last.equals(to)) {
                return path;
            }
            for (String c : groups.get(last).children) {
                if (seen.add(c)) {
                    List<String> longer = new ArrayList<>(path);
                    longer.add(c);
                    queue.add(longer);
                }
            }
        }
        return null;
    }

    List<String> groupNames() {
        return List.copyOf(groups.keySet());
    }

    List<String> hostNames() {
        return List.copyOf(hosts.keySet());
    }

    /**
     * Variables from group_vars files, merged over earlier ones. Unlike inventory group vars,
     * {@code ansible_group_priority} here is an ordinary variable: Ansible reads these files after
     * the groups are sorted, so it does not change the priority either.
     */
    void addGroupFileVars(String group, Map<String, Object> vars) {
        groups.get(group).fileVars.putAll(vars);
    }

    void addHostFileVars(String host, Map<String, Object> vars) {
        hosts.get(host).fileVars.putAll(vars);
    }

    void warn(String warning) {
        warnings.add(warning);
    }

    /**
     * Ansible's {@code reconcile_inventory}: groups without a parent become children of
     * {@code all}; hosts in no group but {@code all} go to {@code ungrouped}, and hosts a parser put
     * in {@code ungrouped} but that belong to another group leave it.
     */
    Inventory build() {
        for (GroupDraft g : groups.values()) {
            if (!g.name.equals(Group.ALL) && g.parents.isEmpty()) {
                link(Group.ALL, g.name);
            }
        }
        Map<String, Integer> membership = new HashMap<>();
        for (GroupDraft g : groups.values()) {
            if (!g.name.equals(Group.ALL) && !g.name.equals(Group.UNGROUPED)) {
                for (String h : g.hosts) {
                    membership.merge(h, 1, Integer::sum);
                }
            }
        }
        GroupDraft ungrouped = groups.get(Group.UNGROUPED);
        for (HostDraft h : hosts.values()) {
            if (membership.containsKey(h.name)) {
                ungrouped.hosts.remove(h.name);
            } else {
                ungrouped.hosts.add(h.name);
            }
        }
        for (String name : hosts.keySet()) {
            if (groups.containsKey(name)) {
                warnings.add("Found both group and host with same name: " + name);
            }
        }
        List<Group> frozenGroups = new ArrayList<>();
        for (GroupDraft g : groups.values()) {
            frozenGroups.add(new Group(g.name, g.vars, g.priority, g.children, List.copyOf(g.hosts), g.fileVars));
        }
        List<Host> frozenHosts = new ArrayList<>();
        for (HostDraft h : hosts.values()) {
            frozenHosts.add(new Host(h.name, h.vars, Optional.ofNullable(h.file), h.fileVars));
        }
        return new Inventory(frozenGroups, frozenHosts, warnings);
    }
}
