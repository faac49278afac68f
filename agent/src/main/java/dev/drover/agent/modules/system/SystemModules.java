package dev.drover.agent.modules.system;

import dev.drover.agent.module.ModuleRegistry;

/** The system family: modules about the host and the agent itself: ping, setup, service,
 * async jobs (async_start, async_status). */
public final class SystemModules {
    private SystemModules() {
    }

    public static void register(ModuleRegistry registry) {
        registry.register("ping", PingModule::new)
                .register("setup", SetupModule::new)
                .register("service", ServiceModule::new)
                .register("systemd", SystemdModule::new)
                .register("async_start", AsyncStartModule::new)
                .register("async_status", AsyncStatusModule::new);
    }
}
