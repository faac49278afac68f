package dev.drover.execute.play;

import dev.drover.playbook.Coerce;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a play's hosts into {@code serial} batches, exactly as Ansible's
 * {@code PlaybookExecutor._get_serialized_batches}: each step is a count or a percentage of all
 * the play's hosts (a percentage rounds down, but is at least 1); a list gives successive batch
 * sizes and its last entry repeats; a step of 0 or less takes every remaining host. No
 * {@code serial} is one batch of every host.
 *
 * <p>A pure function: no threads, no I/O. Steps arrive already rendered (templates resolved by the
 * caller). Ordering hosts ({@code order:}) happens before; failure handling across batches
 * ({@code max_fail_percentage}) is the caller's.
 */
public final class BatchPlanner {
    private BatchPlanner() {
    }

    /**
     * @param hosts the play's hosts in run order
     * @param steps rendered serial steps ("2", "30%"); empty for one batch
     * @throws IllegalArgumentException for a step that is neither a count nor a percentage
     */
    public static <T> List<List<T>> plan(List<T> hosts, List<String> steps) {
        List<List<T>> batches = new ArrayList<>();
        if (hosts.isEmpty()) {
            return batches;
        }
        List<String> sizes = steps.isEmpty() ? List.of("-1") : steps;
        int total = hosts.size();
        int next = 0;
        int step = 0;
        while (next < total) {
            int size = size(sizes.get(step), total);
            int end = size <= 0 ? total : Math.min(total, next + size);
            batches.add(List.copyOf(hosts.subList(next, end)));
            next = end;
            step = Math.min(step + 1, sizes.size() - 1);
        }
        return batches;
    }

    /** Ansible's {@code pct_to_int(value, num_items, min_value=1)}. */
    static int size(String step, int total) {
        String s = step.trim();
        if (s.endsWith("%")) {
            double pct = Coerce.toPercent(s);
            int n = (int) ((int) pct / 100.0 * total);
            return n == 0 ? 1 : n;
        }
        try {
            return Coerce.toInt(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("serial: '" + step + "' is neither a host count nor a percentage like 30%");
        }
    }
}
