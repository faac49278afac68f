package dev.drover.execute;

import dev.drover.remote.AgentClient;
import dev.drover.remote.AgentException;
import dev.drover.remote.AgentLostException;
import dev.drover.remote.AgentOptions;
import dev.drover.remote.AgentPool;
import dev.drover.remote.HostAgent;
import dev.drover.transport.TransportException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

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

    public AgentCall(AgentPool pool, ConnectionOverrides overrides, Path cwd) {
        this.pool = pool;
        this.overrides = overrides;
        this.cwd = cwd;
    }

    /** Runs one module with resolved arguments. */
    public HostResult module(TargetHost host, AgentOptions.Become become, String module, Map<String, ?> args,
            boolean check, boolean diff) {
        return run(host, become, agent -> agent.run(module, args, check, diff));
    }

    /**
     * Opens (or reuses) the host's agent, as {@code become} (null: the login user), and applies
     * {@code action}. The result is named after {@code host}.
     */
    public HostResult run(TargetHost host, AgentOptions.Become become, Action action) {
        long start = System.nanoTime();
        try {
            AgentOptions options = ConnectionVars.agentOptions(host);
            if (become != null) {
                options = options.withBecome(become);
            }
            HostAgent agent = pool.open(ConnectionVars.settings(host, overrides, cwd), options);
            Map<String, Object> result = new LinkedHashMap<>(action.apply(agent.client()));
            return HostResult.of(host.name(), result, since(start));
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
        } catch (BadHostVarException e) {
            return HostResult.failed(host.name(), e.getMessage(), since(start));
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
