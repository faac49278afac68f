package dev.drover.playbook.parse;

import dev.drover.playbook.Block;
import dev.drover.playbook.Coerce;
import dev.drover.playbook.PlaybookException;
import dev.drover.playbook.Role;
import dev.drover.playbook.SourcePos;
import dev.drover.playbook.Task;
import dev.drover.playbook.TaskOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads roles as Ansible 2.14 does and turns each application into a role {@link Block}: the
 * dependencies from {@code meta/main.yml} as nested role blocks first, then the role's tasks. A role
 * applied again is kept: each application carries the key of Ansible's role cache entry
 * ({@link Role#key()}) and whether it runs once per host ({@link Role#once()}); whether it runs on a
 * host is decided at run time, per host, as Ansible's {@code has_run} does (the executor's
 * {@code RoleRuns}). Handlers of every role application are collected once per key for the play.
 *
 * <p>Variables are combined per application, following {@code Role.get_default_vars},
 * {@code get_vars} and {@code get_role_params} with a dependency chain: see {@link Role}. One
 * instance per parse; {@link #startPlay()} resets the per-play state.
 */
final class RoleLoader {

    /** Which files of the role to read: {@code tasks_from} and friends; null means {@code main}. */
    record From(String tasks, String vars, String defaults, String handlers) {
        static final From MAIN = new From(null, null, null, null);
    }

    /**
     * One role application as it was asked for.
     *
     * @param options keywords that apply to every task of the role (when, tags, become...)
     * @param vars    {@code vars:} written on the role entry
     * @param params  other keys of a {@code roles:} entry
     * @param dedup   a {@code roles:} entry or dependency (not an import or include): its meta's
     *                {@code allow_duplicates} decides whether it runs once per host
     * @param includeAllowsDuplicates an import's or include's own {@code allow_duplicates} (default
     *                true), which replaces the meta's for that application, as in Ansible
     */
    record Request(String name, SourcePos pos, TaskOptions options, Map<String, Object> vars,
            Map<String, Object> params, From from, boolean playWide, boolean dedup, boolean includeAllowsDuplicates) {

        Request(String name, SourcePos pos, TaskOptions options, Map<String, Object> vars,
                Map<String, Object> params, From from, boolean playWide, boolean dedup) {
            this(name, pos, options, vars, params, from, playWide, dedup, true);
        }
    }

    /** A loaded application, with what its children and parents need from it. */
    private record Loaded(String name, Path path, Map<String, Object> ownDefaults, Map<String, Object> entryVars,
            Map<String, Object> ownVars, Map<String, Object> params, Map<String, Object> allDefaults,
            Map<String, Object> allVars) {
    }

    private final SourceFiles sources;
    private final YamlReader yaml;
    private final TaskReader tasks;
    private final RoleSearch search;
    private final RoleEntries entries;
    private final List<Task> handlers = new ArrayList<>();
    private final java.util.Set<String> handlerFiles = new java.util.HashSet<>();

    RoleLoader(SourceFiles sources, YamlReader yaml, TaskReader tasks, RoleSearch search, RoleEntries entries) {
        this.sources = sources;
        this.entries = entries;
        this.yaml = yaml;
        this.tasks = tasks;
        this.search = search;
    }

    RoleSearch search() {
        return search;
    }

    /** @param basedir the directory of the playbook file holding the play */
    void startPlay(Path basedir) {
        search.basedir(basedir);
        handlers.clear();
        handlerFiles.clear();
    }

    /** Handler blocks of the roles applied in this play so far, in the order applied. */
    List<Task> handlers() {
        return List.copyOf(handlers);
    }

    /** @return the role's block (always present: repeats are decided per host at run time) */
    Optional<Block> load(Request req, TaskContext ctx) throws PlaybookException {
        List<Loaded> parents = new ArrayList<>();
        return apply(req, ctx, parents);
    }

    private Optional<Block> apply(Request req, TaskContext ctx, List<Loaded> parents) throws PlaybookException {
        if (Coerce.isTemplate(req.name())) {
            throw sources.error(req.pos(), "the role name '" + req.name() + "' uses variables, which drover does not"
                    + " support", "name the role directly; choose between roles with 'when'");
        }
        Path path = search.find(req.name(), req.pos(), ctx, parents.isEmpty() ? null : parents.get(parents.size() - 1).path());
        for (Loaded p : parents) {
            if (p.path().equals(path)) {
                throw sources.error(req.pos(), "role dependency cycle: role '" + req.name() + "' depends on itself",
                        "remove the dependency from its meta/main.yml");
            }
        }
        RoleMeta meta = RoleMeta.read(path, req.name(), yaml, sources, entries, search, req.pos());
        // Ansible's ROLE_CACHE key (Role.load): the role, its params, when, tags, from_files, vars and
        // from_include; as there, maps compare whatever the order of their keys.
        String key = path + "|" + new java.util.TreeMap<>(req.params()) + "|" + new java.util.TreeMap<>(req.vars())
                + "|" + req.options().when() + "|" + req.options().tags() + "|" + req.from() + "|" + !req.dedup();
        boolean once = req.dedup() ? !meta.allowDuplicates() : !req.includeAllowsDuplicates();
        Map<String, Object> ownDefaults = varsFile(path, "defaults", req.from().defaults(), req);
        Map<String, Object> ownVars = varsFile(path, "vars", req.from().vars(), req);
        Loaded self0 = new Loaded(req.name(), path, ownDefaults, req.vars(), ownVars, req.params(), Map.of(), Map.of());
        List<Loaded> chainForDeps = new ArrayList<>(parents);
        chainForDeps.add(self0);
        List<Task> body = new ArrayList<>();
        Map<String, Object> depDefaults = new LinkedHashMap<>();
        Map<String, Object> depVars = new LinkedHashMap<>();
        for (Request dep : meta.dependencies()) {
            Optional<Block> depBlock = apply(dep, ctx, chainForDeps);
            depBlock.ifPresent(body::add);
            Loaded d = lastApplied;
            depDefaults.putAll(d.allDefaults());
            depVars.putAll(d.allVars());
        }
        Map<String, Object> allDefaults = new LinkedHashMap<>(depDefaults);
        allDefaults.putAll(ownDefaults);
        Map<String, Object> allVars = new LinkedHashMap<>(depVars);
        allVars.putAll(req.vars());
        allVars.putAll(ownVars);
        Loaded self = new Loaded(req.name(), path, ownDefaults, req.vars(), ownVars, req.params(), allDefaults, allVars);
        lastApplied = self;
        Optional<Path> taskFile = search.mainFile(path, "tasks", req.from().tasks(), req.pos(), req.name());
        TaskContext fileCtx = ctx;
        if (taskFile.isPresent()) {
            fileCtx = enter(ctx, taskFile.get(), false);
            Optional<YamlNode> root = yaml.read(taskFile.get(), req.pos());
            if (root.isPresent()) {
                body.addAll(tasks.readTaskFile(root.get(), fileCtx));
            }
        }
        Role role = combined(self, parents, req.playWide(), key, once);
        Optional<Path> handlerFile = search.mainFile(path, "handlers", req.from().handlers(), req.pos(), req.name());
        if (handlerFile.isPresent() && handlerFiles.add(handlerFile.get().toAbsolutePath().normalize() + "|" + key)) {
            Optional<YamlNode> root = yaml.read(handlerFile.get(), req.pos());
            if (root.isPresent()) {
                List<Task> hs = tasks.readTaskFile(root.get(), enter(ctx, handlerFile.get(), true));
                handlers.add(new Block(req.options(), hs, List.of(), List.of(), Optional.of(role)));
            }
        }
        return Optional.of(new Block(req.options(), body, List.of(), List.of(), Optional.of(role)));
    }

    /** The application last returned by {@link #apply}. */
    private Loaded lastApplied;

    private static TaskContext enter(TaskContext ctx, Path file, boolean handlers) {
        List<Path> chain = new ArrayList<>(ctx.chain());
        chain.add(TaskContext.canonical(file));
        return new TaskContext(file, chain, handlers);
    }

    /** Ansible's {@code get_default_vars(dep_chain)}, {@code get_vars(dep_chain)}, {@code get_role_params(dep_chain)}. */
    private static Role combined(Loaded self, List<Loaded> parents, boolean playWide, String key, boolean once) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        Map<String, Object> depDefaults = new LinkedHashMap<>(self.allDefaults());
        self.ownDefaults().keySet().forEach(depDefaults::remove);
        defaults.putAll(depDefaults);
        parents.forEach(p -> defaults.putAll(p.ownDefaults()));
        defaults.putAll(self.ownDefaults());
        Map<String, Object> vars = new LinkedHashMap<>();
        for (Loaded p : parents) {
            vars.putAll(p.entryVars());
            vars.putAll(p.ownVars());
        }
        vars.putAll(self.allVars());
        Map<String, Object> params = new LinkedHashMap<>();
        parents.forEach(p -> params.putAll(p.params()));
        params.putAll(self.params());
        return new Role(self.name(), self.path(), defaults, vars, params, playWide, key, once);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> varsFile(Path role, String dir, String from, Request req) throws PlaybookException {
        Optional<Path> file = search.mainFile(role, dir, from, req.pos(), req.name());
        if (file.isEmpty()) {
            return Map.of();
        }
        Optional<YamlNode> root = yaml.read(file.get(), req.pos());
        if (root.isEmpty()) {
            return Map.of();
        }
        if (!(root.get() instanceof YamlNode.Mapping m)) {
            throw sources.error(root.get().pos(), "role '" + req.name() + "': " + dir + " must be a mapping of names to"
                    + " values, found " + root.get().describe(), "write 'name: value' lines at the top level");
        }
        return new LinkedHashMap<>((Map<String, Object>) m.toPlain());
    }

    static boolean exists(Path p) {
        return Files.isRegularFile(p);
    }
}
