package dev.drover.playbook.parse;

import dev.drover.vault.Vault;
import dev.drover.playbook.ControllerActions;
import dev.drover.playbook.Playbook;
import dev.drover.playbook.PlaybookException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Parses a playbook file into a {@link Playbook}, inlining {@code import_playbook} and
 * {@code import_tasks}. Immutable and thread-safe.
 *
 * <pre>
 * Playbook pb = new PlaybookParser(agentModuleNames).parse(Path.of("site.yml"));
 * </pre>
 */
public final class PlaybookParser {
    private final Set<String> actionNames;
    private final List<Path> rolesPath;
    private final Vault vault;

    /**
     * @param moduleNames the agent's module names; {@link ControllerActions#NAMES} are added, so
     *                    the parser can tell a module from a misspelt keyword
     */
    public PlaybookParser(Set<String> moduleNames) {
        this(moduleNames, List.of());
    }

    /**
     * @param rolesPath directories searched for roles after {@code roles/} next to the playbook
     *                  (ansible.cfg's {@code roles_path}, {@code ANSIBLE_ROLES_PATH}); empty for
     *                  Ansible's default
     */
    public PlaybookParser(Set<String> moduleNames, List<Path> rolesPath) {
        this(moduleNames, rolesPath, Vault.NONE);
    }

    /** @param vault decrypts encrypted files and {@code !vault} values; its redactor learns their plaintext */
    public PlaybookParser(Set<String> moduleNames, List<Path> rolesPath, Vault vault) {
        this.actionNames = Keywords.union(moduleNames, ControllerActions.NAMES);
        this.rolesPath = List.copyOf(rolesPath);
        this.vault = java.util.Objects.requireNonNull(vault, "vault");
    }

    /**
     * @throws PlaybookException for the first mistake found, with file:line:column, the source line
     *                           and a hint
     */
    public Playbook parse(Path file) throws PlaybookException {
        ParseSession session = new ParseSession(actionNames, rolesPath, vault);
        return new Playbook(file, session.playbook(file, TaskContext.root(file, false), null));
    }

    /** Every name accepted as a task's action: the agent's modules plus the controller's actions. */
    public Set<String> actionNames() {
        return actionNames;
    }
}
