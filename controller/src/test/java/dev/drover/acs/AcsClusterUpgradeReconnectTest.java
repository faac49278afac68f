package dev.drover.acs;

import static dev.drover.acs.AcsTestbed.NEW;
import static dev.drover.acs.AcsTestbed.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.cli.CliRun;
import dev.drover.testing.OpenSshLab;
import dev.drover.testing.PostgresLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * playbooks/acs-cluster-upgrade.yml with node1's connection cut while node1 upgrades the schema:
 * every sshd session process serving node1 is killed (what a network drop does to the session) as
 * soon as node1's log says a patch is being applied. drover reconnects, reattaches to the step, the
 * upgrade completes, node2 and node3 follow, and the data is intact. The tests run on the lab's own
 * machine, so they read node1's log and signal its sshd directly.
 */
@ExtendWith({OpenSshLab.class, PostgresLab.class})
class AcsClusterUpgradeReconnectTest {
    @TempDir
    Path local;
    AcsTestbed bed;

    @AfterEach
    void tearDown() {
        if (bed != null) {
            bed.close();
        }
    }

    @Test
    void aConnectionCutDuringTheSchemaUpgradeIsReattachedAndTheClusterFollows(OpenSshLab.Lab lab, PostgresLab.Cluster pg)
            throws Exception {
        bed = AcsTestbed.install(lab, pg, 3, true, local, Map.of());
        OpenSshLab.Node node1 = bed.nodes.get(0);
        JsonNode before = bed.fingerprint(node1, bed.oldHome(node1));
        Map<String, String> slow = new LinkedHashMap<>(bed.nodeProperties(node1));
        slow.put("sim.upgrade.delay.ms", "12000"); // a schema upgrade long enough to be cut in the middle
        Path inventory = bed.inventory(Map.of("node1", Map.of("acs_node_properties", slow, "drover_keepalive_interval", 2)),
                Map.of());

        CompletableFuture<CliRun> running = CompletableFuture.supplyAsync(() -> AcsTestbed.drover("run", "-i",
                inventory.toString(), AcsTestbed.playbook("acs-cluster-upgrade.yml")));
        Path log = Path.of(bed.newHome(node1), "alfresco.log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (!(Files.exists(log) && Files.readString(log).contains("Applying patch 'patch.db-V5.2"))) {
            assertTrue(System.nanoTime() < deadline, "node1 never began the schema upgrade");
            assertTrue(!running.isDone(), "the run ended before the schema upgrade: " + (running.isDone() ? running.get() : ""));
            Thread.sleep(100);
        }
        long master = Long.parseLong(Files.readString(lab.dir().resolve("node1/sshd.pid")).strip());
        // Every sshd process below node1's listener: the privileged monitor and the unprivileged child
        // that holds the socket (killing only the monitor leaves the connection up). The shells and
        // agents below them live on, as they do when a network drop ends a session.
        long cut = ProcessHandle.of(master).orElseThrow().descendants()
                .filter(p -> p.info().command().orElse("").contains("sshd"))
                .peek(ProcessHandle::destroyForcibly).count();
        assertTrue(cut >= 1, "node1 had a session to cut");

        CliRun run = running.get(600, TimeUnit.SECONDS);
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("node1: connection lost, reconnecting (attempt 1)..."), run.toString());
        JsonNode after = bed.fingerprint(node1, bed.newHome(node1));
        assertEquals(before.get("data_sha256"), after.get("data_sha256"), "every row intact");
        assertEquals(before.get("content_sha256"), after.get("content_sha256"), "every content file intact");
        assertEquals(10205, after.get("schema").asInt(), "the new database is at 5.2.7's schema");
        for (OpenSshLab.Node node : bed.nodes) {
            assertEquals(0, bed.status(node, bed.newHome(node)), node.name() + " runs " + NEW);
        }
        long upgraded = bed.nodes.stream()
                .filter(n -> !lines(bed.log(n, bed.newHome(n)), "Applying patch 'patch.db-V5.2").isEmpty()).count();
        assertEquals(1, upgraded, "the schema was upgraded by exactly one node, once");
        assertEquals(1, lines(bed.log(node1, bed.newHome(node1)), "Applied " ).stream()
                .filter(l -> l.contains("schema upgraded")).count(), "node1 upgraded the schema once");
    }
}
