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
 * run costs one parse of each new line, whoever watches.
 *
 * <p>Values are the journal's own: secrets were masked when it was written and {@code no_log}
 * results were never written ({@link Output} serves a host's output the same way). Not thread-safe:
 * callers synchronize.
 */
final class RunModel {
    private final Map<String, Object> start = new LinkedHashMap<>();
    private final List<Play> plays = new ArrayList<>();
    private final Map<String, Map<String, Object>> waiting = new LinkedHashMap<>();
    private final List<Map<String, Object>> failures = new ArrayList<>();
    private Map<String, Object> end;
    private Task current;
    private long lines;

    private static final class Play {
        final int index;
        final String name;
        final List<?> hosts;
        final List<Batch> batches = new ArrayList<>();
        Map<String, Object> stop;
        List<?> failed;

        Play(int index, String name, List<?> hosts) {
            this.index = index;
            this.name = name;
            this.hosts = hosts;
        }

        Batch batch() {
            if (batches.isEmpty()) {
                // A journal written before batch_start lines: the play as one batch.
                batches.add(new Batch(0, 1, hosts));
            }
            return batches.get(batches.size() - 1);
        }
    }

    private record Batch(int index, int count, List<?> hosts, List<Task> tasks) {
        Batch(int index, int count, List<?> hosts) {
            this(index, count, hosts, new ArrayList<>());
        }

        Task task(String where, String kind, String name) {
            for (Task t : tasks) {
                if (t.where.equals(where) && t.kind.equals(kind)) {
                    return t;
                }
            }
            Task t = new Task(where, kind, name);
            tasks.add(t);
            return t;
        }
    }

    private static final class Task {
        final String where;
        final String kind;
        String name;
        String action;
        final Map<String, Map<String, Object>> cells = new LinkedHashMap<>();

        Task(String where, String kind, String name) {
            this.where = where;
            this.kind = kind;
            this.name = name;
        }
    }

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
                plays.add(new Play(num(e.get("play")), str(e.get("name")), list(e.get("hosts"))));
                current = null;
            }
            case "batch_start" -> play(e).batches.add(new Batch(num(e.get("batch")), num(e.get("batches")), list(e.get("hosts"))));
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
                play(e).stop = s;
            }
            case "play_end" -> {
                play(e).failed = list(e.get("failed"));
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
        Play p = play(e);
        Task t = p.batch().task(str(e.get("task")), str(e.get("kind")), str(e.get("name")));
        t.name = str(e.get("name"));
        t.action = str(e.get("action"));
        for (Object h : list(e.get("hosts"))) {
            Map<String, Object> cell = new LinkedHashMap<>();
            cell.put("status", "running");
            cell.put("start", e.get("time"));
            t.cells.putIfAbsent(String.valueOf(h), cell);
        }
        current = t;
    }

    private void result(Map<String, Object> e) {
        Play p = play(e);
        String kind = e.get("kind") == null ? "task" : str(e.get("kind"));
        Task t = p.batch().task(str(e.get("task")), kind, str(e.get("name")));
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
            }
        }
        t.cells.put(host, cell);
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
        }
        current = null;
    }

    private Play play(Map<String, Object> e) {
        int index = num(e.get("play"));
        for (int i = plays.size() - 1; i >= 0; i--) {
            if (plays.get(i).index == index) {
                return plays.get(i);
            }
        }
        Play p = new Play(index, "play " + (index + 1), List.of());
        plays.add(p);
        return p;
    }

    /** The run's page data, as served by {@code /api/runs/{id}}. */
    Map<String, Object> toJson(RunRow row) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run", Api.row(row));
        out.put("extra_vars", start.get("extra_vars"));
        out.put("masked_vars", start.get("masked_vars"));
        out.put("limit", start.get("limit"));
        out.put("tags", start.get("tags"));
        List<Object> ps = new ArrayList<>();
        for (Play p : plays) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("play", p.index);
            pm.put("name", p.name);
            pm.put("hosts", p.hosts);
            List<Object> bs = new ArrayList<>();
            for (Batch b : p.batches) {
                Map<String, Object> bm = new LinkedHashMap<>();
                bm.put("batch", b.index());
                bm.put("batches", b.count());
                bm.put("hosts", b.hosts());
                List<Object> ts = new ArrayList<>();
                for (Task t : b.tasks()) {
                    Map<String, Object> tm = new LinkedHashMap<>();
                    tm.put("task", t.where);
                    tm.put("name", t.name);
                    tm.put("kind", t.kind);
                    tm.put("cells", t.cells);
                    ts.add(tm);
                }
                bm.put("tasks", ts);
                bs.add(bm);
            }
            pm.put("batches", bs);
            pm.put("stop", p.stop);
            pm.put("failed", p.failed);
            pm.put("ended", p.failed != null);
            ps.add(pm);
        }
        out.put("plays", ps);
        Map<String, Object> running = null;
        if (end == null && current != null) {
            running = new LinkedHashMap<>();
            running.put("play", plays.get(plays.size() - 1).index);
            running.put("batch", plays.get(plays.size() - 1).batch().index());
            running.put("task", current.where);
            running.put("name", Objects.requireNonNullElse(current.name, current.where));
        }
        out.put("running", running);
        out.put("waiting", new ArrayList<>(waiting.values()));
        out.put("failures", failures);
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
