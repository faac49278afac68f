package dev.drover.execute.play.action;

import dev.drover.execute.HostResult;
import dev.drover.template.Templater;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a controller action may use for one host.
 *
 * @param host        the inventory host the task runs for
 * @param vars        the task's variables on that host (read only)
 * @param taskDir     directory of the file the task was written in
 * @param playbookDir directory of the playbook
 * @param roleDirs    directories of the roles around the task, innermost first (Ansible's reversed
 *                    dependency chain)
 * @param vault       the run's vault, for encrypted copy/template sources and include_vars files
 * @param agent       calls a module on the host's agent (or the delegated host's), with the task's
 *                    become and check/diff settings
 */
public record ActionContext(String host, Map<String, Object> vars, Templater templater, Path taskDir, Path playbookDir,
        List<Path> roleDirs,
        boolean check, boolean diff, int verbosity, Agent agent, dev.drover.vault.Vault vault) {

    /** A module call through the agent the task would use. */
    @FunctionalInterface
    public interface Agent {
        HostResult module(String module, Map<String, ?> args);

        /**
         * A call that only reads the host (a piece of a fetched file): not a step, so the host spools
         * nothing for it and the journal does not record it; sending it again is harmless. A lost
         * connection makes it unreachable, without reconnecting.
         */
        default HostResult read(String module, Map<String, ?> args) {
            return module(module, args);
        }
    }

    /**
     * Finds a controller file as Ansible's {@code _find_needle} does ({@link SearchPath}): the roles
     * around the task, innermost first, then the task file's directory, each with {@code <subdir>/}
     * then without, then the playbook's directory.
     *
     * @param searched receives every place tried, in order, for {@link SearchPath#notFound}
     */
    public Optional<Path> find(String name, String subdir, List<String> searched) {
        return SearchPath.of(roleDirs, taskDir, playbookDir).find(subdir, name, searched);
    }
}
