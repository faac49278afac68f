package dev.drover.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.drover.execute.HostStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A run's journal as read back: what it was asked to do, every task result, how plays ended and how
 * the run ended (absent when the controller was killed). Immutable.
 *
 * @param plays      play index to its name and hosts, from {@code play_start}
 * @param playEnds   play index to the hosts that failed or were unreachable in it, for plays that ended
 * @param stops      plays that stopped the run early
 * @param includedFiles sha256 of files {@code include_tasks} loaded, by absolute path
 * @param truncated  the last line was cut (the controller died while writing it) and was ignored
 */
public record Journal(Path file, RunStart start, Map<Integer, PlayLine> plays, List<TaskLine> tasks,
        Map<Integer, List<String>> playEnds, List<StopLine> stops, Map<String, String> includedFiles,
        Optional<RunEnd> end, boolean truncated) {

    public static final String FILE_NAME = "journal.jsonl";

    /** A play as it started: its name and hosts in run order. */
    public record PlayLine(int play, String name, List<String> hosts) {
    }

    /**
     * One task's final result on one host.
     *
     * @param where        {@code file:line:column}, file relative to the playbook's directory
     * @param result       the result as registered; null for {@code no_log} tasks and fact gathering
     * @param replayedFrom the run that really ran it, when this run replayed it on resume; else null
     */
    public record TaskLine(int play, String where, String name, String action, String host, HostStatus status,
            boolean ignored, boolean noLog, Map<String, Object> result, boolean resultTooLarge, String replayedFrom,
            Instant time, long durationMs, String block) {

        /** A line without block information (journals of runs before it was recorded; tests). */
        public TaskLine(int play, String where, String name, String action, String host, HostStatus status,
                boolean ignored, boolean noLog, Map<String, Object> result, boolean resultTooLarge, String replayedFrom,
                Instant time, long durationMs) {
            this(play, where, name, action, host, status, ignored, noLog, result, resultTooLarge, replayedFrom, time,
                    durationMs, null);
        }

        /** The play-level item this task belongs to: its outermost block, or the task itself. */
        public String item() {
            return block != null ? block : where;
        }

        /** A failure the host did not go on from ({@code ignore_errors} not set). */
        public boolean fatal() {
            return (status == HostStatus.FAILED && !ignored) || status == HostStatus.UNREACHABLE;
        }

        /** The failure message, when there is one and it may be shown. */
        public Optional<String> message() {
            return result == null || result.get("msg") == null ? Optional.empty() : Optional.of(String.valueOf(result.get("msg")));
        }
    }

    /** A play stopped the run early ({@code reason}); its {@code neverStarted} hosts were not touched. */
    public record StopLine(int play, String name, String reason, List<String> neverStarted) {
    }

    /**
     * How the run ended.
     *
     * @param result "ok", "failed", "unreachable", "interrupted" or "error"
     * @param stats  the recap counters per host
     */
    public record RunEnd(String result, int exitCode, long durationMs, Map<String, Map<String, Object>> stats, Instant time) {
    }

    /** Reads {@code file}; a last line cut by a kill is ignored, any other bad line is an error naming it. */
    @SuppressWarnings("unchecked")
    public static Journal read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        RunStart start = null;
        Map<Integer, PlayLine> plays = new LinkedHashMap<>();
        List<TaskLine> tasks = new ArrayList<>();
        Map<Integer, List<String>> ends = new LinkedHashMap<>();
        List<StopLine> stops = new ArrayList<>();
        RunEnd end = null;
        Map<String, String> included = new LinkedHashMap<>();
        boolean truncated = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            Map<String, Object> e;
            try {
                e = JsonLines.read(line);
            } catch (JsonProcessingException ex) {
                if (i == lines.size() - 1) {
                    truncated = true;
                    break;
                }
                throw new IOException(file + ":" + (i + 1) + ": not a journal line: " + ex.getOriginalMessage(), ex);
            }
            switch (String.valueOf(e.get("event"))) {
                case "run_start" -> start = RunStart.fromEvent(e);
                case "play_start" -> plays.put(num(e, "play"), new PlayLine(num(e, "play"), (String) e.get("name"),
                        (List<String>) e.getOrDefault("hosts", List.of())));
                case "task" -> tasks.add(task(e));
                case "file" -> included.put(String.valueOf(e.get("path")), String.valueOf(e.get("sha256")));
                case "play_end" -> ends.put(num(e, "play"), (List<String>) e.getOrDefault("failed", List.of()));
                case "play_stop" -> stops.add(new StopLine(num(e, "play"), (String) e.get("name"), (String) e.get("reason"),
                        (List<String>) e.getOrDefault("never_started", List.of())));
                case "run_end" -> end = new RunEnd((String) e.get("result"), num(e, "exit_code"),
                        ((Number) e.getOrDefault("duration_ms", 0)).longValue(),
                        (Map<String, Map<String, Object>>) e.getOrDefault("stats", Map.of()), instant(e));
                default -> {
                    // Later versions may add events; a reader skips what it does not know.
                }
            }
        }
        if (start == null) {
            throw new IOException(file + ": no run_start line; not a drover run journal");
        }
        return new Journal(file, start, plays, tasks, ends, stops, included, Optional.ofNullable(end), truncated);
    }

    /**
     * Applies the step lines of the run journaled in {@code file} to {@code open}, the step keys a host
     * acknowledged claiming ({@code step_claimed}) whose result the controller has not had since
     * ({@code step_done}); apply a resume chain's journals oldest first. A resumed run only attaches to
     * those, never starts them. Lines that are not JSON (a last line cut by a kill) are skipped;
     * {@link #read} reports them.
     */
    public static void applyStepLines(Path file, Set<String> open) throws IOException {
        for (String line : Files.readAllLines(file)) {
            if (!line.contains("\"step_claimed\"") && !line.contains("\"step_done\"")) {
                continue;
            }
            try {
                Map<String, Object> e = JsonLines.read(line);
                if (e.get("step") instanceof String step) {
                    if ("step_claimed".equals(e.get("event"))) {
                        open.add(step);
                    } else if ("step_done".equals(e.get("event"))) {
                        open.remove(step);
                    }
                }
            } catch (JsonProcessingException ex) {
                // cut by a kill: the line it would have been was not recorded
            }
        }
    }

    /** The run's id. */
    public String runId() {
        return start.runId();
    }

    @SuppressWarnings("unchecked")
    private static TaskLine task(Map<String, Object> e) {
        return new TaskLine(num(e, "play"), (String) e.get("task"), (String) e.get("name"), (String) e.get("action"),
                (String) e.get("host"), HostStatus.valueOf(String.valueOf(e.get("status")).toUpperCase(Locale.ROOT)),
                Boolean.TRUE.equals(e.get("ignored")), Boolean.TRUE.equals(e.get("no_log")),
                (Map<String, Object>) e.get("result"), Boolean.TRUE.equals(e.get("result_too_large")),
                (String) e.get("replayed_from"), instant(e), ((Number) e.getOrDefault("duration_ms", 0)).longValue(),
                (String) e.get("block"));
    }

    private static int num(Map<String, Object> e, String key) {
        return e.get(key) instanceof Number n ? n.intValue() : -1;
    }

    private static Instant instant(Map<String, Object> e) {
        return e.get("time") == null ? Instant.EPOCH : Instant.parse(String.valueOf(e.get("time")));
    }
}
