package dev.drover.serve;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A host's output for a task, as its page shows it: the result the journal kept, without the keys
 * Ansible hides ({@code _ansible_*} and the like). Secrets are never in it: the journal masked every
 * {@code Secret} when it was written, and kept no result at all for {@code no_log} tasks, whose
 * output is replaced by Ansible's own sentence, as the console prints it.
 */
final class Output {
    /** What the console, Ansible's callback and drover's other outputs print for a no_log result. */
    static final String CENSORED = "the output has been hidden due to the fact that 'no_log: true' was specified for this result";

    private Output() {
    }

    /** The last result of task {@code where} in play {@code play} on {@code host}, if there is one. */
    static Optional<Map<String, Object>> find(Path journal, int play, String where, String host) throws IOException {
        JournalTail tail = new JournalTail(journal);
        Map<String, Object> found = null;
        for (JournalTail.Line l : tail.poll()) {
            Map<String, Object> e = l.event();
            if (l.type().equals("task") && e.get("play") instanceof Number n && n.intValue() == play
                    && where.equals(e.get("task")) && host.equals(e.get("host"))) {
                found = e;
            }
        }
        return Optional.ofNullable(found).map(Output::shown);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> shown(Map<String, Object> e) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : List.of("host", "play", "task", "name", "action", "status", "ignored", "delegated_to", "start",
                "duration_ms", "replayed_from")) {
            if (e.get(k) != null) {
                out.put(k, e.get(k));
            }
        }
        if (Boolean.TRUE.equals(e.get("no_log"))) {
            out.put("result", Map.of("censored", CENSORED));
        } else if (Boolean.TRUE.equals(e.get("result_too_large"))) {
            out.put("result", Map.of("msg", "the result was larger than 1 MiB and was not journaled"));
        } else if (e.get("result") instanceof Map<?, ?> r) {
            Map<String, Object> kept = new LinkedHashMap<>();
            ((Map<String, Object>) r).forEach((k, v) -> {
                if (!k.startsWith("_")) {
                    kept.put(k, v);
                }
            });
            out.put("result", kept);
        } else {
            out.put("result", Map.of());
        }
        return out;
    }

    /** A failure's message: the result's {@code msg}, with the end of {@code stderr} when a command failed. */
    static String message(Object result) {
        if (!(result instanceof Map<?, ?> r)) {
            return "";
        }
        StringBuilder m = new StringBuilder(r.get("msg") == null ? "" : String.valueOf(r.get("msg")));
        if (r.get("stderr") instanceof String err && !err.isBlank()) {
            String[] lines = err.strip().split("\n");
            String last = String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 3), lines.length));
            m.append(m.length() > 0 ? ": " : "").append(last);
        } else if (m.length() == 0 && r.get("stdout") instanceof String out && !out.isBlank()) {
            String[] lines = out.strip().split("\n");
            m.append(lines[lines.length - 1]);
        }
        return m.toString();
    }
}
