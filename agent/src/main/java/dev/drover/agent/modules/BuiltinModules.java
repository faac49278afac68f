package dev.drover.agent.modules;

import dev.drover.agent.module.ModuleRegistry;
import dev.drover.agent.modules.archive.ArchiveModules;
import dev.drover.agent.modules.command.CommandModules;
import dev.drover.agent.modules.files.FileModules;
import dev.drover.agent.modules.net.NetModules;
import dev.drover.agent.modules.packages.PackageModules;
import dev.drover.agent.modules.system.SystemModules;
import dev.drover.agent.modules.users.UserModules;

/** Every module the agent jar ships, one {@code register} call per family. */
public final class BuiltinModules {
    private BuiltinModules() {
    }

    public static ModuleRegistry registry() {
        ModuleRegistry registry = new ModuleRegistry();
        CommandModules.register(registry);
        SystemModules.register(registry);
        FileModules.register(registry);
        ArchiveModules.register(registry);
        NetModules.register(registry);
        UserModules.register(registry);
        PackageModules.register(registry);
        return registry;
    }
}
