package dev.drover.playbook;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The YAML library stays in parse; the model knows nothing of parsing or checking. */
class PlaybookArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.drover.playbook");

    @Test
    void onlyTheParsePackageUsesTheYamlLibrary() {
        noClasses().that().resideOutsideOfPackage("dev.drover.playbook.parse..")
                .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson..", "org.yaml..")
                .check(CLASSES);
    }

    @Test
    void theModelDependsOnNeitherParserNorChecker() {
        noClasses().that().resideInAPackage("dev.drover.playbook")
                .should().dependOnClassesThat().resideInAnyPackage("dev.drover.playbook.parse..", "dev.drover.playbook.check..")
                .check(CLASSES);
    }
}
