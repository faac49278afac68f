package dev.drover.state.lock;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who holds (or last held) a lock, as written in the lock file: {@code key=value} lines, so an
 * operator can {@code cat} it. Fields an older or half-written file lacks are empty.
 *
 * @param pid       process id of the holder
 * @param startedAt when the holder started, ISO-8601 with offset
 * @param runId     the holder's run id
 * @param hostName  the controller machine the holder runs on
 * @param playbook  the playbook the holder runs
 */
public record LockHolder(long pid, String startedAt, String runId, String hostName, String playbook) {

    String serialize() {
        return "pid=" + pid + "\nstarted=" + startedAt + "\nrun_id=" + runId + "\nhost=" + hostName
                + "\nplaybook=" + playbook + "\n";
    }

    /** Reads what {@link #serialize} wrote; empty when the file is empty or has no pid. */
    static Optional<LockHolder> parse(String content) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : content.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                fields.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        long pid;
        try {
            pid = Long.parseLong(fields.getOrDefault("pid", ""));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(new LockHolder(pid, fields.getOrDefault("started", ""), fields.getOrDefault("run_id", ""),
                fields.getOrDefault("host", ""), fields.getOrDefault("playbook", "")));
    }

    /** "pid 4711 on ctl1, started 2026-11-28T02:30:01+00:00 (run 20261128T023001-3fa9c1)". */
    public String describe() {
        StringBuilder b = new StringBuilder("pid ").append(pid);
        if (!hostName.isEmpty()) {
            b.append(" on ").append(hostName);
        }
        if (!startedAt.isEmpty()) {
            b.append(", started ").append(startedAt);
        }
        if (!runId.isEmpty()) {
            b.append(" (run ").append(runId).append(')');
        }
        return b.toString();
    }
}
