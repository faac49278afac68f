package dev.drover.agent.modules.packages;

import dev.drover.agent.module.ModuleRegistry;

/** The package family: apt. */
public final class PackageModules {
    private PackageModules() {
    }

    public static void register(ModuleRegistry registry) {
        registry.register("apt", AptModule::new);
    }
}
