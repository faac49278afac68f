package dev.drover.serve;

import dev.drover.journal.RunStart;
import dev.drover.journal.RunSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run's {@link RunRow} folded from its journal's lines as they come ({@link RunIndex}), so a
 * journal that grows costs the runs list its new lines only, never a second read of the old ones.
 * The same row {@code drover history} derives from the whole journal ({@link RunSummary}): a
 * journal without {@code run_end} is {@value RunSummary#INCOMPLETE}, lasting until its last result.
 *
 * <p>Not thread-safe: {@link RunIndex} folds each journal under its own lock.
 */
final class RowFold {
    private RunStart start;
    private final LinkedHashSet<String> playHosts = new LinkedHashSet<>();
    private final LinkedHashSet<String> taskHosts = new LinkedHashSet<>();
    private final LinkedHashSet<String> failed = new LinkedHashSet<>();
    private Instant last;
    private Map<String, Object> end;

    void apply(JournalTail.Line line) {
        Map<String, Object> e = line.event();
        switch (line.type()) {
            case "run_start" -> {
                start = RunStart.fromEvent(e);
                last = start.started();
            }
            case "play_start" -> {
                if (e.get("hosts") instanceof List<?> hosts) {
                    hosts.forEach(h -> playHosts.add(String.valueOf(h)));
                }
            }
            case "task" -> {
                String host = String.valueOf(e.get("host"));
                taskHosts.add(host);
                Object status = e.get("status");
                if (("failed".equals(status) && !Boolean.TRUE.equals(e.get("ignored"))) || "unreachable".equals(status)) {
                    failed.add(host);
                }
                if (e.get("time") != null) {
                    Instant t = Instant.parse(String.valueOf(e.get("time")));
                    if (last == null || t.isAfter(last)) {
                        last = t;
                    }
                }
            }
            case "run_end" -> end = e;
            default -> {
                // Nothing else shows in the runs list.
            }
        }
    }

    /** The controller's pid, as its {@code run_start} line recorded it (0: unknown). */
    long pid() {
        return start == null ? 0 : start.pid();
    }

    /** The row so far, owned by {@code owner}; empty before the {@code run_start} line. */
    Optional<RunRow> row(String owner) {
        if (start == null) {
            return Optional.empty();
        }
        LinkedHashSet<String> hosts = new LinkedHashSet<>(playHosts);
        hosts.addAll(taskHosts);
        long duration = end != null ? ((Number) end.getOrDefault("duration_ms", 0)).longValue()
                : Duration.between(start.started(), last).toMillis();
        String result = end != null ? String.valueOf(end.get("result")) : RunSummary.INCOMPLETE;
        Integer exit = end == null ? null : end.get("exit_code") instanceof Number n ? n.intValue() : -1;
        return Optional.of(new RunRow(start.runId(), String.valueOf(start.playbook()),
                start.inventory().stream().map(RunStart.Source::source).toList(), start.started(), duration, result, exit,
                List.copyOf(hosts), List.copyOf(failed), owner, start.resumedFrom(), start.check()));
    }
}
