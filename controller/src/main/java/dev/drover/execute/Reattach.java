package dev.drover.execute;

import dev.drover.protocol.Messages;
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
 * finished, a wait if it still runs), so the step is never started twice. Once any agent had
 * acknowledged the claim ({@code claimed}), the frame is sent to attach only: a spool removed
 * meanwhile is reported, never taken for a step that did not start. When the window closes, or
 * Ctrl-C ends the wait, the host is unreachable and the message says whether the step had started
 * (with its pid when the agent told it), where its spool is, and how to collect it.
 *
 * <p>Runs on the host's thread; the pool is thread-safe.
 */
final class Reattach {

    private Reattach() {
    }

    /**
     * @param resumable the step's key belongs to a journaled run ({@code drover run}), so
     *                  {@code --resume} can collect it; else ({@code drover exec}) nothing will
     * @param attach    the step was known to be claimed on the host before this call (an earlier run's journal)
     */
    static Map<String, Object> run(AgentPool pool, ConnectionSettings settings, AgentOptions options, String module,
            Map<String, ?> args, boolean check, boolean diff, Step step, AgentLostException lost, boolean resumable,
            boolean attach)
            throws AgentException, TransportException, Reconnect.WindowClosed {
        // Once an agent acknowledged the claim, the step started on the host: it is only attached to.
        boolean[] claimed = {lost.stepClaimed() || attach};
        long[] pid = {lost.stepPid()};
        return Reconnect.withBackoff(pool, settings, options, step, lost, (agent, attempts) -> {
            Map<String, Object> result;
            try {
                result = new LinkedHashMap<>(agent.client().run(module, args, check, diff, step.key(),
                        step.graceSeconds(), claimed[0], p -> step.events().claimed(settings.hostName(), step.key(), p)));
            } catch (AgentLostException again) {
                claimed[0] |= again.stepClaimed();
                pid[0] = again.stepPid() > 0 ? again.stepPid() : pid[0];
                throw again;
            }
            boolean replayed = Boolean.TRUE.equals(result.remove("_drover_replayed"));
            if (!Boolean.TRUE.equals(result.get("step_unknown"))) {
                step.events().reattached(settings.hostName(), step.key(), attempts, replayed);
            }
            agent.client().forgetLater(step.key(), step.events()::beforeForget);
            return result;
        }, (interrupted, attempts, reason) -> "connection lost during " + (resumable ? "step" : "command") + " '"
                + module + "'" + (interrupted ? "; the run was interrupted while reconnecting (" + attempts + " attempts; last: "
                        : " and not regained within " + step.graceSeconds() + " s (" + attempts
                                + " reconnect attempts; last: ")
                + reason + "). " + fate(claimed[0], pid[0], step) + (resumable
                        ? " Whether the step completed on the host is unknown: its result waits in the host's step"
                                + " spool, so 'drover run --resume' takes it from there (or waits for it) and never"
                                + " starts it twice"
                        : " drover exec cannot collect it later: check there (files output, result.json) before"
                                + " running the command again"));
    }

    /** What the controller knows of the step on the host, and where its spool is. */
    private static String fate(boolean claimed, long pid, Step step) {
        String spool = "~/.cache/drover/steps/" + Messages.stepSpoolName(step.key());
        if (!claimed) {
            return "It may not have reached the host; if it did, its record is in " + spool + " there.";
        }
        return "It had started on the host" + (pid > 0 ? " (pid " + pid + ")" : "") + " and may still be running"
                + " there (the agent stops it once it has been " + step.graceSeconds() + " s without a controller);"
                + " its output and result are kept in " + spool + " on the host.";
    }
}
