package dev.drover.agent.modules.files;

import dev.drover.agent.module.ModuleRegistry;

/** Registers the file family: file, stat, copy, lineinfile, replace, properties, slurp. */
public final class FileModules {
    private FileModules() {
    }

    public static void register(ModuleRegistry registry) {
        registry.register("file", FileModule::new)
                .register("stat", StatModule::new)
                .register("copy", CopyModule::new)
                .register("lineinfile", LineInFileModule::new)
                .register("replace", ReplaceModule::new)
                .register("properties", PropertiesModule::new)
                .register("slurp", SlurpModule::new)
                .register("tempfile", TempfileModule::new)
                .register("find", FindModule::new)
                .register("blockinfile", BlockInFileModule::new);
    }
}
