package dev.drover.agent.modules;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every {@code src/test/resources/modules/<module>/<case>.json} as one dynamic test; see
 * {@link ModuleCase} for the format. Adding a case is adding a file.
 */
class ModuleCasesTest {

    @TestFactory
    Stream<DynamicNode> moduleCases() throws Exception {
        Path root = Paths.get(ModuleCasesTest.class.getResource("/modules").toURI());
        return ModuleCases.discover(root, CaseEnvironment.standard());
    }
}
