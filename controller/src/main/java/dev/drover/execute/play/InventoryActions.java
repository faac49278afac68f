package dev.drover.execute.play;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code add_host} and {@code group_by}, Ansible's in-memory inventory actions, run on the
 * controller against the run's {@link RunInventory}; their results have Ansible's shape
 * ({@code add_host: {host_name, groups, host_vars}}, {@code add_group}, {@code parent_groups}) and are
 * changed when the inventory changed.
 */
final class InventoryActions {
    static final Set<String> NAMES = Set.of("add_host", "group_by");
    /** Actions that run once per batch, for its first host (Ansible's BYPASS_HOST_LOOP). */
    static final Set<String> ONCE = Set.of("add_host");
    private static final Set<String> NAME_KEYS = Set.of("name", "host", "hostname");
    private static final Set<String> GROUP_KEYS = Set.of("groups", "group", "groupname");

    private InventoryActions() {
    }

    static Map<String, Object> run(String module, Map<String, Object> args, String host, RunInventory inventory) {
        return module.equals("add_host") ? addHost(args, inventory) : groupBy(args, host, inventory);
    }

    private static Map<String, Object> addHost(Map<String, Object> args, RunInventory inventory) {
        String name = null;
        List<String> groups = new ArrayList<>();
        Map<String, Object> vars = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : args.entrySet()) {
            if (NAME_KEYS.contains(e.getKey())) {
                name = e.getValue() == null ? null : String.valueOf(e.getValue());
            } else if (GROUP_KEYS.contains(e.getKey())) {
                groups.addAll(list(e.getValue()));
            } else {
                vars.put(e.getKey(), e.getValue());
            }
        }
        if (name == null || name.isBlank()) {
            return failed("name or hostname arg needs to be provided");
        }
        // 'host:port', as Ansible's parse_address (an IPv6 address without brackets keeps its colons).
        int colon = name.lastIndexOf(':');
        if (colon > 0 && name.indexOf(':') == colon && name.substring(colon + 1).matches("\\d+")) {
            vars.put("ansible_port", Integer.parseInt(name.substring(colon + 1)));
            name = name.substring(0, colon);
        }
        boolean changed = inventory.addHost(name, groups, vars);
        Map<String, Object> added = new LinkedHashMap<>();
        added.put("host_name", name);
        added.put("groups", groups);
        added.put("host_vars", vars);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("changed", changed);
        r.put("failed", false);
        r.put("add_host", added);
        return r;
    }

    private static Map<String, Object> groupBy(Map<String, Object> args, String host, RunInventory inventory) {
        Object key = args.get("key");
        if (key == null || String.valueOf(key).isEmpty()) {
            return failed("the 'key' param is required when using group_by");
        }
        for (String k : args.keySet()) {
            if (!k.equals("key") && !k.equals("parents")) {
                return failed("group_by: unsupported parameter '" + k + "'; supported: key, parents");
            }
        }
        String group = String.valueOf(key).replace(' ', '-');
        List<String> parents = args.containsKey("parents") ? list(args.get("parents")) : List.of("all");
        parents = parents.stream().map(p -> p.replace(' ', '-')).toList();
        boolean changed = inventory.groupBy(host, group, parents);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("changed", changed);
        r.put("failed", false);
        r.put("add_group", group);
        r.put("parent_groups", parents);
        return r;
    }

    /** A list, or a comma-separated string, as Ansible's add_host reads {@code groups}. */
    private static List<String> list(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> l) {
            l.forEach(v -> out.add(String.valueOf(v).trim()));
        } else if (value != null) {
            for (String s : String.valueOf(value).split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }

    private static Map<String, Object> failed(String msg) {
        return dev.drover.protocol.Results.failed(msg);
    }
}
