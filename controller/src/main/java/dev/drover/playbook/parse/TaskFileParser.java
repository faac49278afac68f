package dev.drover.playbook.parse;

import dev.drover.playbook.Block;
import dev.drover.playbook.ControllerActions;
import dev.drover.playbook.PlaybookException;
import dev.drover.playbook.RoleInclude;
import dev.drover.playbook.Task;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses a task file (a YAML list of tasks), as the executor does for {@code include_tasks} once
 * it has rendered the file name and resolved it against
 * {@link dev.drover.playbook.TaskInclude#baseDir()}. {@code import_tasks} inside the file are
 * inlined relative to it. Also loads the role of a dynamic {@code include_role}. Immutable and thread-safe.
 */
public final class TaskFileParser {
    private final Set<String> actionNames;
    private final dev.drover.vault.Vault vault;

    /** @param moduleNames the agent's module names; {@link ControllerActions#NAMES} are added */
    public TaskFileParser(Set<String> moduleNames) {
        this(moduleNames, dev.drover.vault.Vault.NONE);
    }

    /** @param vault decrypts encrypted task files and {@code !vault} values in them */
    public TaskFileParser(Set<String> moduleNames, dev.drover.vault.Vault vault) {
        this.actionNames = Keywords.union(moduleNames, ControllerActions.NAMES);
        this.vault = java.util.Objects.requireNonNull(vault, "vault");
    }

    /** The run's vault, for the variables files the run reads (vars_files, include_vars). */
    public dev.drover.vault.Vault vault() {
        return vault;
    }

    /**
     * @return the file's tasks; empty for an empty file
     * @throws PlaybookException for the first mistake found, with file:line:column, the source line
     *                           and a hint
     */
    public List<Task> parse(Path file) throws PlaybookException {
        return new ParseSession(actionNames, List.of(), vault).taskFile(file);
    }

    /** A role loaded for a dynamic {@code include_role}: its block and the blocks of its (and its dependencies') handlers. */
    public record LoadedRole(Block block, List<Task> handlers) {
        public LoadedRole {
            handlers = List.copyOf(handlers);
        }
    }

    /**
     * Loads the role of a dynamic {@code include_role} once its name and {@code *_from} are rendered.
     *
     * @param from rendered {@code tasks_from} and friends, by key
     * @throws PlaybookException a missing role or file, or a role file that does not parse
     */
    public LoadedRole role(RoleInclude spec, String name, Map<String, String> from) throws PlaybookException {
        return new ParseSession(actionNames, spec.rolesPath(), vault).role(spec, name, from, spec.namePos().file());
    }
}
