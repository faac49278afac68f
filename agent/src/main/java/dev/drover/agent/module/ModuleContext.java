package dev.drover.agent.module;

/**
 * What a module may use besides its arguments: the run's check and diff flags and the process
 * runner. One context per request; it holds no global state.
 */
public final class ModuleContext {
    private final boolean checkMode;
    private final boolean diffMode;
    private final ProcessRunner processes;

    public ModuleContext(boolean checkMode, boolean diffMode, ProcessRunner processes) {
        this.checkMode = checkMode;
        this.diffMode = diffMode;
        this.processes = processes;
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
}
