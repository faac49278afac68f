package dev.drover.playbook;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code block} / {@code rescue} / {@code always}. The block's keywords (when, become, tags, vars,
 * ...) are inherited by every task inside it, including nested blocks.
 *
 * <p>A role's tasks are such a block too, with {@link #role} set: its options are the keywords
 * written on the role entry or {@code import_role}, and the role's dependencies are nested role
 * blocks at its start.
 */
public record Block(TaskOptions options, List<Task> block, List<Task> rescue, List<Task> always, Optional<Role> role)
        implements Task {

    public Block {
        Objects.requireNonNull(options, "options");
        block = List.copyOf(block);
        rescue = List.copyOf(rescue);
        always = List.copyOf(always);
        Objects.requireNonNull(role, "role");
    }

    /** A block written by the user, not a role's. */
    public Block(TaskOptions options, List<Task> block, List<Task> rescue, List<Task> always) {
        this(options, block, rescue, always, Optional.empty());
    }
}
