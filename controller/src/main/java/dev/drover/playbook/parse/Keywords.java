package dev.drover.playbook.parse;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every keyword drover accepts, per kind of node, and every Ansible keyword it deliberately does
 * not support with the reason. The one place to look when adding a keyword: add it here, read it
 * in {@code TaskOptionsReader} or {@code PlayReader}, carry it in the model.
 */
final class Keywords {

    /** Keywords valid on tasks, blocks and handlers alike (Ansible's Base/Conditional/Taggable/Become). */
    static final Set<String> COMMON = Set.of(
            "name", "when", "tags", "become", "become_user", "become_method", "become_exe", "become_flags", "environment",
            "ignore_errors", "ignore_unreachable", "any_errors_fatal", "no_log", "check_mode",
            "delegate_to", "run_once", "throttle", "timeout", "vars", "notify", "diff", "remote_user");

    /** Loop keywords: {@code loop} and the {@code with_*} forms drover maps onto it. */
    static final Set<String> LOOPS = Set.of("loop", "with_items", "with_list", "with_dict", "with_sequence",
            "with_together", "with_nested", "with_indexed_items", "with_flattened");

    /** Keywords valid on a module task but not on a block. */
    static final Set<String> TASK_ONLY = union(LOOPS, Set.of(
            "register", "loop_control", "until", "retries", "delay", "failed_when", "changed_when", "async", "poll"));

    /** Ways to name the action besides the module key itself. */
    static final Set<String> ACTION_FORMS = Set.of("action", "local_action");

    static final Set<String> BLOCK_PARTS = Set.of("block", "rescue", "always");

    /** Only handlers answer to topics. */
    static final String LISTEN = "listen";

    /*
     * An import_tasks takes every COMMON keyword: the imported tasks inherit them (ImportExpander.inherit).
     * An include_tasks is dynamic: its keywords apply to the include itself, not to the included tasks
     * (those inherit from the blocks around the include, and from its apply:), as in Ansible.
     */
    /**
     * Keywords an {@code include_tasks} or {@code include_role} may carry: Ansible 2.14's
     * TaskInclude.VALID_INCLUDE_KEYWORDS, but {@code debugger} (drover has no task debugger).
     */
    static final Set<String> INCLUDE = union(Set.of("name", "when", "tags", "vars", "ignore_errors", "register",
            "no_log", "run_once", "timeout"), union(LOOPS, Set.of("loop_control")));

    static final Set<String> IMPORT_TASKS = Set.of("import_tasks");
    static final Set<String> INCLUDE_TASKS = Set.of("include_tasks");

    /** Every key a task mapping may hold besides a module name, for "did you mean" suggestions. */
    static final Set<String> ALL_TASK_KEYS = union(union(COMMON, TASK_ONLY),
            union(union(ACTION_FORMS, BLOCK_PARTS), Set.of("args", LISTEN, "import_tasks", "include_tasks", "import_role", "include_role",
                    "collections")));

    /** Ansible task keywords drover rejects, with what to do instead. */
    static final Map<String, String> UNSUPPORTED_TASK = Map.ofEntries(
            Map.entry("connection", "set 'connection' on the play or in the inventory"),
            Map.entry("port", "set ansible_port in the inventory"),
            Map.entry("delegate_facts", "facts of a delegated task stay with the current host"),
            Map.entry("debugger", "drover has no task debugger"),
            Map.entry("module_defaults", "write the arguments on each task"),
            Map.entry("static", "use import_tasks (static) or include_tasks (dynamic)"));

    /** Ansible actions drover rejects at task level. */
    static final Map<String, String> UNSUPPORTED_ACTIONS = Map.of(
            "include", "use import_tasks (static) or include_tasks (dynamic)",
            "import_playbook", "import_playbook belongs at the top level of a playbook, next to plays");

    /** Play keywords drover accepts. */
    static final Set<String> PLAY = Set.of(
            "name", "hosts", "vars", "vars_files", "pre_tasks", "tasks", "post_tasks", "handlers",
            "gather_facts", "serial", "order", "strategy", "max_fail_percentage", "any_errors_fatal",
            "force_handlers", "throttle", "timeout", "become", "become_user", "become_method", "become_exe", "become_flags",
            "remote_user", "connection", "environment", "tags", "check_mode", "no_log", "ignore_errors",
            "ignore_unreachable", "run_once", "roles", "collections", "diff");

    /** Ansible play keywords drover rejects, with what to do instead. */
    static final Map<String, String> UNSUPPORTED_PLAY = Map.ofEntries(
            Map.entry("vars_prompt", "drover runs unattended; pass values as extra variables"),
            Map.entry("gather_subset", "drover gathers its own fixed set of facts; remove it"),
            Map.entry("gather_timeout", "remove it; fact gathering follows the task timeout"),
            Map.entry("fact_path", "drover has no local facts; remove it"),
            Map.entry("module_defaults", "write the arguments on each task"),
            Map.entry("debugger", "drover has no task debugger"),
            Map.entry("port", "set ansible_port in the inventory"),
            Map.entry("user", "'user' was renamed 'remote_user' in Ansible; use remote_user"));

    /** {@code with_*} loops drover maps onto {@code loop}; the others get a migration hint. */
    static final String LOOP_MIGRATION_HINT = "use 'loop:' with a filter instead, as Ansible recommends"
            + " (e.g. with_indexed_items -> loop + loop_control.index_var, with_fileglob -> loop: \"{{ query('fileglob', ...) }}\")";

    /** Modules that take free-form text (Ansible's FREEFORM_ACTIONS): k=v words stay in the command. */
    static final Set<String> FREE_FORM_MODULES = Set.of("command", "shell", "raw", "script");

    /** Modules that may have {@code _raw_params} at all (Ansible's RAW_PARAM_MODULES). */
    static final Set<String> RAW_PARAM_MODULES = union(FREE_FORM_MODULES,
            Set.of("include_vars", "add_host", "group_by", "set_fact", "meta"));

    /** Collection prefixes that name drover's own modules; {@code ansible.builtin.copy} is {@code copy}. */
    static final Set<String> BUILTIN_PREFIXES = Set.of("ansible.builtin.", "ansible.legacy.");

    /**
     * Modules of other collections that drover ships under their short name: community.general's
     * {@code timezone} (Ansible's user target calls it by short name from ansible-test's copy).
     */
    static final Map<String, String> COLLECTION_MODULES = Map.of("community.general.timezone", "timezone");

    private Keywords() {
    }

    /** The short name of a possibly fully-qualified module name. */
    static String shortName(String name) {
        String shipped = COLLECTION_MODULES.get(name);
        if (shipped != null) {
            return shipped;
        }
        for (String prefix : BUILTIN_PREFIXES) {
            if (name.startsWith(prefix)) {
                return name.substring(prefix.length());
            }
        }
        return name;
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new TreeSet<>(a);
        u.addAll(b);
        return Set.copyOf(u);
    }
}
