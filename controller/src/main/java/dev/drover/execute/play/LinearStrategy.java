package dev.drover.execute.play;

import dev.drover.trace.Trace;
import dev.drover.playbook.Block;
import dev.drover.playbook.ModuleTask;
import dev.drover.playbook.Play;
import dev.drover.playbook.Task;
import dev.drover.playbook.TaskInclude;
import dev.drover.template.TemplateException;
import dev.drover.template.Templater;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ansible's linear strategy for one batch: each task runs on every active host of the batch (up to
 * {@code forks} at once, fewer with {@code throttle}) before the next task starts. Blocks run their
 * {@code block:} tasks on all hosts, then {@code rescue:} on the hosts that failed in them, then
 * {@code always:} on every host that entered. Handlers run at the end of each section and at
 * {@code meta: flush_handlers}. Includes are expanded per host at run time ({@link Includes}).
 *
 * <p>Which host is still in the play is the {@link FailurePolicy}'s decision, and only the policy
 * writes a host's failed, unreachable and ended flags (also for {@code meta}, a block's
 * {@code always} and forced handlers); this class only walks the tasks. Its collaborators get a
 * {@link Batch}, never the strategy. Runs on the run's main thread; host work goes to the run's workers.
 */
final class LinearStrategy {
    /**
     * How a batch ended.
     *
     * @param endPlay    {@code meta: end_play} ran: the play's later batches are skipped, the run goes on
     * @param stopReason the failure policy stopped the batch mid-way ({@code any_errors_fatal},
     *                   {@code max_fail_percentage}): the run stops
     */
    record BatchEnd(boolean endPlay, Optional<String> stopReason) {
    }

    private final RunContext rc;
    private final int playIndex;
    private final Play play;
    private final Variables.PlayScope scope;
    private final Batch batch;
    private final TaskRunner runner;
    private final FailurePolicy policy;
    private final Includes includes;
    private final Handlers handlers;
    private final FactGathering facts;
    /** The policy stopped the batch, or {@code meta: end_play} / {@code end_batch}: nothing more runs in it. */
    private boolean stopped;
    private boolean endPlay;

    /** @param playIndex the play's 0-based place in the playbook, for {@link CompletedTasks} */
    LinearStrategy(RunContext rc, int playIndex, Play play, Variables.PlayScope scope, List<HostState> batch,
            FailurePolicy.Rules rules) {
        this.rc = rc;
        this.playIndex = playIndex;
        this.play = play;
        this.scope = scope;
        this.runner = new TaskRunner(rc, scope, playIndex);
        this.policy = new FailurePolicy(rc.stats(), rules);
        this.batch = new Batch(batch, policy, rc.workers(), this::runList);
        Map<String, Object> playVars = new LinkedHashMap<>(play.vars());
        playVars.putAll(rc.options().extraVars());
        this.handlers = new Handlers(play, this.batch::runList,
                Settings.bool(play.forceHandlers(), false, rc.templater().get(), playVars));
        this.includes = new Includes(rc, scope, this.batch, handlers);
        this.facts = new FactGathering(rc, play, this.batch);
    }

    /** Gathers facts (unless the operator stopped the run), then runs the play's sections on the batch. */
    BatchEnd run() {
        if (!rc.stop().requested()) {
            facts.run();
        }
        stopped |= policy.stopReason().isPresent();
        for (List<Task> section : List.of(play.preTasks(), play.tasks(), play.postTasks())) {
            if (stopped || rc.stop().requested()) {
                break;
            }
            runList(section, Chain.of(play), active(), PlayListener.Kind.TASK);
            if (!stopped && !rc.stop().requested()) {
                handlers.flush(batch.hosts().stream().filter(handlers::serves).toList());
            }
        }
        return new BatchEnd(endPlay, policy.stopReason());
    }

    private List<HostState> active() {
        return batch.active();
    }

    /** Runs tasks in order on the hosts; returns those still active afterwards. */
    private List<HostState> runList(List<Task> tasks, Chain chain, List<HostState> hosts, PlayListener.Kind kind) {
        List<HostState> current = hosts;
        for (Task task : tasks) {
            current = current.stream().filter(HostState::active).toList();
            // The operator's stop lets the task in flight finish and starts no other.
            if (current.isEmpty() || stopped || rc.stop().requested()) {
                break;
            }
            if (task instanceof ModuleTask m) {
                runModule(m, chain, current, kind);
            } else if (task instanceof Block b) {
                runBlock(b, chain, current, kind);
            } else if (task instanceof TaskInclude i) {
                includes.run(i, chain, current, kind);
            }
        }
        return current.stream().filter(HostState::active).toList();
    }

    private void runBlock(Block b, Chain chain, List<HostState> all, PlayListener.Kind kind) {
        // A role application that already ran on a host (same key, allow_duplicates false) is not run
        // there again, and nothing is shown for it: Ansible's linear strategy skips each of its tasks
        // for that host without a result (task._role.has_run(host)).
        List<HostState> hosts = b.role().filter(r -> r.once() && kind != PlayListener.Kind.HANDLER)
                .map(r -> all.stream().filter(h -> !h.roleHasRun(r.key())).toList()).orElse(all);
        if (hosts.isEmpty()) {
            return;
        }
        runRoleOrBlock(b, chain, hosts, kind);
        // The implicit role_complete at the application's end, on the hosts that reached it.
        b.role().ifPresent(r -> hosts.stream().filter(HostState::active).forEach(h -> h.roleEnded(r.key())));
    }

    private void runRoleOrBlock(Block b, Chain chain, List<HostState> hosts, PlayListener.Kind kind) {
        List<HostState> survivors = runList(b.block(), chain.enter(b.options(), !b.rescue().isEmpty(), b.role()), hosts, kind);
        List<HostState> failed = hosts.stream().filter(h -> h.failed && !h.unreachable && !h.ended).toList();
        List<HostState> always = new ArrayList<>(survivors);
        if (!b.rescue().isEmpty() && !failed.isEmpty()) {
            failed.forEach(FailurePolicy::rescue);
            runList(b.rescue(), chain.enter(b.options(), false), failed, kind);
        }
        for (HostState h : hosts) {
            if (!always.contains(h) && !h.unreachable && !h.ended) {
                always.add(h);
            }
        }
        if (!b.always().isEmpty()) {
            // Hosts that failed without rescue still run 'always', then stay failed.
            FailurePolicy.despiteFailure(always, () ->
                    runList(b.always(), chain.enter(b.options(), false), hosts.stream().filter(always::contains).toList(), kind));
        }
    }

    private void runModule(ModuleTask task, Chain chain, List<HostState> hosts, PlayListener.Kind kind) {
        // As in Ansible, --tags selects tasks; a notified handler runs whatever its tags.
        if (kind != PlayListener.Kind.HANDLER && !rc.options().tags().runs(chain.tags(task.options()))) {
            return;
        }
        if (task.module().equals("meta")) {
            meta(task, chain, hosts);
            return;
        }
        Templater t = rc.templater().get();
        Map<String, Object> first = Variables.forTask(scope, hosts.get(0), chain, task.options().vars(), rc.options().check());
        String name = chain.role().map(r -> r.name() + " : ").orElse("")
                + Settings.taskName(task, task.module(), first, rc.templater());
        boolean runOnce = Settings.bool(chain.setting(task.options(), o -> o.runOnce(), play.runOnce()), false, t, first);
        int throttle = Settings.integer(chain.setting(task.options(), o -> o.throttle(), play.throttle()), 0, t, first);
        // add_host runs once per batch, on its first host (Ansible's BYPASS_HOST_LOOP); only run_once shares it.
        List<HostState> targets = runOnce || InventoryActions.ONCE.contains(task.module()) ? List.of(hosts.get(0)) : hosts;
        Trace.mark("task_start", task.pos());
        rc.listener().taskStart(new PlayListener.TaskStart(name, kind, task.module(), task.pos(),
                targets.stream().map(HostState::name).toList(), chain.outermost().orElse(task.pos())));
        Trace.mark("task_started", task.pos());
        List<TaskRunner.Outcome> outcomes = batch.parallel(targets, throttle, h -> runner.run(task, chain, h, name));
        Batch.roleTasksRan(chain, outcomes);
        Trace.mark("task_hosts_done", task.pos());
        if (runOnce) {
            for (HostState other : hosts.subList(1, hosts.size())) {
                runner.share(task, chain, other, outcomes.get(0));
            }
        }
        // ansible_failed_task.name is the task's own name: empty for an unnamed task, and without the
        // 'role : ' prefix of the banner, as in Ansible.
        if (batch.apply(outcomes, task.options().name().isPresent()
                ? Settings.taskName(task, task.module(), play, rc.options().extraVars(), rc.templater()) : "",
                task.module(), chain.rescuable())) {
            stopped = true;
        }
    }

    private void meta(ModuleTask task, Chain chain, List<HostState> hosts) {
        String what = String.valueOf(task.args().getOrDefault(ModuleTask.RAW_PARAMS, "")).trim();
        Templater t = rc.templater().get();
        List<HostState> matching = new ArrayList<>();
        for (HostState h : hosts) {
            Map<String, Object> vars = Variables.forTask(scope, h, chain, task.options().vars(), rc.options().check());
            try {
                if (t.condition(chain.when(task.options()), vars)) {
                    matching.add(h);
                }
            } catch (TemplateException e) {
                rc.listener().warning("meta: " + what + " (" + task.pos() + "): " + e.getMessage());
            }
        }
        switch (what) {
            case "flush_handlers" -> handlers.flush(matching.stream().filter(handlers::serves).toList());
            case "noop", "reset_connection" -> { }
            // As Ansible: every host of the play that failed (not unreachable) runs the next tasks again.
            case "clear_host_errors" -> FailurePolicy.clearErrors(batch.hosts());
            case "end_host" -> FailurePolicy.end(matching);
            case "end_play", "end_batch" -> {
                if (!matching.isEmpty()) {
                    FailurePolicy.end(batch.hosts());
                    stopped = true;
                    endPlay |= what.equals("end_play");
                }
            }
            default -> throw new IllegalStateException("meta '" + what + "' passed the preflight check");
        }
    }
}
