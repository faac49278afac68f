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
        /** {@code loop:}: the rendered list, item by item. */
        LIST,
        /** {@code with_list:}: as {@code loop:}, with the list lookup's message for a value that is no list. */
        WITH_LIST,
        /** {@code with_items:}: the rendered list flattened one level, as Ansible does. */
        ITEMS,
        /** {@code with_dict:}: a mapping turned into items {@code {key: k, value: v}} (dict2items). */
        DICT,
        /** {@code with_sequence:}: {@code start=1 end=5 stride=1 format=%d}, or {@code count=N}, or {@code 1-5/1:%d}. */
        SEQUENCE,
        /** {@code with_together:}: lists zipped, the shorter padded with none. */
        TOGETHER,
        /** {@code with_nested:}: every combination of the lists' items. */
        NESTED,
        /** {@code with_indexed_items:}: {@code [index, item]} over the list flattened one level. */
        INDEXED_ITEMS,
        /** {@code with_flattened:}: the list flattened all the way. */
        FLATTENED;

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
