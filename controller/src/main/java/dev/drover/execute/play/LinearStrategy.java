package dev.drover.execute.play;

import dev.drover.execute.HostResult;
import dev.drover.execute.HostStatus;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Ansible's linear strategy for one batch: each task runs on every active host of the batch (up to
 * {@code forks} at once, fewer with {@code throttle}) before the next task starts. Blocks run their
 * {@code block:} tasks on all hosts, then {@code rescue:} on the hosts that failed in them, then
 * {@code always:} on every host that entered. Handlers run at the end of each section and at
 * {@code meta: flush_handlers}. Includes are expanded per host at run time ({@link Includes}).
 *
 * <p>Which host is still in the play is the {@link FailurePolicy}'s decision; this class only walks
 * the tasks. Runs on the run's main thread; host work goes to the run's workers.
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
    private final List<HostState> batch;
    private final TaskRunner runner;
    private final FailurePolicy policy;
    private final Includes includes;
    private final Handlers handlers;
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
        this.batch = batch;
        this.runner = new TaskRunner(rc, scope, playIndex);
        this.policy = new FailurePolicy(rc.stats(), rules);
        this.includes = new Includes(rc, scope, this);
        Map<String, Object> playVars = new LinkedHashMap<>(play.vars());
        playVars.putAll(rc.options().extraVars());
        this.handlers = new Handlers(play, this, Settings.bool(play.forceHandlers(), false, rc.templater().get(), playVars));
    }

    /** Runs the play's sections on the batch. */
    BatchEnd run(Runnable gatherFacts) {
        if (!rc.stop().requested()) {
            gatherFacts.run();
        }
        stopped |= policy.stopReason().isPresent();
        for (List<Task> section : List.of(play.preTasks(), play.tasks(), play.postTasks())) {
            if (stopped || rc.stop().requested()) {
                break;
            }
            runList(section, Chain.of(play), active(), PlayListener.Kind.TASK);
            if (!stopped && !rc.stop().requested()) {
                handlers.flush(batch.stream().filter(handlers::serves).toList());
            }
        }
        return new BatchEnd(endPlay, policy.stopReason());
    }

    List<HostState> active() {
        return batch.stream().filter(HostState::active).toList();
    }

    /** Runs tasks in order on the hosts; returns those still active afterwards. */
    List<HostState> runList(List<Task> tasks, Chain chain, List<HostState> hosts, PlayListener.Kind kind) {
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

    private void runBlock(Block b, Chain chain, List<HostState> hosts, PlayListener.Kind kind) {
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
            List<HostState> stillFailed = always.stream().filter(h -> h.failed).toList();
            stillFailed.forEach(h -> h.failed = false);
            runList(b.always(), chain.enter(b.options(), false), hosts.stream().filter(always::contains).toList(), kind);
            stillFailed.forEach(h -> h.failed = true);
        }
    }

    void runModule(ModuleTask task, Chain chain, List<HostState> hosts, PlayListener.Kind kind) {
        // As in Ansible, --tags selects tasks; a notified handler runs whatever its tags.
        if (kind != PlayListener.Kind.HANDLER && !rc.options().tags().runs(chain.tags(task.options()))) {
            return;
        }
        if (task.module().equals("meta")) {
            meta(task, chain, hosts);
            return;
        }
        String name = chain.role().map(r -> r.name() + " : ").orElse("") + displayName(task, task.module());
        Templater t = rc.templater().get();
        Map<String, Object> first = Variables.forTask(runnerScope(), hosts.get(0), chain, task.options().vars(), rc.options().check());
        boolean runOnce = Settings.bool(chain.setting(task.options(), o -> o.runOnce(), play.runOnce()), false, t, first);
        int throttle = Settings.integer(chain.setting(task.options(), o -> o.throttle(), play.throttle()), 0, t, first);
        List<HostState> targets = runOnce ? List.of(hosts.get(0)) : hosts;
        rc.listener().taskStart(new PlayListener.TaskStart(name, kind, task.module(), task.pos(),
                targets.stream().map(HostState::name).toList(), chain.outermost().orElse(task.pos())));
        List<TaskRunner.Outcome> outcomes = parallel(targets, throttle, h -> runner.run(task, chain, h, name));
        if (runOnce) {
            for (HostState other : hosts.subList(1, hosts.size())) {
                runner.share(task, chain, other, outcomes.get(0));
            }
        }
        // ansible_failed_task.name is the task's own name: empty for an unnamed task, and without the
        // 'role : ' prefix of the banner, as in Ansible.
        if (policy.apply(outcomes, task.options().name().isPresent() ? displayName(task, task.module()) : "", task.module(),
                chain.rescuable(), batch)) {
            stopped = true;
        }
    }

    private void meta(ModuleTask task, Chain chain, List<HostState> hosts) {
        String what = String.valueOf(task.args().getOrDefault(ModuleTask.RAW_PARAMS, "")).trim();
        Templater t = rc.templater().get();
        List<HostState> matching = new ArrayList<>();
        for (HostState h : hosts) {
            Map<String, Object> vars = Variables.forTask(runnerScope(), h, chain, task.options().vars(), rc.options().check());
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
            case "clear_host_errors" -> batch.forEach(h -> h.failed = false);
            case "end_host" -> matching.forEach(h -> h.ended = true);
            case "end_play", "end_batch" -> {
                if (!matching.isEmpty()) {
                    batch.forEach(h -> h.ended = true);
                    stopped = true;
                    endPlay |= what.equals("end_play");
                }
            }
            default -> throw new IllegalStateException("meta '" + what + "' passed the preflight check");
        }
    }

    /** Runs {@code work} for each host on the run's workers, at most {@code throttle} at once (0: forks). */
    <T> List<T> parallel(List<HostState> hosts, int throttle, Function<HostState, T> work) {
        Semaphore gate = new Semaphore(throttle > 0 ? throttle : Integer.MAX_VALUE);
        List<Future<T>> futures = new ArrayList<>();
        for (HostState h : hosts) {
            futures.add(rc.workers().submit(() -> {
                gate.acquireUninterruptibly();
                try {
                    return work.apply(h);
                } finally {
                    gate.release();
                }
            }));
        }
        List<T> out = new ArrayList<>();
        for (Future<T> f : futures) {
            try {
                out.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while hosts were running a task", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a host thread crashed: " + e.getCause(), e.getCause());
            }
        }
        return out;
    }

    /** A task's name as Ansible shows it: its name rendered with play-level variables, else its action. */
    String displayName(Task task, String action) {
        Optional<String> name = task.options().name();
        if (name.isEmpty()) {
            return action;
        }
        try {
            Map<String, Object> vars = new LinkedHashMap<>(play.vars());
            vars.putAll(rc.options().extraVars());
            return String.valueOf(rc.templater().get().render(name.get(), vars));
        } catch (TemplateException e) {
            return name.get();
        }
    }

    Variables.PlayScope runnerScope() {
        return scope;
    }

    Handlers handlers() {
        return handlers;
    }

    FailurePolicy policy() {
        return policy;
    }

    List<HostState> batch() {
        return batch;
    }

    /** Facts for one host through the agent's setup module, or empty when the agent has none. */
    Optional<TaskRunner.Outcome> gather(HostState h, Runnable noSetup) {
        // setup only reads: after a dropped connection it runs again on a new agent (fresh facts, no spool).
        HostResult r = rc.agents().rerunnable(h.target(), null, "Gathering Facts",
                TaskCall.events(rc, "Gathering Facts"), agent -> {
            if (!agent.modules().contains("setup")) {
                return Map.of("_no_setup", true);
            }
            return agent.run("setup", Map.of(), false, false);
        });
        if (r.result().containsKey("_no_setup")) {
            noSetup.run();
            return Optional.empty();
        }
        if (r.status() != HostStatus.FAILED && r.result().get("ansible_facts") instanceof Map<?, ?> facts) {
            @SuppressWarnings("unchecked")
            Map<String, Object> f = (Map<String, Object>) facts;
            h.addFacts(f);
        }
        rc.listener().hostResult(new PlayListener.TaskResult(h.name(), Optional.empty(), "gather_facts", r.status(),
                r.result(), false, false, false));
        return Optional.of(new TaskRunner.Outcome(h, r.status(), r.result(), false, false, false, false, Optional.empty()));
    }
}
