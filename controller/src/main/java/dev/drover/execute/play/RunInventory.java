package dev.drover.execute.play;

import dev.drover.inventory.Group;
import dev.drover.inventory.Host;
import dev.drover.inventory.Inventory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run's inventory as {@code add_host} and {@code group_by} change it, as Ansible's in-memory
 * inventory: each change makes a new immutable {@link Inventory}, which the next play selects its
 * hosts from (and reads groups and group variables from). A play already running keeps the inventory
 * it started with. Thread-safe: host threads change it one at a time.
 */
final class RunInventory {
    private volatile Inventory current;

    RunInventory(Inventory start) {
        this.current = start;
    }

    Inventory current() {
        return current;
    }

    /**
     * {@code add_host}: the host (new, or known) with {@code vars} over its own, a member of
     * {@code groups} (created under {@code all} when new); a new host without groups is ungrouped.
     *
     * @return whether anything changed (Ansible's changed)
     */
    synchronized boolean addHost(String name, List<String> groups, Map<String, Object> vars) {
        Inventory inv = current;
        Map<String, Host> hosts = new LinkedHashMap<>();
        inv.hosts().forEach(h -> hosts.put(h.name(), h));
        Map<String, Group> all = new LinkedHashMap<>();
        inv.groups().forEach(g -> all.put(g.name(), g));
        boolean changed = false;
        Host old = hosts.get(name);
        Map<String, Object> merged = new LinkedHashMap<>(old == null ? Map.of() : old.vars());
        merged.putAll(vars);
        if (old == null || !merged.equals(old.vars())) {
            hosts.put(name, old == null ? new Host(name, merged, Optional.empty())
                    : new Host(name, merged, old.inventoryFile(), old.fileVars()));
            changed = true;
        }
        List<String> into = new ArrayList<>(groups);
        if (old == null && into.isEmpty()) {
            into.add(Group.UNGROUPED);
        }
        for (String g : into) {
            changed |= join(all, g, name, List.of(Group.ALL));
        }
        if (changed) {
            current = new Inventory(all.values(), hosts.values(), inv.warnings());
        }
        return changed;
    }

    /**
     * {@code group_by}: {@code host} joins {@code group}, created as a child of {@code parents}
     * (themselves created under {@code all} when new).
     */
    synchronized boolean groupBy(String host, String group, List<String> parents) {
        Inventory inv = current;
        Map<String, Group> all = new LinkedHashMap<>();
        inv.groups().forEach(g -> all.put(g.name(), g));
        boolean changed = false;
        for (String parent : parents) {
            if (!all.containsKey(parent)) {
                changed |= join(all, parent, null, List.of(Group.ALL));
            }
        }
        changed |= join(all, group, host, parents);
        if (changed) {
            current = new Inventory(all.values(), inv.hosts(), inv.warnings());
        }
        return changed;
    }

    /** Adds the group (under {@code parents}) if missing, and the host to it if given and not in it. */
    private static boolean join(Map<String, Group> all, String name, String host, List<String> parents) {
        boolean changed = false;
        Group g = all.get(name);
        if (g == null) {
            g = new Group(name, Map.of(), Group.DEFAULT_PRIORITY, List.of(), List.of());
            all.put(name, g);
            changed = true;
        }
        for (String p : parents) {
            Group parent = all.get(p);
            if (parent != null && !p.equals(name) && !parent.children().contains(name)) {
                List<String> children = new ArrayList<>(parent.children());
                children.add(name);
                all.put(p, new Group(p, parent.vars(), parent.priority(), children, parent.hosts(), parent.fileVars()));
            }
        }
        Group ungrouped = all.get(Group.UNGROUPED);
        if (host != null && !name.equals(Group.UNGROUPED) && !name.equals(Group.ALL) && ungrouped != null
                && ungrouped.hosts().contains(host)) {
            List<String> rest = new ArrayList<>(ungrouped.hosts());
            rest.remove(host); // as Ansible: a host that joins a group leaves ungrouped
            all.put(Group.UNGROUPED, new Group(Group.UNGROUPED, ungrouped.vars(), ungrouped.priority(),
                    ungrouped.children(), rest, ungrouped.fileVars()));
        }
                if (host != null && !g.hosts().contains(host)) {
            List<String> members = new ArrayList<>(g.hosts());
            members.add(host);
            all.put(name, new Group(name, g.vars(), g.priority(), g.children(), members, g.fileVars()));
            changed = true;
        }
        return changed;
    }
}
