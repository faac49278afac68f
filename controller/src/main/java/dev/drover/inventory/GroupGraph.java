package dev.drover.inventory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The group hierarchy derived once from the groups' child lists: parents, depth, and the hosts of a
 * group including its descendants. Immutable after construction.
 */
final class GroupGraph {
    private final Map<String, Group> groups;
    private final Map<String, List<String>> parents = new HashMap<>();
    private final Map<String, Integer> depth = new HashMap<>();
    private final Map<String, List<String>> hostsOf = new LinkedHashMap<>();
    private final Map<String, List<String>> memberOf = new HashMap<>();

    GroupGraph(Map<String, Group> groups) {
        this.groups = groups;
        for (Group g : groups.values()) {
            parents.putIfAbsent(g.name(), new ArrayList<>());
            for (String child : g.children()) {
                if (!groups.containsKey(child)) {
                    throw new IllegalArgumentException("group '" + g.name() + "' has unknown child group '" + child + "'");
                }
                parents.computeIfAbsent(child, k -> new ArrayList<>()).add(g.name());
            }
        }
        for (Group g : groups.values()) {
            depthOf(g.name(), new HashSet<>());
        }
        for (Group g : groups.values()) {
            List<String> hosts = List.copyOf(collectHosts(g.name()));
            hostsOf.put(g.name(), hosts);
            for (String h : hosts) {
                memberOf.computeIfAbsent(h, k -> new ArrayList<>()).add(g.name());
            }
        }
    }

    /**
     * Ansible's group depth: the length of the longest parent chain up to {@code all} (0). It orders
     * group variables: deeper (more specific) groups are merged later and win.
     */
    private int depthOf(String name, Set<String> visiting) {
        Integer known = depth.get(name);
        if (known != null) {
            return known;
        }
        if (!visiting.add(name)) {
            throw new IllegalArgumentException("group '" + name + "' is its own ancestor");
        }
        int d = 0;
        for (String p : parents.get(name)) {
            d = Math.max(d, depthOf(p, visiting) + 1);
        }
        visiting.remove(name);
        depth.put(name, d);
        return d;
    }

    /**
     * Hosts of a group and its descendants in Ansible's order: the group's own hosts, then its
     * children's, then grandchildren's, level by level (Ansible's {@code Group.get_hosts}). Ansible
     * walks deeper levels in set order; here they keep child-list order, so the result is stable.
     */
    private Set<String> collectHosts(String name) {
        List<String> ordered = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        ordered.add(name);
        seen.add(name);
        List<String> level = List.of(name);
        while (!level.isEmpty()) {
            List<String> next = new ArrayList<>();
            for (String g : level) {
                for (String child : groups.get(g).children()) {
                    if (seen.add(child)) {
                        ordered.add(child);
                        next.add(child);
                    }
                }
            }
            level = next;
        }
        Set<String> hosts = new LinkedHashSet<>();
        for (String g : ordered) {
            hosts.addAll(groups.get(g).hosts());
        }
        return hosts;
    }

    int depth(String group) {
        return depth.get(group);
    }

    List<String> parents(String group) {
        return parents.get(group);
    }

    List<String> hostsOf(String group) {
        return hostsOf.get(group);
    }

    /** Every group that contains the host directly or through a child group, in group order. */
    List<String> groupsContaining(String host) {
        return memberOf.getOrDefault(host, List.of());
    }
}
