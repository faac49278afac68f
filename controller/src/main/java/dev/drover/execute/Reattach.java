package dev.drover.execute;

import dev.drover.remote.AgentException;
import dev.drover.remote.AgentLostException;
import dev.drover.remote.AgentOptions;
import dev.drover.remote.AgentPool;
import dev.drover.remote.HostAgent;
import dev.drover.transport.ConnectionSettings;
import dev.drover.transport.TransportException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One keyed step through a host's agent that survives a dropped connection: when the agent is lost
 * mid-step the connection is opened again (a full connect, so the host key is verified again and a
 * changed key still refuses), a new agent started, and the same {@code run} frame sent again; the
 * host's spool answers it (the result if the step finished, a wait if it still runs), so the step is
 * never started twice. Attempts back off 1, 2, 4, 8, 15, 15 ... s within the step's grace; when the
 * window closes the host is unreachable and the message says the step's fate is unknown. Ctrl-C
 * ends the wait at once (checked every {@value #STOP_CHECK_MS} ms and before each attempt): the
 * host is then unreachable the same way, and the run ends as an interrupted one, with its resume
 * hint, instead of waiting through the step's grace.
 *
 * <p>Runs on the host's thread; the pool is thread-safe.
 */
final class Reattach {
    private static final long[] BACKOFF_SECONDS = {1, 2, 4, 8, 15};
    private static final long STOP_CHECK_MS = 100;

    private Reattach() {
    }

    /** Thrown when the window closed without a new connection; the message is the operator's. */
    static final class WindowClosed extends Exception {
        private static final long serialVersionUID = 1L;

        WindowClosed(String message) {
            super(message);
        }
    }

    static Map<String, Object> run(AgentPool pool, ConnectionSettings settings, AgentOptions options, String module,
            Map<String, ?> args, boolean check, boolean diff, Step step, AgentLostException lost)
            throws AgentException, TransportException, WindowClosed {
        String host = settings.hostName();
        long deadline = System.nanoTime() + step.graceSeconds() * 1_000_000_000L;
        String reason = lost.getMessage();
        for (int attempt = 1; ; attempt++) {
            step.events().connectionLost(host, step.key(), attempt, reason);
            pool.discard(host);
            long wait = BACKOFF_SECONDS[Math.min(attempt - 1, BACKOFF_SECONDS.length - 1)];
            if (System.nanoTime() + wait * 1_000_000_000L > deadline) {
                throw new WindowClosed("connection lost during step '" + module + "' and not regained within "
                        + step.graceSeconds() + " s (" + (attempt - 1) + " reconnect attempts; last: " + reason
                        + "). Whether the step completed on the host is unknown: its result waits in the host's"
                        + " step spool, so 'drover run --resume' takes it from there (or waits for it) and never"
                        + " starts it twice");
            }
            sleep(wait, step.events());
            if (step.events().stopRequested() || Thread.currentThread().isInterrupted()) {
                throw new WindowClosed("connection lost during step '" + module + "'; the run was interrupted while"
                        + " reconnecting (" + (attempt - 1) + " attempts; last: " + reason + "). Whether the step"
                        + " completed on the host is unknown: its result waits in the host's step spool, so"
                        + " 'drover run --resume' takes it from there (or waits for it) and never starts it twice");
            }
            try {
                HostAgent agent = pool.open(settings, options);
                Map<String, Object> result = new LinkedHashMap<>(agent.client().run(module, args, check, diff,
                        step.key(), step.graceSeconds()));
                boolean replayed = Boolean.TRUE.equals(result.remove("_drover_replayed"));
                step.events().reattached(host, step.key(), attempt, replayed);
                agent.client().forgetLater(step.key());
                return result;
            } catch (AgentLostException again) {
                reason = again.getMessage();
            } catch (TransportException e) {
                if (e.kind() != TransportException.Kind.CONNECT && e.kind() != TransportException.Kind.DISCONNECTED) {
                    throw e; // a changed host key or refused credentials: reconnecting must not get past them
                }
                reason = e.getMessage();
            }
        }
    }

    /** Sleeps {@code seconds}, less when the run is asked to stop or the thread is interrupted. */
    private static void sleep(long seconds, Step.Events events) {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        try {
            while (!events.stopRequested() && System.nanoTime() < end) {
                Thread.sleep(Math.min(STOP_CHECK_MS, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
