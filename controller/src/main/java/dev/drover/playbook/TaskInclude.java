package dev.drover.playbook;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * {@code include_tasks}: a task file chosen and loaded at run time, once per host (and per loop
 * item). The executor renders {@link #file}, resolves it against {@link #baseDir} and parses it
 * with {@code dev.drover.playbook.parse.TaskFileParser}. The include's {@code when}, {@code tags},
 * {@code vars} and loop are in {@link #options}; its vars apply to the included tasks.
 *
 * @param file    the file name as written, possibly templated
 * @param baseDir directory of the file that contains the include; relative names resolve here
 */
public record TaskInclude(TaskOptions options, String file, Path baseDir) implements Task {

    public TaskInclude {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(baseDir, "baseDir");
    }

    /** The include's own variables, visible to the included tasks. */
    public Map<String, Object> vars() {
        return options.vars();
    }
}
