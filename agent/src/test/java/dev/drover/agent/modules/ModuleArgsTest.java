package dev.drover.agent.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.drover.agent.module.Args;
import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ModuleRegistry;
import dev.drover.protocol.ModuleArgs;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code drover check} reports an unknown or missing module argument from {@link ModuleArgs}, before
 * any host: each module here must refuse exactly the names the schema does not list, and fail
 * without each argument the schema calls required. Asked of the modules themselves (an unknown
 * argument, then each required one left out, in check mode and with no process runner), so a name
 * added to a module's {@code allow} list and not to the schema fails here.
 */
class ModuleArgsTest {
    private static final ModuleRegistry REGISTRY = dev.drover.agent.AgentModules.registry();

    @Test
    void everyModuleHasASchema() {
        assertEquals(new TreeSet<>(REGISTRY.names()), ModuleArgs.builtin().keySet());
    }

    @Test
    void eachModuleAcceptsExactlyTheNamesItsSchemaLists() throws ModuleException {
        for (String module : REGISTRY.names()) {
            Map<String, Object> args = new HashMap<>();
            args.put("drover_no_such_argument", "x");
            String message = refusal(module, args);
            int at = message.indexOf("; supported: ");
            assertTrue(at > 0, module + " did not check its argument names first: " + message);
            List<String> supported = Arrays.asList(message.substring(at + "; supported: ".length()).split(", "));
            assertEquals(new TreeSet<>(ModuleArgs.of(module).names()), new TreeSet<>(supported),
                    module + ": the names in dev.drover.protocol.ModuleArgs differ from the module's allow list");
        }
    }

    @Test
    void eachRequiredArgumentIsRequired() throws ModuleException {
        for (ModuleArgs schema : ModuleArgs.builtin().values()) {
            for (List<String> group : schema.required()) {
                // Every other required argument given, this one left out.
                Map<String, Object> args = new HashMap<>();
                for (List<String> other : schema.required()) {
                    if (other != group) {
                        args.put(other.get(0), "/nonexistent/drover-module-args-test");
                    }
                }
                String message = refusal(schema.module(), args);
                assertTrue(group.stream().anyMatch(message::contains),
                        schema.module() + " without " + group + " failed with a message that does not name it: " + message);
            }
        }
    }

    private static String refusal(String module, Map<String, Object> args) throws ModuleException {
        try {
            REGISTRY.create(module).run(new Args(args), new ModuleContext(true, false, NoProcesses.RUNNER));
        } catch (ModuleException e) {
            return e.getMessage();
        }
        return fail(module + " ran with " + args);
    }
}
