package dev.drover.agent;

import dev.drover.agent.module.ModuleRegistry;
import dev.drover.agent.modules.BuiltinModules;
import dev.drover.agent.step.AsyncStartModule;
import dev.drover.agent.step.AsyncStatusModule;

/**
 * Every module the agent offers: the built-in families, plus {@code async_start} and
 * {@code async_status}, which belong to the step machinery (they run and read step spools, which
 * the module families must not know) and so are registered here.
 */
public final class AgentModules {
    private AgentModules() {
    }

    public static ModuleRegistry registry() {
        return BuiltinModules.registry()
                .register("async_start", AsyncStartModule::new)
                .register("async_status", AsyncStatusModule::new);
    }
}
