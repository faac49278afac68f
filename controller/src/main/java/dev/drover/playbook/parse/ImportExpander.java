package dev.drover.playbook.parse;

import dev.drover.playbook.Block;
import dev.drover.playbook.Coerce;
import dev.drover.playbook.ModuleTask;
import dev.drover.playbook.PlaybookException;
import dev.drover.playbook.SourcePos;
import dev.drover.playbook.Task;
import dev.drover.playbook.TaskInclude;
import dev.drover.playbook.TaskOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code import_tasks} and {@code include_tasks}. An import is static: the named file (relative to
 * the importing file) is parsed now and its tasks take the import's place, each keeping its own
 * position in the imported file, with the import's {@code when} prepended, {@code tags} added and
 * {@code vars} underneath its own, which is what Ansible's inheritance from the import amounts to.
 * An include is dynamic: it stays a {@link TaskInclude} node for the executor.
 */
final class ImportExpander {
    private final TaskReader tasks;
    private final YamlReader yaml;
    private final SourceFiles sources;
    private final TaskOptionsReader options;

    ImportExpander(TaskReader tasks, YamlReader yaml, SourceFiles sources, TaskOptionsReader options) {
        this.tasks = tasks;
        this.yaml = yaml;
        this.sources = sources;
        this.options = options;
    }

    List<Task> importTasks(SourcePos pos, YamlNode.Entry action, List<YamlNode.Entry> keywords, YamlNode.Entry args,
                           TaskContext ctx) throws PlaybookException {
        checkKeywords(action, keywords, Keywords.COMMON,
                "an import is replaced by the imported tasks; set it on those tasks, or wrap the import in a block");
        FileArg file = fileArg(action, args);
        if (Coerce.isTemplate(file.name)) {
            throw sources.error(file.pos, "import_tasks is static, so its file name cannot use variables ('" + file.name + "')",
                    "use include_tasks to choose the file at run time");
        }
        Path path = ctx.dir().resolve(file.name).normalize();
        if (ctx.onChain(path)) {
            String cycle = ctx.chain().stream().map(Path::getFileName).map(Path::toString)
                    .collect(Collectors.joining(" -> ")) + " -> " + path.getFileName();
            throw sources.error(file.pos, "import cycle: " + cycle,
                    "a file cannot import itself, directly or through other files; use include_tasks with a condition"
                            + " for deliberate recursion");
        }
        TaskOptions imported = options.read(keywords, pos);
        Optional<YamlNode> root = yaml.read(path, file.pos);
        if (root.isEmpty()) {
            return List.of();
        }
        List<Task> result = new ArrayList<>();
        for (Task t : tasks.readTaskFile(root.get(), ctx.enter(path))) {
            result.add(inherit(t, imported));
        }
        return result;
    }

    TaskInclude includeTasks(SourcePos pos, YamlNode.Entry action, List<YamlNode.Entry> keywords, YamlNode.Entry args,
                             TaskContext ctx) throws PlaybookException {
        Set<String> allowed = ctx.handlers() ? Keywords.union(Keywords.INCLUDE, Set.of(Keywords.LISTEN)) : Keywords.INCLUDE;
        checkKeywords(action, keywords, allowed,
                "set it on the tasks in the included file, or wrap the include in a block");
        FileArg file = fileArg(action, args);
        TaskOptions applied = TaskOptions.none(pos);
        if (file.apply != null) {
            List<YamlNode.Entry> kws = new ArrayList<>();
            for (YamlNode.Entry e : file.apply.entries()) {
                if (!RoleEntries.KEYWORDS.contains(e.key()) && !e.key().equals("vars")) {
                    // Ansible builds a Block from apply: only a block's keywords are valid there.
                    throw sources.error(e.keyPos(), "'" + e.key() + "' is not a valid keyword for include_tasks' apply",
                            "apply takes a block's keywords: " + String.join(", ", new TreeSet<>(RoleEntries.KEYWORDS)) + ", vars");
                }
                kws.add(e);
            }
            applied = options.read(kws, file.apply.pos());
        }
        return new TaskInclude(options.read(keywords, pos), file.name, ctx.dir(), Optional.empty(), Optional.empty(), applied);
    }

    private void checkKeywords(YamlNode.Entry action, List<YamlNode.Entry> keywords, Set<String> allowed, String hint)
            throws PlaybookException {
        for (YamlNode.Entry e : keywords) {
            if (!allowed.contains(e.key())) {
                String what = Keywords.shortName(action.key());
                if (Keywords.LOOPS.contains(e.key()) || e.key().equals("loop_control")) {
                    throw sources.error(e.keyPos(), "'" + e.key() + "' cannot be used with " + what + ", which is static",
                            "use include_tasks to run a task file once per item");
                }
                throw sources.error(e.keyPos(), "'" + e.key() + "' cannot be used with " + what
                        + " (it takes: " + String.join(", ", new TreeSet<>(allowed)) + ")", hint);
            }
        }
    }

    /** The file to include or import, and an include_tasks' {@code apply:} mapping, if any. */
    private record FileArg(String name, SourcePos pos, YamlNode.Mapping apply) {
    }

    /** The file name from {@code import_tasks: x.yml}, {@code import_tasks: file=x.yml} or {@code {file: x.yml}}. */
    @SuppressWarnings("unchecked")
    private FileArg fileArg(YamlNode.Entry action, YamlNode.Entry argsEntry) throws PlaybookException {
        String what = Keywords.shortName(action.key());
        YamlNode v = action.value();
        Map<String, Object> args = new LinkedHashMap<>();
        if (argsEntry != null && argsEntry.value() instanceof YamlNode.Mapping am) {
            args.putAll((Map<String, Object>) am.toPlain());
        } else if (argsEntry != null && !(argsEntry.value() instanceof YamlNode.Scalar s && s.isNull())) {
            throw sources.error(argsEntry.value().pos(), "'args' must be a mapping, got " + argsEntry.value().describe(),
                    "for example: args: {file: tasks.yml}");
        }
        if (v instanceof YamlNode.Scalar s && s.value() instanceof String text) {
            try {
                args.putAll(KeyValueArgs.parse(text, false));
            } catch (KeyValueArgs.SplitException e) {
                throw sources.error(v.pos(), "cannot split the arguments: " + e.getMessage(), "quote the file name", e);
            }
        } else if (v instanceof YamlNode.Mapping m) {
            args.putAll((Map<String, Object>) m.toPlain());
        } else if (!(v instanceof YamlNode.Scalar s && s.isNull())) {
            throw sources.error(v.pos(), "'" + what + "' needs a file name, got " + v.describe(),
                    "for example: " + what + ": tasks/upgrade.yml");
        }
        Set<String> unknown = new LinkedHashSet<>(args.keySet());
        unknown.removeAll(Set.of("file", ModuleTask.RAW_PARAMS));
        boolean include = action.key().endsWith("include_tasks");
        if (include) {
            unknown.remove("apply");
        }
        if (!unknown.isEmpty()) {
            String first = unknown.iterator().next();
            throw sources.error(v.pos(), "invalid option for " + what + ": '" + first + "'",
                    first.equals("apply") ? "an import's own keywords already apply to every imported task"
                            : what + " takes only a file name" + (include ? " and apply" : ""));
        }
        YamlNode.Mapping apply = null;
        if (include && args.containsKey("apply")) {
            YamlNode.Mapping holder = v instanceof YamlNode.Mapping m ? m
                    : argsEntry != null && argsEntry.value() instanceof YamlNode.Mapping am ? am : null;
            YamlNode node = holder == null ? null : holder.entry("apply").map(YamlNode.Entry::value).orElse(null);
            if (!(node instanceof YamlNode.Mapping am)) {
                throw sources.error(node != null ? node.pos() : v.pos(), "include_tasks' 'apply' must be a mapping of keywords",
                        "for example: apply: {become: true, tags: [upgrade]}");
            }
            apply = am;
        }
        Object name = args.containsKey(ModuleTask.RAW_PARAMS) ? args.get(ModuleTask.RAW_PARAMS) : args.get("file");
        if (name == null || name.toString().isBlank()) {
            throw sources.error(v.pos(), "'" + what + "' needs a file name", "for example: " + what + ": tasks/upgrade.yml");
        }
        return new FileArg(name.toString().strip(), v.pos(), apply);
    }

    /**
     * An imported task with the import's keywords applied, as Ansible's parent chain would: {@code when}
     * prepended, {@code tags} added, {@code vars} and {@code environment} underneath the task's own, and
     * every other keyword (become, delegate_to, ignore_errors, notify...) where the task leaves it unset.
     */
    static Task inherit(Task t, TaskOptions from) {
        TaskOptions merged = merge(t.options(), from);
        if (t instanceof ModuleTask m) {
            return new ModuleTask(merged, m.module(), m.args());
        }
        if (t instanceof Block b) {
            return new Block(merged, b.block(), b.rescue(), b.always(), b.role());
        }
        // An include's tasks see the import too (a static parent in Ansible's chain), not only the
        // include itself; its variables are already the include's.
        TaskInclude i = (TaskInclude) t;
        TaskOptions inherited = merge(i.inherited(), from.toBuilder().vars(Map.of()).build());
        return new TaskInclude(merged, i.file(), i.baseDir(), i.role(), i.dynamic(), inherited);
    }

    /** {@code o} with {@code from}'s keywords where it leaves them unset ({@code when}, {@code tags}, vars, environment: both). */
    private static TaskOptions merge(TaskOptions o, TaskOptions from) {
        List<String> when = new ArrayList<>(from.when());
        when.addAll(o.when());
        Set<String> tags = new LinkedHashSet<>(from.tags());
        tags.addAll(o.tags());
        Map<String, Object> vars = new LinkedHashMap<>(from.vars());
        vars.putAll(o.vars());
        List<Object> environment = new ArrayList<>(from.environment());
        environment.addAll(o.environment());
        return o.toBuilder().when(when).tags(List.copyOf(tags)).vars(vars).environment(environment)
                .become(o.become().or(from.become()))
                .becomeUser(o.becomeUser().or(from::becomeUser))
                .becomeMethod(o.becomeMethod().or(from::becomeMethod))
                .becomeExe(o.becomeExe().or(from::becomeExe))
                .becomeFlags(o.becomeFlags().or(from::becomeFlags))
                .ignoreErrors(o.ignoreErrors().or(from.ignoreErrors()))
                .ignoreUnreachable(o.ignoreUnreachable().or(from.ignoreUnreachable()))
                .anyErrorsFatal(o.anyErrorsFatal().or(from.anyErrorsFatal()))
                .noLog(o.noLog().or(from.noLog()))
                .checkMode(o.checkMode().or(from.checkMode()))
                .delegateTo(o.delegateTo().or(from::delegateTo))
                .runOnce(o.runOnce().or(from.runOnce()))
                .throttle(o.throttle().or(from.throttle()))
                .timeout(o.timeout().or(from.timeout()))
                .notifies(o.notifies().isEmpty() ? from.notifies() : o.notifies())
                .diff(o.diff().or(from.diff()))
                .remoteUser(o.remoteUser().or(from::remoteUser))
                .build();
    }
}
