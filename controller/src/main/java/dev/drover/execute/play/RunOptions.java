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
 */
public record RunOptions(boolean check, boolean diff, int forks, TagFilter tags, Map<String, Object> extraVars,
        String limit, int verbosity) {

    public RunOptions {
        forks = Math.max(1, forks);
        Objects.requireNonNull(tags, "tags");
        extraVars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extraVars));
    }

    public static RunOptions defaults() {
        return new RunOptions(false, false, 5, TagFilter.ALL, Map.of(), null, 0);
    }
}
