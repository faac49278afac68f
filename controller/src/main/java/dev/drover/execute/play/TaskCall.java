package dev.drover.execute.play;

import dev.drover.execute.BecomeVars;
import dev.drover.execute.HostResult;
import dev.drover.execute.HostStatus;
import dev.drover.execute.Step;
import dev.drover.execute.TargetHost;
import dev.drover.execute.play.action.ActionContext;
import dev.drover.execute.play.action.Actions;
import dev.drover.execute.play.action.ControllerAction;
import dev.drover.playbook.ModuleTask;
import dev.drover.playbook.Setting;
import dev.drover.protocol.ModuleNames;
import dev.drover.remote.AgentOptions;
import dev.drover.secret.Secret;
import dev.drover.template.Omit;
import dev.drover.template.Templater;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One call of a module or controller action for one host (one loop item), retried while
 * {@code until} does not hold: renders the arguments into a new map (omitted ones dropped), picks
 * the agent (delegated host, become user), calls, then applies {@code changed_when} and
 * {@code failed_when}. Runs on the host's thread; stateless.
 */
final class TaskCall {
    /**
     * The argument the agent takes the task's {@code environment} keyword from, for every module: it
     * reaches what the module runs and its path arguments' expansion, as Ansible sets it for the
     * module's process. Not for {@code raw}, which Ansible runs without it.
     */
    private static final String ENVIRONMENT = "_environment";

    /** The outcome of the call: status, result fields, and the host it really ran on if delegated. */
    record Done(HostStatus status, Map<String, Object> result, Optional<String> delegatedTo) {
    }

    private final RunContext rc;
    private final Variables.PlayScope play;

    TaskCall(RunContext rc, Variables.PlayScope play) {
        this.rc = rc;
        this.play = play;
    }

    /** @param step the step key's run-relative part for this task, host and loop item */
    Done withRetries(ModuleTask task, Chain chain, HostState host, Map<String, Object> vars, boolean check, String name,
            String step) {
        Templater t = rc.templater().get();
        if (task.options().until().isEmpty()) {
            return once(task, chain, host, vars, check, name, step, 0);
        }
        // Ansible: retries unset means 3 attempts; retries N means N+1; 0 or less means 1.
        int attempts = task.options().retries().isSet()
                ? Math.max(0, Settings.integer(task.options().retries(), 3, t, vars)) + 1 : 3;
        double delay = Settings.decimal(task.options().delay(), 5, t, vars);
        if (delay < 0) {
            delay = 1;
        }
        PlayListener.Waiting waiting = new PlayListener.Waiting(host.name(), name, "until " + String.join(" and ",
                task.options().until()) + " (" + attempts + " attempts, " + seconds(delay) + " s apart)", System.nanoTime());
        rc.listener().waiting(waiting);
        try {
            return retry(task, chain, host, vars, check, name, attempts, delay, step);
        } finally {
            rc.listener().waitOver(waiting);
        }
    }

    private Done retry(ModuleTask task, Chain chain, HostState host, Map<String, Object> vars, boolean check, String name,
            int attempts, double delay, String step) {
        Templater t = rc.templater().get();
        Done d = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            d = once(task, chain, host, vars, check, name, attempt == 1 ? step : step + "/try" + attempt, attempt);
            if (d.status() == HostStatus.UNREACHABLE) {
                return d;
            }
            if (ResultConditions.until(task, t, ResultConditions.withRegistered(task, vars, d.result()), name)) {
                return d;
            }
            if (attempt < attempts) {
                rc.listener().retrying(host.name(), name, attempts - attempt, d.result());
                sleep(delay);
            }
        }
        if (attempts <= 1) {
            // Ansible: with retries 0 there is one attempt, and a false 'until' does not fail it.
            return d;
        }
        // Ansible reports the retries, one fewer than the attempts made, when they run out.
        d.result().put("attempts", attempts - 1);
        d.result().put("failed", true);
        // Ansible's TaskResult.is_failed reads failed_when_result before 'failed': a false failed_when wins.
        boolean failed = !(d.result().get("failed_when_result") instanceof Boolean b) || b;
        return new Done(failed ? HostStatus.FAILED : d.status(), d.result(), d.delegatedTo());
    }

    /**
     * An Ansible module drover does not ship (the parser accepts Ansible's built-in names, so that a
     * task a false {@code when:} skips costs nothing): the host that reaches it fails it.
     */
    private String notShipped(ModuleTask task, String name) {
        return "'" + task.module() + "' is an Ansible module drover does not ship (task '" + name + "', "
                + PlayListener.where(task.pos(), rc.playbookDir()) + "); write the task with drover's modules ("
                + String.join(", ", ModuleNames.BUILTIN) + "), or give it a 'when:' that is false on this host";
    }

    private static String seconds(double s) {
        return s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s);
    }

    /**
     * @param step    the step key's run-relative part for this call
     * @param attempt the attempt's number under {@code until} (0 without it), set before changed_when/failed_when
     */
    private Done once(ModuleTask task, Chain chain, HostState host, Map<String, Object> vars, boolean check, String name,
            String step, int attempt) {
        Templater t = rc.templater().get();
        Set<String> raw = Actions.rawArgs(task.module());
        Map<String, Object> args = new LinkedHashMap<>();
        // set_fact keeps what was rendered from unsafe values unsafe (Ansible's wrap_var): not rendered again.
        boolean keepUnsafe = task.module().equals("set_fact");
        try {
            task.args().forEach((k, v) -> args.put(k, raw.contains(k) ? v
                    : keepUnsafe ? t.renderKeepingUnsafe(v, vars, false) : t.render(v, vars)));
        } catch (dev.drover.template.TemplateException e) {
            // As Ansible's TaskExecutor: the task (or this loop item) fails with the template's error.
            return new Done(HostStatus.FAILED, ArgsFailure.result(e, name, task.pos()), Optional.empty());
        }
        Map<String, Object> resolved = Omit.dropFrom(args);
        TargetHost target = host.target();
        Optional<String> delegatedTo = chain.optional(task.options(), o -> o.delegateTo(), Optional.empty())
                .map(d -> Settings.string(d, t, vars));
        if (delegatedTo.isPresent()) {
            target = delegate(delegatedTo.get());
        }
        Optional<String> remoteUser = chain.optional(task.options(), o -> o.remoteUser(), Optional.empty())
                .map(u -> Settings.string(u, t, vars));
        if (remoteUser.isPresent() && delegatedTo.isEmpty()) {
            // As Ansible: the keyword is below the inventory's ansible_user, above the play's remote_user.
            boolean inventorySetsUser = rc.inventoryHost().apply(host.name())
                    .map(h -> h.vars().containsKey("ansible_user")).orElse(false);
            if (!inventorySetsUser) {
                Map<String, Object> v = new LinkedHashMap<>(target.vars());
                v.put("ansible_user", remoteUser.get());
                target = new TargetHost(target.name(), v);
            }
        }
        boolean diff = Settings.bool(chain.setting(task.options(), o -> o.diff(), chain.play().diff()),
                rc.options().diff(), t, vars);
        AgentOptions.Become become = become(chain, task, vars, target.vars(), t);
        TargetHost on = target;
        Step.Events events = events(rc, name);
        int[] calls = {0};
        ActionContext.Agent agent = new ActionContext.Agent() {
            @Override
            public HostResult module(String module, Map<String, ?> a) {
                // A controller action may call the agent several times in one step: each call its own key.
                String key = calls[0]++ == 0 ? step : step + "/call" + calls[0];
                return rc.agents().module(on, become, module, revealed(module, a), check, diff, new Step(key, -1, events));
            }

            @Override
            public HostResult read(String module, Map<String, ?> a) {
                return rc.agents().module(on, become, module, revealed(module, a), check, diff);
            }

            private Map<String, Object> revealed(String module, Map<String, ?> a) {
                // Secrets are revealed only here, where the value leaves for the host.
                @SuppressWarnings("unchecked")
                Map<String, Object> revealed = new LinkedHashMap<>((Map<String, ?>) reveal(a));
                Map<String, Object> env = module.equals("raw") ? Map.of() : environment(chain, task, vars, t);
                if (!env.isEmpty()) {
                    revealed.put(ENVIRONMENT, reveal(env));
                }
                return revealed;
            }
        };
        Map<String, Object> result;
        Optional<ControllerAction> action = Actions.forTask(task.module(), resolved);
        if (action.isPresent() && task.options().async().isSet()
                && Settings.integer(task.options().async(), 0, t, vars) > 0) {
            // Ansible's ActionBase.run: none of the actions drover runs on the controller supports async.
            result = new LinkedHashMap<>(dev.drover.protocol.Results.failed("async is not supported for this task."));
        } else if (action.isPresent()) {
            Path taskDir = dir(task.pos().file());
            ActionContext ctx = new ActionContext(host.name(), vars, t, taskDir, play.playbookDir(), chain.roleDirs(), check,
                    diff, rc.options().verbosity(), agent, rc.taskFiles().vault());
            result = new LinkedHashMap<>(action.get().run(resolved, ctx));
        } else if (Gates.WAIT_MODULES.contains(task.module())) {
            PlayListener.Waiting waiting = new PlayListener.Waiting(host.name(), task.options().name().orElse(task.module()),
                    Gates.describe(task.module(), resolved, delegatedTo.orElse(host.name())), System.nanoTime());
            rc.listener().waiting(waiting);
            try {
                result = new LinkedHashMap<>(agent.module(task.module(), resolved).result());
            } finally {
                rc.listener().waitOver(waiting);
            }
        } else if (InventoryActions.NAMES.contains(task.module())) {
            result = InventoryActions.run(task.module(), resolved, host.name(), rc.inventory());
        } else if (!ModuleNames.BUILTIN.contains(task.module())) {
            result = new LinkedHashMap<>(dev.drover.protocol.Results.failed(notShipped(task, name)));
        } else if (task.options().async().isSet()) {
            int async = Settings.integer(task.options().async(), 0, t, vars);
            int poll = Settings.integer(task.options().poll(), AsyncTask.DEFAULT_POLL, t, vars);
            result = AsyncTask.run(agent, task.module(), resolved, async, poll, () -> rc.stop().requested());
        } else {
            result = new LinkedHashMap<>(agent.module(task.module(), resolved).result());
        }
        if (!result.containsKey("failed") && !Boolean.TRUE.equals(result.get("unreachable"))) {
            // Ansible's TaskExecutor: a result without 'failed' failed if its rc is not 0, and has 'changed'.
            Object rc = result.get("rc");
            boolean zero = rc instanceof Number n ? n.doubleValue() == 0 : "0".equals(rc);
            result.put("failed", result.containsKey("rc") && !zero);
            result.putIfAbsent("changed", false);
        }
        if (attempt > 0) {
            result.put("attempts", attempt);
        }
        HostStatus status = HostStatus.of(result);
        if (status != HostStatus.UNREACHABLE && status != HostStatus.SKIPPED) {
            status = ResultConditions.applyOverrides(task, vars, result, status, t);
        }
        return new Done(status, result, delegatedTo);
    }

    private Map<String, Object> environment(Chain chain, ModuleTask task, Map<String, Object> vars, Templater t) {
        Map<String, Object> env = new LinkedHashMap<>();
        for (Object layer : chain.environment(task.options())) {
            Object rendered = t.render(layer, vars);
            if (!(rendered instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("environment must be a mapping of names to values, got "
                        + dev.drover.playbook.Coerce.describe(rendered));
            }
            m.forEach((k, v) -> {
                if (!Omit.isOmit(v)) {
                    env.put(String.valueOf(k), v == null ? "" : String.valueOf(v));
                }
            });
        }
        return env;
    }

    private TargetHost delegate(String name) {
        Optional<TargetHost> known = rc.inventoryHost().apply(name);
        if (known.isPresent()) {
            return known.get();
        }
        if (dev.drover.inventory.Inventory.LOCALHOST_NAMES.contains(name)) {
            return new TargetHost(name, Map.of("ansible_connection", "local"));
        }
        throw new IllegalArgumentException("delegate_to: host '" + name + "' is not in the inventory"
                + " (only localhost may be used without an inventory entry)");
    }

    private AgentOptions.Become become(Chain chain, ModuleTask task, Map<String, Object> vars, Map<String, Object> login,
            Templater t) {
        Setting<Boolean> on = chain.setting(task.options(), o -> o.become(), chain.play().become());
        BecomeVars.Keywords keywords = new BecomeVars.Keywords(on.isSet() ? Settings.bool(on, false, t, vars) : null,
                chain.optional(task.options(), o -> o.becomeUser(), chain.play().becomeUser()).map(u -> Settings.string(u, t, vars)).orElse(null),
                chain.optional(task.options(), o -> o.becomeMethod(), chain.play().becomeMethod()).map(u -> Settings.string(u, t, vars)).orElse(null),
                chain.optional(task.options(), o -> o.becomeExe(), chain.play().becomeExe()).map(u -> Settings.string(u, t, vars)).orElse(null),
                chain.optional(task.options(), o -> o.becomeFlags(), chain.play().becomeFlags()).map(u -> Settings.string(u, t, vars)).orElse(null));
        return BecomeVars.resolve(keywords, vars, login, rc.options().become(), rc.options().becomeByDefault(), v -> t.render(v, vars));
    }

    private static Object reveal(Object v) {
        if (v instanceof Secret s) {
            return s.revealString();
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, reveal(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(TaskCall::reveal).toList();
        }
        return v;
    }

    static Path dir(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of("").toAbsolutePath() : parent;
    }

    static void sleep(double seconds) {
        try {
            Thread.sleep((long) (seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Drops and reattachments during the task {@code name}, told to the run's listener (console, journal). */
    static Step.Events events(RunContext rc, String name) {
        return new Step.Events() {
            @Override
            public void connectionLost(String h, String key, int attempt, String reason) {
                rc.listener().connectionLost(h, name, attempt, reason);
            }

            @Override
            public void reattached(String h, String key, int attempts, boolean replayed) {
                rc.listener().reattached(h, name, attempts, replayed);
            }

            @Override
            public void claimed(String h, String key, long pid) {
                rc.listener().stepClaimed(h, name, key, pid);
            }

            @Override
            public void done(String h, String key) {
                rc.listener().stepDone(h, name, key);
            }

            @Override
            public void beforeForget() {
                rc.listener().durable();
            }

            @Override
            public boolean stopRequested() {
                return rc.stop().requested();
            }
        };
    }
}
