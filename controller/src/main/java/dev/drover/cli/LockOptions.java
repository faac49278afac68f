package dev.drover.cli;

import dev.drover.journal.RunId;
import dev.drover.report.Causes;
import dev.drover.report.Timestamps;
import dev.drover.state.StateDir;
import dev.drover.state.lock.LockHeldException;
import dev.drover.state.lock.LockHolder;
import dev.drover.state.lock.LockName;
import dev.drover.state.lock.RunLock;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --lock}: the overlap lock a playbook run takes so two runs of it never overlap. */
final class LockOptions {
    @Option(names = "--lock", paramLabel = "NAME",
            description = "Lock name: runs with the same name never overlap (default: one lock per playbook and inventory).")
    String name;

    /**
     * Takes the run's lock, or fails with exit 6 naming the holder.
     *
     * @param inventorySources as given, files made absolute, so the key does not depend on the working directory
     * @param pid the process the operator started the run in, named to the next run while it holds the lock
     */
    RunLock acquire(StateDir state, Path playbook, List<String> inventorySources, RunId runId, ZonedDateTime started, long pid) {
        String fileName;
        try {
            fileName = name != null ? LockName.explicit(name) : LockName.forRun(playbook, inventorySources);
        } catch (IllegalArgumentException e) {
            throw new UserError("--lock: " + e.getMessage());
        }
        Path file = state.locks().resolve(fileName);
        LockHolder me = new LockHolder(pid, Timestamps.format(started), runId.value(),
                hostName(), playbook.toAbsolutePath().normalize().toString());
        try {
            return RunLock.acquire(file, me);
        } catch (LockHeldException e) {
            String who = e.holder().map(h -> h.describe() + (h.playbook().isEmpty() ? "" : ", running " + h.playbook()))
                    .orElse("a run that is just starting");
            throw new UserError("another run holds the lock " + file + ": " + who + ". Wait for it to finish; "
                    + "if that process no longer exists, the lock is taken over automatically on the next run.",
                    ExitCodes.LOCKED);
        } catch (IOException e) {
            throw new UserError("cannot take the lock " + file + ": " + Causes.chain(e)
                    + ". Check that the state directory is writable, or move it with --state-dir or $" + StateDir.ENV + ".");
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String env = System.getenv("HOSTNAME");
            return env == null ? "" : env;
        }
    }
}
