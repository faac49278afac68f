package dev.drover.playbook.parse;

import dev.drover.playbook.PlaybookException;
import java.util.Set;

/**
 * The {@code collections:} keyword of plays, roles and tasks. drover's modules are Ansible's
 * builtins, so a list naming only {@code ansible.builtin} / {@code ansible.legacy} changes nothing
 * and is accepted; any other collection is refused by name, before anything runs.
 */
final class Collections {
    static final Set<String> BUILTIN = Set.of("ansible.builtin", "ansible.legacy");

    private Collections() {
    }

    static void check(YamlNode.Entry e, SourceFiles sources) throws PlaybookException {
        YamlNode v = e.value();
        if (v instanceof YamlNode.Scalar s && s.isNull()) {
            return;
        }
        java.util.List<YamlNode> items = v instanceof YamlNode.Sequence seq ? seq.items() : java.util.List.of(v);
        for (YamlNode n : items) {
            if (!(n instanceof YamlNode.Scalar s) || !(s.value() instanceof String name)) {
                throw sources.error(n.pos(), "'collections' must list collection names, got " + n.describe(),
                        "for example: collections: [ansible.builtin]");
            }
            if (!BUILTIN.contains(name.strip())) {
                throw sources.error(n.pos(), "the collection '" + name.strip() + "' is not available: drover runs"
                        + " Ansible's builtin modules only (ansible.builtin, ansible.legacy)",
                        "remove it and use the builtin modules, or run this content with ansible-playbook");
            }
        }
    }
}
