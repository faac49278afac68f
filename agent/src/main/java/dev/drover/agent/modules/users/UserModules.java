package dev.drover.agent.modules.users;

import dev.drover.agent.module.ModuleRegistry;

/** The users family: {@code user}, {@code group} and {@code getent}. */
public final class UserModules {
    private UserModules() {
    }

    public static void register(ModuleRegistry registry) {
        registry.register("user", UserModule::new)
                .register("group", GroupModule::new)
                .register("getent", GetentModule::new);
    }
}
