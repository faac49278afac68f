package dev.drover.execute.play;

import dev.drover.execute.play.action.Actions;
import dev.drover.playbook.Block;
import dev.drover.playbook.Coerce;
import dev.drover.playbook.ControllerActions;
import dev.drover.playbook.ModuleTask;
import dev.drover.playbook.Play;
import dev.drover.playbook.Playbook;
import dev.drover.playbook.PlaybookException;
import dev.drover.playbook.Task;
import dev.drover.playbook.TaskInclude;
import dev.drover.playbook.check.Problem;
import dev.drover.playbook.parse.TaskFileParser;
import dev.drover.protocol.ModuleArgs;
import dev.drover.protocol.text.Suggest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * For {@code drover check}: the arguments of every task that the agent runs with the arguments as
 * written (each built-in module but {@code script}, which the controller turns into others), held
 * to the module's schema ({@link ModuleArgs}): an argument the module does not take, a required one
 * missing, or a literal value of the wrong type (a template's value waits for the run). Each
 * would fail the task on every host it reached. Walks the plays, their roles, blocks and handlers,
 * and the task files of static {@code include_tasks} (a file that does not parse is
 * {@code StaticFiles}' to report). {@code run} does not use it: there the agent reports the same
 * mistakes, per host, as before. Also finds the tasks naming an Ansible module drover does not ship
 * ({@link #notShipped}): warnings, as such a task only fails on a host that reaches it.
 */
public final class ModuleArgChecks {
    /** Every task action drover runs: the agent's modules and the controller's actions. */
    private static final Set<String> SHIPPED = union(ActionNames.forParser(), ControllerActions.NAMES);
    private final TaskFileParser taskFiles;
    private final List<Problem> problems = new ArrayList<>();
    private final List<Problem> notShipped = new ArrayList<>();
    private final Set<Path> seen = new HashSet<>();

    private ModuleArgChecks(dev.drover.vault.Vault vault) {
        this.taskFiles = new TaskFileParser(ActionNames.forParser(), vault);
    }

    /**
     * What one walk of the playbook finds: {@code problems}, the arguments that are wrong; {@code
     * notShipped}, the tasks that name an Ansible module drover does not ship (the parser accepts
     * Ansible's built-in names): each fails on a host that reaches it, so {@code check} warns.
     */
    public record Findings(List<Problem> problems, List<Problem> notShipped) {
    }

    public static Findings check(Playbook playbook, dev.drover.vault.Vault vault) {
        ModuleArgChecks c = new ModuleArgChecks(vault);
        for (Play play : playbook.plays()) {
            for (List<Task> list : List.of(play.preTasks(), play.tasks(), play.postTasks(), play.handlers())) {
                c.walk(list);
            }
        }
        return new Findings(List.copyOf(c.problems), List.copyOf(c.notShipped));
    }

    private void walk(List<Task> tasks) {
        for (Task t : tasks) {
            if (t instanceof Block b) {
                walk(b.block());
                walk(b.rescue());
                walk(b.always());
            } else if (t instanceof TaskInclude inc && inc.role().isPresent()) {
                walk(List.of(inc.role().get()));
            } else if (t instanceof TaskInclude inc && !inc.isRole() && inc.dynamic().isEmpty()
                    && !Coerce.isTemplate(inc.file())) {
                included(inc.baseDir().resolve(inc.file()).toAbsolutePath().normalize());
            } else if (t instanceof ModuleTask m && m.templatedAction()) {
                continue; // known per host at run time (TemplatedAction)
            } else if (t instanceof ModuleTask m && !SHIPPED.contains(m.module())) {
                notShipped.add(new Problem(m.pos(), "'" + m.module() + "' is an Ansible module drover does not ship:"
                        + " a host that reaches this task fails it"));
            } else if (t instanceof ModuleTask m && Actions.agentTakesArgsAsWritten(m.module())) {
                ModuleArgs schema = ModuleArgs.of(m.module());
                if (schema != null) {
                    check(m, schema);
                }
            }
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    private void included(Path file) {
        if (!seen.add(file) || !Files.isRegularFile(file)) {
            return;
        }
        try {
            walk(taskFiles.parse(file));
        } catch (PlaybookException e) {
            // StaticFiles reports it.
        }
    }

    private void check(ModuleTask m, ModuleArgs schema) {
        String module = m.module();
        for (Map.Entry<String, Object> e : m.args().entrySet()) {
            String name = e.getKey();
            if (!schema.names().contains(name)) {
                String near = Suggest.closest(name, schema.names());
                problems.add(new Problem(m.pos(), module + ": unsupported argument '" + name + "'"
                        + (near != null ? " (did you mean '" + near + "'?)" : "") + "; " + module + " takes: "
                        + String.join(", ", schema.names().stream().filter(n -> !n.startsWith("_")).toList())));
                continue;
            }
            Object value = e.getValue();
            if (value instanceof String s && Coerce.isTemplate(s)) {
                continue;
            }
            String refusal = ModuleArgs.refusal(schema.type(name), value);
            if (refusal != null) {
                problems.add(new Problem(m.pos(), module + ": argument '" + name + "' " + refusal + ", got '" + value + "'"));
            }
        }
        for (List<String> group : schema.required()) {
            if (group.stream().noneMatch(n -> m.args().get(n) != null)) {
                problems.add(new Problem(m.pos(), module + ": missing required argument '" + group.get(0) + "'"
                        + (group.size() > 1 ? " (or its alias " + String.join(", ", group.subList(1, group.size())) + ")" : "")));
            }
        }
    }
}
