package dev.drover.execute;

import dev.drover.remote.AgentException;
import dev.drover.remote.AgentLostException;
import dev.drover.remote.AgentOptions;
import dev.drover.remote.AgentPool;
import dev.drover.transport.ConnectionSettings;
import dev.drover.transport.TransportException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One keyed step through a host's agent that survives a dropped connection: when the agent is lost
 * mid-step, {@link Reconnect} opens the connection again within the step's grace and the same
 * {@code run} frame is sent to the new agent; the host's spool answers it (the result if the step
 * finished, a wait if it still runs), so the step is never started twice. When the window closes,
 * or Ctrl-C ends the wait, the host is unreachable and the message says the step's fate is unknown
 * and that {@code --resume} takes it from the spool.
 *
 * <p>Runs on the host's thread; the pool is thread-safe.
 */
final class Reattach {

    private Reattach() {
    }

    static Map<String, Object> run(AgentPool pool, ConnectionSettings settings, AgentOptions options, String module,
            Map<String, ?> args, boolean check, boolean diff, Step step, AgentLostException lost)
            throws AgentException, TransportException, Reconnect.WindowClosed {
        // Once an agent acknowledged the claim, the step started on the host: it is only attached to.
        boolean[] claimed = {lost.stepClaimed()};
        return Reconnect.withBackoff(pool, settings, options, step, lost, (agent, attempts) -> {
            Map<String, Object> result;
            try {
                result = new LinkedHashMap<>(agent.client().run(module, args, check, diff, step.key(),
                        step.graceSeconds(), claimed[0]));
            } catch (AgentLostException again) {
                claimed[0] |= again.stepClaimed();
                throw again;
            }
            boolean replayed = Boolean.TRUE.equals(result.remove("_drover_replayed"));
            if (!Boolean.TRUE.equals(result.get("step_unknown"))) {
                step.events().reattached(settings.hostName(), step.key(), attempts, replayed);
            }
            agent.client().forgetLater(step.key());
            return result;
        }, (interrupted, attempts, reason) -> "connection lost during step '" + module + "'"
                + (interrupted ? "; the run was interrupted while reconnecting (" + attempts + " attempts; last: "
                        : " and not regained within " + step.graceSeconds() + " s (" + attempts
                                + " reconnect attempts; last: ")
                + reason + "). Whether the step completed on the host is unknown: its result waits in the host's"
                + " step spool, so 'drover run --resume' takes it from there (or waits for it) and never starts it"
                + " twice");
    }
}
