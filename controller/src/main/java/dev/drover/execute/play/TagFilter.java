package dev.drover.execute.play;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code --tags} / {@code --skip-tags} with Ansible's rules ({@code Taggable.evaluate_tags}):
 * {@code always} runs unless skipped by name; {@code never} runs only when asked for by one of its
 * other tags (or {@code never}); {@code all} (the default of {@code --tags}) is every task not tagged
 * {@code never}; {@code tagged} / {@code untagged} select tasks with / without tags. Immutable.
 */
public record TagFilter(Set<String> only, Set<String> skip) {
    private static final Set<String> UNTAGGED = Set.of("untagged");

    public static final TagFilter ALL = new TagFilter(Set.of("all"), Set.of());

    public TagFilter {
        only = Set.copyOf(only.isEmpty() ? Set.of("all") : only);
        skip = Set.copyOf(skip);
    }

    /** Whether a task (or include) with these effective tags runs. */
    public boolean runs(Collection<String> taskTags) {
        Set<String> tags = taskTags.isEmpty() ? UNTAGGED : new HashSet<>(taskTags);
        boolean run;
        if (tags.contains("always")) {
            run = true;
        } else if (only.contains("all") && !tags.contains("never")) {
            run = true;
        } else if (intersects(tags, only)) {
            run = true;
        } else {
            run = only.contains("tagged") && !tags.equals(UNTAGGED) && !tags.contains("never");
        }
        if (run && !skip.isEmpty()) {
            if (skip.contains("all")) {
                run = tags.contains("always") && !skip.contains("always");
            } else if (intersects(tags, skip)) {
                run = false;
            } else if (skip.contains("tagged") && !tags.equals(UNTAGGED)) {
                run = false;
            }
        }
        return run;
    }

    /** Splits comma-separated option values ({@code --tags a,b --tags c}). */
    public static Set<String> split(List<String> values) {
        Set<String> out = new HashSet<>();
        for (String v : values) {
            for (String t : v.split(",")) {
                if (!t.isBlank()) {
                    out.add(t.trim());
                }
            }
        }
        return out;
    }

    private static boolean intersects(Set<String> a, Set<String> b) {
        for (String s : a) {
            if (b.contains(s)) {
                return true;
            }
        }
        return false;
    }
}
