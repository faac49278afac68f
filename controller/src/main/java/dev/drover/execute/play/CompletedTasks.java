package dev.drover.execute.play;

import dev.drover.execute.HostStatus;
import java.util.Map;
import java.util.Optional;

/**
 * What an earlier run of the same playbook already did, for {@code drover run --resume}: a task a
 * host completed there is not run again; its recorded result is replayed instead (registered
 * variable, facts, handler notifications, recap counters).
 *
 * <p>Called by each host's own thread, once per task the host reaches, in the order it reaches
 * them; implementations keep a cursor per play and host. Once a task does not match the host's next
 * recorded one, that host runs everything from there on.
 */
public interface CompletedTasks {

    /** Nothing completed: every task runs. */
    CompletedTasks NONE = (play, host, where, action) -> Optional.empty();

    /**
     * A result recorded by an earlier run.
     *
     * @param result  the result fields, or only the status flags when the task had {@code no_log}
     * @param ignored failed, but {@code ignore_errors} let the host go on
     * @param runId   the run that really ran the task
     */
    record Recorded(HostStatus status, Map<String, Object> result, boolean ignored, boolean noLog, String runId) {
        public Recorded {
            result = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(result));
        }
    }

    /**
     * The recorded result of the task {@code host} is about to run, if the earlier run completed it
     * as this host's next task in play {@code play}; empty: run it.
     *
     * @param play   0-based index of the play in the playbook
     * @param where  the task's place, {@link PlayListener#where}
     * @param action the module or action name
     */
    Optional<Recorded> next(int play, String host, String where, String action);
}
