package dev.drover.agent.module;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a module may use besides its arguments: the run's check and diff flags, the task's
 * {@code environment} and the process runner. One context per request; it holds no global state.
 */
public final class ModuleContext {
    private final boolean checkMode;
    private final boolean diffMode;
    private final ProcessRunner processes;
    private final Map<String, String> environment;

    public ModuleContext(boolean checkMode, boolean diffMode, ProcessRunner processes) {
        this(checkMode, diffMode, processes, Collections.<String, String>emptyMap());
    }

    /**
     * @param environment the task's {@code environment} keyword: every process the module runs gets
     *                    it on top of the agent's environment (a call's own variables win), as
     *                    Ansible sets it for the module's process
     */
    public ModuleContext(boolean checkMode, boolean diffMode, ProcessRunner processes, Map<String, String> environment) {
        this.checkMode = checkMode;
        this.diffMode = diffMode;
        this.environment = Collections.unmodifiableMap(new HashMap<>(environment));
        this.processes = environment.isEmpty() || processes == null ? processes : withEnvironment(processes, this.environment);
    }

    /** Dry run: change nothing, report what would change. */
    public boolean checkMode() {
        return checkMode;
    }

    /** Report a unified diff ({@code diff} field) for file content changes. */
    public boolean diffMode() {
        return diffMode;
    }

    public ProcessRunner processes() {
        return processes;
    }

    /** The task's {@code environment} (empty without one). */
    public Map<String, String> environment() {
        return environment;
    }

    private static ProcessRunner withEnvironment(final ProcessRunner runner, final Map<String, String> task) {
        return new ProcessRunner() {
            @Override
            public Completed run(List<String> argv, String cwd, Map<String, String> env, byte[] stdin, long timeoutMillis)
                    throws ModuleException {
                Map<String, String> all = new HashMap<>(task);
                if (env != null) {
                    all.putAll(env);
                }
                return runner.run(argv, cwd, all, stdin, timeoutMillis);
            }
        };
    }
}
