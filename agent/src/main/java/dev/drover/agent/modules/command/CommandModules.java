package dev.drover.agent.modules.command;

import dev.drover.agent.module.ModuleRegistry;

/** The command family: {@code command} and {@code shell}. */
public final class CommandModules {
    private CommandModules() {
    }

    public static void register(ModuleRegistry registry) {
        registry.register("command", CommandModule::new)
                .register("shell", ShellModule::new)
                .register("raw", RawModule::new)
                .register("script", ScriptModule::new);
    }
}
