package dev.drover.agent.modules.archive;

import dev.drover.agent.module.ModuleRegistry;

/** Registers the archive family: archive, unarchive. */
public final class ArchiveModules {
    private ArchiveModules() {
    }

    public static void register(ModuleRegistry registry) {
        registry.register("archive", ArchiveModule::new)
                .register("unarchive", UnarchiveModule::new);
    }
}
