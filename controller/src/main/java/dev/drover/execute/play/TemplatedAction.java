package dev.drover.execute.play;

import dev.drover.playbook.ControllerActions;
import dev.drover.playbook.ModuleTask;
import dev.drover.template.Templater;
import dev.drover.template.Unsafe;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code action: "{{ ansible_facts.pkg_mgr }}"}: the module such a task runs is known only on a host,
 * when the task runs there. Ansible's linear strategy templates {@code task.action} with the host's
 * variables before it evaluates {@code when} or the loop; so does {@link TaskRunner}, through
 * {@link #resolve}, which returns a new {@link ModuleTask} with the rendered module (the parsed task
 * is never changed). From there the task is what it would be with that module written literally:
 * check mode, loops, delegation, diff, registered results and facts.
 */
final class TemplatedAction {

    /** Collection prefixes that name drover's own modules, as the parser strips them. */
    private static final List<String> PREFIXES = List.of("ansible.builtin.", "ansible.legacy.");

    /**
     * Actions the parser turns into something other than a module call (imports, includes) or the
     * strategy runs for all hosts at once (meta): Ansible runs none of them from a templated action
     * either (an include fails there with "module (include_tasks) is missing interpreter line").
     */
    static final Set<String> NOT_FROM_TEMPLATE = Set.of("meta", "include_tasks", "import_tasks", "include_role",
            "import_role", "include", "import_playbook");

    /** What a templated action may render to: the modules and controller actions a literal task may name. */
    private static final Set<String> RUNNABLE = runnable();

    private TemplatedAction() {
    }

    private static Set<String> runnable() {
        Set<String> names = new TreeSet<>(ActionNames.forParser());
        names.addAll(ControllerActions.NAMES);
        names.removeAll(NOT_FROM_TEMPLATE);
        return java.util.Collections.unmodifiableSet(names);
    }

    /**
     * The task with its action rendered for one host.
     *
     * @throws IllegalArgumentException when the name is not one drover can run, naming the host
     *                                  (the caller adds the task and its position)
     * @throws dev.drover.template.TemplateException when the template cannot be rendered (undefined variable)
     */
    static ModuleTask resolve(ModuleTask task, Templater t, Map<String, Object> vars, String host) {
        Object rendered;
        try {
            rendered = t.render(task.module(), vars);
        } catch (dev.drover.template.TemplateException e) {
            // Ansible stops the whole run here ("ERROR! 'x' is undefined"); drover fails the task on this host.
            throw new IllegalArgumentException("the action '" + task.module() + "' cannot be rendered on host " + host
                    + ": " + e.getMessage(), e);
        }
        if (rendered instanceof Unsafe u) {
            rendered = u.value();
        }
        String name = rendered == null ? "" : String.valueOf(rendered);
        String module = name;
        for (String prefix : PREFIXES) {
            if (module.startsWith(prefix)) {
                module = module.substring(prefix.length());
            }
        }
        Map<String, Object> args = task.args();
        if (module.equals("gather_facts")) {
            // As the parser does for a literal gather_facts task: it runs the fact module.
            module = "setup";
            args = new LinkedHashMap<>(args);
            args.remove("parallel");
        }
        String said = "the action '" + task.module() + "' rendered to '" + name + "' on host " + host;
        if (NOT_FROM_TEMPLATE.contains(module)) {
            throw new IllegalArgumentException(said + ": " + module + " runs only when written as the task's own key"
                    + " (as in Ansible, where a templated one fails); write '" + module + ":' in the task");
        }
        if (!RUNNABLE.contains(module)) {
            throw new IllegalArgumentException(said + ", which is not a module drover ships (Ansible: 'The module "
                    + name + " was not found in configured module paths'); drover's modules: " + String.join(", ", RUNNABLE));
        }
        return task.withModule(module, args);
    }
}
