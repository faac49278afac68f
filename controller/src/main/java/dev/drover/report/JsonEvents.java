package dev.drover.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.execute.HostResult;
import dev.drover.execute.HostStatus;
import dev.drover.execute.RunListener;
import dev.drover.execute.play.PlayListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --output json}: one JSON object per line on stdout for every event of a run, for other
 * tools to read while it runs (docs/output.md documents every event and field). Each object starts
 * with {@code event}, {@code time} and {@code run_id}. Results of {@code no_log} tasks carry no
 * result fields. Synchronized: host threads report concurrently, and lines must never interleave.
 */
public final class JsonEvents implements PlayListener, RunListener {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final PrintWriter out;
    private final Clock clock;
    private final String runId;
    /** The task whose results are arriving; tasks run one at a time (the linear strategy). */
    private String task = "";

    public JsonEvents(PrintWriter out, Clock clock, String runId) {
        this.out = out;
        this.clock = clock;
        this.runId = runId;
    }

    public synchronized void runStart(Map<String, Object> fields) {
        emit("run_start", fields);
    }

    public synchronized void runEnd(int exitCode, Duration elapsed, String error) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("exit_code", exitCode);
        e.put("duration_s", seconds(elapsed));
        e.put("error", error);
        emit("run_end", e);
    }

    @Override
    public synchronized void playStart(String name, List<String> hosts) {
        emit("play_start", fields("play", name, "hosts", hosts));
    }

    @Override
    public synchronized void taskStart(TaskStart t) {
        task = t.name();
        Map<String, Object> e = fields("task", t.name(), "kind", t.kind().name().toLowerCase(Locale.ROOT), "action", t.action());
        e.put("file", t.pos() == null ? null : String.valueOf(t.pos().file()));
        e.put("line", t.pos() == null ? null : t.pos().line());
        e.put("hosts", t.hosts());
        emit("task_start", e);
    }

    @Override
    public synchronized void hostResult(TaskResult r) {
        Map<String, Object> e = fields("task", task, "host", r.host(), "delegated_to", r.delegatedTo().orElse(null),
                "action", r.action());
        e.put("status", status(r.status()));
        e.put("ignored", r.ignored());
        e.put("looped", r.looped());
        result(e, r.noLog(), r.result());
        emit("host_result", e);
    }

    @Override
    public synchronized void itemResult(ItemResult r) {
        Map<String, Object> e = fields("task", task, "host", r.host(), "delegated_to", r.delegatedTo().orElse(null),
                "action", r.action());
        e.put("status", status(r.status()));
        e.put("item", r.noLog() ? null : plain(r.label()));
        result(e, r.noLog(), r.result());
        emit("item_result", e);
    }

    /** {@code drover exec}: one host's result for the module. */
    @Override
    public synchronized void hostResult(HostResult r) {
        Map<String, Object> e = fields("task", task, "host", r.host(), "delegated_to", null, "action", task);
        e.put("status", status(r.status()));
        e.put("duration_s", seconds(r.elapsed()));
        result(e, false, r.result());
        emit("host_result", e);
    }

    /** For {@code drover exec}, whose only "task" is the module. */
    public synchronized void adHocTask(String module, List<String> hosts) {
        taskStart(new TaskStart(module, Kind.TASK, module, null, hosts));
    }

    @Override
    public synchronized void retrying(String host, String taskName, int retriesLeft, Map<String, Object> result) {
        emit("retrying", fields("task", taskName, "host", host, "retries_left", retriesLeft));
    }

    @Override
    public synchronized void connectionLost(String host, String taskName, int attempt, String reason) {
        emit("connection_lost", fields("task", taskName, "host", host, "attempt", attempt, "reason", reason));
    }

    @Override
    public synchronized void reattached(String host, String taskName, int attempts, boolean replayed) {
        emit("reattached", fields("task", taskName, "host", host, "attempts", attempts, "replayed", replayed));
    }

    @Override
    public synchronized void included(Path file, List<String> hosts) {
        emit("included", fields("file", String.valueOf(file), "hosts", hosts));
    }

    @Override
    public synchronized void noHostsLeft() {
        emit("no_hosts_left", new LinkedHashMap<>());
    }

    @Override
    public synchronized void playStopped(PlayStop stop) {
        emit("play_stopped", fields("play", stop.play(), "reason", stop.reason(), "never_started", stop.neverStarted()));
    }

    @Override
    public synchronized void warning(String message) {
        emit("warning", fields("message", message));
    }

    @Override
    public synchronized void recap(Map<String, HostStats> stats, Duration elapsed) {
        Map<String, Object> hosts = new LinkedHashMap<>();
        stats.forEach((host, s) -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("ok", s.ok());
            c.put("changed", s.changed());
            c.put("unreachable", s.unreachable());
            c.put("failed", s.failed());
            c.put("skipped", s.skipped());
            c.put("rescued", s.rescued());
            c.put("ignored", s.ignored());
            hosts.put(host, c);
        });
        emit("recap", fields("hosts", hosts, "duration_s", seconds(elapsed)));
    }

    private static void result(Map<String, Object> e, boolean noLog, Map<String, Object> result) {
        e.put("no_log", noLog);
        if (!noLog) {
            Map<String, Object> shown = new LinkedHashMap<>();
            result.forEach((k, v) -> {
                if (!k.startsWith("_")) {
                    shown.put(k, plain(v));
                }
            });
            e.put("result", shown);
        }
    }

    private void emit(String event, Map<String, Object> fields) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event", event);
        e.put("time", Timestamps.now(clock));
        e.put("run_id", runId);
        e.putAll(fields);
        try {
            out.println(MAPPER.writeValueAsString(e));
        } catch (JsonProcessingException ex) {
            // plain() leaves only maps, lists, strings, numbers, booleans and null: this cannot happen.
            throw new IllegalStateException("cannot write event " + event, ex);
        }
        out.flush();
    }

    private static Map<String, Object> fields(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static String status(HostStatus s) {
        return s.name().toLowerCase(Locale.ROOT);
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    /** Only JSON's own types: anything else (a path, a secret, a date) becomes its text. */
    private static Object plain(Object v) {
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, x) -> copy.put(String.valueOf(k), plain(x)));
            return copy;
        }
        if (v instanceof Collection<?> c) {
            List<Object> copy = new ArrayList<>();
            c.forEach(x -> copy.add(plain(x)));
            return copy;
        }
        if (v instanceof Optional<?> o) {
            return plain(o.orElse(null));
        }
        return String.valueOf(v);
    }
}
