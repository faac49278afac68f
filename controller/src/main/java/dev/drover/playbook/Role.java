package dev.drover.playbook;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * One application of a role: the role's identity and the variables it brings, already combined the
 * way Ansible 2.14's {@code Role.get_default_vars(dep_chain)}, {@code Role.get_vars(dep_chain)} and
 * {@code Role.get_role_params(dep_chain)} combine them for a task of this role. It is attached to
 * the {@link Block} that holds the role's tasks; the executor layers the three maps at their places
 * in the variable precedence (defaults lowest of all, vars just above {@code vars_files}, params above
 * {@code set_fact}).
 *
 * @param name     the role's name as written ({@code role_name})
 * @param path     the role's directory ({@code role_path}); {@code files/} and {@code templates/}
 *                 are looked up under it
 * @param defaults dependencies' defaults, the parents' defaults, then this role's {@code defaults/}
 * @param vars     the parents' vars, dependencies' vars, then {@code vars:} written on the role
 *                 entry and this role's {@code vars/}
 * @param params   the parents' params, then this entry's params (keys that are not keywords)
 * @param playWide from {@code roles:} or {@code import_role}: Ansible lets every task of the play
 *                 see its defaults and vars (without params), not only the role's own tasks
 * @param key      which of Ansible's role objects this application is (its {@code ROLE_CACHE} entry:
 *                 the role, its params, {@code vars:}, {@code when}, {@code tags}, files chosen with
 *                 {@code tasks_from} and friends, and whether it came from {@code import_role} or
 *                 {@code include_role}): applications with the same key share "has run" per host
 * @param once     the role runs once per host and play ({@code allow_duplicates} false): an
 *                 application whose key already ran to its end on a host, with at least one of its
 *                 tasks not skipped there, is not run again on that host (Ansible's {@code has_run})
 */
public record Role(String name, Path path, Map<String, Object> defaults, Map<String, Object> vars,
        Map<String, Object> params, boolean playWide, String key, boolean once) {

    public Role {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(key, "key");
        defaults = Frozen.map(defaults);
        vars = Frozen.map(vars);
        params = Frozen.map(params);
    }
}
