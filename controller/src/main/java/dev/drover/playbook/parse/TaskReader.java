package dev.drover.playbook.parse;

import dev.drover.protocol.text.Suggest;
import dev.drover.playbook.Block;
import dev.drover.playbook.ModuleTask;
import dev.drover.playbook.PlaybookException;
import dev.drover.playbook.SourcePos;
import dev.drover.playbook.Task;
import dev.drover.playbook.TaskOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Maps task lists onto {@link Task}s. A task mapping holds keywords and exactly one action: a
 * module key, {@code action}/{@code local_action}, {@code import_tasks} or {@code include_tasks};
 * or it is a {@code block}. Any other key is an error that suggests the closest module or keyword.
 * Imports are delegated to {@link ImportExpander}.
 */
final class TaskReader {
    private final SourceFiles sources;
    private final TaskOptionsReader options;
    private final ActionResolver actions;
    private final ImportExpander imports;
    private final RoleTasks roles;
    private final Set<String> suggestionPool;

    TaskReader(Set<String> actionNames, SourceFiles sources, YamlReader yaml) {
        this.sources = sources;
        this.options = new TaskOptionsReader(sources, new ValueReader(sources));
        this.actions = new ActionResolver(actionNames, sources);
        this.imports = new ImportExpander(this, yaml, sources, options);
        this.roles = new RoleTasks(sources, options);
        this.suggestionPool = Keywords.union(actionNames, Keywords.ALL_TASK_KEYS);
    }

    RoleTasks roles() {
        return roles;
    }

    TaskOptionsReader options() {
        return options;
    }

    /**
     * Reads a list of tasks ({@code tasks:}, {@code block:}, a task file's top level); an empty
     * value is an empty list.
     */
    List<Task> readList(YamlNode node, String what, TaskContext ctx) throws PlaybookException {
        if (node instanceof YamlNode.Scalar s && s.isNull()) {
            return List.of();
        }
        if (!(node instanceof YamlNode.Sequence seq)) {
            throw sources.error(node.pos(), "'" + what + "' must be a list of tasks, got " + node.describe(),
                    "start each task with '- ', e.g. '- name: ...' on its own line");
        }
        List<Task> out = new ArrayList<>();
        for (YamlNode item : seq.items()) {
            readInto(item, ctx, out);
        }
        return List.copyOf(out);
    }

    /** The top level of a task file: a list of tasks. */
    List<Task> readTaskFile(YamlNode root, TaskContext ctx) throws PlaybookException {
        if (root instanceof YamlNode.Mapping m) {
            boolean playbook = m.entry("hosts").isPresent() || m.entry("tasks").isPresent();
            throw sources.error(root.pos(), "a task file must be a list of tasks, got a mapping",
                    playbook ? "this looks like a play; a playbook is imported with import_playbook at its top level"
                            : "start each task with '- '");
        }
        return readList(root, ctx.file().getFileName().toString(), ctx);
    }

    /** The parts of one task mapping, sorted by role. */
    private static final class Parts {
        final List<YamlNode.Entry> keywords = new ArrayList<>();
        final List<YamlNode.Entry> actions = new ArrayList<>();
        YamlNode.Entry block;
        YamlNode.Entry rescue;
        YamlNode.Entry always;
        YamlNode.Entry args;
        final List<YamlNode.Entry> unknown = new ArrayList<>();
    }

    private void readInto(YamlNode item, TaskContext ctx, List<Task> out) throws PlaybookException {
        if (!(item instanceof YamlNode.Mapping m)) {
            throw sources.error(item.pos(), "a task must be a mapping of keywords and one module, got " + item.describe(),
                    "write the module as a key, e.g. '- command: uname -a' or '- name: ...' then 'copy:' below it");
        }
        Parts parts = classify(m, ctx);
        if (parts.actions.size() > 1) {
            YamlNode.Entry second = parts.actions.get(1);
            throw sources.error(second.keyPos(), "conflicting action statements: " + parts.actions.get(0).key() + ", "
                    + second.key(), "a task runs one module; split it into two tasks");
        }
        if (parts.block != null) {
            out.add(readBlock(m, parts, ctx));
            return;
        }
        YamlNode.Entry stray = parts.rescue != null ? parts.rescue : parts.always;
        if (stray != null) {
            throw sources.error(stray.keyPos(), "'" + stray.key() + "' needs a 'block' in the same task",
                    "add 'block:' with the tasks to protect, above '" + stray.key() + "'");
        }
        if (parts.actions.isEmpty()) {
            throw sources.error(m.pos(), "no module in this task",
                    "a task names exactly one module (e.g. 'copy:', 'command:') besides keywords such as name and when");
        }
        YamlNode.Entry action = parts.actions.get(0);
        String shortName = Keywords.shortName(action.key());
        if (Keywords.IMPORT_TASKS.contains(shortName)) {
            out.addAll(imports.importTasks(m.pos(), action, parts.keywords, parts.args, ctx));
        } else if (Keywords.INCLUDE_TASKS.contains(shortName)) {
            out.add(imports.includeTasks(m.pos(), action, parts.keywords, parts.args, ctx));
        } else if (RoleTasks.IMPORT_ROLE.contains(shortName)) {
            out.addAll(roles.importRole(m.pos(), action, parts.keywords, parts.args, ctx));
        } else if (RoleTasks.INCLUDE_ROLE.contains(shortName)) {
            out.add(roles.includeRole(m.pos(), action, parts.keywords, parts.args, ctx));
        } else {
            out.add(readModuleTask(m, action, parts));
        }
    }

    private Parts classify(YamlNode.Mapping m, TaskContext ctx) throws PlaybookException {
        Parts parts = new Parts();
        for (YamlNode.Entry e : m.entries()) {
            String key = e.key();
            switch (key) {
                case "block" -> parts.block = e;
                case "rescue" -> parts.rescue = e;
                case "always" -> parts.always = e;
                case "args" -> parts.args = e;
                case "action", "local_action" -> parts.actions.add(e);
                default -> classifyOther(e, ctx, parts);
            }
        }
        if (!parts.unknown.isEmpty()) {
            throw unknownKey(m, parts.unknown.get(0), parts);
        }
        return parts;
    }

    private void classifyOther(YamlNode.Entry e, TaskContext ctx, Parts parts) throws PlaybookException {
        String key = e.key();
        String shortName = Keywords.shortName(key);
        if (Keywords.COMMON.contains(key) || Keywords.TASK_ONLY.contains(key)) {
            parts.keywords.add(e);
        } else if (key.equals(Keywords.LISTEN)) {
            if (!ctx.handlers()) {
                throw sources.error(e.keyPos(), "'listen' is only valid on handlers",
                        "move this task under the play's 'handlers:', or remove 'listen'");
            }
            parts.keywords.add(e);
        } else if (key.equals("collections")) {
            Collections.check(e, sources);
        } else if (Keywords.UNSUPPORTED_TASK.containsKey(key)) {
            throw sources.error(e.keyPos(), "'" + key + "' is not supported by drover", Keywords.UNSUPPORTED_TASK.get(key));
        } else if (key.startsWith("with_")) {
            throw sources.error(e.keyPos(), "'" + key + "' is not supported by drover (only with_items, with_list,"
                    + " with_dict, with_sequence, with_together, with_nested, with_indexed_items and with_flattened are)", Keywords.LOOP_MIGRATION_HINT);
        } else if (Keywords.UNSUPPORTED_ACTIONS.containsKey(shortName)) {
            throw sources.error(e.keyPos(), "'" + key + "' is not supported by drover",
                    Keywords.UNSUPPORTED_ACTIONS.get(shortName));
        } else if (Keywords.IMPORT_TASKS.contains(shortName) || Keywords.INCLUDE_TASKS.contains(shortName)
                || RoleTasks.IMPORT_ROLE.contains(shortName) || RoleTasks.INCLUDE_ROLE.contains(shortName)
                || actions.isAction(key)) {
            parts.actions.add(e);
        } else if (dev.drover.playbook.Coerce.isTemplate(key)) {
            // Ansible: "couldn't resolve module/action '{{ m }}'": only 'action:' may be templated.
            throw sources.error(e.keyPos(), "a module name given as a key cannot be templated ('" + key + "')",
                    "write it as 'action: \"" + key + "\"' with the arguments under 'args:'");
        } else if (shortName.contains(".")) {
            throw actions.unknownModule(e.keyPos(), key);
        } else if (Keywords.PLAY.contains(key)) {
            throw sources.error(e.keyPos(), "'" + key + "' is a play keyword, not a task keyword",
                    "check the indentation: play keywords line up with the play's 'hosts:'");
        } else if (actions.isNotShipped(key)) {
            parts.actions.add(e);
        } else if (actionPlugin(e.keyPos().file(), key) != null) {
            throw sources.error(e.keyPos(), "'" + key + "' is an Ansible action plugin ("
                            + actionPlugin(e.keyPos().file(), key) + "); drover runs no Python plugins",
                    "write the task with the modules the plugin calls (for a wrapper of shell, a shell task"
                            + " with failed_when)");
        } else {
            parts.unknown.add(e);
        }
    }

    /**
     * A key that is neither a keyword nor a module, with Ansible 2.14's words (ModuleArgsParser, Base's
     * attribute check): beside a module it is a second action, on a block an invalid attribute, alone
     * a module that cannot be resolved. drover's suggestion goes to the hint.
     */
    private PlaybookException unknownKey(YamlNode.Mapping m, YamlNode.Entry e, Parts parts) {
        String key = e.key();
        String near = Suggest.closest(key, suggestionPool);
        String hint = (near != null ? "did you mean '" + near + "'? " : "")
                + "a task holds task keywords and exactly one module; check the spelling or the indentation";
        if (parts.block != null) {
            return sources.error(e.keyPos(), "'" + key + "' is not a valid attribute for a Block", hint);
        }
        if (!parts.actions.isEmpty()) {
            return sources.error(e.keyPos(), "conflicting action statements: " + actionName(parts.actions.get(0)) + ", " + key, hint);
        }
        return sources.error(e.keyPos(), "couldn't resolve module/action '" + key + "'. This often indicates a misspelling,"
                + " missing collection, or incorrect module path.", hint);
    }

    /** The module an action entry names: its key, or for {@code action:} the first word or {@code module} of its value. */
    private static String actionName(YamlNode.Entry a) {
        if (a.key().equals("action") || a.key().equals("local_action")) {
            if (a.value() instanceof YamlNode.Scalar s && !s.isNull()) {
                String v = s.text().strip();
                int sp = v.indexOf(' ');
                return sp < 0 ? v : v.substring(0, sp);
            }
            if (a.value() instanceof YamlNode.Mapping mm && mm.entry("module").isPresent()
                    && mm.entry("module").get().value() instanceof YamlNode.Scalar s) {
                return s.text();
            }
        }
        return a.key();
    }

    /**
     * The Python action plugin named {@code name} that Ansible would load for a task in {@code file}:
     * {@code action_plugins/NAME.py} beside the file or up to two folders above it (a role's tasks
     * file, the playbook); null when there is none.
     */
    private static java.nio.file.Path actionPlugin(java.nio.file.Path file, String name) {
        java.nio.file.Path dir = file == null ? null : file.toAbsolutePath().getParent();
        for (int up = 0; up < 3 && dir != null; up++, dir = dir.getParent()) {
            java.nio.file.Path plugin = dir.resolve("action_plugins").resolve(name + ".py");
            if (java.nio.file.Files.isRegularFile(plugin)) {
                return plugin;
            }
        }
        return null;
    }

    private Block readBlock(YamlNode.Mapping m, Parts parts, TaskContext ctx) throws PlaybookException {
        if (!parts.actions.isEmpty()) {
            YamlNode.Entry a = parts.actions.get(0);
            throw sources.error(a.keyPos(), "a block cannot also run a module ('" + a.key() + "')",
                    "move '" + a.key() + "' into a task inside 'block:'");
        }
        if (parts.args != null) {
            throw sources.error(parts.args.keyPos(), "'args' is not valid on a block", "put it on a task inside the block");
        }
        for (YamlNode.Entry e : parts.keywords) {
            if (!Keywords.COMMON.contains(e.key())) {
                throw sources.error(e.keyPos(), "'" + e.key() + "' is not valid on a block",
                        "put it on the tasks inside the block; a block only takes: "
                                + String.join(", ", new TreeSet<>(Keywords.COMMON)));
            }
        }
        TaskOptions opts = options.read(parts.keywords, m.pos());
        List<Task> block = blockPart(parts.block, ctx);
        List<Task> rescue = parts.rescue == null ? List.of() : blockPart(parts.rescue, ctx);
        List<Task> always = parts.always == null ? List.of() : blockPart(parts.always, ctx);
        return new Block(opts, block, rescue, always);
    }

    private List<Task> blockPart(YamlNode.Entry e, TaskContext ctx) throws PlaybookException {
        if (!(e.value() instanceof YamlNode.Sequence)) {
            throw sources.error(e.value().pos(), "'" + e.key() + "' must be a list of tasks, got " + e.value().describe(),
                    "indent the tasks under '" + e.key() + ":' and start each with '- '");
        }
        return readList(e.value(), e.key(), ctx);
    }

    private ModuleTask readModuleTask(YamlNode.Mapping m, YamlNode.Entry action, Parts parts) throws PlaybookException {
        ActionResolver.Resolved resolved = actions.resolve(action, parts.args);
        TaskOptions opts = options.read(parts.keywords, m.pos());
        if (resolved.local()) {
            Optional<YamlNode.Entry> delegate = m.entry("delegate_to");
            if (delegate.isPresent()) {
                throw sources.error(delegate.get().keyPos(), "'local_action' and 'delegate_to' cannot be used together",
                        "local_action already runs on localhost; remove one of them");
            }
            opts = opts.toBuilder().delegateTo(Optional.of("localhost")).build();
        }
        return new ModuleTask(opts, resolved.module(), resolved.args());
    }
}
