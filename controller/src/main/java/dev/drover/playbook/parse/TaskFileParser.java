package dev.drover.playbook.parse;

import dev.drover.playbook.ControllerActions;
import dev.drover.playbook.PlaybookException;
import dev.drover.playbook.Task;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Parses a task file (a YAML list of tasks), as the executor does for {@code include_tasks} once
 * it has rendered the file name and resolved it against
 * {@link dev.drover.playbook.TaskInclude#baseDir()}. {@code import_tasks} inside the file are
 * inlined relative to it. Immutable and thread-safe.
 */
public final class TaskFileParser {
    private final Set<String> actionNames;

    /** @param moduleNames the agent's module names; {@link ControllerActions#NAMES} are added */
    public TaskFileParser(Set<String> moduleNames) {
        this.actionNames = Keywords.union(moduleNames, ControllerActions.NAMES);
    }

    /**
     * @return the file's tasks; empty for an empty file
     * @throws PlaybookException for the first mistake found, with file:line:column, the source line
     *                           and a hint
     */
    public List<Task> parse(Path file) throws PlaybookException {
        return new ParseSession(actionNames).taskFile(file);
    }
}
