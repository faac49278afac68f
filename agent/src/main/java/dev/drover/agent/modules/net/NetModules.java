package dev.drover.agent.modules.net;

import dev.drover.agent.module.ModuleRegistry;

/** Registers the net family: wait_for, uri. */
public final class NetModules {
    private NetModules() {
    }

    public static void register(ModuleRegistry registry) {
        registry.register("wait_for", WaitForModule::new)
                .register("uri", UriModule::new)
                .register("get_url", GetUrlModule::new);
    }
}
