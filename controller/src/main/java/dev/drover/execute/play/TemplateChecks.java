package dev.drover.execute.play;

import dev.drover.playbook.Block;
import dev.drover.playbook.Coerce;
import dev.drover.playbook.ModuleTask;
import dev.drover.playbook.Play;
import dev.drover.playbook.Playbook;
import dev.drover.playbook.Task;
import dev.drover.playbook.TaskInclude;
import dev.drover.playbook.TaskOptions;
import dev.drover.playbook.check.Problem;
import dev.drover.template.Templater;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The templates of a playbook that cannot render on any host, found before any host is touched:
 * Jinja syntax errors and unknown filters or tests in task names, module arguments, {@code when},
 * {@code changed_when}, {@code failed_when}, {@code until}, loops, {@code vars} and play {@code hosts}.
 * Undefined variables are not problems here: hosts and earlier tasks may define them.
 */
public final class TemplateChecks {
    private TemplateChecks() {
    }

    public static List<Problem> check(Playbook playbook) {
        Templater t = Templater.jinja();
        List<Problem> problems = new ArrayList<>();
        for (Play play : playbook.plays()) {
            value(t, play.pos(), "hosts", play.hosts(), problems);
            play.vars().forEach((k, v) -> value(t, play.pos(), "vars " + k, v, problems));
            for (List<Task> list : List.of(play.preTasks(), play.tasks(), play.postTasks(), play.handlers())) {
                walk(t, list, problems);
            }
        }
        return problems;
    }

    /** The problems of a task file's tasks (an include_tasks file read before the run). */
    static List<Problem> tasks(Templater t, List<Task> tasks) {
        List<Problem> problems = new ArrayList<>();
        walk(t, tasks, problems);
        return problems;
    }

    private static void walk(Templater t, List<Task> tasks, List<Problem> problems) {
        for (Task task : tasks) {
            TaskOptions o = task.options();
            var pos = task.pos();
            o.name().ifPresent(n -> value(t, pos, "name", n, problems));
            for (var e : Map.of("when", o.when(), "changed_when", o.changedWhen(), "failed_when", o.failedWhen(),
                    "until", o.until()).entrySet()) {
                for (String cond : e.getValue()) {
                    t.staticProblem(cond, true).ifPresent(m -> problems.add(new Problem(pos, e.getKey() + ": " + m)));
                }
            }
            o.loop().ifPresent(l -> {
                value(t, pos, l.flavor().keyword(), l.items(), problems);
                loopShape(t, pos, l, problems);
            });
            o.vars().forEach((k, v) -> value(t, pos, "vars " + k, v, problems));
            o.delegateTo().ifPresent(d -> value(t, pos, "delegate_to", d, problems));
            if (task instanceof ModuleTask m) {
                if (m.templatedAction()) {
                    value(t, pos, "action", m.module(), problems);
                }
                value(t, pos, m.module(), m.args(), problems);
            } else if (task instanceof TaskInclude inc) {
                value(t, pos, "include", inc.file(), problems);
            } else if (task instanceof Block b) {
                walk(t, b.block(), problems);
                walk(t, b.rescue(), problems);
                walk(t, b.always(), problems);
            }
        }
    }

    /**
     * A loop that needs no variable (a template, or a literal such as {@code with_sequence: start=5})
     * is rendered now, through the run's own code, so a value of the wrong shape (a number, a string, a mapping for {@code loop}) is refused here
     * with the message the run would give each host. Anything that needs a variable waits for the hosts.
     */
    private static void loopShape(Templater t, dev.drover.playbook.SourcePos pos, dev.drover.playbook.Loop loop,
                                  List<Problem> problems) {
        if (loop.items() instanceof String s && Coerce.isTemplate(s) && t.staticProblem(s, false).isPresent()) {
            return;
        }
        try {
            LoopItems.items(loop, t, Map.of());
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(pos, loop.flavor().keyword() + ": " + e.getMessage()));
        } catch (RuntimeException e) {
            // Undefined variables, lookups that need a host, template errors reported above: not known yet.
        }
    }

    private static void value(Templater t, dev.drover.playbook.SourcePos pos, String where, Object v, List<Problem> problems) {
        if (v instanceof String s) {
            if (Coerce.isTemplate(s)) {
                t.staticProblem(s, false).ifPresent(m -> problems.add(new Problem(pos, where + ": " + m)));
            }
        } else if (v instanceof Map<?, ?> map) {
            map.values().forEach(x -> value(t, pos, where, x, problems));
        } else if (v instanceof List<?> list) {
            list.forEach(x -> value(t, pos, where, x, problems));
        }
    }
}
