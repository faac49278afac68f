package dev.drover.acs;

import static dev.drover.acs.AcsTestbed.NEW;
import static dev.drover.acs.AcsTestbed.OLD;
import static dev.drover.acs.AcsTestbed.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.cli.CliRun;
import dev.drover.testing.OpenSshLab;
import dev.drover.testing.PostgresLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * playbooks/acs-cluster-upgrade.yml end to end: three simulated ACS 5.1.0 nodes on the real
 * OpenSSH lab, one PostgreSQL database and one shared repository seeded with production data,
 * upgraded to 5.2.7. Everything is checked from the nodes' own state: the simulator's fingerprint of
 * the data, the nodes' logs and which installation runs.
 */
@ExtendWith({OpenSshLab.class, PostgresLab.class})
class AcsClusterUpgradeTest {
    @TempDir
    Path local;
    AcsTestbed bed;

    @AfterEach
    void tearDown() {
        if (bed != null) {
            bed.close();
        }
    }

    private CliRun upgrade(Map<String, Map<String, Object>> perHost, String... extra) {
        Path inventory = bed.inventory(perHost, Map.of());
        String[] args = new String[3 + extra.length + 1];
        args[0] = "run";
        args[1] = "-i";
        args[2] = inventory.toString();
        args[3] = AcsTestbed.playbook("acs-cluster-upgrade.yml");
        System.arraycopy(extra, 0, args, 4, extra.length);
        return AcsTestbed.drover(args);
    }

    /** The time (log4j's, from the node's clock) of a log line: "2026-11-28 18:17:05,348 ...". */
    private static String time(String line) {
        return line.substring(0, 23);
    }

    /**
     * The whole rollout, with node1's connection cut while node1 upgrades the schema: every sshd session process
     * serving node1 is killed (what a network drop does to the session) as soon as node1's log says a patch is being
     * applied. drover reconnects, reattaches to the step, the upgrade completes, node2 and node3 follow, and the data
     * is intact. The tests run on the lab's own machine, so they read node1's log and signal its sshd directly.
     * (The cut was a class of its own, AcsClusterUpgradeReconnectTest, repeating this install and upgrade; every
     * other start of this run, and the upgrades of the other ACS classes, run uncut.) Then a run again with --limit.
     */
    @Test
    void upgradesEveryNodeInOrderWithTheSchemaUpgradedOnceAndNoDataLostThroughAConnectionCutAndARunAgainWithLimitChangesNothing(
            OpenSshLab.Lab lab, PostgresLab.Cluster pg) throws Exception {
        bed = AcsTestbed.install(lab, pg, 3, true, local, Map.of());
        OpenSshLab.Node node1 = bed.nodes.get(0);
        JsonNode before = bed.fingerprint(node1, bed.oldHome(node1));
        Map<String, String> slow = new java.util.LinkedHashMap<>(bed.nodeProperties(node1));
        slow.put("sim.upgrade.delay.ms", "12000"); // a schema upgrade long enough to be cut in the middle
        Path inventory = bed.inventory(Map.of("node1", Map.of("acs_node_properties", slow, "drover_keepalive_interval", 2)),
                Map.of());

        CompletableFuture<CliRun> running = CompletableFuture.supplyAsync(() -> AcsTestbed.drover("run", "-i",
                inventory.toString(), AcsTestbed.playbook("acs-cluster-upgrade.yml")));
        Path node1Log = Path.of(bed.newHome(node1), "alfresco.log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (!(Files.exists(node1Log) && Files.readString(node1Log).contains("Applying patch 'patch.db-V5.2"))) {
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
        assertEquals(1, lines(bed.log(node1, bed.newHome(node1)), "Applied ").stream()
                .filter(l -> l.contains("schema upgraded")).count(), "node1 upgraded the schema once");
        JsonNode after = bed.fingerprint(node1, bed.newHome(node1));
        assertEquals(before.get("data_sha256"), after.get("data_sha256"), "every row intact\n" + before + "\n" + after);
        assertEquals(before.get("content_sha256"), after.get("content_sha256"), "every content file intact");
        assertEquals(before.get("rows"), after.get("rows"));
        assertEquals(10205, after.get("schema").asInt(), "the new database is at 5.2.7's schema");
        assertEquals(before.get("cluster_name"), after.get("cluster_name"), "the cluster keeps its name");
        assertEquals(before, bed.fingerprint(node1, bed.oldHome(node1)), "production's own database and repository untouched");

        String previousSuccess = null;
        for (OpenSshLab.Node node : bed.nodes) {
            List<String> log = bed.log(node, bed.newHome(node));
            List<String> patches = lines(log, "Applying patch");
            List<String> successes = lines(log, "Alfresco Content Services started");
            // validation, customization test, production: three starts of the new version per node.
            assertEquals(3, successes.size(), node.name() + ": " + successes);
            List<String> unchanged = lines(log, "No changes were made to the schema.");
            if (node == node1) {
                assertFalse(patches.isEmpty(), "node1 upgrades the schema");
            } else {
                assertTrue(unchanged.size() >= 1, node.name() + " finds the schema current: " + log);
                // Its production start (the last start) began after the previous node's success line.
                String productionStart = unchanged.get(unchanged.size() - 1);
                assertTrue(time(productionStart).compareTo(previousSuccess) > 0,
                        node.name() + " started at " + time(productionStart) + ", before the previous node's success at " + previousSuccess);
            }
            previousSuccess = time(successes.get(successes.size() - 1));
            assertEquals(0, bed.status(node, bed.newHome(node)), node.name() + " runs " + NEW);
            assertEquals(3, bed.status(node, bed.oldHome(node)), node.name() + "'s " + OLD + " is stopped");
            assertTrue(bed.exists(node, bed.oldHome(node) + "/alfresco.sh"), "the old installation stays without remove_old");
        }
        // Only the first node's production start ran patches: the validation runs were fresh installs.
        long upgraded = bed.nodes.stream().filter(n -> !lines(bed.log(n, bed.newHome(n)), "Applying patch 'patch.db-V5.2").isEmpty()).count();
        assertEquals(1, upgraded, "the schema was upgraded by exactly one node");

        // A run again with --limit after the successful upgrade changes nothing (issue 11: the playbook decides from the
        // nodes' state). On this cluster rather than a second one: the upgrade it follows is the one checked above.
        JsonNode upgradedData = bed.fingerprint(node1, bed.newHome(node1));
        String pids = AcsTestbed.ok(lab, node1, "cat " + bed.work + "/node*/alfresco-content-services-" + NEW + "/tomcat/temp/catalina.pid");
        // node2 is the first host of this run; node1 (rank 1) still restores and upgrades the database.
        CliRun again = upgrade(Map.of(), "--limit", "node2,node3");

        assertEquals(0, again.exitCode(), again.toString());
        assertEquals(pids, AcsTestbed.ok(lab, node1, "cat " + bed.work + "/node*/alfresco-content-services-" + NEW + "/tomcat/temp/catalina.pid"),
                "no node was restarted");
        for (OpenSshLab.Node node : bed.nodes) {
            assertEquals(0, bed.status(node, bed.newHome(node)), node.name() + " still runs " + NEW);
            assertEquals(3, lines(bed.log(node, bed.newHome(node)), "Alfresco Content Services started").size(), node.name());
        }
        assertEquals(upgradedData, bed.fingerprint(node1, bed.newHome(node1)), "the new repository and database untouched");
        assertFalse(again.out().contains("Wipe the new repository"), "nothing wiped\n" + again);
    }

    @Test
    void aFailedSchemaUpgradeOnTheFirstNodeRollsTheClusterBackToTheOldVersion(OpenSshLab.Lab lab, PostgresLab.Cluster pg) {
        bed = AcsTestbed.install(lab, pg, 3, true, local, Map.of());
        OpenSshLab.Node node1 = bed.nodes.get(0);
        JsonNode before = bed.fingerprint(node1, bed.oldHome(node1));
        Map<String, String> faulty = new java.util.LinkedHashMap<>(bed.nodeProperties(node1));
        faulty.put("sim.fault", "schema-failure");
        faulty.put("sim.fault.only.on.upgrade", "true");

        CliRun run = upgrade(Map.of("node1", Map.of("acs_node_properties", faulty)));

        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.out().contains("UPGRADE FAILED: node1 failed and was ROLLED BACK"), run.toString());
        // The first fatal line of the failed upgrade, quoted from the node's log.
        assertTrue(run.out().contains("fatal line in the start: ") && run.out().contains("Statement execution failed"),
                "the message names the fatal line\n" + run);
        for (OpenSshLab.Node node : bed.nodes) {
            assertEquals(0, bed.status(node, bed.oldHome(node)), node.name() + " runs " + OLD + " again");
        }
        assertEquals(3, bed.status(node1, bed.newHome(node1)), "the failed new version is stopped");
        assertFalse(bed.exists(bed.nodes.get(1), bed.newHome(bed.nodes.get(1))), "node2 was never touched by the upgrade");
        assertEquals(before, bed.fingerprint(node1, bed.oldHome(node1)), "nothing lost: production data as before");
        // The other nodes were put back one at a time, each watched to its success line, after node1's.
        for (OpenSshLab.Node node : bed.nodes.subList(1, 3)) {
            assertTrue(run.out().contains(node.name() + ": started again (success line seen"), run.toString());
        }
        List<String> node2Starts = lines(bed.log(bed.nodes.get(1), bed.oldHome(bed.nodes.get(1))), "started (Enterprise)");
        List<String> node3Starts = lines(bed.log(bed.nodes.get(2), bed.oldHome(bed.nodes.get(2))), "started (Enterprise)");
        assertEquals(2, node2Starts.size(), "node2: " + node2Starts);
        assertTrue(time(node3Starts.get(1)).compareTo(time(node2Starts.get(1))) > 0, "node3 after node2");
    }

    @Test
    void aFailureOnTheSecondNodeStopsTheRolloutBeforeTheThirdAndResumeFinishesIt(OpenSshLab.Lab lab, PostgresLab.Cluster pg) {
        bed = AcsTestbed.install(lab, pg, 3, true, local, Map.of());
        OpenSshLab.Node node1 = bed.nodes.get(0);
        OpenSshLab.Node node2 = bed.nodes.get(1);
        OpenSshLab.Node node3 = bed.nodes.get(2);
        JsonNode before = bed.fingerprint(node1, bed.oldHome(node1));
        Map<String, String> faulty = new java.util.LinkedHashMap<>(bed.nodeProperties(node2));
        faulty.put("sim.fault", "content-integrity");

        CliRun run = upgrade(Map.of("node2", Map.of("acs_node_properties", faulty)));

        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.out().contains("UPGRADE FAILED on node2; the rollout stops here"), run.toString());
        assertTrue(run.out().contains("CONTENT INTEGRITY ERROR"), run.toString());
        assertEquals(0, bed.status(node1, bed.newHome(node1)), "node1 runs " + NEW);
        assertEquals(3, bed.status(node2, bed.newHome(node2)), "node2's failed new version is stopped");
        assertEquals(3, bed.status(node2, bed.oldHome(node2)), "node2 is not started on the old version (split cluster)");
        assertFalse(bed.exists(node3, bed.newHome(node3)), "node3 untouched by the upgrade");
        assertTrue(run.out().contains("never started: node3"), run.toString());

        // The operator fixes node2 (here: the fault leaves its settings and the inventory) and resumes the run.
        java.util.regex.Matcher hint = java.util.regex.Pattern.compile("To resume: drover run --resume (\\S+)").matcher(run.out());
        assertTrue(hint.find(), run.toString());
        bed.inventory(Map.of(), Map.of());
        AcsTestbed.ok(lab, node2, "sed -i '/^sim.fault=/d' " + bed.newHome(node2) + "/tomcat/shared/classes/alfresco-global.properties");
        CliRun resumed = AcsTestbed.drover("run", "--resume", hint.group(1));

        assertEquals(0, resumed.exitCode(), resumed.toString());
        for (OpenSshLab.Node node : bed.nodes) {
            assertEquals(0, bed.status(node, bed.newHome(node)), node.name() + " runs " + NEW + " after the resume");
        }
        assertEquals(3, lines(bed.log(node1, bed.newHome(node1)), "Alfresco Content Services started").size(),
                "node1 was not started again by the resumed run");
        JsonNode after = bed.fingerprint(node1, bed.newHome(node1));
        assertEquals(before.get("data_sha256"), after.get("data_sha256"));
        assertEquals(before.get("content_sha256"), after.get("content_sha256"));
    }
}
