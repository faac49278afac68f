package dev.drover.playbook.parse;

import java.util.Set;

/**
 * The modules of Ansible 2.14's {@code ansible.builtin} (its {@code lib/ansible/modules}), by short
 * name. A task naming one that drover does not ship still parses, as under Ansible, where a task
 * behind a false {@code when:} never needs its module: the host that reaches it fails it, naming
 * the module and the task, and {@code drover check} warns about it. Any other unknown name is
 * refused at parse time.
 */
final class AnsibleModules {
    static final Set<String> BUILTIN = Set.of(
            "add_host", "apt", "apt_key", "apt_repository", "assemble", "assert", "async_status", "blockinfile",
            "command", "copy", "cron", "debconf", "debug", "dnf", "dpkg_selections", "expect", "fail", "fetch",
            "file", "find", "gather_facts", "get_url", "getent", "git", "group", "group_by", "hostname",
            "include_vars", "iptables", "known_hosts", "lineinfile", "meta", "package", "package_facts",
            "pause", "ping", "pip", "raw", "reboot", "replace", "rpm_key", "script", "service", "service_facts",
            "set_fact", "set_stats", "setup", "shell", "slurp", "stat", "subversion", "systemd",
            "systemd_service", "sysvinit", "tempfile", "template", "unarchive", "uri", "user",
            "validate_argument_spec", "wait_for", "wait_for_connection", "yum", "yum_repository");

    /**
     * Modules Ansible 2.14's own integration targets call by short name from ansible-test's support
     * plugins ({@code test/support/integration/plugins/modules}, copies of community.general's) and
     * drover does not ship ({@code timezone} it does). They parse and fail where reached, as BUILTIN's.
     */
    static final Set<String> TEST_SUPPORT = Set.of("pkgng", "sefcontext", "zypper");

    private AnsibleModules() {
    }
}
