package dev.drover.playbook;

import java.util.List;

/**
 * A play's {@code serial} as written: each step is a count ({@code "2"}), a percentage
 * ({@code "30%"}) or a template. A list means successive batch sizes, the last one repeating, as in
 * Ansible. The parser has checked that untemplated steps are counts or percentages; the batch
 * planner interprets them.
 *
 * @param steps raw batch sizes; empty means one batch with every host (no {@code serial})
 */
public record Serial(List<String> steps) {

    public static final Serial ALL_AT_ONCE = new Serial(List.of());

    public Serial {
        steps = List.copyOf(steps);
    }

    public boolean isAllAtOnce() {
        return steps.isEmpty();
    }
}
