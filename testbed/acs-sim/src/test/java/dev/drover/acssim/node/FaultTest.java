package dev.drover.acssim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.acssim.SimException;
import dev.drover.acssim.http.Repository.Status;
import dev.drover.acssim.persona.Persona;
import dev.drover.acssim.schema.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultTest {
    @TempDir
    Path dir;

    /** A 5.1.0 repository about to be upgraded to 5.2.7 with {@code fault} set. */
    private TestNode upgrading(String fault) throws Exception {
        TestNode n = new TestNode(dir.resolve("acs"), dir.resolve("db/alfresco"), Persona.V5_1_0);
        n.start();
        n.war(Persona.V5_2_7);
        n.props.put("sim.fault", fault);
        return n;
    }

    private static int executedPatches(Connection c) throws Exception {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM alf_applied_patch WHERE was_executed = TRUE")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void aListenerFailureIsReportedByTomcatOnlyAndTouchesNothing() throws Exception {
        TestNode n = upgrading("listener-failure");
        long logBefore = java.nio.file.Files.size(n.home.resolve("alfresco.log"));
        assertEquals(Status.FAILED, n.start());
        assertTrue(n.log().contains("SEVERE [localhost-startStop-1] org.apache.catalina.core.StandardContext.startInternal"
                + " Context [/alfresco] startup failed due to previous errors"), n.log());
        assertEquals(logBefore, java.nio.file.Files.size(n.home.resolve("alfresco.log")), "nothing in alfresco.log");
        try (Connection c = n.db()) {
            assertTrue(!Schema.markerExists(c), "no schema step ran");
        }
    }

    @Test
    void schemaFailureAppliesHalfThePatchesAndLeavesTheMarker() throws Exception {
        TestNode n = upgrading("schema-failure");
        assertEquals(Status.FAILED, n.start());
        assertTrue(n.log().contains("Statement execution failed:"), n.log());
        assertTrue(n.log().contains("ERROR [org.alfresco.repo.domain.schema.SchemaBootstrap] [main] Schema auto-update failed"),
                n.log());
        try (Connection c = n.db()) {
            assertTrue(Schema.markerExists(c));
            assertEquals(2, executedPatches(c));
        }
        n.props.remove("sim.fault");
        assertEquals(Status.FAILED, n.start());
        assertTrue(n.log().contains("A previous schema upgrade failed or was not completed."), n.log());
    }

    @Test
    void aSchemaFaultLimitedToUpgradesSparesFreshInstallsAndCurrentSchemas() throws Exception {
        // What the end-to-end tests need: the new version's validation run (empty database) and a
        // later node (schema already current) start; only the node that upgrades fails.
        TestNode fresh = new TestNode(dir.resolve("fresh"), dir.resolve("db/fresh"), Persona.V5_2_7);
        fresh.props.put("sim.fault", "schema-failure");
        fresh.props.put("sim.fault.only.on.upgrade", "true");
        assertEquals(Status.STARTED, fresh.start(), fresh.log());
        assertEquals(Status.STARTED, fresh.start(), "schema current: " + fresh.log());
        TestNode n = upgrading("schema-failure");
        n.props.put("sim.fault.only.on.upgrade", "true");
        assertEquals(Status.FAILED, n.start());
        assertTrue(n.log().contains("Schema auto-update failed"), n.log());
    }

    @Test
    void crashDuringUpgradeHaltsWithTheMarkerInPlace() throws Exception {
        TestNode n = upgrading("crash-during-upgrade");
        assertThrows(TestNode.Halted.class, n::start);
        assertTrue(n.log().contains("Applying patch '"), n.log());
        try (Connection c = n.db()) {
            assertTrue(Schema.markerExists(c));
        }
    }

    @Test
    void theFaultFileWinsOverTheProperty() throws Exception {
        TestNode n = upgrading("none");
        Files.write(n.home.resolve("sim-fault"), "content-integrity\n".getBytes("UTF-8"));
        assertEquals(Status.FAILED, n.start());
        assertTrue(n.log().contains("CONTENT INTEGRITY ERROR: System content not found in content store: 'store://"), n.log());
    }

    @Test
    void anUnknownFaultListsTheKnownOnes() throws Exception {
        TestNode n = upgrading("explode");
        SimException e = assertThrows(SimException.class, n::start);
        assertTrue(e.getMessage().contains("unknown fault 'explode'; known faults: none, schema-failure"), e.getMessage());
    }

    @Test
    void wrongClusterNameDiffersFromTheDatabase() throws Exception {
        TestNode n = upgrading("wrong-cluster-name");
        n.props.put("alfresco.cluster.enabled", "true");
        n.props.put("alfresco.hazelcast.port", "0");
        assertEquals(Status.STARTED, n.start());
        String stored;
        try (Connection c = n.db()) {
            stored = Schema.clusterName(c);
        }
        assertTrue(n.log().contains("Cluster started, name: MainRepository-"), n.log());
        assertFalse(n.log().contains("Cluster started, name: " + stored), n.log());
        assertNotEquals(null, stored);
    }

    @Test
    void hangNeverLogsTheSuccessLine() throws Exception {
        TestNode n = upgrading("hang");
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                outcome.set(n.start());
            } catch (Exception e) {
                outcome.set(e);
            }
        });
        t.start();
        for (int i = 0; i < 200 && !n.log().contains("Starting 'Search' subsystem"); i++) {
            Thread.sleep(50);
        }
        assertTrue(n.log().contains("Starting 'Search' subsystem"), n.log());
        assertTrue(t.isAlive());
        assertEquals(Status.STARTING, n.state.webapp());
        t.interrupt();
        t.join();
        assertFalse(n.log().contains(" started (Enterprise)"), n.log());
    }
}
