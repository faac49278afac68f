package dev.drover.execute.play;

import java.util.Map;
import java.util.Objects;

/**
 * What the operator asked for on the command line, for a whole run.
 *
 * @param check     {@code --check}: change nothing (a task's {@code check_mode} may override)
 * @param diff      {@code --diff}: modules return differences
 * @param forks     hosts in parallel per task
 * @param tags      {@code --tags} / {@code --skip-tags}
 * @param extraVars {@code -e} values, merged in order; they beat every other variable
 * @param limit     {@code --limit} pattern, or null
 * @param verbosity number of {@code -v}
 * @param become    {@code --become-user}, {@code --become-method} and the password from {@code -K} or
 *                  {@code DROVER_BECOME_PASSWORD}: used where the play, block, task and host variables
 *                  say nothing (the password where no {@code ansible_become_password} is set). Null when
 *                  none of these was given.
 * @param becomeByDefault {@code -b}: become for tasks whose play, block and task say nothing and whose
 *                  host sets no {@code ansible_become} (Ansible: command-line options are the lowest
 *                  precedence, below play keywords)
 */
public record RunOptions(boolean check, boolean diff, int forks, TagFilter tags, Map<String, Object> extraVars,
        String limit, int verbosity, dev.drover.remote.AgentOptions.Become become, boolean becomeByDefault) {

    public RunOptions(boolean check, boolean diff, int forks, TagFilter tags, Map<String, Object> extraVars,
            String limit, int verbosity) {
        this(check, diff, forks, tags, extraVars, limit, verbosity, null, false);
    }

    public RunOptions {
        forks = Math.max(1, forks);
        Objects.requireNonNull(tags, "tags");
        extraVars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extraVars));
    }

    public static RunOptions defaults() {
        return new RunOptions(false, false, 5, TagFilter.ALL, Map.of(), null, 0);
    }
}
