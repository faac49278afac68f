package dev.drover.playbook;

import java.util.Objects;

/**
 * A typed keyword value such as {@code become}, {@code retries} or {@code throttle}, in one of three
 * states: not written ({@link Unset}), written as a literal the parser already checked
 * ({@link Fixed}), or written as a template ({@link Templated}, e.g.
 * {@code ignore_errors: "{{ ansible_check_mode }}"}) that the executor renders per host and then
 * converts with {@link Coerce}.
 *
 * <p>Unset is distinct from any value so inheritance works as in Ansible: a task's effective value
 * is the first set one of task, enclosing blocks, play ({@link #or(Setting)}).
 */
public sealed interface Setting<T> permits Setting.Unset, Setting.Fixed, Setting.Templated {

    /** The keyword was not written. */
    record Unset<T>() implements Setting<T> {
    }

    /** A literal value, already converted to its type. */
    record Fixed<T>(T value) implements Setting<T> {
        public Fixed {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A template string, rendered for each host at run time. */
    record Templated<T>(String expression) implements Setting<T> {
        public Templated {
            Objects.requireNonNull(expression, "expression");
        }
    }

    static <T> Setting<T> unset() {
        return new Unset<>();
    }

    static <T> Setting<T> fixed(T value) {
        return new Fixed<>(value);
    }

    static <T> Setting<T> templated(String expression) {
        return new Templated<>(expression);
    }

    default boolean isSet() {
        return !(this instanceof Unset);
    }

    /** This setting if the user wrote it, else {@code parent}: how keywords inherit downwards. */
    default Setting<T> or(Setting<T> parent) {
        return isSet() ? this : parent;
    }
}
