package dev.drover.execute.play;

import dev.drover.protocol.text.Suggest;
import dev.drover.inventory.Host;
import dev.drover.inventory.Inventory;
import dev.drover.inventory.InventoryException;
import dev.drover.inventory.pattern.HostSelector;
import dev.drover.playbook.Block;
import dev.drover.playbook.Coerce;
import dev.drover.playbook.Loop;
import dev.drover.playbook.ModuleTask;
import dev.drover.playbook.Play;
import dev.drover.playbook.Playbook;
import dev.drover.playbook.PlaybookException;
import dev.drover.playbook.SourcePos;
import dev.drover.playbook.Task;
import dev.drover.playbook.TaskInclude;
import dev.drover.playbook.check.Problem;
import dev.drover.playbook.parse.VarsFileParser;
import dev.drover.template.Templater;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * For {@code drover check} with an inventory: the variables a task needs that nothing could define
 * for the play's hosts, so the run would fail that task on every host that reaches it. A name is
 * definable if the inventory gives it to any host the play targets, or {@code -e}, the play's vars or
 * vars_files, or any task of the playbook could set it ({@link DefinableNames}), or it is a magic
 * variable; any {@code ansible_*} name counts as a possible fact or connection variable.
 *
 * <p>Only what every host reaching the task evaluates is examined ({@link Templater#requiredNames}):
 * the first condition of a task (the outermost {@code when} of its blocks, includes and roles), and,
 * for a task with no condition at all, its loop and, when the loop cannot be empty, its arguments and
 * {@code delegate_to}. Handlers, rescue sections and anything under {@code ignore_errors} or a block
 * with a rescue are left alone: a failure there does not fail the run. After a task that could define
 * names no one can list ({@link DefinableNames#opaque}: a templated set_fact key, an include chosen at
 * run time), nothing more is said: tasks run in the playbook's order, so those before it are still
 * checked. Misses are accepted; a false alarm is not.
 */
public final class UndefinedVariables {
    /** Ansible's magic variables that no inventory lists (ansible_* ones pass by prefix). */
    private static final Set<String> MAGIC = Set.of("hostvars", "play_hosts", "playbook_dir", "role_name", "role_names",
            "role_path", "ansible_search_path", "omit", "environment", "vars", "inventory_hostname", "inventory_hostname_short", "group_names",
            "groups", "inventory_file", "inventory_dir");

    private final Templater templater = Templater.jinja();
    private final List<Problem> problems = new ArrayList<>();
    private final Set<String> reported = new HashSet<>();
    private Set<String> known;
    private DefinableNames definable;
    /** Set after a task that could define names no one can list: nothing after it is reported. */
    private boolean blind;
    private final Set<Path> including = new HashSet<>();
    private final dev.drover.playbook.parse.TaskFileParser taskFiles;

    private UndefinedVariables(dev.drover.vault.Vault vault) {
        this.taskFiles = new dev.drover.playbook.parse.TaskFileParser(ActionNames.forParser(), vault);
    }

    /**
     * @param inventory the inventory {@code run} would use
     * @param extraVars the {@code -e} variables, as {@code run} would get them
     */
    public static List<Problem> check(Playbook playbook, Inventory inventory, Map<String, Object> extraVars,
            dev.drover.vault.Vault vault) {
        DefinableNames definable = DefinableNames.of(playbook, vault);
        UndefinedVariables u = new UndefinedVariables(vault);
        u.definable = definable;
        for (Play play : playbook.plays()) {
            Optional<Set<String>> playNames = u.playNames(play, inventory, extraVars, vault);
            if (playNames.isEmpty()) {
                // Not checked, but what its tasks could define still blinds the plays after it.
                u.blind |= Stream.of(play.preTasks(), play.tasks(), play.postTasks(), play.handlers())
                        .flatMap(List::stream).anyMatch(definable::opaque);
                continue;
            }
            if (u.blind) {
                break;
            }
            // A handler runs at any flush: one that could define unlisted names blinds the whole play.
            u.blind |= play.handlers().stream().anyMatch(definable::opaque);
            if (u.blind) {
                break;
            }
            u.known = new HashSet<>(playNames.get());
            u.known.addAll(definable.names());
            u.known.addAll(extraVars.keySet());
            u.known.addAll(MAGIC);
            for (List<Task> list : List.of(play.preTasks(), play.tasks(), play.postTasks())) {
                u.walk(list, false);
            }
        }
        return List.copyOf(u.problems);
    }

    /** The play's own names and its hosts' inventory names; empty when they cannot be known (or no host). */
    private Optional<Set<String>> playNames(Play play, Inventory inventory, Map<String, Object> extraVars,
            dev.drover.vault.Vault vault) {
        Map<String, Object> playLevel = new LinkedHashMap<>(play.vars());
        playLevel.putAll(extraVars);
        Set<String> names = new HashSet<>(play.vars().keySet());
        Path dir = TaskCall.dir(play.pos().file());
        try {
            for (List<String> alternatives : play.varsFiles()) {
                List<String> rendered = new ArrayList<>();
                for (String name : alternatives) {
                    rendered.add(String.valueOf(templater.render(name, playLevel)));
                }
                Optional<Path> file = VarsFileChoice.choose(dir, rendered);
                if (file.isEmpty()) {
                    return Optional.empty();
                }
                names.addAll(new VarsFileParser(vault).parse(file.get()).keySet());
            }
        } catch (RuntimeException | PlaybookException e) {
            return Optional.empty(); // reported by the play-level checks
        }
        List<Host> hosts;
        try {
            hosts = new HostSelector(inventory).select(String.valueOf(templater.render(play.hosts(), playLevel))).hosts();
        } catch (RuntimeException | InventoryException e) {
            return Optional.empty();
        }
        if (hosts.isEmpty()) {
            return Optional.empty(); // the run skips the play
        }
        hosts.forEach(h -> names.addAll(inventory.hostVars(h.name()).keySet()));
        return Optional.of(names);
    }

    /** @param conditional whether an enclosing block, include or role has a condition or a loop */
    private void walk(List<Task> tasks, boolean conditional) {
        for (Task t : tasks) {
            visit(t, conditional);
            blind |= definable.opaque(t);
        }
    }

    private void visit(Task t, boolean conditional) {
        var o = t.options();
        if (o.ignoreErrors().isSet() || o.when().contains("false")) {
            return;
        }
        Optional<String> condition = o.when().stream().filter(c -> !c.strip().equals("true")).findFirst();
        if (!conditional && condition.isPresent()) {
            need(t.pos(), "when", condition.get(), true);
        }
        boolean inner = conditional || condition.isPresent();
        if (t instanceof Block b) {
            if (b.rescue().isEmpty()) {
                walk(b.block(), inner);
            }
            walk(b.always(), inner);
        } else if (t instanceof TaskInclude inc) {
            if (inc.role().isPresent()) {
                walk(List.of(inc.role().get()), inner || o.loop().isPresent());
            } else if (!inc.isRole() && !inner) {
                o.loop().ifPresent(l -> loop(t.pos(), l));
                if (o.loop().isEmpty()) {
                    need(t.pos(), "include_tasks", inc.file(), false);
                    included(inc);
                }
            }
        } else if (t instanceof ModuleTask m && !inner) {
            o.loop().ifPresent(l -> loop(t.pos(), l));
            if (o.loop().isEmpty() || o.loop().get().items() instanceof List<?> items && !items.isEmpty()) {
                value(t.pos(), m.module(), m.args());
                o.delegateTo().ifPresent(d -> need(t.pos(), "delegate_to", d, false));
            }
        }
    }

    /** The tasks of an include every host reaches, read as the run will (a file once per walk: cycles end). */
    private void included(TaskInclude inc) {
        if (Coerce.isTemplate(inc.file())) {
            return;
        }
        Path file = inc.baseDir().resolve(inc.file()).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file) || !including.add(file)) {
            return;
        }
        try {
            walk(taskFiles.parse(file), false);
        } catch (PlaybookException e) {
            // reported by StaticFiles
        } finally {
            including.remove(file);
        }
    }

    private void loop(SourcePos pos, Loop loop) {
        value(pos, loop.flavor().keyword(), loop.items());
    }

    private void value(SourcePos pos, String where, Object v) {
        if (v instanceof String s) {
            need(pos, where, s, false);
        } else if (v instanceof Map<?, ?> map) {
            map.values().forEach(x -> value(pos, where, x));
        } else if (v instanceof List<?> list) {
            list.forEach(x -> value(pos, where, x));
        }
    }

    private void need(SourcePos pos, String where, String text, boolean expression) {
        if (blind || !expression && !Coerce.isTemplate(text)) {
            return;
        }
        for (String name : templater.requiredNames(text, expression)) {
            if (known.contains(name) || name.startsWith("ansible_") || !reported.add(pos + " " + name)) {
                continue;
            }
            String near = Suggest.closest(name, known);
            problems.add(new Problem(pos, where + ": '" + name + "' is undefined: nothing defines it for this play's"
                    + " hosts (inventory, -e, play and role vars, vars_files, set_fact, register, include_vars, loops),"
                    + " so every host would fail this task" + (near != null ? " (did you mean '" + near + "'?)" : "")
                    + "; define it, or write '" + name + " | default(...)'"));
        }
    }
}
