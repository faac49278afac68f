package dev.drover.playbook.parse;

import dev.drover.protocol.text.Suggest;
import dev.drover.playbook.Coerce;
import dev.drover.playbook.HostOrder;
import dev.drover.playbook.ModuleTask;
import dev.drover.playbook.TaskOptions;
import dev.drover.playbook.Play;
import dev.drover.playbook.PlaybookException;
import dev.drover.playbook.Serial;
import dev.drover.playbook.Setting;
import dev.drover.playbook.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Maps one play mapping onto a {@link Play}. */
final class PlayReader {
    private static final Set<String> STRATEGIES = Set.of("linear", "free", "host_pinned");
    private static final Set<String> CONNECTIONS = Set.of("ssh", "local");
    private static final Pattern SERIAL_STEP = Pattern.compile("\\d+|\\d+(\\.\\d+)?%");

    private final SourceFiles sources;
    private final ValueReader values;
    private final TaskReader tasks;
    private final Set<String> actionNames;
    private final RoleLoader roles;
    private final RoleEntries roleEntries;

    PlayReader(SourceFiles sources, TaskReader tasks, Set<String> actionNames, RoleLoader roles, RoleEntries roleEntries) {
        this.sources = sources;
        this.values = new ValueReader(sources);
        this.tasks = tasks;
        this.actionNames = actionNames;
        this.roles = roles;
        this.roleEntries = roleEntries;
    }

    /** Mutable while one play is read; becomes the {@link Play} record. */
    private static final class Draft {
        Optional<String> name = Optional.empty();
        String hosts;
        Map<String, Object> vars = Map.of();
        List<List<String>> varsFiles = List.of();
        List<Task> preTasks = List.of();
        List<Task> tasks = List.of();
        List<Task> postTasks = List.of();
        List<Task> handlers = List.of();
        List<Task> roles = List.of();
        Setting<Boolean> gatherFacts = Setting.fixed(true);
        Serial serial = Serial.ALL_AT_ONCE;
        HostOrder order = HostOrder.INVENTORY;
        Optional<String> strategy = Optional.empty();
        Setting<Double> maxFailPercentage = Setting.unset();
        Setting<Boolean> anyErrorsFatal = Setting.unset();
        Setting<Boolean> forceHandlers = Setting.unset();
        Setting<Integer> throttle = Setting.unset();
        Setting<Integer> timeout = Setting.unset();
        Setting<Boolean> become = Setting.unset();
        Optional<String> becomeUser = Optional.empty();
        Optional<String> becomeMethod = Optional.empty();
        Optional<String> becomeExe = Optional.empty();
        Optional<String> becomeFlags = Optional.empty();
        Optional<String> remoteUser = Optional.empty();
        Optional<String> connection = Optional.empty();
        List<Object> environment = List.of();
        List<String> tags = List.of();
        Setting<Boolean> checkMode = Setting.unset();
        Setting<Boolean> noLog = Setting.unset();
        Setting<Boolean> ignoreErrors = Setting.unset();
        Setting<Boolean> ignoreUnreachable = Setting.unset();
        Setting<Boolean> runOnce = Setting.unset();
        Setting<Boolean> diff = Setting.unset();
    }

    Play read(YamlNode.Mapping m, TaskContext ctx) throws PlaybookException {
        Draft d = new Draft();
        roles.startPlay(ctx.dir());
        // Ansible loads the play's roles before its tasks: their handlers come first, and a task's
        // import_role of a role listed in roles: is a second application.
        Optional<YamlNode.Entry> rolesEntry = m.entry("roles");
        if (rolesEntry.isPresent()) {
            List<Task> blocks = new ArrayList<>();
            for (RoleLoader.Request r : roleEntries.list(rolesEntry.get(), true)) {
                roles.load(r, ctx).ifPresent(blocks::add);
            }
            d.roles = blocks;
        }
        for (YamlNode.Entry e : m.entries()) {
            if (!Keywords.PLAY.contains(e.key())) {
                throw unknownKeyword(e);
            }
            apply(d, e, ctx);
        }
        // Roles and tasks are one section: handlers notified by either flush after the tasks, not
        // between them (Ansible 2.14's Play.compile: pre_tasks, flush, roles + tasks, flush, post_tasks, flush).
        List<Task> main = new ArrayList<>(d.roles);
        main.addAll(d.tasks);
        d.tasks = main;
        List<Task> handlers = new ArrayList<>(roles.handlers());
        handlers.addAll(d.handlers);
        d.handlers = handlers;
        if (d.hosts == null) {
            throw sources.error(m.pos(), "this play has no 'hosts'",
                    "add the host pattern it runs on, e.g. 'hosts: alfresco' or 'hosts: all'");
        }
        return new Play(d.name, d.hosts, d.vars, d.varsFiles, d.preTasks, d.tasks, d.postTasks, d.handlers,
                d.gatherFacts, d.serial, d.order, d.strategy, d.maxFailPercentage, d.anyErrorsFatal, d.forceHandlers,
                d.throttle, d.timeout, d.become, d.becomeUser, d.becomeMethod, d.becomeExe, d.becomeFlags, d.remoteUser, d.connection,
                d.environment, d.tags, d.checkMode, d.noLog, d.ignoreErrors, d.ignoreUnreachable, d.runOnce, d.diff, m.pos());
    }

    private void apply(Draft d, YamlNode.Entry e, TaskContext ctx) throws PlaybookException {
        switch (e.key()) {
            case "name" -> d.name = values.optionalString(e);
            case "hosts" -> d.hosts = hosts(e);
            case "vars" -> d.vars = vars(e);
            case "vars_files" -> d.varsFiles = varsFiles(e);
            case "pre_tasks" -> d.preTasks = tasks.readList(e.value(), e.key(), ctx);
            case "tasks" -> d.tasks = tasks.readList(e.value(), e.key(), ctx);
            case "post_tasks" -> d.postTasks = tasks.readList(e.value(), e.key(), ctx);
            case "handlers" -> d.handlers = tasks.readList(e.value(), e.key(),
                    new TaskContext(ctx.file(), ctx.chain(), true));
            case "gather_facts" -> d.gatherFacts = values.bool(e);
            case "serial" -> d.serial = serial(e);
            case "order" -> d.order = order(e);
            case "strategy" -> d.strategy = Optional.of(oneOf(e, STRATEGIES));
            case "max_fail_percentage" -> d.maxFailPercentage = values.percent(e);
            case "any_errors_fatal" -> d.anyErrorsFatal = values.bool(e);
            case "force_handlers" -> d.forceHandlers = values.bool(e);
            case "throttle" -> d.throttle = values.integer(e);
            case "diff" -> d.diff = values.bool(e);
            case "timeout" -> d.timeout = values.integer(e);
            case "become" -> d.become = values.bool(e);
            case "become_user" -> d.becomeUser = Optional.of(values.string(e));
            case "become_method" -> d.becomeMethod = Optional.of(values.string(e));
            case "become_exe" -> d.becomeExe = Optional.of(values.string(e));
            case "become_flags" -> d.becomeFlags = Optional.of(values.string(e));
            case "remote_user" -> d.remoteUser = Optional.of(values.string(e));
            case "connection" -> d.connection = Optional.of(oneOf(e, CONNECTIONS));
            case "environment" -> d.environment = values.environment(e);
            case "tags" -> d.tags = values.tags(e);
            case "check_mode" -> d.checkMode = values.bool(e);
            case "no_log" -> d.noLog = values.bool(e);
            case "ignore_errors" -> d.ignoreErrors = values.bool(e);
            case "ignore_unreachable" -> d.ignoreUnreachable = values.bool(e);
            case "run_once" -> d.runOnce = values.bool(e);
            case "roles" -> {
                // read before the other keywords, see read()
            }
            case "collections" -> Collections.check(e, sources);
            default -> throw new IllegalStateException("play keyword '" + e.key() + "' is in Keywords but not read here");
        }
    }

    private PlaybookException unknownKeyword(YamlNode.Entry e) {
        String key = e.key();
        if (Keywords.UNSUPPORTED_PLAY.containsKey(key)) {
            return sources.error(e.keyPos(), "'" + key + "' is not supported by drover", Keywords.UNSUPPORTED_PLAY.get(key));
        }
        if (actionNames.contains(Keywords.shortName(key)) || Keywords.ALL_TASK_KEYS.contains(key)
                && !Keywords.PLAY.contains(key)) {
            return sources.error(e.keyPos(), "'" + key + "' is a task keyword or module, not a play keyword",
                    "tasks go in a list under 'tasks:' (or pre_tasks, post_tasks, handlers)");
        }
        String near = Suggest.closest(key, Keywords.PLAY);
        // Ansible's words (Base's attribute check); drover's suggestion and the keywords go to the hint.
        return sources.error(e.keyPos(), "'" + key + "' is not a valid attribute for a Play",
                (near != null ? "did you mean '" + near + "'? " : "") + "a play takes: "
                        + String.join(", ", new TreeSet<>(Keywords.PLAY)));
    }

    private String hosts(YamlNode.Entry e) throws PlaybookException {
        if (e.value() instanceof YamlNode.Sequence seq && !seq.items().isEmpty()) {
            List<String> patterns = new ArrayList<>();
            for (YamlNode n : seq.items()) {
                if (!(n instanceof YamlNode.Scalar s) || s.isNull()) {
                    throw sources.error(n.pos(), "'hosts' must list host patterns, got " + n.describe(),
                            "for example: hosts: [alfresco, solr]");
                }
                patterns.add(s.text());
            }
            return String.join(",", patterns);
        }
        String hosts = e.value() instanceof YamlNode.Scalar s && !s.isNull() ? s.text().strip() : "";
        if (hosts.isEmpty()) {
            throw sources.error(e.value().pos(), "'hosts' needs a host pattern", "for example: hosts: alfresco");
        }
        return hosts;
    }

    /** Play vars: a mapping, or (older Ansible style) a list of mappings merged in order. */
    private Map<String, Object> vars(YamlNode.Entry e) throws PlaybookException {
        if (!(e.value() instanceof YamlNode.Sequence seq)) {
            return values.mapping(e);
        }
        Map<String, Object> merged = new LinkedHashMap<>();
        for (YamlNode item : seq.items()) {
            merged.putAll(values.mapping(new YamlNode.Entry(e.key(), e.keyPos(), item)));
        }
        return merged;
    }

    /** Each entry a file name, or a list of names of which the first that exists is read. */
    private List<List<String>> varsFiles(YamlNode.Entry e) throws PlaybookException {
        if (!(e.value() instanceof YamlNode.Sequence seq)) {
            return values.strings(e).stream().map(List::of).toList();
        }
        List<List<String>> out = new ArrayList<>();
        for (YamlNode n : seq.items()) {
            if (n instanceof YamlNode.Sequence alternatives) {
                for (YamlNode a : alternatives.items()) {
                    if (a instanceof YamlNode.Sequence) {
                        throw sources.error(a.pos(), "a vars_files alternative must be a file name, got a list",
                                "write the names to try in order: vars_files: [[\"{{ os }}.yml\", default.yml]]");
                    }
                }
                List<String> names = values.strings(new YamlNode.Entry(e.key(), e.keyPos(), n));
                if (names.isEmpty()) {
                    throw sources.error(n.pos(), "an empty list of vars_files alternatives names no file",
                            "name the files to try in order, or remove the entry");
                }
                out.add(names);
            } else {
                values.strings(new YamlNode.Entry(e.key(), e.keyPos(), n)).forEach(s -> out.add(List.of(s)));
            }
        }
        return List.copyOf(out);
    }

    private Serial serial(YamlNode.Entry e) throws PlaybookException {
        List<YamlNode> steps = e.value() instanceof YamlNode.Sequence seq ? seq.items() : List.of(e.value());
        List<String> raw = new ArrayList<>();
        for (YamlNode n : steps) {
            String text = n instanceof YamlNode.Scalar s && !s.isNull() && !(s.value() instanceof Boolean)
                    ? s.text().strip() : null;
            if (text == null || !(SERIAL_STEP.matcher(text).matches() || Coerce.isTemplate(text))) {
                throw sources.error(n.pos(), "'serial' must be a number of hosts, a percentage or a list of them, got "
                        + n.describe(), "for example: serial: 1, serial: \"30%\" or serial: [1, 5, \"50%\"]");
            }
            raw.add(text);
        }
        return new Serial(raw);
    }

    private HostOrder order(YamlNode.Entry e) throws PlaybookException {
        String text = values.string(e);
        for (HostOrder o : HostOrder.values()) {
            if (o.keyword().equals(text)) {
                return o;
            }
        }
        List<String> names = new ArrayList<>();
        for (HostOrder o : HostOrder.values()) {
            names.add(o.keyword());
        }
        String near = Suggest.closest(text.toLowerCase(Locale.ROOT), names);
        throw sources.error(e.value().pos(), "unknown order '" + text + "'" + (near != null ? " (did you mean '" + near + "'?)" : ""),
                "order is one of: " + String.join(", ", names));
    }

    private String oneOf(YamlNode.Entry e, Set<String> allowed) throws PlaybookException {
        String text = values.string(e);
        if (allowed.contains(text) || Coerce.isTemplate(text)) {
            return text;
        }
        String near = Suggest.closest(text, allowed);
        throw sources.error(e.value().pos(), "unknown " + e.key() + " '" + text + "'"
                        + (near != null ? " (did you mean '" + near + "'?)" : ""),
                e.key() + " is one of: " + String.join(", ", new TreeSet<>(allowed)));
    }
}
