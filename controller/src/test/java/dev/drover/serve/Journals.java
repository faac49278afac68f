package dev.drover.serve;

import dev.drover.execute.HostStatus;
import dev.drover.execute.play.PlayListener;
import dev.drover.execute.play.PlayListener.HostStats;
import dev.drover.execute.play.PlayListener.Kind;
import dev.drover.execute.play.PlayListener.TaskResult;
import dev.drover.execute.play.PlayListener.TaskStart;
import dev.drover.journal.JournalWriter;
import dev.drover.journal.RunStart;
import dev.drover.journal.Runs;
import dev.drover.playbook.SourcePos;
import dev.drover.state.StateDir;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Journals for serve's tests, written by the real {@link JournalWriter} (the format a run writes),
 * with the events a rolling {@code serial: 1} play over node1..node3 produces.
 */
final class Journals {
    private final StateDir state;
    private final Path playbookDir;

    Journals(StateDir state, Path playbookDir) {
        this.state = state;
        this.playbookDir = playbookDir;
    }

    /** A run that is still being written (no end); {@code pid}: whose it is (this JVM's looks alive). */
    JournalWriter open(String id, String playbook, Instant started, long pid) throws IOException {
        return open(id, playbook, started, pid, null);
    }

    /** Like {@link #open(String, String, Instant, long)}, for a run that resumes {@code resumedFrom}. */
    JournalWriter open(String id, String playbook, Instant started, long pid, String resumedFrom) throws IOException {
        Path file = new Runs(state).create(started, id);
        RunStart start = new RunStart(id, playbookDir.resolve(playbook), Map.of(), List.of(new RunStart.Source("inventory.yml",
                Optional.empty())), Map.of("acs_version", "5.2.7"), List.of("db_password"), null, List.of(), List.of(), false,
                false, pid, started, resumedFrom);
        return JournalWriter.open(file, start, Clock.fixed(started, ZoneOffset.UTC));
    }

    TaskStart task(String name, int line, List<String> hosts) {
        return new TaskStart(name, Kind.TASK, "command", new SourcePos(playbookDir.resolve("site.yml"), line, 7), hosts);
    }

    static TaskResult result(String host, HostStatus status, Map<String, Object> result) {
        return new TaskResult(host, Optional.empty(), "command", status, result, false, false, false);
    }

    /**
     * A finished rolling run: node1 then node2 then node3, two tasks each; with {@code failOn}, that
     * node's second task fails with "boom" on stderr and the play stops before the next batch.
     */
    String rolling(String id, String playbook, Instant started, String failOn) throws IOException {
        List<String> nodes = List.of("node1", "node2", "node3");
        Map<String, HostStats> recap = new LinkedHashMap<>();
        try (JournalWriter w = open(id, playbook, started, 1)) {
            w.playStart("rolling upgrade", nodes);
            int b = 0;
            for (String n : nodes) {
                w.batchStart(b++, nodes.size(), List.of(n));
                w.taskStart(task("Stop the node", 5, List.of(n)));
                w.hostResult(result(n, HostStatus.CHANGED, Map.of("changed", true, "stdout", "stopped " + n)));
                w.taskStart(task("Start the new version", 9, List.of(n)));
                if (n.equals(failOn)) {
                    w.hostResult(result(n, HostStatus.FAILED, Map.of("failed", true, "rc", 3, "msg", "non-zero return code",
                            "stderr", "boom: the repository did not start", "stdout", "")));
                    recap.put(n, new HostStats(1, 1, 0, 1, 0, 0, 0));
                    w.playStopped(new PlayListener.PlayStop("rolling upgrade", n + " failed in batch " + b + " of 3",
                            nodes.subList(nodes.indexOf(n) + 1, nodes.size())));
                    w.playEnd("rolling upgrade", List.of(n));
                    w.recap(recap, Duration.ofSeconds(5));
                    w.end("failed", 2);
                    return id;
                }
                w.hostResult(result(n, HostStatus.OK, Map.of("changed", false, "stdout", "started " + n)));
                recap.put(n, new HostStats(2, 1, 0, 0, 0, 0, 0));
            }
            w.playEnd("rolling upgrade", List.of());
            w.recap(recap, Duration.ofSeconds(5));
            w.end("ok", 0);
        }
        return id;
    }
}
