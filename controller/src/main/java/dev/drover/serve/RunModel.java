package dev.drover.serve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One run as its page draws it, built by applying its journal's lines in order (docs/serve.md):
 * plays, each cut into its batches (a {@code serial} play's rolling order), each batch's tasks with
 * one cell per host (status, duration, failure message), the gate each host waits on now, the
 * failures and the recap. Applying the lines a growing journal gains keeps it current, so a live
 * run costs one parse of each new line, whoever watches. {@link #changes} says what the lines applied
 * since its last call changed, for the pages that watch ({@link EventStream}).
 *
 * <p>Values are the journal's own: secrets were masked when it was written and {@code no_log}
 * results were never written ({@link Output} serves a host's output the same way). Not thread-safe:
 * callers synchronize.
 */
final class RunModel {
    private final Map<String, Object> start = new LinkedHashMap<>();
    private final Grid grid = new Grid();
    private final Map<String, Map<String, Object>> waiting = new LinkedHashMap<>();
    private final List<Map<String, Object>> failures = new ArrayList<>();
    private Map<String, Object> end;
    private Grid.Task current;
    private long lines;
    private long linesSent;
    private boolean failuresChanged;

    long lines() {
        return lines;
    }

    /** Applies one journal line; lines of kinds it does not know are counted and ignored. */
    void apply(JournalTail.Line line) {
        lines = line.number();
        Map<String, Object> e = line.event();
        switch (line.type()) {
            case "run_start" -> start.putAll(e);
            case "play_start" -> {
                grid.addPlay(num(e.get("play")), str(e.get("name")), list(e.get("hosts")));
                current = null;
            }
            case "batch_start" -> play(e).addBatch(num(e.get("batch")), num(e.get("batches")), list(e.get("hosts")));
            case "task_start" -> taskStart(e);
            case "task" -> result(e);
            case "waiting" -> {
                Map<String, Object> w = new LinkedHashMap<>();
                w.put("host", e.get("host"));
                w.put("name", e.get("name"));
                w.put("what", e.get("what"));
                w.put("since", e.get("time"));
                waiting.put(str(e.get("host")), w);
            }
            case "wait_over" -> waiting.remove(str(e.get("host")));
            case "play_stop" -> {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("reason", e.get("reason"));
                s.put("never_started", list(e.get("never_started")));
                Grid.Play p = play(e);
                p.stop = s;
                p.changed();
            }
            case "play_end" -> {
                Grid.Play p = play(e);
                p.failed = list(e.get("failed"));
                p.changed();
                settle();
            }
            case "run_end" -> {
                end = new LinkedHashMap<>(e);
                waiting.clear();
                settle();
            }
            default -> {
                // Readers ignore events they do not know (docs/journal.md).
            }
        }
    }

    private void taskStart(Map<String, Object> e) {
        settle();
        Grid.Task t = play(e).batch().task(str(e.get("task")), str(e.get("kind")), str(e.get("name")));
        t.name = str(e.get("name"));
        t.action = str(e.get("action"));
        for (Object h : list(e.get("hosts"))) {
            Map<String, Object> cell = new LinkedHashMap<>();
            cell.put("status", "running");
            cell.put("start", e.get("time"));
            t.cells.putIfAbsent(String.valueOf(h), cell);
        }
        t.changed();
        current = t;
    }

    private void result(Map<String, Object> e) {
        Grid.Play p = play(e);
        String kind = e.get("kind") == null ? "task" : str(e.get("kind"));
        Grid.Task t = p.batch().task(str(e.get("task")), kind, str(e.get("name")));
        String host = str(e.get("host"));
        Map<String, Object> cell = new LinkedHashMap<>();
        cell.put("status", e.get("status"));
        cell.put("duration_ms", e.get("duration_ms"));
        if (Boolean.TRUE.equals(e.get("ignored"))) {
            cell.put("ignored", true);
        }
        if (e.get("replayed_from") != null) {
            cell.put("replayed_from", e.get("replayed_from"));
        }
        if (e.get("delegated_to") != null) {
            cell.put("delegated_to", e.get("delegated_to"));
        }
        boolean noLog = Boolean.TRUE.equals(e.get("no_log"));
        if (noLog) {
            cell.put("no_log", true);
        }
        boolean failed = "failed".equals(e.get("status")) || "unreachable".equals(e.get("status"));
        if (failed) {
            String message = noLog ? Output.CENSORED : Output.message(e.get("result"));
            cell.put("message", message);
            if (!Boolean.TRUE.equals(e.get("ignored"))) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("host", host);
                f.put("play", p.index);
                f.put("task", t.where);
                f.put("name", t.name);
                f.put("status", e.get("status"));
                f.put("message", message);
                failures.add(f);
                failuresChanged = true;
            }
        }
        t.cells.put(host, cell);
        t.changed();
        waiting.remove(host);
    }

    /**
     * The previous task is over. An {@code include_tasks} has no result of its own: its hosts show
     * {@code included} (its tasks follow as rows). Other hosts it never reported on (a stopped run)
     * are no longer running.
     */
    private void settle() {
        if (current != null) {
            boolean include = current.action != null && current.action.startsWith("include_");
            for (Map<String, Object> c : current.cells.values()) {
                if (include && "running".equals(c.get("status"))) {
                    c.put("status", "included");
                }
            }
            current.cells.values().removeIf(c -> "running".equals(c.get("status")));
            current.changed();
        }
        current = null;
    }

    private Grid.Play play(Map<String, Object> e) {
        return grid.play(num(e.get("play")));
    }

    /** The run's page data, as served by {@code /api/runs/{id}}: the run's row, its start's options, and {@link #view}. */
    Map<String, Object> toJson(RunRow row) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run", Api.row(row));
        out.put("extra_vars", start.get("extra_vars"));
        out.put("masked_vars", start.get("masked_vars"));
        out.put("limit", start.get("limit"));
        out.put("tags", start.get("tags"));
        out.putAll(view());
        return out;
    }

    /** What the journal's lines make of the run: plays, running, waiting, failures, recap, end, lines. */
    Map<String, Object> view() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("plays", grid.json());
        out.putAll(state());
        out.put("failures", new ArrayList<>(failures));
        return out;
    }

    /**
     * What the lines applied since the last call (or since the model was made) changed in
     * {@link #view}, as {@code [path, value]} pairs: set {@code value} at {@code path}, keys and list
     * indexes from the view's root, an index one past a list's end appending. A new play, batch or
     * task row comes whole, a changed row whole, a play's {@code stop}, {@code failed} and
     * {@code ended} alone; after any line {@code running}, {@code waiting}, {@code recap},
     * {@code end} and {@code lines}, and {@code failures} when it grew. Applied in order to a view
     * taken at any time since the previous call they give the view now (each pair sets a value, so
     * one already seen does no harm). Empty when no line came. The values are copies.
     */
    List<List<Object>> changes() {
        List<List<Object>> out = grid.changes();
        if (lines != linesSent) {
            linesSent = lines;
            state().forEach((k, v) -> out.add(Grid.pair(List.of(k), v)));
            if (failuresChanged) {
                out.add(Grid.pair(List.of("failures"), new ArrayList<>(failures)));
            }
        }
        failuresChanged = false;
        return out;
    }

    /** The parts of the view that any line may change. */
    private Map<String, Object> state() {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> running = null;
        if (end == null && current != null) {
            running = new LinkedHashMap<>();
            running.put("play", current.batch.play.index);
            running.put("batch", current.batch.index);
            running.put("task", current.where);
            running.put("name", Objects.requireNonNullElse(current.name, current.where));
        }
        out.put("running", running);
        out.put("waiting", new ArrayList<>(waiting.values()));
        out.put("recap", end == null ? null : end.get("stats"));
        Map<String, Object> ended = null;
        if (end != null) {
            ended = new LinkedHashMap<>();
            ended.put("result", end.get("result"));
            ended.put("exit_code", end.get("exit_code"));
            ended.put("duration_ms", end.get("duration_ms"));
        }
        out.put("end", ended);
        out.put("lines", lines);
        return out;
    }

    private static int num(Object o) {
        return o instanceof Number n ? n.intValue() : -1;
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }
}
