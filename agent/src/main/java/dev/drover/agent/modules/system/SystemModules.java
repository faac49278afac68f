package dev.drover.agent.modules.system;

import dev.drover.agent.module.ModuleRegistry;

/** The system family: modules about the host and the agent itself: ping, setup, service, systemd, timezone. */
public final class SystemModules {
    private SystemModules() {
    }

    public static void register(ModuleRegistry registry) {
        registry.register("ping", PingModule::new)
                .register("setup", SetupModule::new)
                .register("service", ServiceModule::new)
                .register("systemd", SystemdModule::new)
                .register("timezone", TimezoneModule::new);
    }
}
