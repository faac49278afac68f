package dev.drover.execute.play;

import dev.drover.playbook.Block;
import dev.drover.playbook.Play;
import dev.drover.playbook.Role;
import dev.drover.playbook.Task;
import dev.drover.playbook.TaskInclude;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The roles a whole play sees, as Ansible's {@code play.get_roles()} with private role vars off (its
 * default): every role from {@code roles:}, {@code import_role} and {@code include_role} with
 * {@code public: true}. Their defaults sit under the inventory and their vars over
 * {@code vars_files} for every task of the play, not only the role's own. A public include_role
 * loaded at run time joins them once it has run ({@link #add}), as in Ansible.
 *
 * <p>Thread-safe: each accessor returns an immutable snapshot, replaced as a whole by {@link #add}.
 */
final class PlayRoles {
    static final PlayRoles NONE = new PlayRoles(List.of());

    private record Snapshot(Map<String, Object> defaults, Map<String, Object> vars, List<String> names) {
    }

    private final List<Role> roles = new ArrayList<>();
    private volatile Snapshot current;

    private PlayRoles(List<Role> initial) {
        roles.addAll(initial);
        current = combine(roles);
    }

    static PlayRoles of(Play play) {
        List<Role> roles = new ArrayList<>();
        for (List<Task> section : List.of(play.preTasks(), play.tasks(), play.postTasks())) {
            collect(section, roles);
        }
        return new PlayRoles(roles);
    }

    /** The play-wide roles' defaults combined in the order the roles were applied. */
    Map<String, Object> defaults() {
        return current.defaults();
    }

    /** Their vars (without params), likewise. */
    Map<String, Object> vars() {
        return current.vars();
    }

    /** {@code role_names}: the play-wide roles' names. */
    List<String> names() {
        return current.names();
    }

    /** A public role loaded at run time: visible to every task from now on. */
    synchronized void add(Role role) {
        if (this == NONE) {
            throw new IllegalStateException("NONE is shared");
        }
        roles.add(role);
        current = combine(roles);
    }

    private static Snapshot combine(List<Role> roles) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        Map<String, Object> vars = new LinkedHashMap<>();
        Set<String> names = new LinkedHashSet<>();
        for (Role r : roles) {
            defaults.putAll(r.defaults());
            vars.putAll(r.vars());
            names.add(r.name());
        }
        return new Snapshot(java.util.Collections.unmodifiableMap(defaults), java.util.Collections.unmodifiableMap(vars),
                List.copyOf(names));
    }
    private static void collect(List<Task> tasks, List<Role> out) {
        for (Task t : tasks) {
            if (t instanceof Block b) {
                if (b.role().isPresent() && b.role().get().playWide()) {
                    out.add(b.role().get());
                    continue;
                }
                collect(b.block(), out);
                collect(b.rescue(), out);
                collect(b.always(), out);
            } else if (t instanceof TaskInclude i && i.role().isPresent()) {
                collect(List.of(i.role().get()), out);
            }
        }
    }
}
