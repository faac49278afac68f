package dev.drover.agent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.agent.module.ModuleRegistry;
import dev.drover.agent.modules.BuiltinModules;
import dev.drover.agent.modules.ModuleCases;
import dev.drover.agent.process.SystemProcessRunner;
import dev.drover.protocol.Json;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every {@code src/test/resources/modules/<module>/<case>.json} (format: the README there)
 * the way a request runs on a host: every module of {@link BuiltinModules}, the agent's
 * {@link Dispatcher} (so crashes, timestamps and failures are reported as in production) and the
 * real {@link SystemProcessRunner}; results make a JSON round trip, so a case sees what the
 * controller would. The case machinery is {@link ModuleCases}.
 */
class ModuleCasesTest {
    private static final ModuleRegistry REGISTRY = BuiltinModules.registry();

    private final Dispatcher dispatcher = new Dispatcher(REGISTRY, new SystemProcessRunner(), ZoneId.systemDefault());

    @TestFactory
    Stream<DynamicNode> moduleCases() throws Exception {
        return ModuleCases.discover(casesRoot(), REGISTRY.names(),
                (module, args, check, diff) -> Json.read(Json.write(dispatcher.run(module, args, check, diff))));
    }

    @Test
    void everyRegisteredModuleHasCases() throws Exception {
        Path root = casesRoot();
        List<String> without = new ArrayList<>();
        for (String module : REGISTRY.names()) {
            Path dir = root.resolve(module);
            if (!dir.toFile().isDirectory() || ModuleCases.caseFiles(dir).isEmpty()) {
                without.add(module);
            }
        }
        assertTrue(without.isEmpty(), "modules without a case file: " + without
                + "; add at least one src/test/resources/modules/<module>/<case>.json (see the README there)");
    }

    private static Path casesRoot() throws Exception {
        return Path.of(ModuleCasesTest.class.getResource("/modules").toURI());
    }
}
