package dev.drover.execute.play;

import dev.drover.execute.HostStatus;
import dev.drover.playbook.LoopControl;
import dev.drover.playbook.PlaybookException;
import dev.drover.playbook.RoleInclude;
import dev.drover.playbook.Task;
import dev.drover.playbook.TaskInclude;
import dev.drover.playbook.TaskOptions;
import dev.drover.playbook.parse.TaskFileParser;
import dev.drover.protocol.Results;
import dev.drover.template.TemplateException;
import dev.drover.template.Templater;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code include_tasks} and {@code include_role} at run time, as Ansible's linear strategy does it: each host (and loop item)
 * evaluates the include's {@code when} and renders the file name; hosts that include the same file
 * with the same variables run its tasks together, group after group. The file is parsed once per run
 * and path. Included tasks inherit the include's variables (and loop variables), its {@code apply:},
 * and the keywords of the blocks around it, but none of the include's own keywords ({@code when},
 * {@code ignore_errors}, {@code register}, {@code run_once}... apply to the include itself). Nesting is
 * bounded to catch an include that includes itself.
 */
final class Includes {
    static final int MAX_DEPTH = 32;

    private final RunContext rc;
    private final Variables.PlayScope scope;
    private final Batch batch;
    /** Where a dynamic include_role's handlers join the play's. */
    private final Handlers handlers;
    private final Map<Path, List<Task>> parsed = new ConcurrentHashMap<>();
    /** Dynamic roles loaded, per include_role task and rendered name: each include loads its own, as Ansible. */
    private final Map<Map.Entry<RoleInclude, RenderedRole>, List<Task>> loadedRoles = new ConcurrentHashMap<>();

    Includes(RunContext rc, Variables.PlayScope scope, Batch batch, Handlers handlers) {
        this.rc = rc;
        this.scope = scope;
        this.batch = batch;
        this.handlers = handlers;
    }

    /**
     * One host's (one item's) decision to include a file with extra variables; for a dynamic
     * include_role, the rendered role name and files too.
     */
    private record Key(Path file, Map<String, Object> vars, RenderedRole role) {
    }

    /** A dynamic include_role's name and {@code *_from} files once rendered for a host (and item). */
    private record RenderedRole(String name, Map<String, String> from) {
    }

    void run(TaskInclude inc, Chain chain, List<HostState> hosts, PlayListener.Kind kind) {
        if (!rc.options().tags().runs(chain.tags(inc.options()))) {
            return;
        }
        String action = inc.isRole() ? "include_role" : "include_tasks";
        Templater t = rc.templater().get();
        // As a module task's run_once: the first host alone includes the file, and alone runs its tasks.
        Map<String, Object> first = Variables.forTask(scope, hosts.get(0), chain, inc.vars(), rc.options().check());
        // An unnamed include_role shows as 'include_role : <the role's name as written>' (IncludeRole.get_name).
        String name = Settings.taskName(inc, inc.isRole() ? action + " : " + inc.file() : action, first, rc.templater());
        String failedName = Settings.taskName(inc, action, chain.play(), rc.options().extraVars(), rc.templater());
        List<HostState> others = List.of();
        if (Settings.bool(chain.setting(inc.options(), o -> o.runOnce(), chain.play().runOnce()), false, t, first)) {
            others = hosts.subList(1, hosts.size());
            hosts = List.of(hosts.get(0));
        }
        // The banner carries the role's prefix, as a module task's does; ansible_failed_task.name does not.
        String banner = chain.role().map(r -> r.name() + " : ").orElse("") + name;
        rc.listener().taskStart(new PlayListener.TaskStart(banner, kind, action, inc.pos(),
                hosts.stream().map(HostState::name).toList()));
        Map<Key, List<HostState>> groups = new LinkedHashMap<>();
        // The item label Ansible's callback shows after each "included:" line (per file and item).
        Map<Key, java.util.Optional<Object>> labels = new HashMap<>();
        List<TaskRunner.Outcome> outcomes = new ArrayList<>();
        long depth = chain.frames().stream().filter(Chain.Frame::boundary).count();
        for (HostState h : hosts) {
            Map<String, Object> vars = Variables.forTask(scope, h, chain, inc.vars(), rc.options().check());
            boolean ignoreErrors = false;
            boolean noLog = false;
            try {
                // The include's own ignore_errors and no_log (or its blocks') cover its own failure:
                // a name or condition that does not render. Not a file that is missing (below), as in Ansible.
                ignoreErrors = Settings.bool(chain.setting(inc.options(), o -> o.ignoreErrors(), chain.play().ignoreErrors()),
                        false, t, vars);
                noLog = Settings.bool(chain.setting(inc.options(), o -> o.noLog(), chain.play().noLog()), false, t, vars);
                if (depth >= MAX_DEPTH) {
                    throw new IllegalArgumentException("include_tasks nested more than " + MAX_DEPTH
                            + " deep; does the file include itself?");
                }
                List<Map<String, Object>> itemVars = new ArrayList<>();
                boolean looped = inc.options().loop().isPresent();
                String loopVar = "item";
                LoopControl lc = null;
                if (looped) {
                    List<Object> items = LoopItems.items(inc.options().loop().get(), t, vars);
                    lc = LoopItems.withLoopVar(inc.options().loopControl(), t, vars);
                    loopVar = lc.loopVar();
                    for (int i = 0; i < items.size(); i++) {
                        Map<String, Object> v = new HashMap<>();
                        LoopItems.loopVars(v, lc, items, i);
                        itemVars.add(v);
                    }
                } else {
                    itemVars.add(Map.of());
                }
                List<Map<String, Object>> registered = new ArrayList<>();
                for (Map<String, Object> iv : itemVars) {
                    Map<String, Object> all = new HashMap<>(vars);
                    all.putAll(iv);
                    if (!t.condition(chain.when(inc.options()), all)) {
                        continue;
                    }
                    RenderedRole dyn = inc.dynamic().isPresent() ? render(inc.dynamic().get(), t, all) : null;
                    String written = inc.isRole() ? null : Settings.string(inc.file(), t, all);
                    Path file = dyn != null ? Path.of(dyn.name())
                            : inc.role().isPresent() ? inc.role().get().role().orElseThrow().path()
                            : inc.baseDir().resolve(written).normalize();
                    Key key = new Key(file, iv, dyn);
                    groups.computeIfAbsent(key, k -> new ArrayList<>()).add(h);
                    labels.put(key, noLog ? java.util.Optional.of(PlayListener.CENSORED_ITEM)
                            : !looped ? java.util.Optional.empty()
                            : java.util.Optional.of(lc.label().isPresent() ? t.render(lc.label().get(), all)
                                    : LoopItems.shown(iv.get(loopVar))));
                    registered.add(included(inc, dyn, written, looped ? loopVar : null, iv));
                }
                Map<String, Object> result = registered.isEmpty() ? TaskRunner.skipped()
                        : looped ? allItems(registered) : registered.get(0);
                outcomes.add(new TaskRunner.Outcome(h, registered.isEmpty() ? HostStatus.SKIPPED : HostStatus.OK,
                        result, false, false, false, noLog, java.util.Optional.empty()));
            } catch (TemplateException | IllegalArgumentException e) {
                outcomes.add(new TaskRunner.Outcome(h, HostStatus.FAILED,
                        Results.failed("task \"" + name + "\" (" + inc.pos() + "): " + e.getMessage()),
                        ignoreErrors, false, false, noLog, java.util.Optional.empty()));
            }
        }
        for (Map.Entry<Key, List<HostState>> g : groups.entrySet()) {
            try {
                if (inc.dynamic().isPresent()) {
                    load(inc.dynamic().get(), g.getKey().role());
                } else if (inc.role().isEmpty()) {
                    parsed.computeIfAbsent(g.getKey().file(), this::parse);
                    rc.listener().included(g.getKey().file(), g.getValue().stream().map(HostState::name).toList(),
                            labels.getOrDefault(g.getKey(), java.util.Optional.empty()));
                }
            } catch (IncludeFailed e) {
                for (HostState h : g.getValue()) {
                    outcomes.removeIf(o -> o.host() == h);
                    outcomes.add(failed(h, e.getMessage()));
                }
            }
        }
        Batch.roleTasksRan(chain, outcomes);
        for (TaskRunner.Outcome o : outcomes) {
            register(inc, o.host(), o.result());
            if (o.host() == hosts.get(0)) {
                // run_once: the other hosts register the first host's result, as for a module task.
                others.forEach(other -> register(inc, other, o.result()));
            }
        }
        outcomes.stream().filter(o -> o.status() == HostStatus.SKIPPED || o.status() == HostStatus.FAILED).forEach(o ->
                rc.listener().hostResult(new PlayListener.TaskResult(o.host().name(), java.util.Optional.empty(),
                        action, o.status(), o.result(), o.ignored(), o.noLog(), false)));
        if (inc.isRole()) {
            // Ansible's recap does not count an include_role that ran, only one skipped or failed.
            batch.apply(outcomes.stream().filter(o -> o.status() != HostStatus.OK).toList(), failedName, action,
                    chain.rescuable());
        } else {
            batch.apply(outcomes, failedName, action, chain.rescuable());
            countEachInclusion(outcomes, groups);
        }
        // The included tasks inherit the blocks around the include (Chain), then its apply: and the
        // imports it came through, not its own keywords.
        for (Map.Entry<Key, List<HostState>> g : groups.entrySet()) {
            List<Task> tasks = inc.role().isPresent() ? List.of(inc.role().get())
                    : inc.dynamic().isPresent() ? loadedRoles.get(Map.entry(inc.dynamic().get(), g.getKey().role()))
                    : parsed.get(g.getKey().file());
            List<HostState> members = g.getValue().stream().filter(HostState::active).toList();
            if (tasks == null || members.isEmpty()) {
                continue;
            }
            Map<String, Object> vars = new LinkedHashMap<>(inc.vars());
            vars.putAll(g.getKey().vars());
            TaskOptions frame = inc.options().toBuilder().vars(vars).build();
            batch.runList(tasks, chain.include(frame).enter(inc.inherited(), false), members, kind);
        }
    }

    private static void register(TaskInclude inc, HostState h, Map<String, Object> result) {
        inc.options().register().ifPresent(r -> TaskRunner.register(h, r, result));
    }

    /**
     * What {@code register} holds for one inclusion, as Ansible's TaskExecutor returns it: the rendered
     * file and the include's other arguments (an include_role's are its name and files).
     */
    private static Map<String, Object> included(TaskInclude inc, RenderedRole dyn, String written, String loopVar,
            Map<String, Object> itemVars) {
        Map<String, Object> r = new LinkedHashMap<>();
        if (loopVar != null) {
            r.put("ansible_loop_var", loopVar);
        }
        if (written != null) {
            r.put("include", written);
            r.put("include_args", Map.of());
        } else {
            Map<String, Object> args = new LinkedHashMap<>();
            args.put("name", dyn != null ? dyn.name() : inc.file());
            if (dyn != null) {
                args.putAll(dyn.from());
            }
            r.put("include_args", args);
        }
        if (loopVar != null) {
            r.put("item", itemVars.get(loopVar));
        } else {
            r.put("changed", false);
        }
        return r;
    }

    private static Map<String, Object> allItems(List<Map<String, Object>> items) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("changed", false);
        r.put("msg", "All items completed");
        r.put("results", List.copyOf(items));
        r.put("skipped", false);
        return r;
    }

    private static RenderedRole render(RoleInclude spec, Templater t, Map<String, Object> vars) {
        Map<String, String> from = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : spec.from().entrySet()) {
            from.put(e.getKey(), Settings.string(e.getValue(), t, vars).strip());
        }
        return new RenderedRole(Settings.string(spec.name(), t, vars).strip(), from);
    }

    /**
     * Loads a dynamic include_role's role once per include and rendered name in this batch; its handlers
     * join the play's, and a public role's defaults and vars the play's. A role that is missing or does not load fails the hosts that include it, as
     * Ansible's "the role 'x' was not found".
     */
    private void load(RoleInclude spec, RenderedRole r) {
        Map.Entry<RoleInclude, RenderedRole> key = Map.entry(spec, r);
        if (loadedRoles.containsKey(key)) {
            return;
        }
        TaskFileParser.LoadedRole loaded;
        try {
            loaded = rc.taskFiles().role(spec, r.name(), r.from());
        } catch (PlaybookException e) {
            throw new IncludeFailed(e.getMessage());
        }
        handlers.addRole(loaded.handlers(), batch.hosts());
        if (spec.isPublic()) {
            // As Ansible's IncludeRole.get_block_list: a public role joins the play's roles when loaded.
            scope.roles().add(loaded.block().role().orElseThrow());
        }
        loadedRoles.put(key, List.of(loaded.block()));
    }

    /**
     * Ansible counts an include in the recap once per file and loop item it included for a host (a
     * looped include of two items is ok=2), not once per task; the policy counted one already.
     */
    private void countEachInclusion(List<TaskRunner.Outcome> outcomes, Map<Key, List<HostState>> groups) {
        for (TaskRunner.Outcome o : outcomes) {
            if (o.status() != HostStatus.OK) {
                continue;
            }
            long inclusions = groups.values().stream().filter(members -> members.contains(o.host())).count();
            for (long i = 1; i < inclusions; i++) {
                rc.stats().add(o.host().name(), Stats.Counter.OK);
            }
        }
    }

    private List<Task> parse(Path file) {
        try {
            return rc.taskFiles().parse(file);
        } catch (PlaybookException e) {
            if (java.nio.file.Files.isRegularFile(file)) {
                // As Ansible: a file that is there but does not parse is the playbook's error, which no
                // rescue catches: the run stops (exit 4). A missing file only fails the hosts.
                throw new IncludeParseError(e.getMessage(), e);
            }
            throw new IncludeFailed(e.getMessage());
        }
    }

    /** An included task file that exists but does not parse: the run stops, as for a playbook that does not parse. */
    static final class IncludeParseError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        IncludeParseError(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static TaskRunner.Outcome outcome(HostState h, HostStatus status, Map<String, Object> result) {
        return new TaskRunner.Outcome(h, status, result, false, false, false, false, java.util.Optional.empty());
    }

    private static TaskRunner.Outcome failed(HostState h, String msg) {
        return outcome(h, HostStatus.FAILED, Results.failed(msg));
    }

    /** A task file that does not parse: the hosts including it fail with the parser's message. */
    private static final class IncludeFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        IncludeFailed(String message) {
            super(message, null, false, false);
        }
    }
}
