package dev.drover.inventory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One inventory group as written in the sources: its own variables and its direct members.
 * Inherited membership (hosts of child groups) is answered by {@link Inventory#hostsOf(String)}.
 *
 * @param name     the group name; {@code all} and {@code ungrouped} always exist
 * @param vars     variables set on the group, without {@code ansible_group_priority}
 * @param priority {@code ansible_group_priority} (default 1): among groups of the same depth, a
 *                 higher priority is merged later and so wins
 * @param children direct child group names, in the order they were added
 * @param hosts    direct member host names, in the order they were added
 * @param fileVars variables from {@code group_vars/NAME} files next to the inventory sources;
 *                 they rank above every group's {@link #vars} (Ansible's precedence)
 */
public record Group(String name, Map<String, Object> vars, int priority, List<String> children, List<String> hosts,
        Map<String, Object> fileVars) {

    public static final String ALL = "all";
    public static final String UNGROUPED = "ungrouped";

    /** Ansible's default {@code ansible_group_priority}. */
    public static final int DEFAULT_PRIORITY = 1;

    public Group {
        Objects.requireNonNull(name, "name");
        vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
        children = List.copyOf(children);
        hosts = List.copyOf(hosts);
        fileVars = Collections.unmodifiableMap(new LinkedHashMap<>(fileVars));
    }

    /** A group without {@code group_vars} files. */
    public Group(String name, Map<String, Object> vars, int priority, List<String> children, List<String> hosts) {
        this(name, vars, priority, children, hosts, Map.of());
    }

    @Override
    public String toString() {
        return name;
    }
}
