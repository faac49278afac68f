package dev.drover.agent.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drover.protocol.ModuleNames;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The controller's parser accepts the task actions {@link ModuleNames#BUILTIN} lists, before it
 * reaches any host: a module registered here but not listed there is refused by every playbook, one
 * listed there but not registered fails on the host instead of at parse time.
 */
class BuiltinModulesTest {
    @Test
    void theAgentRegistersExactlyTheModulesTheProtocolNames() {
        assertEquals(ModuleNames.BUILTIN, new TreeSet<>(dev.drover.agent.AgentModules.registry().names()),
                "add a new module's name to dev.drover.protocol.ModuleNames.BUILTIN as well");
    }
}
