package dev.drover.playbook;

import java.util.Locale;
import java.util.Objects;

/**
 * A task's loop as written. {@code items} is raw: a list (whose elements may be templates), or a
 * template string that renders to a list, or for {@link Flavor#DICT} a mapping.
 */
public record Loop(Flavor flavor, Object items) {

    /** Which keyword wrote the loop; they differ in how the rendered value becomes a list of items. */
    public enum Flavor {
        /** {@code loop:} or {@code with_list:}: the rendered list, item by item. */
        LIST,
        /** {@code with_items:}: the rendered list flattened one level, as Ansible does. */
        ITEMS,
        /** {@code with_dict:}: a mapping turned into items {@code {key: k, value: v}} (dict2items). */
        DICT;

        /** The Ansible keyword, for messages. */
        public String keyword() {
            return this == LIST ? "loop" : "with_" + name().toLowerCase(Locale.ROOT);
        }
    }

    public Loop {
        Objects.requireNonNull(flavor, "flavor");
        items = Frozen.value(items);
    }
}
