package dev.drover.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way: cli -> execute -> playbook/inventory/template -> remote -> transport
 * -> agent protocol; the run journal sits beside the cli (cli -> journal -> execute's listener
 * contract); each third-party library has one home package. The demo (dev.drover.demo) stands
 * beside them: only the CLI uses it, and it alone holds an SSH server (MINA SSHD).
 */
class LayeringTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.drover");
    }

    @Test
    void theControllersPackagesFormNoCycle() {
        // Every package is a slice; a cycle between any two (or through more) fails.
        slices().matching("dev.drover.(**)").should().beFreeOfCycles()
                .check(classes.that(resideOutsideOfPackages("dev.drover.acssim..", "dev.drover.agent..")));
    }

    @Test
    void theSimulatorsPackagesFormNoCycle() {
        // The ACS simulator (on the test classpath): its root package is the foundation, main.SimMain the entry.
        slices().matching("dev.drover.(**)").should().beFreeOfCycles()
                .check(classes.that(resideInAPackage("dev.drover.acssim..")));
    }

    @Test
    void theControllerReachesNoAgentImplementation() {
        // It compiles against the protocol module (wire format, module names, shared text rules) and
        // embeds the agent jar as a resource; the agent's own packages are not its business.
        noClasses().that().resideOutsideOfPackages("dev.drover.agent..", "dev.drover.acssim..")
                .should().dependOnClassesThat().resideInAPackage("dev.drover.agent..")
                .check(classes);
    }

    @Test
    void onlyTheCliUsesReport() {
        noClasses().that().resideOutsideOfPackages("dev.drover.cli..", "dev.drover.report..")
                .should().dependOnClassesThat().resideInAPackage("dev.drover.report..")
                .check(classes);
    }

    @Test
    void reportRendersAndReachesNothing() {
        // A renderer turns events into text: it never reaches a host, the journal or the commands.
        noClasses().that().resideInAPackage("dev.drover.report..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.drover.cli..", "dev.drover.remote..",
                        "dev.drover.transport..", "dev.drover.journal..", "dev.drover.persist..", "picocli..")
                .check(classes);
    }

    @Test
    void theStrategysCollaboratorsDoNotCallItBack() {
        // Includes, Handlers and FactGathering get a Batch (hosts, policy, workers, a task walk), not the
        // strategy; only the runner, which makes one per batch, knows it.
        noClasses().that().resideInAPackage("dev.drover.execute..")
                .and().haveNameNotMatching("dev\\.drover\\.execute\\.play\\.(LinearStrategy|PlaybookRunner)(\\$.*)?")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.drover.execute.play.LinearStrategy")
                .check(classes);
    }

    @Test
    void onlyTheFailurePolicyWritesAHostsPlayFlags() {
        // Who is still in the play is one class's decision; HostState itself only resets them when a play starts.
        String hostState = "dev.drover.execute.play.HostState";
        Set<String> flags = Set.of("failed", "unreachable", "ended", "lastFailedTask", "lastFailedResult");
        DescribedPredicate<JavaFieldAccess> writtenElsewhere = DescribedPredicate.describe(
                "a host's play flag written outside FailurePolicy and HostState.startPlay",
                a -> a.getTarget().getOwner().getName().equals(hostState) && flags.contains(a.getTarget().getName())
                        && !a.getOriginOwner().getName().equals("dev.drover.execute.play.FailurePolicy")
                        && !(a.getOriginOwner().getName().equals(hostState) && a.getOrigin().getName().equals("startPlay")));
        noClasses().should().setFieldWhere(writtenElsewhere).check(classes);
    }

    @Test
    void theThinClientsJarHoldsJdkClassesOnly() {
        // The launcher starts cli.thin from its own jar (cli.thin and socket) with no other class path;
        // sun.misc (module jdk.unsupported) is the JDK's, for passing signals on to the full CLI.
        classes().that().resideInAnyPackage("dev.drover.cli.thin..", "dev.drover.socket..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "sun.misc..", "dev.drover.cli.thin..",
                        "dev.drover.socket..")
                .check(classes);
    }

    @Test
    void transportKnowsNothingAboveIt() {
        noClasses().that().resideInAPackage("dev.drover.transport..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.drover.remote..", "dev.drover.execute..",
                        "dev.drover.cli..", "dev.drover.inventory..", "dev.drover.playbook..", "dev.drover.template..")
                .check(classes);
    }

    @Test
    void remoteKnowsOnlyTransportAndProtocol() {
        noClasses().that().resideInAPackage("dev.drover.remote..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.drover.execute..", "dev.drover.cli..",
                        "dev.drover.inventory..", "dev.drover.playbook..", "dev.drover.template..")
                .check(classes);
    }

    @Test
    void modelsArePureAndDoNotReachHosts() {
        noClasses().that().resideInAnyPackage("dev.drover.inventory..", "dev.drover.playbook..", "dev.drover.template..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.drover.execute..", "dev.drover.cli..",
                        "dev.drover.remote..", "dev.drover.transport..")
                .check(classes);
    }

    @Test
    void onlyTheCliKnowsTheCli() {
        noClasses().that().resideOutsideOfPackage("dev.drover.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.drover.cli..")
                .check(classes);
    }

    @Test
    void theJournalListensAndKnowsNoHosts() {
        noClasses().that().resideInAPackage("dev.drover.journal..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.drover.cli..", "dev.drover.remote..",
                        "dev.drover.transport..", "dev.drover.inventory..")
                .check(classes);
    }

    @Test
    void onlyTheCliDrivesTheJournal() {
        // The runner reports through PlayListener and reads CompletedTasks; it never knows the journal.
        // drover serve reads journals (never writes them): it stands beside the run, like the CLI.
        noClasses().that().resideOutsideOfPackages("dev.drover.cli..", "dev.drover.journal..", "dev.drover.serve..")
                .should().dependOnClassesThat().resideInAPackage("dev.drover.journal..")
                .check(classes);
    }

    @Test
    void signalHandlingLivesInCli() {
        noClasses().that().resideOutsideOfPackage("dev.drover.cli..")
                .should().dependOnClassesThat().resideInAPackage("sun.misc..")
                .check(classes);
    }

    @Test
    void picocliLivesInCli() {
        noClasses().that().resideOutsideOfPackage("dev.drover.cli..")
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .check(classes);
    }

    @Test
    void sshjAndBouncyCastleLiveInTransportSsh() {
        noClasses().that().resideOutsideOfPackage("dev.drover.transport.ssh..")
                .should().dependOnClassesThat().resideInAnyPackage("net.schmizz..", "com.hierynomus..")
                .check(classes);
        // BouncyCastle also makes drover serve's self-signed certificate (the JDK has no public API for it).
        noClasses().that().resideOutsideOfPackages("dev.drover.transport.ssh..")
                .and().doNotHaveFullyQualifiedName("dev.drover.serve.Tls")
                .should().dependOnClassesThat().resideInAnyPackage("org.bouncycastle..")
                .check(classes);
    }

    @Test
    void nettyAndThePrometheusClientLiveInServe() {
        // (The ACS simulator, on the test classpath, has its own netty server.)
        noClasses().that().resideOutsideOfPackages("dev.drover.serve..", "dev.drover.acssim..")
                .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "io.prometheus..")
                .check(classes);
    }

    @Test
    void serveOnlyReadsRuns() {
        // Read-only by construction: serve never reaches a host, the runner or the journal writer.
        noClasses().that().resideInAPackage("dev.drover.serve..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.drover.remote..", "dev.drover.transport..",
                        "dev.drover.cli..", "dev.drover.inventory..", "dev.drover.playbook..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.drover.journal.JournalWriter")
                .check(classes);
    }

    @Test
    void minaSshdLivesInDemo() {
        // drover is an SSH client; the only SSH server in main code is the demo's sandbox.
        noClasses().that().resideOutsideOfPackage("dev.drover.demo..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.sshd..")
                .check(classes);
    }

    @Test
    void demoStandsBesideTheRunNotInsideIt() {
        // The demo sets up hosts; the run itself goes through the CLI's run command like any other.
        noClasses().that().resideInAPackage("dev.drover.demo..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.drover.execute..", "dev.drover.playbook..",
                        "dev.drover.inventory..", "dev.drover.remote..", "dev.drover.template..")
                .check(classes);
        // (report's DemoPrinter renders what the demo found: its fingerprint and the sandbox's state.)
        noClasses().that().resideOutsideOfPackages("dev.drover.demo..", "dev.drover.cli..", "dev.drover.report..")
                .should().dependOnClassesThat().resideInAPackage("dev.drover.demo..")
                .check(classes);
    }

    @Test
    void jinjavaLivesInTemplate() {
        noClasses().that().resideOutsideOfPackage("dev.drover.template..")
                .should().dependOnClassesThat().resideInAPackage("com.hubspot.jinjava..")
                .check(classes);
    }

    @Test
    void yamlParserLivesInTheParsers() {
        noClasses().that().resideOutsideOfPackages("dev.drover.inventory..", "dev.drover.playbook.parse..")
                .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson.dataformat.yaml..")
                .check(classes);
    }
}
