package dev.drover.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What one demo does.
 *
 * @param dir the sandbox directory, absent for a fresh temporary one; must be absent or empty
 * @param keep leave the sandbox directory in place afterwards (the nodes are stopped regardless)
 * @param failNode the node whose new version fails at its production start, if any
 * @param fault the simulator fault injected there; absent: {@link #defaultFault}
 * @param startupDelayMs the simulator's start time ({@code sim.startup.delay.ms})
 * @param upgradeDelayMs the simulator's schema upgrade time ({@code sim.upgrade.delay.ms})
 * @param seedNodes how many documents the seeded "production" repository holds
 */
public record DemoSettings(Optional<Path> dir, boolean keep, Optional<String> failNode, Optional<String> fault,
        int startupDelayMs, int upgradeDelayMs, int seedNodes) {

    /** The node names of the sandbox, in rank order. */
    public static final List<String> NODES = List.of("node1", "node2", "node3");

    /** The versions the demo upgrades from and to (simulator personas, docs/testbed-acs-sim.md). */
    public static final String FROM_VERSION = "5.1.0";
    public static final String TO_VERSION = "5.2.7";

    /** The simulator's faults (docs/testbed-acs-sim.md "Faults") that make a start fail rather than hang. */
    public static final List<String> FAULTS = List.of("schema-failure", "content-integrity", "crash-during-upgrade",
            "wrong-cluster-name", "hang");

    public DemoSettings {
        failNode.ifPresent(n -> {
            if (!NODES.contains(n)) {
                throw new DemoException("--fail " + n + ": no such node; the sandbox's nodes are " + String.join(", ", NODES));
            }
        });
        fault.ifPresent(f -> {
            if (!FAULTS.contains(f)) {
                throw new DemoException("--fault " + f + ": unknown fault; the simulator knows " + String.join(", ", FAULTS));
            }
        });
        if (fault.isPresent() && failNode.isEmpty()) {
            throw new DemoException("--fault " + fault.get() + " needs --fail NODE: name the node whose new version fails");
        }
    }

    /**
     * The fault of {@code --fail NODE} when none is named: the first node upgrades the schema, so its
     * upgrade fails half-way ({@code schema-failure}); a later node finds the schema current, so it
     * fails on the content check ({@code content-integrity}, as when the shared contentstore is not
     * mounted on that node).
     */
    public static String defaultFault(String node) {
        return node.equals(NODES.get(0)) ? "schema-failure" : "content-integrity";
    }

    /** The fault injected, if any. */
    public Optional<String> effectiveFault() {
        return failNode.map(n -> fault.orElse(defaultFault(n)));
    }
}
