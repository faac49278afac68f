package dev.drover.journal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a run was asked to do: the first line of its journal, and what {@code --resume} reuses.
 *
 * @param playbook    absolute path of the playbook
 * @param files       sha256 of the playbook and every file it imports, by absolute path (run-time
 *                    includes are added by {@code file} lines as they load)
 * @param inventory   the {@code -i} sources as given, each with its sha256 when it is a file
 * @param extraVars   the {@code -e} values, merged, only those the user marked safe
 *                    ({@code --extra-vars-safe})
 * @param maskedVars  names of the other extra variables, whose values are not journaled
 * @param extraVarsFiles absolute paths of the {@code -e @FILE} sources (and {@code DROVER_EXTRA_VARS_FILE}),
 *                    in order: what {@code --resume} reads again
 * @param limit       {@code --limit}, or null
 * @param resumedFrom the run this one resumes, or null
 */
public record RunStart(String runId, Path playbook, Map<String, String> files, List<Source> inventory,
        Map<String, Object> extraVars, List<String> maskedVars, String limit, List<String> tags, List<String> skipTags,
        boolean check, boolean diff, long pid, Instant started, String resumedFrom, List<String> extraVarsFiles) {

    /** An inventory source as given to {@code -i}; {@code sha256} is empty unless it is a file or directory. */
    public record Source(String source, Optional<String> sha256) {
    }

    public RunStart {
        files = Map.copyOf(files);
        inventory = List.copyOf(inventory);
        extraVars = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extraVars));
        maskedVars = List.copyOf(maskedVars);
        tags = List.copyOf(tags);
        skipTags = List.copyOf(skipTags);
        extraVarsFiles = List.copyOf(extraVarsFiles);
    }

    public RunStart(String runId, Path playbook, Map<String, String> files, List<Source> inventory,
            Map<String, Object> extraVars, List<String> maskedVars, String limit, List<String> tags, List<String> skipTags,
            boolean check, boolean diff, long pid, Instant started, String resumedFrom) {
        this(runId, playbook, files, inventory, extraVars, maskedVars, limit, tags, skipTags, check, diff, pid, started,
                resumedFrom, List.of());
    }

    /**
     * The extra variables that may be journaled (those named in {@code safe}, unless vaulted), and the
     * names of those that may not. Every other one is masked: a name does not tell whether it is secret.
     */
    public static Map.Entry<Map<String, Object>, List<String>> splitSecrets(Map<String, Object> extraVars,
            java.util.Set<String> safe) {
        Map<String, Object> kept = new LinkedHashMap<>();
        List<String> masked = new ArrayList<>();
        extraVars.forEach((k, v) -> {
            if (!safe.contains(k) || v instanceof dev.drover.secret.Secret) {
                masked.add(k);
            } else {
                kept.put(k, v);
            }
        });
        return Map.entry(kept, masked);
    }

    Map<String, Object> toEvent() {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event", "run_start");
        e.put("run_id", runId);
        e.put("time", started.toString());
        e.put("playbook", playbook.toString());
        e.put("files", new java.util.TreeMap<>(files));
        List<Map<String, Object>> inv = new ArrayList<>();
        for (Source s : inventory) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", s.source());
            m.put("sha256", s.sha256().orElse(null));
            inv.add(m);
        }
        e.put("inventory", inv);
        e.put("extra_vars", extraVars);
        e.put("masked_vars", maskedVars);
        e.put("extra_vars_files", extraVarsFiles);
        e.put("limit", limit);
        e.put("tags", tags);
        e.put("skip_tags", skipTags);
        e.put("check", check);
        e.put("diff", diff);
        e.put("pid", pid);
        e.put("resumed_from", resumedFrom);
        return e;
    }

    /** A {@code run_start} line read back (also by readers that fold a journal line by line). */
    @SuppressWarnings("unchecked")
    public static RunStart fromEvent(Map<String, Object> e) {
        List<Source> inv = new ArrayList<>();
        for (Object o : (List<Object>) e.getOrDefault("inventory", List.of())) {
            Map<String, Object> m = (Map<String, Object>) o;
            inv.add(new Source(String.valueOf(m.get("source")), Optional.ofNullable((String) m.get("sha256"))));
        }
        return new RunStart(String.valueOf(e.get("run_id")), Path.of(String.valueOf(e.get("playbook"))),
                (Map<String, String>) e.getOrDefault("files", Map.of()), inv,
                (Map<String, Object>) e.getOrDefault("extra_vars", Map.of()),
                (List<String>) e.getOrDefault("masked_vars", List.of()), (String) e.get("limit"),
                (List<String>) e.getOrDefault("tags", List.of()), (List<String>) e.getOrDefault("skip_tags", List.of()),
                Boolean.TRUE.equals(e.get("check")), Boolean.TRUE.equals(e.get("diff")),
                ((Number) e.getOrDefault("pid", 0)).longValue(), Instant.parse(String.valueOf(e.get("time"))),
                (String) e.get("resumed_from"), (List<String>) e.getOrDefault("extra_vars_files", List.of()));
    }
}
