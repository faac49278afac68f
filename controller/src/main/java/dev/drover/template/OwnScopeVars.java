package dev.drover.template;

/**
 * A mapping whose values belong to another scope, such as {@code hostvars}: each host's values are
 * rendered with that host's own variables by the mapping itself. Templates read it as it is: it is
 * neither rendered with the reader's variables nor scanned, and reading it does not make the result
 * unsafe (Ansible's {@code HostVars} is returned as is by its variable lookup, and is no
 * {@code AnsibleUnsafe}). What it returns may be {@link Unsafe}, which does.
 */
public interface OwnScopeVars {
}
