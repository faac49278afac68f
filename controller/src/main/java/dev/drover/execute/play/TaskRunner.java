package dev.drover.execute.play;

import dev.drover.trace.Trace;
import dev.drover.execute.HostStatus;
import dev.drover.playbook.LoopControl;
import dev.drover.playbook.ModuleTask;
import dev.drover.protocol.Results;
import dev.drover.template.TemplateException;
import dev.drover.template.Templater;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one task on one host: evaluates {@code when} (per loop item), runs the loop, registers the
 * result, stores facts, records notifications, and reports items and the final result to the
 * listener. What the failure means for the play is the {@link FailurePolicy}'s decision, not this
 * class's. Runs on the host's thread.
 */
final class TaskRunner {

    /** A task's result on one host, with what the failure policy needs to know. */
    record Outcome(HostState host, HostStatus status, Map<String, Object> result, boolean ignoreErrors,
            boolean ignoreUnreachable, boolean anyErrorsFatal, boolean noLog, Optional<String> delegatedTo) {
        boolean ignored() {
            return status == HostStatus.FAILED && ignoreErrors;
        }
    }

    private final RunContext rc;
    private final Variables.PlayScope play;
    private final TaskCall call;
    private final int playIndex;

    TaskRunner(RunContext rc, Variables.PlayScope play, int playIndex) {
        this.rc = rc;
        this.play = play;
        this.call = new TaskCall(rc, play);
        this.playIndex = playIndex;
    }

    Outcome run(ModuleTask parsed, Chain chain, HostState host, String name) {
        // The task as it runs on this host: a templated action is rendered below, before 'when' and the loop.
        ModuleTask task = parsed;
        String where = PlayListener.where(task.pos(), rc.playbookDir());
        // The step key's run-relative part: a reconnect or a --resume sends the same one.
        String step = "play" + playIndex + "/" + where + "/visit" + host.nextVisit() + "/" + host.name();
        Optional<CompletedTasks.Recorded> done = rc.completed().next(playIndex, host.name(), where, task.module());
        if (done.isPresent()) {
            return replay(task, chain, host, done.get());
        }
        Templater t = rc.templater().get();
        boolean ignoreErrors = false;
        boolean ignoreUnreachable = false;
        boolean fatal = false;
        boolean noLog = false;
        boolean diff = false;
        HostStatus status;
        Map<String, Object> result;
        Optional<String> delegatedTo = Optional.empty();
        try {
            // ansible_check_mode says what --check asked for, whatever the task's own check_mode, as in Ansible.
            Map<String, Object> vars = Variables.forTask(play, host, chain, task.options().vars(), rc.options().check());
            boolean check = Settings.bool(chain.setting(task.options(), o -> o.checkMode(), chain.play().checkMode()),
                    rc.options().check(), t, vars);
            ignoreErrors = Settings.bool(chain.setting(task.options(), o -> o.ignoreErrors(), chain.play().ignoreErrors()), false, t, vars);
            ignoreUnreachable = Settings.bool(chain.setting(task.options(), o -> o.ignoreUnreachable(),
                    chain.play().ignoreUnreachable()), false, t, vars);
            fatal = Settings.bool(chain.setting(task.options(), o -> o.anyErrorsFatal(), chain.play().anyErrorsFatal()), false, t, vars);
            noLog = Settings.bool(chain.setting(task.options(), o -> o.noLog(), chain.play().noLog()), false, t, vars);
            // Whether the callback shows this task's diff: the task's diff:, its blocks', the play's, then --diff.
            diff = Settings.bool(chain.setting(task.options(), o -> o.diff(), chain.play().diff()), rc.options().diff(), t, vars);
            if (parsed.templatedAction()) {
                task = TemplatedAction.resolve(parsed, t, vars, host.name());
            }
            List<String> when = chain.when(task.options());
            Optional<List<Object>> items = task.options().loop().isPresent() ? loopItems(task, t, vars, when) : Optional.empty();
            if (task.options().loop().isPresent() && items.isEmpty()) {
                status = HostStatus.SKIPPED;
                result = skipped();
            } else if (task.options().loop().isPresent()) {
                TaskCall.Done d = loop(task, chain, host, vars, items.get(), when, check, name, noLog, diff, step);
                status = d.status();
                result = d.result();
                delegatedTo = d.delegatedTo();
            } else if (!when.isEmpty() && !condition(t, when, vars, result = skipped(), task.pos())) {
                status = HostStatus.SKIPPED;
            } else {
                TaskCall.Done d = call.withRetries(task, chain, host, vars, check, name, step);
                status = d.status();
                result = d.result();
                delegatedTo = d.delegatedTo();
            }
        } catch (KeywordFailure e) {
            result = e.result();
            status = HostStatus.FAILED;
        } catch (TemplateException e) {
            result = Results.failed("task \"" + name + "\" (" + task.pos() + "): " + e.getMessage());
            status = HostStatus.FAILED;
        } catch (IllegalArgumentException e) {
            result = Results.failed("task \"" + name + "\" (" + task.pos() + "): " + e.getMessage());
            status = HostStatus.FAILED;
        }
        Trace.mark("host_done", host.name());
        store(task, chain, host, status, result);
        Outcome o = new Outcome(host, status, result, ignoreErrors, ignoreUnreachable, fatal, noLog, delegatedTo);
        rc.listener().hostResult(new PlayListener.TaskResult(host.name(), delegatedTo, task.module(), status, result,
                o.ignored(), noLog, task.options().loop().isPresent(), diff));
        Trace.mark("host_reported", host.name());
        return o;
    }

    /**
     * The loop's items; empty when they cannot be rendered but the task's {@code when} is false.
     * That is Ansible's order: a loop that fails to render (say it reads a registered result that a
     * skipped task left without the attribute) has {@code when} evaluated without the item, and a
     * false condition skips the task instead of failing it. Otherwise the loop's error stands.
     */
    private Optional<List<Object>> loopItems(ModuleTask task, Templater t, Map<String, Object> vars, List<String> when) {
        try {
            return Optional.of(LoopItems.items(task.options().loop().get(), t, vars));
        } catch (TemplateException | IllegalArgumentException loopError) {
            boolean whenIsFalse;
            try {
                whenIsFalse = !when.isEmpty() && !condition(t, when, vars, skipped(), task.pos());
            } catch (KeywordFailure | IllegalArgumentException whenNeedsTheItem) {
                whenIsFalse = false;
            }
            if (whenIsFalse) {
                return Optional.empty();
            }
            String name = task.options().name().orElse(task.module());
            if (loopError instanceof TemplateException e) {
                throw KeywordFailure.loop(e, name, task.pos());
            }
            if (loopError instanceof LoopItems.NotAList n) {
                throw KeywordFailure.notAList(n.value(), name, task.pos());
            }
            throw loopError;
        }
    }

    /**
     * A task an earlier run completed on this host: not run, its recorded result stands in for it
     * (registered variable, facts, notifications; the recap counts it as then).
     */
    private Outcome replay(ModuleTask task, Chain chain, HostState host, CompletedTasks.Recorded r) {
        Map<String, Object> result = new LinkedHashMap<>(r.result());
        store(task, chain, host, r.status(), result);
        Outcome o = new Outcome(host, r.status(), result, r.ignored(), false, false, r.noLog(), Optional.empty());
        rc.listener().replayed(new PlayListener.TaskResult(host.name(), Optional.empty(), task.module(), r.status(),
                result, r.ignored(), r.noLog(), task.options().loop().isPresent()), r.runId());
        return o;
    }

    /** Gives a host the result of a {@code run_once} task that ran on another host. */
    void share(ModuleTask task, Chain chain, HostState host, Outcome outcome) {
        store(task, chain, host, outcome.status(), outcome.result());
    }

    /** {@code register: name}: the host's variable {@code name} holds a copy of the result. */
    static void register(HostState host, String name, Map<String, Object> result) {
        // drover's own account of a failure is for the console, not for the playbook's variables.
        Map<String, Object> copy = new LinkedHashMap<>(result);
        copy.remove(ArgsFailure.WHERE);
        if (copy.get("results") instanceof List<?> items && items.stream().anyMatch(i -> i instanceof Map<?, ?> m
                && m.containsKey(ArgsFailure.WHERE))) {
            copy.put("results", items.stream().map(i -> {
                if (i instanceof Map<?, ?> m && m.containsKey(ArgsFailure.WHERE)) {
                    Map<Object, Object> c = new LinkedHashMap<>(m);
                    c.remove(ArgsFailure.WHERE);
                    return c;
                }
                return i;
            }).toList());
        }
        host.setHostFacts(Map.of(name, java.util.Collections.unmodifiableMap(copy)));
    }

    /** Registers the result, stores facts and variables, records notifications (on change only). */
    private void store(ModuleTask task, Chain chain, HostState host, HostStatus status, Map<String, Object> result) {
        task.options().register().ifPresent(r -> register(host, r, result));
        if (status == HostStatus.FAILED || status == HostStatus.UNREACHABLE || status == HostStatus.SKIPPED) {
            return;
        }
        List<Map<String, Object>> parts = new ArrayList<>();
        if (result.get("results") instanceof List<?> items && task.options().loop().isPresent()) {
            items.forEach(i -> parts.add(castMap(i)));
        } else {
            parts.add(result);
        }
        for (Map<String, Object> part : parts) {
            if (part.get("ansible_facts") instanceof Map<?, ?> facts) {
                Map<String, Object> f = castMap(facts);
                switch (task.module()) {
                    case "set_fact" -> host.setFacts(f);
                    case "include_vars" -> host.addIncludeVars(f);
                    default -> host.addFacts(f);
                }
            }
        }
        if (status == HostStatus.CHANGED) {
            chain.notifies(task.options()).forEach(n -> host.notify(Handlers.notification(chain.play(), chain.role(), n)));
        }
    }

    private TaskCall.Done loop(ModuleTask task, Chain chain, HostState host, Map<String, Object> vars, List<Object> items,
            List<String> when, boolean check, String name, boolean noLog, boolean diff, String step) {
        Templater t = rc.templater().get();
        LoopControl lc = LoopItems.withLoopVar(task.options().loopControl(), t, vars);
        double pause = Settings.decimal(lc.pause(), 0, t, vars);
        List<Object> results = new ArrayList<>();
        boolean changed = false;
        boolean failed = false;
        boolean allSkipped = true;
        Optional<String> delegatedTo = Optional.empty();
        // As Ansible, facts an item sets (set_fact, include_vars) are seen by the items after it.
        Map<String, Object> carried = new HashMap<>(vars);
        for (int i = 0; i < items.size(); i++) {
            if (i > 0 && pause > 0) {
                TaskCall.sleep(pause);
            }
            Map<String, Object> itemVars = new HashMap<>(carried);
            LoopItems.loopVars(itemVars, lc, items, i);
            Object label = lc.label().isPresent() ? t.render(lc.label().get(), itemVars) : LoopItems.shown(items.get(i));
            Map<String, Object> r;
            HostStatus s;
            if (!when.isEmpty() && !condition(t, when, itemVars, r = skipped(), task.pos())) {
                s = HostStatus.SKIPPED;
            } else {
                TaskCall.Done d = call.withRetries(task, chain, host, itemVars, check, name, step + "/item" + i);
                r = d.result();
                s = d.status();
                delegatedTo = d.delegatedTo();
            }
            r.put(lc.loopVar(), LoopItems.shown(items.get(i)));
            r.put("ansible_loop_var", lc.loopVar());
            if (lc.indexVar().isPresent()) {
                r.put(lc.indexVar().get(), i);
                r.put("ansible_index_var", lc.indexVar().get());
            }
            if (s != HostStatus.FAILED && s != HostStatus.SKIPPED && r.get("ansible_facts") instanceof Map<?, ?> f
                    && (task.module().equals("set_fact") || task.module().equals("include_vars"))) {
                f.forEach((k, v) -> carried.put(String.valueOf(k), v));
            }
            results.add(r);
            changed |= s == HostStatus.CHANGED || Boolean.TRUE.equals(r.get("changed"));
            failed |= s == HostStatus.FAILED || s == HostStatus.UNREACHABLE;
            allSkipped &= s == HostStatus.SKIPPED;
            rc.listener().itemResult(new PlayListener.ItemResult(host.name(), delegatedTo, task.module(), s, r, label, noLog, diff));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("changed", changed);
        // Ansible's TaskExecutor: a loop with no items says why it skipped instead of a msg.
        if (!results.isEmpty()) {
            result.put("msg", failed ? "One or more items failed" : allSkipped ? "All items skipped" : "All items completed");
        }
        result.put("results", results);
        if (failed) {
            result.put("failed", true);
        }
        if (allSkipped) {
            result.put("skipped", true);
        }
        if (results.isEmpty()) {
            result.put("skipped_reason", "No items in the list");
        }
        HostStatus status = failed ? HostStatus.FAILED : allSkipped ? HostStatus.SKIPPED
                : changed ? HostStatus.CHANGED : HostStatus.OK;
        return new TaskCall.Done(status, result, delegatedTo);
    }

    /**
     * Evaluates {@code when}; when false, records which condition in {@code skippedResult}. A condition
     * that cannot be evaluated fails the task with Ansible's message naming it and the task's place.
     */
    private static boolean condition(Templater t, List<String> when, Map<String, Object> vars, Map<String, Object> skippedResult,
            dev.drover.playbook.SourcePos pos) {
        for (String c : when) {
            boolean holds;
            try {
                holds = t.condition(c, vars);
            } catch (TemplateException e) {
                throw KeywordFailure.when(e, c, pos);
            }
            if (!holds) {
                skippedResult.put("false_condition", c);
                return false;
            }
        }
        return true;
    }

    static Map<String, Object> skipped() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("changed", false);
        r.put("skipped", true);
        r.put("skip_reason", "Conditional result was False");
        return r;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
