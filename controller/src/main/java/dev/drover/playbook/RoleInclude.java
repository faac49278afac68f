package dev.drover.playbook;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An {@code include_role} whose role is chosen at run time: its name or a {@code *_from} uses
 * variables, so the executor renders them per host (and loop item) and loads the role then, through
 * {@code dev.drover.playbook.parse.TaskFileParser#role}, as Ansible 2.14 does for every include_role.
 *
 * @param name      the role name as written (a template)
 * @param from      {@code tasks_from}, {@code vars_from}, {@code defaults_from}, {@code handlers_from}
 *                  as written, by key; absent keys mean the role's {@code main}
 * @param apply     the keywords of {@code apply:}, given to every task of the role
 * @param isPublic  {@code public: true}: the role's defaults and vars stay visible to later tasks
 * @param basedir   the directory of the playbook holding the play (where {@code roles/} is looked for)
 * @param rolesPath the configured role directories the playbook was parsed with
 * @param namePos   where the name is written, for errors
 */
public record RoleInclude(String name, Map<String, String> from, TaskOptions apply, boolean isPublic, Path basedir,
        List<Path> rolesPath, SourcePos namePos) {

    public RoleInclude {
        Objects.requireNonNull(name, "name");
        from = Map.copyOf(from);
        Objects.requireNonNull(apply, "apply");
        Objects.requireNonNull(basedir, "basedir");
        rolesPath = List.copyOf(rolesPath);
        Objects.requireNonNull(namePos, "namePos");
    }
}
