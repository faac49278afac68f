package dev.drover.playbook.parse;

import dev.drover.playbook.Coerce;
import dev.drover.playbook.PlaybookException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A role's {@code meta/main.yml}: its {@code dependencies} (applied before the role, as nested
 * role blocks) and {@code allow_duplicates}. {@code galaxy_info}, {@code argument_specs} and
 * {@code collections} naming only ansible.builtin are accepted and ignored.
 */
record RoleMeta(List<RoleLoader.Request> dependencies, boolean allowDuplicates) {

    static RoleMeta read(Path role, String name, YamlReader yaml, SourceFiles sources, RoleEntries entries,
            RoleSearch search, dev.drover.playbook.SourcePos pos) throws PlaybookException {
        Optional<Path> file = search.mainFile(role, "meta", null, pos, name);
        if (file.isEmpty()) {
            return new RoleMeta(List.of(), false);
        }
        Optional<YamlNode> root = yaml.read(file.get(), pos);
        if (root.isEmpty()) {
            return new RoleMeta(List.of(), false);
        }
        if (!(root.get() instanceof YamlNode.Mapping m)) {
            throw sources.error(root.get().pos(), "role '" + name + "': meta/main.yml must be a mapping, found "
                    + root.get().describe(), "for example: dependencies: [common]");
        }
        List<RoleLoader.Request> deps = List.of();
        boolean allow = false;
        for (YamlNode.Entry e : m.entries()) {
            switch (e.key()) {
                case "dependencies" -> deps = entries.list(e, false);
                case "allow_duplicates" -> {
                    try {
                        allow = Coerce.toBoolean(e.value().toPlain());
                    } catch (IllegalArgumentException ex) {
                        throw sources.error(e.value().pos(), "role '" + name + "': 'allow_duplicates' must be a boolean,"
                                + " got " + e.value().describe(), "allow_duplicates: true");
                    }
                }
                case "collections" -> Collections.check(e, sources);
                default -> {
                    // galaxy_info, argument_specs and the like describe the role; nothing to run
                }
            }
        }
        return new RoleMeta(deps, allow);
    }
}
