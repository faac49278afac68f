package dev.drover.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The JSON API (docs/serve.md): {@code /api/runs}, {@code /api/runs/{id}},
 * {@code /api/runs/{id}/output}; the event stream is {@link EventStream}'s. Every answer is built from
 * journals the {@link RunIndex} serves; nothing here writes. Thread-safe.
 */
final class Api {
    private final RunIndex index;
    /**
     * The runs' models read most recently: per run, its model so far and the tail that feeds it, so a
     * live run's page costs the new lines only. At most {@link #MODELS_HELD}: a server left running for
     * months is opened on thousands of runs, and a model holds every result's row; a run whose model
     * was let go is read again from its journal when it is next asked for.
     */
    private final Map<String, Followed> models = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Followed> eldest) {
            return size() > MODELS_HELD;
        }
    };

    static final int MODELS_HELD = 32;

    private record Followed(JournalTail tail, RunModel model) {
    }

    Api(RunIndex index) {
        this.index = index;
    }

    RunIndex index() {
        return index;
    }

    /** {@code /api/runs}: runs newest first, filtered by playbook (file name or path) and result. */
    byte[] runs(Optional<String> playbook, Optional<String> result, int limit) {
        List<RunRow> all = index.list(r -> true);
        TreeSet<String> playbooks = new TreeSet<>();
        TreeSet<String> results = new TreeSet<>();
        List<Object> shown = new ArrayList<>();
        for (RunRow r : all) {
            playbooks.add(r.playbookName());
            results.add(r.result());
            boolean keep = playbook.map(p -> p.equals(r.playbookName()) || p.equals(r.playbook())).orElse(true)
                    && result.map(x -> x.equals(r.result())).orElse(true);
            if (keep && shown.size() < limit) {
                shown.add(row(r));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("runs", shown);
        out.put("total", all.size());
        out.put("playbooks", playbooks);
        out.put("results", results);
        return json(out);
    }

    /** {@code /api/runs/{id}}: the run's grid, gate, failures and recap; empty when it is not served. */
    Optional<byte[]> run(String id) throws IOException {
        Optional<RunRow> row = index.row(id);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Path file = index.journal(row.get().id()).orElseThrow();
        Followed f;
        synchronized (models) {
            f = models.computeIfAbsent(row.get().id(), k -> new Followed(new JournalTail(file), new RunModel()));
        }
        synchronized (f) {
            for (JournalTail.Line l : f.tail().poll()) {
                f.model().apply(l);
            }
            Map<String, Object> out = f.model().toJson(row.get());
            // A run still running was resumed by nobody (yet): no need to look through every journal.
            out.put("resumed_by", row.get().running() ? List.of() : resumedBy(row.get().id()));
            return Optional.of(json(out));
        }
    }

    /** {@code /api/runs/{id}/output}: one host's result for one task. */
    Optional<byte[]> output(String id, int play, String task, String host) throws IOException {
        Optional<Path> file = index.journal(id);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        return Output.find(file.get(), play, task, host).map(Api::json);
    }

    /** The runs that resumed run {@code id}, oldest first. */
    List<String> resumedBy(String id) {
        List<String> out = new ArrayList<>();
        for (RunRow r : index.list(x -> id.equals(x.resumedFrom()))) {
            out.add(0, r.id());
        }
        return out;
    }

    /** The runs whose model is held now, least recently read first. */
    List<String> heldModels() {
        synchronized (models) {
            return List.copyOf(models.keySet());
        }
    }

    static Map<String, Object> row(RunRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("playbook", r.playbook());
        m.put("playbook_name", r.playbookName());
        m.put("inventory", r.inventory());
        m.put("started", r.started().toString());
        m.put("duration_ms", r.durationMs());
        m.put("result", r.result());
        m.put("exit_code", r.exitCode());
        m.put("hosts", r.hosts());
        m.put("failed_hosts", r.failedHosts());
        m.put("user", r.user());
        m.put("resumed_from", r.resumedFrom());
        m.put("check", r.check());
        return m;
    }

    static byte[] json(Object value) {
        try {
            return JournalTail.JSON.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }
}
