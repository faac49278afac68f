package dev.drover.agent;

import dev.drover.agent.module.ModuleRegistry;
import dev.drover.agent.module.ModuleResult;
import dev.drover.agent.modules.BuiltinModules;

/**
 * The real agent entry point with one extra module that prints to System.out, from its class
 * initialiser and while running: a stand-in for a careless module or library. Started as a child
 * JVM by {@link AgentProcessTest}.
 */
public final class NoisyAgentMain {
    private NoisyAgentMain() {
    }

    public static void main(String[] args) {
        System.exit(AgentMain.run(args, () -> {
            ModuleRegistry registry = BuiltinModules.registry();
            registry.register("noisy", Noisy::new);
            return registry;
        }));
    }

    static final class Noisy implements dev.drover.agent.module.Module {
        static {
            System.out.println("noise from a static initialiser");
        }

        @Override
        public ModuleResult run(dev.drover.agent.module.Args args, dev.drover.agent.module.ModuleContext context) {
            System.out.println("noise from a module");
            System.out.print("\0\0\0\5{bad}");
            System.out.flush();
            return ModuleResult.ok().with("said", "hello");
        }
    }
}
