package dev.drover.playbook;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code loop_control}: the loop variable's name, an optional index variable, the label shown
 * instead of the whole item, and a pause in seconds between items.
 */
public record LoopControl(String loopVar, Optional<String> indexVar, Optional<String> label, Setting<Double> pause) {

    public static final LoopControl DEFAULT =
            new LoopControl("item", Optional.empty(), Optional.empty(), Setting.unset());

    public LoopControl {
        Objects.requireNonNull(loopVar, "loopVar");
        Objects.requireNonNull(indexVar, "indexVar");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(pause, "pause");
    }
}
