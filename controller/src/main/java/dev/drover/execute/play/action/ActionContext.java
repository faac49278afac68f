package dev.drover.execute.play.action;

import dev.drover.execute.HostResult;
import dev.drover.template.Templater;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * @param vault       the run's vault, for encrypted copy/template sources and include_vars files
 * @param agent       calls a module on the host's agent (or the delegated host's), with the task's
 *                    become and check/diff settings
 */
public record ActionContext(String host, Map<String, Object> vars, Templater templater, Path taskDir, Path playbookDir,
        boolean check, boolean diff, int verbosity, Agent agent, dev.drover.vault.Vault vault) {

    /** A module call through the agent the task would use. */
    @FunctionalInterface
    public interface Agent {
        HostResult module(String module, Map<String, ?> args);
    }

    /**
     * Finds a controller file the way Ansible's {@code find_needle} does: in {@code <dir>/<subdir>/}
     * then {@code <dir>/} for the task's directory, then the playbook's. A task in a role (its file
     * is under the role's {@code tasks/}) looks in the role first: {@code <role>/<subdir>/}, then
     * {@code <role>/tasks/}, as Ansible's {@code path_dwim_relative_stack} does.
     *
     * @return the file, or empty; {@code looked} receives every place tried, for the error message
     */
    public Optional<Path> find(String name, String subdir, List<Path> looked) {
        Path given = Path.of(name);
        if (given.isAbsolute()) {
            looked.add(given);
            return Files.exists(given) ? Optional.of(given) : Optional.empty();
        }
        List<Path> candidates = new ArrayList<>();
        if (taskDir.getFileName() != null && taskDir.getFileName().toString().equals("tasks")
                && taskDir.getParent() != null) {
            candidates.add(taskDir.getParent().resolve(subdir).resolve(name));
        }
        for (Path dir : List.of(taskDir, playbookDir)) {
            candidates.add(dir.resolve(subdir).resolve(name));
            candidates.add(dir.resolve(name));
        }
        for (Path p : candidates) {
            Path n = p.toAbsolutePath().normalize();
            if (!looked.contains(n)) {
                looked.add(n);
            }
            if (Files.exists(n)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }
}
