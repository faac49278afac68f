package dev.drover.inventory.pattern;

import dev.drover.inventory.Host;
import java.util.List;

/**
 * The hosts a pattern (and limit) selected, in Ansible's order: terms in the order written, each
 * term's hosts in inventory order, first occurrence kept. Never empty: an empty result is an
 * {@link dev.drover.inventory.InventoryException} instead.
 *
 * @param pattern  the pattern as given, for messages
 * @param hosts    the selected hosts
 * @param warnings terms that matched nothing and were ignored, as Ansible warns "Could not match
 *                 supplied host pattern, ignoring: x", with a "did you mean" where one is close
 */
public record Selection(String pattern, List<Host> hosts, List<String> warnings) {

    public Selection {
        hosts = List.copyOf(hosts);
        warnings = List.copyOf(warnings);
    }

    public List<String> hostNames() {
        return hosts.stream().map(Host::name).toList();
    }
}
