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
 * <p>An {@code include_role} is a TaskInclude too: the role is loaded when the playbook is parsed
 * (its name must not be templated) and {@link #role} holds its tasks as a role {@link Block}; the
 * executor runs that block instead of parsing {@link #file}, which then names the role.
 *
 * @param baseDir directory of the file that contains the include; relative names resolve here
 * @param role    for {@code include_role}: the loaded role
 */
public record TaskInclude(TaskOptions options, String file, Path baseDir, Optional<Block> role) implements Task {

    public TaskInclude {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(baseDir, "baseDir");
        Objects.requireNonNull(role, "role");
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
