package dev.drover.execute;

import dev.drover.remote.AgentOptions;
import dev.drover.remote.AgentPool;
import dev.drover.template.TemplateException;
import dev.drover.template.Templater;
import dev.drover.template.UndefinedVariableException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Runs one module on many hosts at once ({@code drover exec}): up to {@code forks} hosts in
 * parallel, each through its own agent. Results reach the listener in completion order and are
 * returned in inventory order.
 */
public final class AdHocRunner {

    /** What to run: a module, its resolved arguments, and the check/diff flags. */
    public record Request(String module, Map<String, Object> args, boolean check, boolean diff) {
    }

    private final AgentPool pool;
    private final ConnectionOverrides overrides;
    private final Path cwd;
    private final int forks;
    private final AgentOptions.Become become;
    /** Built on first use: only a host whose arguments or become variables are templated needs it. */
    private final Supplier<Templater> templater = memoized(Templater::jinja);

    public AdHocRunner(AgentPool pool, ConnectionOverrides overrides, Path cwd, int forks) {
        this(pool, overrides, cwd, forks, null);
    }

    /**
     * @param become the user every host's agent runs as through sudo, or null for the login user, where
     *               the host's {@code ansible_become*} variables say nothing
     */
    public AdHocRunner(AgentPool pool, ConnectionOverrides overrides, Path cwd, int forks, AgentOptions.Become become) {
        this.pool = pool;
        this.overrides = overrides;
        this.cwd = cwd;
        this.forks = Math.max(1, forks);
        this.become = become;
    }

    public List<HostResult> run(List<TargetHost> hosts, Request request, RunListener listener) throws InterruptedException {
        ExecutorService workers = Executors.newFixedThreadPool(Math.min(forks, Math.max(1, hosts.size())), r -> {
            Thread t = new Thread(r, "drover-host");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<HostResult>> futures = new ArrayList<>();
            for (TargetHost host : hosts) {
                futures.add(workers.submit(() -> {
                    HostResult r = runOne(host, request, listener);
                    listener.hostResult(r);
                    return r;
                }));
            }
            List<HostResult> results = new ArrayList<>();
            for (Future<HostResult> f : futures) {
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("host worker crashed", e.getCause());
                }
            }
            return results;
        } finally {
            workers.shutdownNow();
        }
    }

    /**
     * The command is a keyed step of a fresh id: never started twice on the host, carried over a
     * dropped connection by reconnecting within its grace, and, when the connection cannot be regained,
     * reported with whether it had started (and its pid) and where the host keeps its output and result.
     */
    private HostResult runOne(TargetHost host, Request request, RunListener listener) {
        Step.Events events = new Step.Events() {
            @Override
            public void connectionLost(String h, String step, int attempt, String reason) {
                listener.connectionLost(h, request.module(), attempt, reason);
            }

            @Override
            public void reattached(String h, String step, int attempts, boolean replayed) {
                listener.reattached(h, request.module(), attempts, replayed);
            }
        };
        Map<String, Object> args;
        AgentOptions.Become hostBecome;
        try {
            args = AdHocHost.args(request.args(), host.vars(), templater);
            hostBecome = AdHocHost.become(host.vars(), become, templater);
        } catch (UndefinedVariableException e) {
            return HostResult.failed(host.name(), "The task includes an option with an undefined variable. The error was: "
                    + e.getMessage(), Duration.ZERO);
        } catch (TemplateException e) {
            return HostResult.failed(host.name(), e.getMessage(), Duration.ZERO);
        } catch (IllegalArgumentException e) {
            // A become method drover does not have, from the host's ansible_become_method.
            return HostResult.failed(host.name(), "host " + host.name() + ": " + e.getMessage(), Duration.ZERO);
        }
        return new AgentCall(pool, overrides, cwd).module(host, hostBecome, request.module(), args,
                request.check(), request.diff(), new Step("exec/" + host.name(), -1, events));
    }

    private static <T> Supplier<T> memoized(Supplier<T> make) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = make.get();
                }
                return value;
            }
        };
    }
}
