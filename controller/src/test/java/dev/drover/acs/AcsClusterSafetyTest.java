package dev.drover.acs;

import static dev.drover.acs.AcsTestbed.OLD;
import static dev.drover.acs.AcsTestbed.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.cli.CliRun;
import dev.drover.testing.OpenSshLab;
import dev.drover.testing.PostgresLab;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * playbooks/acs-cluster-upgrade.yml never leaves a cluster down and decides from the nodes' state
 * (issue 11): a failure after every node was stopped puts the old version back on each, one at a
 * time. (A run again with --limit after a successful upgrade, which changes nothing, is checked on the upgraded
 * cluster of AcsClusterUpgradeTest: a cluster upgrade of its own here cost about half of this class.)
 */
@ExtendWith({OpenSshLab.class, PostgresLab.class})
class AcsClusterSafetyTest {
    @TempDir
    Path local;
    AcsTestbed bed;

    @AfterEach
    void tearDown() {
        if (bed != null) {
            bed.close();
        }
    }

    private CliRun upgrade(Map<String, Object> vars, String... extra) {
        Path inventory = bed.inventory(Map.of(), vars);
        String[] args = new String[4 + extra.length];
        args[0] = "run";
        args[1] = "-i";
        args[2] = inventory.toString();
        args[3] = AcsTestbed.playbook("acs-cluster-upgrade.yml");
        System.arraycopy(extra, 0, args, 4, extra.length);
        return AcsTestbed.drover(args);
    }

    @Test
    void aBackupThatFailsAfterEveryNodeStoppedPutsTheOldVersionBackOnEveryNode(OpenSshLab.Lab lab, PostgresLab.Cluster pg) {
        bed = AcsTestbed.install(lab, pg, 3, true, local, Map.of());
        OpenSshLab.Node node1 = bed.nodes.get(0);
        JsonNode before = bed.fingerprint(node1, bed.oldHome(node1));
        // The backup cannot write its database dump (as on a full or broken backup disk).
        String set = bed.work + "/backups/upgrade-broken";
        AcsTestbed.ok(lab, node1, "mkdir -p " + set + "/repository/database.dump");

        CliRun run = upgrade(Map.of("acs_backup_id", "upgrade-broken"));

        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.out().contains("UPGRADE FAILED: node1 failed before any node was upgraded"), run.toString());
        for (OpenSshLab.Node node : bed.nodes) {
            assertEquals(0, bed.status(node, bed.oldHome(node)), node.name() + " runs " + OLD + " again");
            assertFalse(bed.exists(node, bed.newHome(node)), node.name() + ": nothing installed");
            // Started twice: by the testbed, then put back by the run, watched to the success line.
            assertEquals(2, lines(bed.log(node, bed.oldHome(node)), "started (Enterprise)").size(), node.name());
            assertTrue(run.out().contains(node.name() + ": started again (success line seen"), run.toString());
        }
        assertEquals(before, bed.fingerprint(node1, bed.oldHome(node1)), "production as before");
    }
}
