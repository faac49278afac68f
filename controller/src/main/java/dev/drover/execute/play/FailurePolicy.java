package dev.drover.execute.play;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a task's results mean for the hosts and the play, as in Ansible: a failed host leaves the
 * play (or enters the enclosing {@code rescue}); an unreachable host leaves it; {@code ignore_errors}
 * and {@code ignore_unreachable} keep the host going and count it as ok and ignored;
 * {@code any_errors_fatal} stops every host. Also keeps the recap counters. Runs on the run's main
 * thread after every host finished the task.
 */
final class FailurePolicy {
    private final Stats stats;

    FailurePolicy(Stats stats) {
        this.stats = stats;
    }

    /**
     * Applies the outcomes of one task.
     *
     * @param rescuable  the task is inside a block's {@code block:} part whose block has a rescue
     * @param batch      every host of the batch, for {@code any_errors_fatal}
     * @param countStats false for hosts that only received a {@code run_once} result
     * @return true when the play must stop for every host ({@code any_errors_fatal})
     */
    boolean apply(List<TaskRunner.Outcome> outcomes, String taskName, String action, boolean rescuable,
            List<HostState> batch) {
        boolean stopAll = false;
        for (TaskRunner.Outcome o : outcomes) {
            HostState h = o.host();
            String name = h.name();
            switch (o.status()) {
                case OK -> stats.add(name, Stats.Counter.OK);
                case CHANGED -> {
                    stats.add(name, Stats.Counter.OK);
                    stats.add(name, Stats.Counter.CHANGED);
                }
                case SKIPPED -> stats.add(name, Stats.Counter.SKIPPED);
                case UNREACHABLE -> {
                    if (o.ignoreUnreachable()) {
                        stats.add(name, Stats.Counter.OK);
                        stats.add(name, Stats.Counter.IGNORED);
                    } else {
                        stats.add(name, Stats.Counter.UNREACHABLE);
                        h.unreachable = true;
                        stopAll |= o.anyErrorsFatal();
                    }
                }
                case FAILED -> {
                    if (o.ignoreErrors()) {
                        stats.add(name, Stats.Counter.OK);
                        stats.add(name, Stats.Counter.IGNORED);
                        if (Boolean.TRUE.equals(o.result().get("changed"))) {
                            stats.add(name, Stats.Counter.CHANGED);
                        }
                    } else {
                        h.failed = true;
                        Map<String, Object> task = new LinkedHashMap<>();
                        task.put("name", taskName);
                        task.put("action", action);
                        h.lastFailedTask = task;
                        h.lastFailedResult = o.result();
                        stats.add(name, rescuable ? Stats.Counter.RESCUED : Stats.Counter.FAILED);
                        stopAll |= o.anyErrorsFatal() && !rescuable;
                    }
                }
            }
        }
        if (stopAll) {
            for (HostState h : batch) {
                h.ended = true;
            }
        }
        return stopAll;
    }

    /** A host the rescue takes over: it runs again, and sees what failed. */
    static void rescue(HostState h) {
        h.failed = false;
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("ansible_failed_task", h.lastFailedTask == null ? Map.of() : h.lastFailedTask);
        facts.put("ansible_failed_result", h.lastFailedResult == null ? Map.of() : h.lastFailedResult);
        h.setHostFacts(facts);
    }
}
