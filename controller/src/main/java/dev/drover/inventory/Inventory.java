package dev.drover.inventory;

import dev.drover.protocol.text.Suggest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An immutable inventory: hosts, groups, and the variables each host sees. Built by
 * {@code dev.drover.inventory.source.InventorySources}; safe to share between threads.
 *
 * <p>Invariants (checked on construction): groups {@code all} and {@code ungrouped} exist; every
 * child and member name refers to an existing group or host; the child relation has no cycle.
 * {@code all} being everyone's ancestor and {@code ungrouped} holding exactly the hosts of no other
 * group are the builder's job, as in Ansible's {@code reconcile_inventory}.
 */
public final class Inventory {
    /** Variables Ansible computes itself; {@code ansible-inventory --list} does not print them. */
    public static final Set<String> MAGIC_VARS = Set.of("inventory_hostname", "inventory_hostname_short",
            "group_names", "groups", "inventory_file", "inventory_dir");

    /** Names Ansible resolves to the controller even when the inventory does not list them. */
    public static final Set<String> LOCALHOST_NAMES = Set.of("localhost", "127.0.0.1", "::1");

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*");

    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final GroupGraph graph;
    private final List<Host> orderedHosts;
    private final Map<String, List<String>> groupsMagic;
    private final List<String> warnings;
    /** group_vars and host_vars read next to the playbook (Ansible's play-adjacent vars); none by default. */
    private Map<String, Map<String, Object>> playGroupVars = Map.of();
    private Map<String, Map<String, Object>> playHostVars = Map.of();

    /**
     * @param groups   all groups, in first-seen order (the order {@code all.children} and
     *                 {@code groups} keep)
     * @param hosts    all hosts, in first-seen order
     * @param warnings things the sources did that Ansible would warn about (skipped keys, ...)
     */
    public Inventory(Collection<Group> groups, Collection<Host> hosts, List<String> warnings) {
        for (Group g : groups) {
            if (this.groups.put(g.name(), g) != null) {
                throw new IllegalArgumentException("duplicate group '" + g.name() + "'");
            }
        }
        for (Host h : hosts) {
            if (this.hosts.put(h.name(), h) != null) {
                throw new IllegalArgumentException("duplicate host '" + h.name() + "'");
            }
        }
        if (!this.groups.containsKey(Group.ALL) || !this.groups.containsKey(Group.UNGROUPED)) {
            throw new IllegalArgumentException("groups 'all' and 'ungrouped' must exist");
        }
        for (Group g : groups) {
            for (String h : g.hosts()) {
                if (!this.hosts.containsKey(h)) {
                    throw new IllegalArgumentException("group '" + g.name() + "' has unknown host '" + h + "'");
                }
            }
        }
        this.graph = new GroupGraph(this.groups);
        this.orderedHosts = List.copyOf(this.hosts.values());
        Map<String, List<String>> magic = new LinkedHashMap<>();
        for (String g : this.groups.keySet()) {
            magic.put(g, graph.hostsOf(g));
        }
        this.groupsMagic = Collections.unmodifiableMap(magic);
        this.warnings = List.copyOf(warnings);
    }

    /**
     * All hosts in the order they were first seen in the sources (Ansible's host table). Plays do
     * not run in this order but in a pattern's order: for {@code all} that is {@link #hostsOf(String)
     * hostsOf("all")}, which walks groups level by level, so an ungrouped host listed after a group
     * still comes first ({@code ungrouped} is the first child of {@code all}).
     */
    public List<Host> hosts() {
        return orderedHosts;
    }

    /**
     * The host of that name. {@code localhost}, {@code 127.0.0.1} and {@code ::1} always exist: if
     * the inventory does not define them, this is Ansible's implicit localhost (connection
     * {@code local}, in no group, not in {@link #hosts()} or {@code all}).
     */
    public Optional<Host> host(String name) {
        Host h = hosts.get(name);
        if (h == null && LOCALHOST_NAMES.contains(name)) {
            h = new Host(name, Map.of("ansible_connection", "local"), Optional.empty());
        }
        return Optional.ofNullable(h);
    }

    /** Whether the host is the implicit localhost rather than one the inventory defines. */
    public boolean isImplicit(Host host) {
        return !hosts.containsKey(host.name()) && LOCALHOST_NAMES.contains(host.name());
    }

    /** The host (see {@link #host(String)}), or an error naming the closest known host and listing them. */
    public Host requireHost(String name) throws InventoryException {
        Optional<Host> h = host(name);
        if (h.isEmpty()) {
            throw new InventoryException(unknown("host", name, hosts.keySet()));
        }
        return h.get();
    }

    /** All groups in first-seen order, starting with {@code all} and {@code ungrouped}. */
    public List<Group> groups() {
        return List.copyOf(groups.values());
    }

    public Optional<Group> group(String name) {
        return Optional.ofNullable(groups.get(name));
    }

    /** The group, or an error naming the closest known group and listing them. */
    public Group requireGroup(String name) throws InventoryException {
        Group g = groups.get(name);
        if (g == null) {
            throw new InventoryException(unknown("group", name, groups.keySet()));
        }
        return g;
    }

    /**
     * Hosts of a group and of its descendants without duplicates, in Ansible's order: the group's
     * own hosts, then those of its children, grandchildren and so on, level by level.
     */
    public List<Host> hostsOf(String group) {
        List<Host> result = new ArrayList<>();
        for (String h : graph.hostsOf(known(group).name())) {
            result.add(hosts.get(h));
        }
        return result;
    }

    /** The group's parents, in the order the relations were added. */
    public List<String> parentsOf(String group) {
        return List.copyOf(graph.parents(known(group).name()));
    }

    /** Depth below {@code all} (0) by the longest parent chain; orders group variables. */
    public int depthOf(String group) {
        return graph.depth(known(group).name());
    }

    /**
     * Ansible's {@code group_names}: every group the host belongs to directly or through a child
     * group, sorted, without {@code all}. Real Ansible keeps {@code ungrouped} in it, and so does this.
     */
    public List<String> groupNames(Host host) {
        List<String> names = new ArrayList<>(graph.groupsContaining(knownHost(host.name()).name()));
        names.remove(Group.ALL);
        Collections.sort(names);
        return List.copyOf(names);
    }

    /** Ansible's {@code groups} magic variable: every group name to its hosts (with descendants'). */
    public Map<String, List<String>> groupsMap() {
        return groupsMagic;
    }

    /**
     * The variables a host sees from the inventory, as a task would: {@link #inventoryVars(String)}
     * plus the magic variables ({@link #MAGIC_VARS}), which nothing in an inventory can override.
     *
     * @throws IllegalArgumentException for a host not in this inventory (callers look hosts up
     *                                  first with {@link #requireHost(String)})
     */
    public Map<String, Object> hostVars(String host) {
        Host h = knownHost(host);
        Map<String, Object> vars = inventoryVars(host);
        vars.put("inventory_hostname", h.name());
        vars.put("inventory_hostname_short", shortName(h.name()));
        vars.put("group_names", groupNames(h));
        vars.put("groups", groupsMagic);
        return vars;
    }

    /**
     * This inventory with the {@code group_vars/} and {@code host_vars/} files found next to the
     * playbook, which Ansible reads for every play (its vars plugins' 'play' stage): each layer
     * right above the same kind of file next to the inventory ({@link #inventoryVars}).
     *
     * @param groupVars group name to its merged play-adjacent variables
     * @param hostVars  host name to its merged play-adjacent variables
     * @param warnings  what reading them would make Ansible warn about
     */
    public Inventory withPlaybookVars(Map<String, Map<String, Object>> groupVars,
            Map<String, Map<String, Object>> hostVars, List<String> warnings) {
        List<String> all = new ArrayList<>(this.warnings);
        all.addAll(warnings);
        Inventory out = new Inventory(groups.values(), hosts.values(), all);
        out.playGroupVars = Map.copyOf(groupVars);
        out.playHostVars = Map.copyOf(hostVars);
        return out;
    }

    /**
     * The merged inventory variables of a host, lowest precedence first (ansible-core's default
     * {@code VARIABLE_PRECEDENCE}): {@code all}'s vars; the vars of every other group containing the
     * host, in {@link #precedenceOrder(Host)}; {@code group_vars/all} files; the other groups'
     * {@code group_vars} files in the same order; {@code inventory_file}/{@code inventory_dir}; the
     * host's own vars; its {@code host_vars} files. Each kind of file next to the playbook comes
     * right after the same kind next to the inventory: {@code group_vars/all}, then the other
     * groups' files, then {@code host_vars}. Merging is shallow (Ansible's default
     * {@code hash_behaviour=replace}). The result is a new mutable map.
     */
    public Map<String, Object> inventoryVars(String host) {
        Host h = knownHost(host);
        Group all = groups.get(Group.ALL);
        List<Group> ordered = precedenceOrder(h);
        Map<String, Object> vars = new LinkedHashMap<>(all.vars());
        ordered.forEach(g -> vars.putAll(g.vars()));
        vars.putAll(all.fileVars());
        vars.putAll(playGroupVars.getOrDefault(Group.ALL, Map.of()));
        ordered.forEach(g -> vars.putAll(g.fileVars()));
        ordered.forEach(g -> vars.putAll(playGroupVars.getOrDefault(g.name(), Map.of())));
        if (!isImplicit(h)) {
            vars.put("inventory_file", h.inventoryFile().map(p -> p.toString()).orElse(null));
            vars.put("inventory_dir", h.inventoryFile().map(p -> p.getParent().toString()).orElse(null));
        }
        vars.putAll(h.vars());
        vars.putAll(h.fileVars());
        vars.putAll(playHostVars.getOrDefault(h.name(), Map.of()));
        return vars;
    }

    /** Groups whose variables a host sees, in the order they are merged (last wins), without all. */
    public List<Group> precedenceOrder(Host host) {
        List<Group> result = new ArrayList<>();
        for (String g : graph.groupsContaining(knownHost(host.name()).name())) {
            if (!g.equals(Group.ALL)) {
                result.add(groups.get(g));
            }
        }
        result.sort(Comparator.comparingInt((Group g) -> graph.depth(g.name()))
                .thenComparingInt(Group::priority)
                .thenComparing(Group::name));
        return result;
    }

    /** What the sources did that Ansible would warn about; the CLI prints these. */
    public List<String> warnings() {
        return warnings;
    }

    /** Ansible's {@code inventory_hostname_short}: up to the first dot, unless it is an IP address. */
    static String shortName(String name) {
        if (IPV4.matcher(name).matches() || IPV6.matcher(name).matches()) {
            return name;
        }
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    private Group known(String group) {
        Group g = groups.get(group);
        if (g == null) {
            throw new IllegalArgumentException(unknown("group", group, groups.keySet()));
        }
        return g;
    }

    private Host knownHost(String host) {
        return host(host).orElseThrow(() -> new IllegalArgumentException(unknown("host", host, hosts.keySet())));
    }

    private static String unknown(String kind, String name, Collection<String> known) {
        StringBuilder sb = new StringBuilder("no " + kind + " '" + name + "' in the inventory");
        String close = Suggest.closest(name, known);
        if (close != null) {
            sb.append("; did you mean '").append(close).append("'?");
        }
        sb.append(" Known ").append(kind).append("s: ").append(abbreviated(known));
        return sb.toString();
    }

    /** A name list short enough for one error line. */
    static String abbreviated(Collection<String> names) {
        int max = 30;
        if (names.size() <= max) {
            return String.join(", ", names);
        }
        return String.join(", ", new ArrayList<>(names).subList(0, max)) + ", ... (" + names.size() + " in all)";
    }
}
