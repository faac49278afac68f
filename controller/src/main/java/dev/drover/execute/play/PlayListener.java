package dev.drover.execute.play;

import dev.drover.execute.HostStatus;
import dev.drover.playbook.SourcePos;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What happens during a playbook run, as events. The console printer is one listener; a JSON-lines
 * output or a run journal can be others. Task and play events come from the run's main thread;
 * {@link #hostResult}, {@link #itemResult} and {@link #retrying} come from host threads,
 * concurrently: implementations synchronize their own output. Every method has an empty default.
 */
public interface PlayListener {
    /**
     * A failed result's hidden key (never registered, left out of its JSON like every {@code _} key) with
     * drover's one-line account of where it failed, for failures whose message, in Ansible's words, names
     * no place: {@code task "name" (file:line:column): cause (in "template")}. Consoles print it.
     */
    String FAILURE_WHERE = "_drover_where";

    /** Where a task comes from: a normal task, a handler, or fact gathering. */
    enum Kind { TASK, HANDLER, FACTS }

    /** A task about to run on {@code hosts}. {@code name} is what Ansible shows: its name or its action. */
    record TaskStart(String name, Kind kind, String action, SourcePos pos, List<String> hosts, SourcePos block) {
        /**
         * @param block where the play-level item holding this task starts: its outermost enclosing
         *              block (or dynamic include), or the task itself at play level. A resumed run
         *              goes back to it when a {@code rescue} in it failed.
         */
        public TaskStart {
            block = block == null ? pos : block;
        }

        public TaskStart(String name, Kind kind, String action, SourcePos pos, List<String> hosts) {
            this(name, kind, action, pos, hosts, pos);
        }
    }

    /**
     * A task's final result on one host.
     *
     * @param delegatedTo the host the task ran on, if delegated
     * @param result      the result fields as registered (callers must honour {@code noLog})
     * @param ignored     failed, but {@code ignore_errors} let the host continue
     * @param noLog       {@code no_log} was set: show nothing of the result
     * @param looped      the task had a loop; its items were reported through {@link #itemResult}
     */
    record TaskResult(String host, Optional<String> delegatedTo, String action, HostStatus status,
            Map<String, Object> result, boolean ignored, boolean noLog, boolean looped, boolean diff) {
        /** A result no {@code diff} is shown for (facts, includes, replays). */
        public TaskResult(String host, Optional<String> delegatedTo, String action, HostStatus status,
                Map<String, Object> result, boolean ignored, boolean noLog, boolean looped) {
            this(host, delegatedTo, action, status, result, ignored, noLog, looped, false);
        }
    }

    /** One loop item's result on one host; {@code label} is what Ansible shows after {@code item=}. */
    record ItemResult(String host, Optional<String> delegatedTo, String action, HostStatus status,
            Map<String, Object> result, Object label, boolean noLog, boolean diff) {
        /** An item no {@code diff} is shown for. */
        public ItemResult(String host, Optional<String> delegatedTo, String action, HostStatus status,
                Map<String, Object> result, Object label, boolean noLog) {
            this(host, delegatedTo, action, status, result, label, noLog, false);
        }
    }

    /** One host's counters for the recap, Ansible's {@code PLAY RECAP} columns. */
    record HostStats(int ok, int changed, int unreachable, int failed, int skipped, int rescued, int ignored) {
    }

    /**
     * A play stopped the run before all its batches ran (or mid-batch): a failure in a {@code serial}
     * play, {@code max_fail_percentage} exceeded, {@code any_errors_fatal}, or every host failed.
     *
     * @param play         the play's display name
     * @param reason       why, naming the hosts that failed
     * @param neverStarted the play's hosts whose batch never started, in run order: they were not
     *                     touched by this play
     */
    record PlayStop(String play, String reason, List<String> neverStarted) {
        public PlayStop {
            neverStarted = List.copyOf(neverStarted);
        }
    }

    /**
     * A host is waiting on a gate: a {@code wait_for} module or an {@code until} loop.
     *
     * @param what    what it waits for, in the playbook's words (path and regex, port, condition)
     * @param started {@link System#nanoTime()} when the wait began
     */
    record Waiting(String host, String task, String what, long started) {
    }

    /**
     * A task's place in the playbook, stable across runs of an unchanged playbook:
     * {@code file:line:column} with the file relative to the playbook's directory. Together with the
     * play's index it names a task in the run journal and for {@code --resume}.
     */
    static String where(dev.drover.playbook.SourcePos pos, Path playbookDir) {
        Path file = pos.file().toAbsolutePath().normalize();
        Path base = playbookDir.toAbsolutePath().normalize();
        String shown = file.startsWith(base) ? base.relativize(file).toString() : file.toString();
        return shown + ":" + pos.line() + ":" + pos.column();
    }

    default void playStart(String name, List<String> hosts) {
    }

    /** The play is over (finished or stopped); {@code failed}: its hosts that failed or were unreachable. */
    default void playEnd(String name, List<String> failed) {
    }

    /**
     * A batch of a play starts: {@code index} (0-based) of {@code count} batches ({@code serial};
     * one batch without it), with its hosts in run order. Sent after {@link #playStart}.
     */
    default void batchStart(int index, int count, List<String> hosts) {
    }

    default void taskStart(TaskStart task) {
    }

    default void hostResult(TaskResult result) {
    }

    default void itemResult(ItemResult result) {
    }

    /**
     * A resumed run did not run this task on this host: the run {@code fromRun} completed it, and
     * {@code result} is what that run recorded. Sent instead of {@link #hostResult}.
     */
    default void replayed(TaskResult result, String fromRun) {
    }

    /** A host began waiting on a gate; {@link #waitOver} follows from the same thread. */
    default void waiting(Waiting waiting) {
    }

    default void waitOver(Waiting waiting) {
    }

    /**
     * The connection to {@code host} dropped while it ran {@code task}; reconnect {@code attempt}
     * (1, 2, ...) follows after a backoff. The step keeps running on the host.
     */
    default void connectionLost(String host, String task, int attempt, String reason) {
    }

    /**
     * A reconnect to {@code host} reached the step again after {@code attempts} attempts;
     * {@code replayed}: it had finished on the host and its spooled result was taken.
     */
    default void reattached(String host, String task, int attempts, boolean replayed) {
    }

    /**
     * {@code host} acknowledged claiming step {@code step} of {@code task} (the full step key;
     * {@code pid} -1, then the step's process): a {@code --resume} must only attach to it.
     */
    default void stepClaimed(String host, String task, String step, long pid) {
    }

    /** The result of step {@code step} reached the controller: a resume that runs it again may start it afresh. */
    default void stepDone(String host, String task, String step) {
    }

    /**
     * Returns once every {@link #stepClaimed} told so far is recorded durably (a journal forces its
     * claims in the background): only then may a host drop those steps' spools ({@code forget}).
     * Called on a host's thread.
     */
    default void durable() {
    }

    /** {@code until} did not hold yet; {@code retriesLeft} more attempts follow. */
    default void retrying(String host, String task, int retriesLeft, Map<String, Object> result) {
    }

    /** {@code include_tasks} loaded {@code file} for these hosts. */
    default void included(Path file, List<String> hosts) {
    }

    /**
     * {@code include_tasks} loaded {@code file} for these hosts, for one loop item: {@code item} is
     * the label Ansible's callback shows after the line ({@code => (item=...)}): the item or its
     * {@code loop_control.label}, or {@link #CENSORED_ITEM} under {@code no_log}, looped or not; empty
     * for an include without either. Listeners that do not show it get {@link #included(Path, List)}.
     */
    default void included(Path file, List<String> hosts, java.util.Optional<Object> item) {
        included(file, hosts);
    }

    /** The item label of an include under {@code no_log}, in Ansible's words. */
    String CENSORED_ITEM = "(censored due to no_log)";

    /** Every host of the batch failed or was stopped: the play ends. */
    default void noHostsLeft() {
    }

    /** Sent after {@link #noHostsLeft()} when a play stops the run; see {@link PlayStop}. */
    default void playStopped(PlayStop stop) {
    }

    default void warning(String message) {
    }

    /** The run is over: counters per host in inventory order, and the wall time. */
    default void recap(Map<String, HostStats> stats, Duration elapsed) {
    }
}
