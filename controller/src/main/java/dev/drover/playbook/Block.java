package dev.drover.playbook;

import java.util.List;
import java.util.Objects;

/**
 * {@code block} / {@code rescue} / {@code always}. The block's keywords (when, become, tags, vars,
 * ...) are inherited by every task inside it, including nested blocks.
 */
public record Block(TaskOptions options, List<Task> block, List<Task> rescue, List<Task> always) implements Task {

    public Block {
        Objects.requireNonNull(options, "options");
        block = List.copyOf(block);
        rescue = List.copyOf(rescue);
        always = List.copyOf(always);
    }
}
