package dev.drover.agent.modules;

import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ModuleRegistry;
import dev.drover.agent.module.ProcessRunner;
import dev.drover.agent.modules.archive.ArchiveModules;
import dev.drover.agent.modules.files.FileModules;
import dev.drover.agent.modules.net.NetModules;
import dev.drover.agent.modules.system.SystemModules;

/**
 * What the data-driven cases run against: the module registry and the process runner handed to
 * modules. This is the hook for other module families: register them in {@link #standard()} (or
 * build another environment and pass it to {@link ModuleCases#discover}) and their cases under
 * {@code src/test/resources/modules/<module>/} run too.
 */
public final class CaseEnvironment {
    /** For environments that must not start processes; a module that tries gets a clear failure. */
    public static final ProcessRunner NO_PROCESSES = (argv, cwd, env, stdin, timeoutMillis) -> {
        throw new ModuleException("this test environment has no process runner (wanted to run " + argv + ")");
    };

    private final ModuleRegistry registry;
    private final ProcessRunner processes;

    public CaseEnvironment(ModuleRegistry registry, ProcessRunner processes) {
        this.registry = registry;
        this.processes = processes;
    }

    /** Every module family the agent ships with. */
    public static CaseEnvironment standard() {
        ModuleRegistry registry = new ModuleRegistry();
        FileModules.register(registry);
        ArchiveModules.register(registry);
        NetModules.register(registry);
        SystemModules.register(registry);
        return new CaseEnvironment(registry, new LocalProcessRunner());
    }

    public ModuleRegistry registry() {
        return registry;
    }

    public ProcessRunner processes() {
        return processes;
    }
}
