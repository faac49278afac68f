package dev.drover.execute;

import dev.drover.remote.AgentClient;
import dev.drover.remote.AgentException;
import dev.drover.remote.AgentLostException;
import dev.drover.remote.AgentOptions;
import dev.drover.remote.AgentPool;
import dev.drover.remote.HostAgent;
import dev.drover.transport.ConnectionSettings;
import dev.drover.transport.TransportException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One call through a host's agent, with failures classified the way docs/ARCHITECTURE.md says:
 * transport connect/auth/host-key problems and a lost agent make the host unreachable; an agent
 * that cannot start or breaks the protocol fails it; a bad host variable fails it. Shared by
 * {@code drover exec} and the playbook runner. Thread-safe (the pool is).
 */
public final class AgentCall {

    /** What to do with the host's agent once it is open. */
    @FunctionalInterface
    public interface Action {
        Map<String, Object> apply(AgentClient agent) throws AgentException;
    }

    private final AgentPool pool;
    private final ConnectionOverrides overrides;
    private final Path cwd;
    private final String runKey;
    /** Whether a {@code --resume} can send these steps again (a journaled run), for the give-up message. */
    private final boolean resumable;
    /** Full step keys an earlier run of the resume chain saw claimed on their host: attached to, never started. */
    private final Set<String> claimed;

    /** Calls whose steps are keyed by a fresh id (nothing resumes them: {@code drover exec}, tests). */
    public AgentCall(AgentPool pool, ConnectionOverrides overrides, Path cwd) {
        this(pool, overrides, cwd, java.util.UUID.randomUUID().toString(), false, Set.of());
    }

    /**
     * @param runKey the run's <em>original</em> id: a resumed run passes the id of the run it resumes
     *               (transitively), so its steps have the keys the interrupted run gave them
     */
    public AgentCall(AgentPool pool, ConnectionOverrides overrides, Path cwd, String runKey) {
        this(pool, overrides, cwd, runKey, true, Set.of());
    }

    /**
     * @param claimed the full step keys the journals of the resume chain recorded as claimed on their
     *                host ({@code step_claimed}): sent to attach only, so a spool removed since (the
     *                host's 7-day cleanup, a cleared cache) is reported instead of started again
     */
    public AgentCall(AgentPool pool, ConnectionOverrides overrides, Path cwd, String runKey, Set<String> claimed) {
        this(pool, overrides, cwd, runKey, true, claimed);
    }

    private AgentCall(AgentPool pool, ConnectionOverrides overrides, Path cwd, String runKey, boolean resumable,
            Set<String> claimed) {
        this.pool = pool;
        this.overrides = overrides;
        this.cwd = cwd;
        this.runKey = runKey;
        this.resumable = resumable;
        this.claimed = Set.copyOf(claimed);
    }

    /** Runs one module with resolved arguments. */
    public HostResult module(TargetHost host, AgentOptions.Become become, String module, Map<String, ?> args,
            boolean check, boolean diff) {
        return run(host, become, agent -> agent.run(module, args, check, diff));
    }

    /**
     * Runs one module as a keyed step: at most once on the host, and carried over a dropped
     * connection by reconnecting within the step's grace ({@link Reattach}).
     */
    public HostResult module(TargetHost host, AgentOptions.Become become, String module, Map<String, ?> args,
            boolean check, boolean diff, Step step) {
        long start = System.nanoTime();
        try {
            Step keyed = new Step(runKey + "/" + step.key(), step.graceSeconds() >= 0 ? step.graceSeconds()
                    : ConnectionVars.stepGrace(host, args), step.events());
            AgentOptions options = options(host, become);
            ConnectionSettings settings = ConnectionVars.settings(host, overrides, cwd);
            AgentClient client = pool.open(settings, options).client();
            boolean attach = claimed.contains(keyed.key());
            Map<String, Object> result;
            try {
                result = new LinkedHashMap<>(client.run(module, args, check, diff, keyed.key(), keyed.graceSeconds(),
                        attach, pid -> keyed.events().claimed(host.name(), keyed.key(), pid)));
                result.remove("_drover_replayed");
                client.forgetLater(keyed.key(), keyed.events()::beforeForget);
            } catch (AgentLostException lost) {
                if (!client.supportsSteps() || keyed.graceSeconds() <= 0) {
                    throw lost;
                }
                result = Reattach.run(pool, settings, options, module, args, check, diff, keyed, lost, resumable, attach);
            }
            if (!Boolean.TRUE.equals(result.get("step_unknown"))) {
                keyed.events().done(host.name(), keyed.key());
            }
            if (module.equals("user") && Boolean.TRUE.equals(result.get("changed")) && args.get("name") instanceof String user) {
                pool.retire(host.name(), user); // agents running as that user hold its old uid and groups
            }
            return HostResult.of(host.name(), result, since(start));
        } catch (Reconnect.WindowClosed | TransportException | AgentException | BadHostVarException e) {
            return classify(host, e, start);
        }
    }

    /**
     * Opens (or reuses) the host's agent, as {@code become} (null: the login user), and applies
     * {@code action}. The result is named after {@code host}.
     */
    public HostResult run(TargetHost host, AgentOptions.Become become, Action action) {
        long start = System.nanoTime();
        try {
            AgentOptions options = options(host, become);
            HostAgent agent = pool.open(ConnectionVars.settings(host, overrides, cwd), options);
            Map<String, Object> result = new LinkedHashMap<>(action.apply(agent.client()));
            return HostResult.of(host.name(), result, since(start));
        } catch (TransportException | AgentException | BadHostVarException e) {
            return classify(host, e, start);
        }
    }

    /**
     * As {@link #run(TargetHost, AgentOptions.Become, Action)} for an action that only reads (fact
     * gathering): when the agent is lost during it, the connection is opened again with the same
     * backoff and window as a keyed step ({@link Reconnect}, the window {@link ConnectionVars#stepGrace})
     * and the action is run again from the start on the new agent, so its answer is fresh, never a
     * replay. {@code name} names it to {@code events} (the console and the journal).
     */
    public HostResult rerunnable(TargetHost host, AgentOptions.Become become, String name, Step.Events events,
            Action action) {
        long start = System.nanoTime();
        try {
            AgentOptions options = options(host, become);
            ConnectionSettings settings = ConnectionVars.settings(host, overrides, cwd);
            HostAgent agent = pool.open(settings, options);
            Map<String, Object> result;
            try {
                result = new LinkedHashMap<>(action.apply(agent.client()));
            } catch (AgentLostException lost) {
                Step step = new Step(name, ConnectionVars.stepGrace(host, Map.of()), events);
                if (step.graceSeconds() <= 0) {
                    throw lost; // drover_step_grace=0: no reconnect, as for a keyed step
                }
                result = Reconnect.withBackoff(pool, settings, options, step, lost, (again, attempts) -> {
                    Map<String, Object> fresh = new LinkedHashMap<>(action.apply(again.client()));
                    events.reattached(host.name(), name, attempts, false);
                    return fresh;
                }, (interrupted, attempts, reason) -> "connection lost during '" + name + "'"
                        + (interrupted ? "; the run was interrupted while reconnecting (" : " and not regained within "
                                + step.graceSeconds() + " s (") + attempts + " reconnect attempts; last: " + reason + ")");
            }
            return HostResult.of(host.name(), result, since(start));
        } catch (Reconnect.WindowClosed | TransportException | AgentException | BadHostVarException e) {
            return classify(host, e, start);
        }
    }

    private static AgentOptions options(TargetHost host, AgentOptions.Become become) throws BadHostVarException {
        AgentOptions options = ConnectionVars.agentOptions(host);
        return become == null ? options : options.withBecome(become);
    }

    private HostResult classify(TargetHost host, Exception failure, long start) {
        try {
            throw failure;
        } catch (Reconnect.WindowClosed e) {
            pool.discard(host.name());
            return HostResult.unreachable(host.name(), e.getMessage(), since(start));
        } catch (TransportException e) {
            return e.unreachable()
                    ? HostResult.unreachable(host.name(), e.getMessage(), since(start))
                    : HostResult.failed(host.name(), e.getMessage(), since(start));
        } catch (AgentLostException e) {
            pool.discard(host.name());
            return HostResult.unreachable(host.name(), e.getMessage(), since(start));
        } catch (AgentException e) {
            pool.discard(host.name());
            return HostResult.failed(host.name(), e.getMessage(), since(start));
        } catch (Exception e) {
            return HostResult.failed(host.name(), e.getMessage(), since(start));
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
