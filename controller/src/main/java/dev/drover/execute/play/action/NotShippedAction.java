package dev.drover.execute.play.action;

import dev.drover.playbook.ControllerActions;
import dev.drover.protocol.ModuleNames;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A module of Ansible 2.14's {@code ansible.builtin} that drover does not ship ({@code apt},
 * {@code yum}, {@code pip}, ...). Roles hold such tasks for other platforms under a {@code when:}
 * that is false here, so the playbook is accepted and the task fails, by name, only on a host that
 * reaches it: nothing runs in its place.
 */
final class NotShippedAction implements ControllerAction {
    /** Ansible 2.14's lib/ansible/modules, but for its internal ones (_include, async_wrapper). */
    private static final Set<String> ANSIBLE_BUILTIN = Set.of("add_host", "apt", "apt_key", "apt_repository",
            "assemble", "assert", "async_status", "blockinfile", "command", "copy", "cron", "debconf", "debug", "dnf",
            "dpkg_selections", "expect", "fail", "fetch", "file", "find", "gather_facts", "get_url", "getent", "git",
            "group", "group_by", "hostname", "import_playbook", "import_role", "import_tasks", "include_role",
            "include_tasks", "include_vars", "iptables", "known_hosts", "lineinfile", "meta", "package",
            "package_facts", "pause", "ping", "pip", "raw", "reboot", "replace", "rpm_key", "script", "service",
            "service_facts", "set_fact", "set_stats", "setup", "shell", "slurp", "stat", "subversion", "systemd",
            "systemd_service", "sysvinit", "tempfile", "template", "unarchive", "uri", "user",
            "validate_argument_spec", "wait_for", "wait_for_connection", "yum", "yum_repository");

    /** The names above that neither the agent nor the controller runs, nor the parser reads as includes. */
    static final Set<String> NAMES = notShipped();

    private static Set<String> notShipped() {
        Set<String> names = new TreeSet<>(ANSIBLE_BUILTIN);
        names.removeAll(ModuleNames.BUILTIN);
        names.removeAll(ControllerActions.NAMES);
        names.removeAll(Set.of("fetch", "script", "gather_facts", "import_playbook", "import_role", "import_tasks",
                "include_role", "include_tasks"));
        return Set.copyOf(names);
    }

    private final String module;

    NotShippedAction(String module) {
        this.module = module;
    }

    @Override
    public Map<String, Object> run(Map<String, Object> args, ActionContext ctx) {
        return ControllerAction.failed("'" + module + "' is an Ansible module drover does not ship; this task ran"
                + " because its conditions held on this host (guard it with 'when:' or use a module drover has)");
    }
}
