package dev.drover.execute.play;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a task's results mean for the hosts and the play, as in Ansible: a failed host leaves the
 * play (or enters the enclosing {@code rescue}); an unreachable host leaves it; {@code ignore_errors}
 * and {@code ignore_unreachable} keep the host going and count it as ok and ignored;
 * {@code any_errors_fatal} stops every host. Also keeps the recap counters. Runs on the run's main
 * thread after every host finished the task.
 *
 * <p>The one writer of a host's play flags ({@code failed}, {@code unreachable}, {@code ended}) and
 * of what a rescue sees ({@code lastFailedTask}, {@code lastFailedResult}): the strategy and the
 * handlers change them only through the static methods below (a new play's reset is
 * {@link HostState#startPlay}'s). {@code LayeringTest} keeps it so.
 *
 * <p>Across batches (the {@link Rules} of a play), decided by pure functions, {@link #afterTask} and
 * {@link #afterBatch}:
 * <ul>
 * <li>{@code max_fail_percentage: P}: as Ansible, checked after every task; when more than P% of the
 *     batch's hosts failed or are unreachable, the rest of the batch stops at once and no later batch
 *     starts. Unlike Ansible, unreachable hosts count as failed.</li>
 * <li>A play with {@code serial} and no {@code max_fail_percentage}: drover's safe default, stricter
 *     than Ansible's. The batch finishes (its other hosts are mid-way through their change), but one
 *     failed or unreachable host means no later batch starts: a rolling upgrade must not go on to the
 *     next node after one went wrong.</li>
 * <li>Without {@code serial}: Ansible's rule, the play stops only when every host failed.</li>
 * </ul>
 */
final class FailurePolicy {
    /**
     * What a play's failures mean for the rest of it.
     *
     * @param serial            the play has {@code serial} (any value, even one batch)
     * @param maxFailPercentage the rendered {@code max_fail_percentage}, if set
     */
    record Rules(boolean serial, OptionalDouble maxFailPercentage) {
        static final Rules ANSIBLE_DEFAULT = new Rules(false, OptionalDouble.empty());
    }

    private final Stats stats;
    private final Rules rules;
    /** Why the batch stopped mid-way (any_errors_fatal, max_fail_percentage); the first reason wins. */
    private volatile String stopReason;

    FailurePolicy(Stats stats, Rules rules) {
        this.stats = stats;
        this.rules = rules;
    }

    /**
     * Whether failures seen after a task end the batch at once: {@code max_fail_percentage} exceeded
     * (more than P% of the batch's hosts failed), as Ansible checks it after each task.
     *
     * @param failed the batch's failed or unreachable hosts so far
     */
    static Optional<String> afterTask(Rules rules, int batchSize, List<String> failed) {
        if (rules.maxFailPercentage().isEmpty() || failed.isEmpty() || batchSize == 0) {
            return Optional.empty();
        }
        double pct = rules.maxFailPercentage().getAsDouble();
        if (failed.size() * 100.0 / batchSize > pct) {
            return Optional.of(String.join(", ", failed) + " failed: " + failed.size() + " of " + batchSize
                    + " hosts of the batch, more than max_fail_percentage " + percent(pct) + "%");
        }
        return Optional.empty();
    }

    /**
     * Whether the play goes on to its next batch, given the hosts of the finished batch that failed
     * or became unreachable. Empty: go on. Otherwise why it stops.
     */
    static Optional<String> afterBatch(Rules rules, int batchSize, List<String> failed) {
        if (failed.isEmpty()) {
            return Optional.empty();
        }
        if (failed.size() >= batchSize) {
            return Optional.of("every host of the batch failed (" + String.join(", ", failed) + ")");
        }
        if (rules.maxFailPercentage().isPresent()) {
            return afterTask(rules, batchSize, failed);
        }
        if (rules.serial()) {
            return Optional.of(String.join(", ", failed) + " failed; a play with serial stops before the next batch"
                    + " when a host fails (set max_fail_percentage to tolerate failures)");
        }
        return Optional.empty();
    }

    private static String percent(double pct) {
        return pct == Math.rint(pct) ? String.valueOf((long) pct) : String.valueOf(pct);
    }

    /** Why the batch was stopped mid-way, if it was. */
    Optional<String> stopReason() {
        return Optional.ofNullable(stopReason);
    }

    /**
     * Applies the outcomes of one task.
     *
     * @param rescuable  the task is inside a block's {@code block:} part whose block has a rescue
     * @param batch      every host of the batch, for {@code any_errors_fatal}
     * @param countStats false for hosts that only received a {@code run_once} result
     * @return true when the batch must stop for every host ({@code any_errors_fatal}, or
     *         {@code max_fail_percentage} exceeded); {@link #stopReason()} says why
     */
    boolean apply(List<TaskRunner.Outcome> outcomes, String taskName, String action, boolean rescuable,
            List<HostState> batch) {
        boolean stopAll = false;
        List<String> fatalHosts = new java.util.ArrayList<>();
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
                        if (o.anyErrorsFatal()) {
                            stopAll = true;
                            fatalHosts.add(name);
                        }
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
                        if (o.anyErrorsFatal() && !rescuable) {
                            stopAll = true;
                            fatalHosts.add(name);
                        }
                    }
                }
            }
        }
        String reason = null;
        if (stopAll) {
            reason = String.join(", ", fatalHosts) + " failed with any_errors_fatal set";
        } else if (!rescuable) {
            // A failure inside a block with rescue is not counted until the rescue has had its chance.
            reason = afterTask(rules, batch.size(), failedHosts(batch)).orElse(null);
            stopAll = reason != null;
        }
        if (stopAll) {
            if (stopReason == null) {
                stopReason = reason;
            }
            end(batch);
        }
        return stopAll;
    }

    /** The hosts of {@code batch} that failed or became unreachable in this play, in batch order. */
    static List<String> failedHosts(List<HostState> batch) {
        return batch.stream().filter(h -> h.failed || h.unreachable).map(HostState::name).toList();
    }

    /** A host the rescue takes over: it runs again, and sees what failed. */
    static void rescue(HostState h) {
        h.failed = false;
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("ansible_failed_task", h.lastFailedTask == null ? Map.of() : h.lastFailedTask);
        facts.put("ansible_failed_result", h.lastFailedResult == null ? Map.of() : h.lastFailedResult);
        h.setHostFacts(facts);
    }

    /** {@code meta: end_host}, {@code end_play}, or the policy's stop: the hosts run nothing more in this play. */
    static void end(List<HostState> hosts) {
        for (HostState h : hosts) {
            h.ended = true;
        }
    }

    /** {@code meta: clear_host_errors}: every host of the batch that failed (not unreachable) runs the next tasks again. */
    static void clearErrors(List<HostState> batch) {
        batch.forEach(h -> h.failed = false);
    }

    /**
     * Runs {@code work} with the failed hosts among {@code hosts} taken as active, then marks them
     * failed again: a block's {@code always} and a forced handler run on a failed host, which stays failed.
     */
    static void despiteFailure(List<HostState> hosts, Runnable work) {
        List<HostState> wasFailed = hosts.stream().filter(h -> h.failed).toList();
        wasFailed.forEach(h -> h.failed = false);
        work.run();
        wasFailed.forEach(h -> h.failed = true);
    }
}
