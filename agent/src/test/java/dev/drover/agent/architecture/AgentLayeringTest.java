package dev.drover.agent.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent's layers: the session (root package) reads frames and dispatches them; modules do one
 * job each through {@code agent.module}'s contract and never touch the wire (frames, messages, the
 * preamble) or the session. The protocol module's {@code Json} is a JSON codec modules may use.
 */
class AgentLayeringTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.drover.agent", "dev.drover.protocol");
    }

    @Test
    void modulesKeepOffTheWire() {
        noClasses().that().resideInAnyPackage("dev.drover.agent.modules..", "dev.drover.agent.module..")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.drover.protocol.Messages")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.drover.protocol.Preamble")
                .orShould().dependOnClassesThat().resideInAPackage("dev.drover.agent")
                .orShould().dependOnClassesThat().resideInAPackage("dev.drover.agent.step..")
                .check(classes);
        // Only the module contract knows how big a frame may be (ModuleResult.MAX_PAYLOAD_BYTES).
        noClasses().that().resideInAPackage("dev.drover.agent.modules..")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.drover.protocol.FrameCodec")
                .check(classes);
    }

    @Test
    void theProtocolKnowsNoAgent() {
        noClasses().that().resideInAPackage("dev.drover.protocol..")
                .should().dependOnClassesThat().resideInAPackage("dev.drover.agent..")
                .check(classes);
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.drover.(**)").should().beFreeOfCycles().check(classes);
    }
}
