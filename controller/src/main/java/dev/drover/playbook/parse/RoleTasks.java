package dev.drover.playbook.parse;

import dev.drover.playbook.Block;
import dev.drover.playbook.Coerce;
import dev.drover.playbook.PlaybookException;
import dev.drover.playbook.RoleInclude;
import dev.drover.playbook.SourcePos;
import dev.drover.playbook.Task;
import dev.drover.playbook.TaskInclude;
import dev.drover.playbook.TaskOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code import_role} and {@code include_role}. Both load the role while the playbook is parsed, so
 * a missing role or a broken task file is reported before anything runs; an include_role whose name
 * or {@code *_from} uses variables is a {@link RoleInclude} the executor loads per host and item. An import is static: its
 * keywords apply to every task of the role and it is replaced by the role's block. An include is a
 * {@link TaskInclude} carrying the role's block: its {@code when} and loop are evaluated once per
 * host (and item), its other keywords apply to the include only, and {@code apply:} gives keywords
 * to the role's tasks, as in Ansible.
 */
final class RoleTasks {
    static final Set<String> IMPORT_ROLE = Set.of("import_role");
    static final Set<String> INCLUDE_ROLE = Set.of("include_role");
    private static final Set<String> ARGS = Set.of("name", "tasks_from", "vars_from", "defaults_from",
            "handlers_from", "allow_duplicates", "public", "apply", "rolespec_validate");

    private final SourceFiles sources;
    private final TaskOptionsReader options;
    private final ValueReader values;
    private RoleLoader loader;

    RoleTasks(SourceFiles sources, TaskOptionsReader options) {
        this.sources = sources;
        this.options = options;
        this.values = new ValueReader(sources);
    }

    void loader(RoleLoader loader) {
        this.loader = loader;
    }

    List<Task> importRole(SourcePos pos, YamlNode.Entry action, List<YamlNode.Entry> keywords, YamlNode.Entry argsEntry,
            TaskContext ctx) throws PlaybookException {
        Set<String> allowed = Keywords.union(RoleEntries.KEYWORDS, Set.of("name", "vars"));
        for (YamlNode.Entry e : keywords) {
            if (Keywords.LOOPS.contains(e.key()) || e.key().equals("loop_control")) {
                throw sources.error(e.keyPos(), "'" + e.key() + "' cannot be used with import_role, which is static",
                        "use include_role to apply a role once per item");
            }
            if (!allowed.contains(e.key())) {
                throw sources.error(e.keyPos(), "'" + e.key() + "' cannot be used with import_role (it takes: "
                        + String.join(", ", new TreeSet<>(allowed)) + ")", "set it on the role's tasks");
            }
        }
        Map<String, YamlNode.Entry> args = args(action, argsEntry);
        if (args.containsKey("apply")) {
            throw sources.error(args.get("apply").keyPos(), "'apply' is only valid with include_role",
                    "an import's own keywords already apply to every task of the role");
        }
        TaskOptions opts = options.read(keywords, pos);
        RoleLoader.Request req = request(action, args, opts, true);
        return loader.load(req, ctx).map(b -> List.<Task>of(b)).orElse(List.of());
    }

    TaskInclude includeRole(SourcePos pos, YamlNode.Entry action, List<YamlNode.Entry> keywords, YamlNode.Entry argsEntry,
            TaskContext ctx) throws PlaybookException {
        for (YamlNode.Entry e : keywords) {
            if (!Keywords.INCLUDE.contains(e.key())) {
                throw sources.error(e.keyPos(), "'" + e.key() + "' cannot be used with include_role in drover (it takes: "
                        + String.join(", ", new TreeSet<>(Keywords.INCLUDE)) + ")",
                        "to give it to the role's tasks, put it under the include's 'apply:'");
            }
        }
        Map<String, YamlNode.Entry> args = args(action, argsEntry);
        TaskOptions applied = TaskOptions.none(pos);
        if (args.containsKey("apply")) {
            YamlNode.Entry apply = args.get("apply");
            if (!(apply.value() instanceof YamlNode.Mapping am)) {
                throw values.wrongType(apply, "a mapping of keywords", "apply: {tags: [upgrade], become: true}");
            }
            List<YamlNode.Entry> kws = new ArrayList<>();
            for (YamlNode.Entry e : am.entries()) {
                if (!RoleEntries.KEYWORDS.contains(e.key()) && !e.key().equals("vars")) {
                    throw sources.error(e.keyPos(), "'" + e.key() + "' cannot be applied to a role's tasks",
                            "apply takes: " + String.join(", ", new TreeSet<>(RoleEntries.KEYWORDS)) + ", vars");
                }
                kws.add(e);
            }
            applied = options.read(kws, am.pos());
        }
        boolean isPublic = args.containsKey("public") && Coerce.toBoolean(args.get("public").value().toPlain());
        if (templated(args)) {
            // Ansible loads every include_role at run time; drover does so when it must, to choose the role per host.
            YamlNode.Entry name = args.get("name");
            Map<String, String> from = new LinkedHashMap<>();
            for (String key : List.of("tasks_from", "vars_from", "defaults_from", "handlers_from")) {
                if (args.containsKey(key)) {
                    from.put(key, values.string(args.get(key)).strip());
                }
            }
            RoleInclude dyn = new RoleInclude(values.string(name).strip(), from, applied, isPublic,
                    loader.search().basedir(), loader.search().rolesPath(), name.value().pos());
            return new TaskInclude(options.read(keywords, pos), dyn.name(), ctx.dir(), Optional.empty(), Optional.of(dyn));
        }
        RoleLoader.Request req = request(action, args, applied, isPublic);
        req = new RoleLoader.Request(req.name(), req.pos(), req.options(), req.vars(), req.params(), req.from(),
                isPublic, false, req.includeAllowsDuplicates());
        Optional<Block> block = loader.load(req, ctx);
        return new TaskInclude(options.read(keywords, pos), req.name(), ctx.dir(), block);
    }

    /** The role's name or one of its files uses variables: it can only be loaded per host. */
    private boolean templated(Map<String, YamlNode.Entry> args) throws PlaybookException {
        for (String key : List.of("name", "tasks_from", "vars_from", "defaults_from", "handlers_from")) {
            YamlNode.Entry e = args.get(key);
            if (e != null && Coerce.isTemplate(values.string(e))) {
                return true;
            }
        }
        return false;
    }

    private RoleLoader.Request request(YamlNode.Entry action, Map<String, YamlNode.Entry> args, TaskOptions opts,
            boolean playWide) throws PlaybookException {
        YamlNode.Entry name = args.get("name");
        if (name == null) {
            throw sources.error(action.value().pos(), "'" + Keywords.shortName(action.key()) + "' needs the role's name",
                    "for example: " + Keywords.shortName(action.key()) + ": {name: common}");
        }
        RoleLoader.From from = new RoleLoader.From(opt(args, "tasks_from"), opt(args, "vars_from"),
                opt(args, "defaults_from"), opt(args, "handlers_from"));
        boolean allowDuplicates = true;
        YamlNode.Entry dup = args.get("allow_duplicates");
        if (dup != null) {
            Object v = dup.value().toPlain();
            if (v instanceof String text && Coerce.isTemplate(text)) {
                throw sources.error(dup.value().pos(), "'allow_duplicates' uses variables ('" + text + "'), which drover"
                        + " does not support for roles", "write true or false");
            }
            allowDuplicates = Coerce.toBoolean(v);
        }
        return new RoleLoader.Request(values.string(name).strip(), name.value().pos(), opts, opts.vars(), Map.of(), from,
                playWide, false, allowDuplicates);
    }

    private String opt(Map<String, YamlNode.Entry> args, String key) throws PlaybookException {
        YamlNode.Entry e = args.get(key);
        if (e == null) {
            return null;
        }
        String v = values.string(e).strip();
        if (Coerce.isTemplate(v)) {
            throw sources.error(e.value().pos(), "'" + key + "' uses variables ('" + v + "'), which drover does not"
                    + " support for roles", "name the file directly");
        }
        return v;
    }

    /** The role arguments from the action's mapping (or {@code name=x} text) and {@code args:}. */
    private Map<String, YamlNode.Entry> args(YamlNode.Entry action, YamlNode.Entry argsEntry) throws PlaybookException {
        Map<String, YamlNode.Entry> out = new LinkedHashMap<>();
        List<YamlNode> sources0 = new ArrayList<>();
        if (argsEntry != null) {
            sources0.add(argsEntry.value());
        }
        sources0.add(action.value());
        for (YamlNode v : sources0) {
            if (v instanceof YamlNode.Mapping m) {
                m.entries().forEach(e -> out.put(e.key(), e));
            } else if (v instanceof YamlNode.Scalar s && s.value() instanceof String text && !text.isBlank()) {
                Map<String, Object> kv;
                try {
                    kv = KeyValueArgs.parse(text, false);
                } catch (KeyValueArgs.SplitException ex) {
                    throw sources.error(s.pos(), "cannot split the arguments: " + ex.getMessage(), "write name=<role>", ex);
                }
                for (Map.Entry<String, Object> e : kv.entrySet()) {
                    String key = e.getKey().equals(dev.drover.playbook.ModuleTask.RAW_PARAMS) ? "name" : e.getKey();
                    out.put(key, new YamlNode.Entry(key, s.pos(), new YamlNode.Scalar(String.valueOf(e.getValue()),
                            String.valueOf(e.getValue()), s.pos())));
                }
            } else if (!(v instanceof YamlNode.Scalar s && s.isNull())) {
                throw sources.error(v.pos(), "'" + Keywords.shortName(action.key()) + "' takes a mapping, got " + v.describe(),
                        "for example: " + Keywords.shortName(action.key()) + ": {name: common, tasks_from: install}");
            }
        }
        for (YamlNode.Entry e : out.values()) {
            if (!ARGS.contains(e.key())) {
                throw sources.error(e.keyPos(), "invalid option for " + Keywords.shortName(action.key()) + ": '" + e.key() + "'",
                        "it takes: " + String.join(", ", new TreeSet<>(ARGS)));
            }
        }
        return out;
    }
}
