package dev.drover.execute.play;

import dev.drover.execute.AgentCall;
import dev.drover.execute.TargetHost;
import dev.drover.playbook.parse.TaskFileParser;
import dev.drover.template.Templater;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The services of one run, passed explicitly to every piece (no global "current run"). Immutable;
 * the services themselves are thread-safe.
 *
 * @param templater     built on first use (it costs about half a second), then shared
 * @param inventoryHost a host of the inventory by name, with its variables (for {@code delegate_to})
 * @param workers       the host threads, {@code forks} of them
 * @param completed     what an earlier run completed ({@code --resume}), or {@link CompletedTasks#NONE}
 * @param stop          set when the operator asked the run to stop
 * @param playbookDir   the playbook's directory, for task identities ({@link PlayListener#where})
 * @param inventory     the inventory as add_host and group_by change it; each play starts from its current state
 */
record RunContext(Supplier<Templater> templater, AgentCall agents, PlayListener listener, Stats stats,
        RunOptions options, Function<String, Optional<TargetHost>> inventoryHost, TaskFileParser taskFiles,
        ExecutorService workers, CompletedTasks completed, StopRequest stop, java.nio.file.Path playbookDir,
        RunInventory inventory) {
}
