package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.demo.DemoSettings;
import dev.drover.demo.Fingerprint;
import dev.drover.demo.SandboxState;
import dev.drover.testing.Tiers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drover demo} end to end, with the simulator's short delays: the sandbox is set up, the real
 * playbook upgrades it over the in-process SSH servers, and the resulting state is checked while the
 * nodes still run (which version each node runs, the simulator's fingerprints of production and of
 * the new copy, the files), never the printed text. Afterwards nothing may be left: no simulated node
 * process, no sandbox directory.
 *
 * <p>The timeout only turns a hang into a failure: a run takes about 95 s on an idle 2-core machine, and went
 * past 300 s when CI shared the machine with other builds (the demo's three nodes are JVMs of their own).
 */
@Timeout(900)
class DemoCommandTest {
    private static final String TO = DemoSettings.TO_VERSION;

    @TempDir
    Path tmp;

    @BeforeAll
    static void simulatorBuilt() {
        Path jar = Path.of("").toAbsolutePath().getParent().resolve("testbed/acs-sim/target/acs-sim.jar");
        Tiers.require("ACS simulator", Files.isRegularFile(jar), jar + " is not built (mvn package builds it)");
    }

    @Test
    void upgradesTheClusterAndTheDataSurvives() throws Exception {
        Facts run = demo(Optional.empty());

        assertEquals(ExitCodes.OK, run.exitCode, run.output);
        assertEquals(Map.of("node1", Optional.of(TO), "node2", Optional.of(TO), "node3", Optional.of(TO)), run.state.running(), run.output);
        assertTrue(run.state.production().sameDataAs(run.before), "production's data unchanged");
        assertEquals(run.before.schema(), run.state.production().schema(), "production's schema unchanged");
        Fingerprint copy = run.state.copy().orElseThrow(() -> new AssertionError("no restored copy\n" + run.output));
        assertTrue(copy.sameDataAs(run.before), "the new version's copy holds the same data");
        assertTrue(copy.schema() > run.before.schema(), "the copy's schema was upgraded: " + copy.schema());
        assertFalse(copy.marker(), "no upgrade marker left");
        assertEquals(20L, copy.rows().get("alf_node"));
        assertEquals(Map.of("node1", true, "node2", true, "node3", true), run.agentCacheInOwnHome, "each node ran the agent from its own HOME");
        assertNothingLeft(run);
    }

    @Test
    void aFailureOnTheSecondNodeStopsTheRolloutAndTheSameRunResumesIt() throws Exception {
        AtomicReference<SandboxState> resumed = new AtomicReference<>();
        StringWriter resumeOut = new StringWriter();
        Facts run = demo(Optional.of("node2"), sandbox -> {
            // What docs/demo.md tells the operator: clear the fault and run the same command again.
            List<String> again = new java.util.ArrayList<>(sandbox.runArguments());
            again.addAll(List.of("-e", "demo_fault=none", "--color", "never"));
            PrintWriter w = new PrintWriter(resumeOut, true);
            assertEquals(ExitCodes.OK, Main.run(again.toArray(String[]::new), w, w), resumeOut::toString);
            resumed.set(sandbox.inspect());
        });

        assertEquals(ExitCodes.HOST_FAILED, run.exitCode, run.output);
        assertEquals(Map.of("node1", Optional.of(TO), "node2", Optional.empty(), "node3", Optional.empty()), run.state.running(), run.output);
        assertEquals(Map.of("node1", true, "node2", true, "node3", false), run.newVersionInstalled, "node3 was never started");
        assertTrue(run.state.production().sameDataAs(run.before), "production's data unchanged");
        Fingerprint copy = run.state.copy().orElseThrow(() -> new AssertionError("no restored copy\n" + run.output));
        assertTrue(copy.sameDataAs(run.before) && !copy.marker(), "node1's upgraded copy is intact");

        assertEquals(Map.of("node1", Optional.of(TO), "node2", Optional.of(TO), "node3", Optional.of(TO)), resumed.get().running(),
                resumeOut::toString);
        assertTrue(resumed.get().copy().orElseThrow().sameDataAs(run.before), "the copy still holds the data");
        assertNothingLeft(run);
    }

    /** What a demo showed while its nodes still ran, and where its sandbox was. */
    private record Facts(int exitCode, String output, Path root, Fingerprint before, SandboxState state,
            Map<String, Boolean> agentCacheInOwnHome, Map<String, Boolean> newVersionInstalled) {
    }

    private Facts demo(Optional<String> failNode) throws InterruptedException {
        return demo(failNode, sandbox -> { });
    }

    /** Runs the demo; {@code then} runs after the facts were taken, while the sandbox is still up. */
    private Facts demo(Optional<String> failNode, java.util.function.Consumer<dev.drover.demo.Sandbox> then) throws InterruptedException {
        Path dir = tmp.resolve("sandbox");
        DemoSettings settings = new DemoSettings(Optional.of(dir), false, failNode, Optional.empty(), 100, 300, 20);
        StringWriter out = new StringWriter();
        AtomicReference<Facts> facts = new AtomicReference<>();
        int code = DemoCommand.demo(settings, "never", false, new PrintWriter(out, true), new PrintWriter(out, true), sandbox -> {
            Map<String, Boolean> cache = new TreeMap<>();
            Map<String, Boolean> installed = new TreeMap<>();
            for (String node : sandbox.nodeNames()) {
                cache.put(node, Files.isDirectory(sandbox.root().resolve("nodes").resolve(node).resolve(".cache/drover")));
                installed.put(node, Files.isRegularFile(sandbox.installation(node, TO).resolve("alfresco.sh")));
            }
            facts.set(new Facts(0, "", sandbox.root(), sandbox.before(), sandbox.inspect(), cache, installed));
            then.accept(sandbox);
        });
        Facts f = facts.get();
        if (f == null) {
            throw new AssertionError("the demo did not get as far as the run: exit " + code + "\n" + out);
        }
        return new Facts(code, out.toString(), f.root, f.before, f.state, f.agentCacheInOwnHome, f.newVersionInstalled);
    }

    private static void assertNothingLeft(Facts run) {
        assertFalse(Files.exists(run.root), "the sandbox is deleted without --keep");
        List<String> nodes;
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            nodes = all.map(p -> p.info().commandLine().orElse(""))
                    .filter(c -> c.contains("node run") && c.contains(run.root.toString())).toList();
        }
        assertEquals(List.of(), nodes, "simulated nodes still running");
    }
}
