package dev.drover.execute.play;

import dev.drover.playbook.Block;
import dev.drover.playbook.ModuleTask;
import dev.drover.playbook.Play;
import dev.drover.playbook.Playbook;
import dev.drover.playbook.Task;
import dev.drover.playbook.check.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Refuses, before any host is touched, what the playbook asks for but drover's runner does not do
 * yet, so nothing is silently ignored: strategies other than
 * {@code linear}, task {@code timeout}, and
 * {@code meta} actions other than flush_handlers, noop, end_host, end_play, end_batch, clear_host_errors
 * and reset_connection. Stateless.
 */
public final class Preflight {
    static final Set<String> META = Set.of("flush_handlers", "noop", "end_host", "end_play", "end_batch",
            "clear_host_errors", "reset_connection");

    private Preflight() {
    }

    public static List<Problem> check(Playbook playbook) {
        List<Problem> problems = new ArrayList<>();
        for (Play play : playbook.plays()) {
            play.strategy().filter(s -> !s.equals("linear")).ifPresent(s -> problems.add(new Problem(play.pos(),
                    "strategy '" + s + "' is not supported by drover yet; remove it to run with the linear strategy")));

            if (play.timeout().isSet()) {
                problems.add(new Problem(play.pos(), "timeout is not supported by drover yet"));
            }
            for (List<Task> list : List.of(play.preTasks(), play.tasks(), play.postTasks(), play.handlers())) {
                walk(list, problems);
            }
        }
        return problems;
    }

    private static void walk(List<Task> tasks, List<Problem> problems) {
        for (Task t : tasks) {
            if (t.options().timeout().isSet()) {
                problems.add(new Problem(t.pos(), "timeout is not supported by drover yet"));
            }
            if (t instanceof ModuleTask m) {
                switch (m.module()) {
                    case "meta" -> {
                        String what = String.valueOf(m.args().getOrDefault(ModuleTask.RAW_PARAMS, "")).trim();
                        if (!META.contains(what)) {
                            problems.add(new Problem(t.pos(), "meta: " + what + " is not supported by drover yet;"
                                    + " supported: " + String.join(", ", new java.util.TreeSet<>(META))));
                        }
                    }
                    default -> { }
                }
            } else if (t instanceof Block b) {
                walk(b.block(), problems);
                walk(b.rescue(), problems);
                walk(b.always(), problems);
            }
        }
    }
}
