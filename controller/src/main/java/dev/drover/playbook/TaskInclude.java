package dev.drover.playbook;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code include_tasks}: a task file chosen and loaded at run time, once per host (and per loop
 * item). The executor renders {@link #file}, resolves it against {@link #baseDir} and parses it
 * with {@code dev.drover.playbook.parse.TaskFileParser}. The include's {@code when}, {@code tags},
 * {@code vars} and loop are in {@link #options}; its vars apply to the included tasks.
 *
 * @param file    the file name as written, possibly templated
 * @param baseDir directory of the file that contains the include; relative names resolve here
 * @param role    for an {@code include_role} naming its role and files directly: the role, loaded
 *                when the playbook was parsed (so a missing role is reported before anything runs)
 * @param dynamic for an {@code include_role} whose name or {@code *_from} uses variables: what the
 *                executor renders and loads per host and item
 * @param inherited keywords the included tasks inherit besides those of the blocks around the include:
 *                the include's {@code apply:}, and the keywords of the {@code import_tasks} it was
 *                imported through (Ansible's static parents, which a dynamic include's tasks see)
 *
 * <p>An {@code include_role} is a TaskInclude too, with {@link #role} or {@link #dynamic} set; the
 * executor runs the role's block instead of parsing {@link #file}, which then names the role.
 */
public record TaskInclude(TaskOptions options, String file, Path baseDir, Optional<Block> role,
        Optional<RoleInclude> dynamic, TaskOptions inherited) implements Task {

    public TaskInclude {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(baseDir, "baseDir");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(dynamic, "dynamic");
        Objects.requireNonNull(inherited, "inherited");
    }

    /** An include whose tasks inherit nothing but from the blocks around it. */
    public TaskInclude(TaskOptions options, String file, Path baseDir, Optional<Block> role,
            Optional<RoleInclude> dynamic) {
        this(options, file, baseDir, role, dynamic, TaskOptions.none(options.pos()));
    }

    /** An {@code include_role} loaded at parse time. */
    public TaskInclude(TaskOptions options, String file, Path baseDir, Optional<Block> role) {
        this(options, file, baseDir, role, Optional.empty());
    }

    /** True for {@code include_role}, false for {@code include_tasks}. */
    public boolean isRole() {
        return role.isPresent() || dynamic.isPresent();
    }

    /** An {@code include_tasks}. */
    public TaskInclude(TaskOptions options, String file, Path baseDir) {
        this(options, file, baseDir, Optional.empty());
    }

    /** The include's own variables, visible to the included tasks. */
    public Map<String, Object> vars() {
        return options.vars();
    }
}
