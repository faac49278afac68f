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
 * past 300 s when CI shared the machine with other builds (the demo's three nodes are JVMs of their own). That cost
 * is one sandbox and one cluster rollout, so the test makes one: the failed rollout and its run again.
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

    /**
     * {@code --fail node2}, then the same command again with {@code -e demo_fault=none} as docs/demo.md tells the
     * operator: the failed rollout stops before node3, and the run again finishes the upgrade, checked as a clean
     * demo's was (every node on the new version, production's data and schema unchanged, the copy upgraded, no marker,
     * every node's agent run from its own HOME). One sandbox and one rollout: a clean demo of its own cost as much
     * again (a sandbox of three node JVMs and a whole cluster upgrade, about half of this class), and the clean path
     * through the playbook is the one the run again takes on node2 and node3 and the first run on node1.
     */
    @Test
    void aFailureOnTheSecondNodeStopsTheRolloutAndTheSameRunAgainUpgradesTheClusterAndTheDataSurvives() throws Exception {
        AtomicReference<SandboxState> resumed = new AtomicReference<>();
        AtomicReference<Map<String, Boolean>> cacheAfterResume = new AtomicReference<>();
        StringWriter resumeOut = new StringWriter();
        Facts run = demo(Optional.of("node2"), sandbox -> {
            // What docs/demo.md tells the operator: clear the fault and run the same command again.
            List<String> again = new java.util.ArrayList<>(sandbox.runArguments());
            again.addAll(List.of("-e", "demo_fault=none", "--color", "never"));
            PrintWriter w = new PrintWriter(resumeOut, true);
            assertEquals(ExitCodes.OK, Main.run(again.toArray(String[]::new), w, w), resumeOut::toString);
            resumed.set(sandbox.inspect());
            cacheAfterResume.set(agentCacheInOwnHome(sandbox));
        });

        assertEquals(ExitCodes.HOST_FAILED, run.exitCode, run.output);
        assertEquals(Map.of("node1", Optional.of(TO), "node2", Optional.empty(), "node3", Optional.empty()), run.state.running(), run.output);
        assertEquals(Map.of("node1", true, "node2", true, "node3", false), run.newVersionInstalled, "node3 was never started");
        assertTrue(run.state.production().sameDataAs(run.before), "production's data unchanged");
        Fingerprint copy = run.state.copy().orElseThrow(() -> new AssertionError("no restored copy\n" + run.output));
        assertTrue(copy.sameDataAs(run.before) && !copy.marker(), "node1's upgraded copy is intact");

        SandboxState after = resumed.get();
        assertEquals(Map.of("node1", Optional.of(TO), "node2", Optional.of(TO), "node3", Optional.of(TO)), after.running(),
                resumeOut::toString);
        assertTrue(after.production().sameDataAs(run.before), "production's data unchanged");
        assertEquals(run.before.schema(), after.production().schema(), "production's schema unchanged");
        Fingerprint upgraded = after.copy().orElseThrow(() -> new AssertionError("no restored copy\n" + resumeOut));
        assertTrue(upgraded.sameDataAs(run.before), "the new version's copy holds the same data");
        assertTrue(upgraded.schema() > run.before.schema(), "the copy's schema was upgraded: " + upgraded.schema());
        assertFalse(upgraded.marker(), "no upgrade marker left");
        assertEquals(20L, upgraded.rows().get("alf_node"));
        assertEquals(Map.of("node1", true, "node2", true, "node3", true), cacheAfterResume.get(), "each node ran the agent from its own HOME");
        assertNothingLeft(run);
    }

    /** What a demo showed while its nodes still ran, and where its sandbox was. */
    private record Facts(int exitCode, String output, Path root, Fingerprint before, SandboxState state,
            Map<String, Boolean> newVersionInstalled) {
    }

    /** Runs the demo; {@code then} runs after the facts were taken, while the sandbox is still up. */
    private Facts demo(Optional<String> failNode, java.util.function.Consumer<dev.drover.demo.Sandbox> then) throws InterruptedException {
        Path dir = tmp.resolve("sandbox");
        DemoSettings settings = new DemoSettings(Optional.of(dir), false, failNode, Optional.empty(), 100, 300, 20);
        StringWriter out = new StringWriter();
        AtomicReference<Facts> facts = new AtomicReference<>();
        int code = DemoCommand.demo(settings, "never", false, new PrintWriter(out, true), new PrintWriter(out, true), sandbox -> {
            Map<String, Boolean> installed = new TreeMap<>();
            for (String node : sandbox.nodeNames()) {
                installed.put(node, Files.isRegularFile(sandbox.installation(node, TO).resolve("alfresco.sh")));
            }
            facts.set(new Facts(0, "", sandbox.root(), sandbox.before(), sandbox.inspect(), installed));
            then.accept(sandbox);
        });
        Facts f = facts.get();
        if (f == null) {
            throw new AssertionError("the demo did not get as far as the run: exit " + code + "\n" + out);
        }
        return new Facts(code, out.toString(), f.root, f.before, f.state, f.newVersionInstalled);
    }

    /** Whether each node has drover's agent cache in its own HOME (the node's directory of the sandbox). */
    private static Map<String, Boolean> agentCacheInOwnHome(dev.drover.demo.Sandbox sandbox) {
        Map<String, Boolean> cache = new TreeMap<>();
        for (String node : sandbox.nodeNames()) {
            cache.put(node, Files.isDirectory(sandbox.root().resolve("nodes").resolve(node).resolve(".cache/drover")));
        }
        return cache;
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
