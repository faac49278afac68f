package dev.drover.journal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run as {@code drover history} shows it, derived from its journal. A journal without a
 * {@code run_end} line belongs to a controller that was killed (or is still running): its result is
 * {@value #INCOMPLETE} and its counters are counted from the task lines.
 *
 * @param failedHosts hosts with a failure or unreachable result that was not ignored, in first-seen order
 */
public record RunSummary(String runId, Path playbook, Instant started, Duration duration, String result,
        Optional<Integer> exitCode, List<String> failedHosts, Optional<String> resumedFrom,
        Map<String, Map<String, Object>> stats) {

    public static final String INCOMPLETE = "incomplete";

    public static RunSummary of(Journal j) {
        LinkedHashSet<String> failed = new LinkedHashSet<>();
        Instant last = j.start().started();
        for (Journal.TaskLine t : j.tasks()) {
            if (t.fatal()) {
                failed.add(t.host());
            }
            if (t.time().isAfter(last)) {
                last = t.time();
            }
        }
        if (j.end().isPresent()) {
            Journal.RunEnd e = j.end().get();
            return new RunSummary(j.runId(), j.start().playbook(), j.start().started(), Duration.ofMillis(e.durationMs()),
                    e.result(), Optional.of(e.exitCode()), List.copyOf(failed),
                    Optional.ofNullable(j.start().resumedFrom()), e.stats());
        }
        return new RunSummary(j.runId(), j.start().playbook(), j.start().started(), Duration.between(j.start().started(), last),
                INCOMPLETE, Optional.empty(), List.copyOf(failed), Optional.ofNullable(j.start().resumedFrom()), counted(j));
    }

    /** Recap counters from the task lines, for a journal without its end. */
    private static Map<String, Map<String, Object>> counted(Journal j) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Journal.TaskLine t : j.tasks()) {
            Map<String, Object> c = out.computeIfAbsent(t.host(), h -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (String k : List.of("ok", "changed", "unreachable", "failed", "skipped", "rescued", "ignored")) {
                    m.put(k, 0);
                }
                return m;
            });
            List<String> add = new ArrayList<>();
            switch (t.status()) {
                case OK -> add.add("ok");
                case CHANGED -> add.addAll(List.of("ok", "changed"));
                case SKIPPED -> add.add("skipped");
                case UNREACHABLE -> add.add("unreachable");
                case FAILED -> add.addAll(t.ignored() ? List.of("ok", "ignored") : List.of("failed"));
            }
            add.forEach(k -> c.put(k, ((Number) c.get(k)).intValue() + 1));
        }
        return out;
    }
}
