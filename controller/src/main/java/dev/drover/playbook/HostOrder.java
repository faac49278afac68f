package dev.drover.playbook;

import java.util.Locale;

/** A play's {@code order}: the order hosts are taken in, within the play and its batches. */
public enum HostOrder {
    INVENTORY, REVERSE_INVENTORY, SORTED, REVERSE_SORTED, SHUFFLE;

    /** The Ansible spelling, e.g. {@code reverse_sorted}. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
