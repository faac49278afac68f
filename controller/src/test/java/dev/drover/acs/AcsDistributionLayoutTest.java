package dev.drover.acs;

import static dev.drover.acs.AcsTestbed.NEW;
import static dev.drover.acs.AcsTestbed.OLD;
import static dev.drover.acs.AcsTestbed.lines;
import static dev.drover.acs.AcsTestbed.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.cli.CliRun;
import dev.drover.testing.OpenSshLab;
import dev.drover.testing.PostgresLab;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ACS playbooks on installations of the 5.2+ distribution zip (acs_layout: distribution): each node is the
 * zip deployed into an operator's Tomcat at {@code <home>/tomcat}, started and stopped with its
 * {@code catalina.sh} (whose stop returns before the JVM exits), no {@code alfresco.sh}. The new version's
 * distribution zip is deployed by the playbook into a Tomcat of its own. Checked from the nodes' real state,
 * on the OpenSSH lab with PostgreSQL.
 */
@ExtendWith({OpenSshLab.class, PostgresLab.class})
class AcsDistributionLayoutTest {
    @TempDir
    Path local;
    AcsTestbed bed;

    @AfterEach
    void tearDown() {
        if (bed != null) {
            bed.close();
        }
    }

    private CliRun run(String playbook, Map<String, Object> vars, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "-i", bed.inventory(Map.of(), vars).toString(),
                AcsTestbed.playbook(playbook)));
        args.addAll(List.of(extra));
        return AcsTestbed.drover(args.toArray(new String[0]));
    }

    /** sha256 of the old installation's Tomcat and distribution files that no upgrade may write. */
    private String oldInstallationSums(OpenSshLab.Node node) {
        String home = bed.oldHome(node);
        return ok(bed.lab, node, "cd " + home + " && sha256sum tomcat/webapps/alfresco.war tomcat/conf/server.xml"
                + " tomcat/bin/catalina.sh tomcat/shared/classes/alfresco-global.properties bin/alfresco-mmt.jar");
    }

    private void assertUpgraded(OpenSshLab.Node node, int starts) {
        String newHome = bed.newHome(node);
        assertEquals(0, bed.status(node, newHome), node.name() + " runs " + NEW + " (its Tomcat's pid file)");
        assertEquals(3, bed.status(node, bed.oldHome(node)), node.name() + "'s " + OLD + " is stopped");
        assertFalse(bed.exists(node, newHome + "/alfresco.sh"), "the new version is in the distribution layout too");
        assertTrue(bed.exists(node, newHome + "/tomcat/bin/catalina.sh"), "the new version has a Tomcat of its own");
        String props = ok(bed.lab, node, "cat " + newHome + "/tomcat/shared/classes/alfresco-global.properties");
        assertTrue(props.contains("db.url=jdbc:postgresql://" + bed.db.host() + ":" + bed.db.port() + "/" + bed.db.name() + "_527"),
                node.name() + "'s new version uses the new database\n" + props);
        assertEquals(starts, lines(bed.log(node, newHome), "Alfresco Content Services started").size(),
                node.name() + ": validation, customization and production starts");
    }

    @Test
    void aSingleNodeOfTheDistributionZipIsUpgradedIntoATomcatOfItsOwnAndTheOldOneRemovedOnlyWhenAsked(
            OpenSshLab.Lab lab, PostgresLab.Cluster pg) {
        bed = AcsTestbed.installDistribution(lab, pg, 1, false, local);
        OpenSshLab.Node node = bed.nodes.get(0);
        JsonNode before = bed.fingerprint(node, bed.oldHome(node));
        String oldFiles = oldInstallationSums(node);

        // One backup id for both runs: remove_old verifies the set the upgrade took.
        CliRun run = run("acs-upgrade.yml", Map.of(), "-e", "acs_backup_id=dist-upgrade");

        assertEquals(0, run.exitCode(), run.toString());
        JsonNode after = bed.fingerprint(node, bed.newHome(node));
        assertEquals(before.get("data_sha256"), after.get("data_sha256"), "every row intact\n" + before + "\n" + after);
        assertEquals(before.get("content_sha256"), after.get("content_sha256"), "every content file intact");
        assertEquals(10205, after.get("schema").asInt(), "the new database is at " + NEW + "'s schema");
        assertEquals(before, bed.fingerprint(node, bed.oldHome(node)), "production's database and repository untouched");
        assertUpgraded(node, 3);
        assertEquals(oldFiles, oldInstallationSums(node), "the old installation and its Tomcat are kept, unwritten");
        // The old Tomcat was stopped with catalina.sh and waited for: its JVM logged its last stop line.
        assertTrue(ok(lab, node, "cat " + bed.oldHome(node) + "/tomcat/logs/catalina.out").contains("Destroying ProtocolHandler"));

        CliRun remove = run("acs-upgrade.yml", Map.of(), "-e", "acs_backup_id=dist-upgrade", "-e", "remove_old=true");

        assertEquals(0, remove.exitCode(), remove.toString());
        assertFalse(bed.exists(node, bed.oldHome(node)), "remove_old deleted the old installation, Tomcat included");
        assertUpgraded(node, 3);
    }

    @Test
    void aClusterOfDistributionZipNodesIsUpgradedNodeByNodeWithTheSchemaUpgradedOnce(OpenSshLab.Lab lab,
            PostgresLab.Cluster pg) {
        bed = AcsTestbed.installDistribution(lab, pg, 2, true, local);
        OpenSshLab.Node node1 = bed.nodes.get(0);
        JsonNode before = bed.fingerprint(node1, bed.oldHome(node1));
        List<String> oldFiles = bed.nodes.stream().map(this::oldInstallationSums).toList();

        CliRun run = run("acs-cluster-upgrade.yml", Map.of());

        assertEquals(0, run.exitCode(), run.toString());
        JsonNode after = bed.fingerprint(node1, bed.newHome(node1));
        assertEquals(before.get("data_sha256"), after.get("data_sha256"), "every row intact");
        assertEquals(before.get("content_sha256"), after.get("content_sha256"), "every content file intact");
        assertEquals(10205, after.get("schema").asInt());
        assertEquals(before, bed.fingerprint(node1, bed.oldHome(node1)), "production's database and shared repository untouched");
        for (OpenSshLab.Node node : bed.nodes) {
            assertUpgraded(node, 3);
            assertEquals(oldFiles.get(bed.nodes.indexOf(node)), oldInstallationSums(node), node.name() + "'s old installation kept");
        }
        assertFalse(lines(bed.log(node1, bed.newHome(node1)), "Applying patch 'patch.db-V5.2").isEmpty(), "node1 upgrades the schema");
        OpenSshLab.Node node2 = bed.nodes.get(1);
        assertTrue(lines(bed.log(node2, bed.newHome(node2)), "Applying patch 'patch.db-V5.2").isEmpty(), "node2 finds it upgraded");
    }

    /**
     * The common distribution install: the operator's Tomcat is not inside the directory the zip was unpacked in
     * ({@code acs_current_tomcat}). The upgrade stops that Tomcat, leaves its files unwritten, and runs the new
     * version in a Tomcat of its own.
     */
    @Test
    void aTomcatOutsideTheInstallationIsStoppedKeptUnwrittenAndTheNewVersionRunsInATomcatOfItsOwn(OpenSshLab.Lab lab,
            PostgresLab.Cluster pg) {
        bed = AcsTestbed.installDistribution(lab, pg, 1, false, local);
        OpenSshLab.Node node = bed.nodes.get(0);
        String home = bed.oldHome(node);
        String tomcat = bed.work + "/" + node.name() + "/tomcat-operator";
        JsonNode before = bed.fingerprint(node, home); // the simulator's tool finds the properties under <home>/tomcat
        ok(lab, node, home + "/tomcat/bin/catalina.sh stop >/dev/null && for i in $(seq 1 300); do pid=$(cat " + home
                + "/tomcat/temp/catalina.pid 2>/dev/null); [ -n \"$pid\" ] && kill -0 \"$pid\" 2>/dev/null || break; sleep 0.1;"
                + " done && rm -f " + home + "/tomcat/temp/catalina.pid && mv " + home + "/tomcat " + tomcat + " && mv " + home
                + "/alfresco.log " + home + "/alfresco.log.1"); // the wait below looks for the next start's line
        bed.startAndWait(node, home, "cd " + home + " && " + tomcat + "/bin/catalina.sh start");
        String sums = "cd " + tomcat + " && sha256sum webapps/alfresco.war conf/server.xml bin/catalina.sh"
                + " shared/classes/alfresco-global.properties";
        String oldTomcatFiles = ok(lab, node, sums);

        CliRun run = AcsTestbed.drover("run", "-i", bed.inventory(Map.of(node.name(), Map.of("acs_current_tomcat", tomcat)),
                Map.of()).toString(), AcsTestbed.playbook("acs-upgrade.yml"));

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(3, lab.ssh(node, "pid=$(cat " + tomcat + "/temp/catalina.pid 2>/dev/null) && [ -n \"$pid\" ]"
                + " && kill -0 \"$pid\" 2>/dev/null && exit 0; exit 3").exitCode(), "the operator's Tomcat is stopped");
        assertEquals(oldTomcatFiles, ok(lab, node, sums), "and its files are as they were");
        assertFalse(bed.exists(node, home + "/tomcat"), "no Tomcat was made inside the old installation");
        assertUpgraded(node, 3);
        JsonNode after = bed.fingerprint(node, bed.newHome(node));
        assertEquals(before.get("data_sha256"), after.get("data_sha256"), "every row intact");
        assertEquals(before.get("content_sha256"), after.get("content_sha256"), "every content file intact");
    }

    /**
     * On one node: the pre-flight tells the layouts apart and refuses one that is not the inventory's, and a running
     * node whose pid file names no process, each before anything stops, naming the host, the path and what was
     * expected. Then backup and restore on the distribution layout: the hot backup of the running node, then, after
     * rows and content files were lost, the restore that stops its Tomcat with catalina.sh, puts the data back and
     * starts it again. The refusals change nothing (each case checks that) and the cases' own changes are undone
     * before the backup, so both parts need no installation of their own.
     */
    @Test
    void aLayoutOtherThanTheInventorysIsRefusedBeforeAnythingStopsAndAHotBackupAndARestoreOfADamagedDistributionNodeBringBackItsData(
            OpenSshLab.Lab lab, PostgresLab.Cluster pg) throws SQLException {
        bed = AcsTestbed.installDistribution(lab, pg, 1, false, local);
        OpenSshLab.Node node = bed.nodes.get(0);
        String home = bed.oldHome(node);
        String setenv = home + "/tomcat/bin/setenv.sh";
        ok(lab, node, "cp -p " + setenv + " " + bed.work + "/setenv.sh.orig");
        List<Object[]> cases = List.of(
                new Object[] {"true", Map.of("acs_layout", "installer"),
                    "node1: acs_layout is installer, but " + home + " has no alfresco.sh (expected " + home + "/alfresco.sh) while "
                            + home + "/tomcat/bin/catalina.sh is there"},
                new Object[] {"touch " + home + "/alfresco.sh", Map.of(),
                    "node1: acs_layout is distribution, but " + home + "/alfresco.sh exists"},
                new Object[] {"rm " + home + "/alfresco.sh && mv " + home + "/tomcat/bin/catalina.sh " + home + "/tomcat/bin/catalina.sh.off",
                    Map.of("acs_layout", "installer"),
                    "node1: no ACS installation in the installer's layout at " + home + ": " + home + "/alfresco.sh is missing"},
                new Object[] {"true", Map.of(), "node1: acs_layout is distribution, but " + home + "/tomcat/bin/catalina.sh is missing"},
                new Object[] {"mv " + home + "/tomcat/bin/catalina.sh.off " + home + "/tomcat/bin/catalina.sh && cp " + home
                        + "/tomcat/temp/catalina.pid " + bed.work + "/pid && rm " + home + "/tomcat/temp/catalina.pid", Map.of(),
                    "node1: ACS answers on http://" + node.address() + ":" + bed.httpPort + ", but " + home
                            + "/tomcat/temp/catalina.pid names no running process"},
                new Object[] {"cp " + bed.work + "/pid " + home + "/tomcat/temp/catalina.pid", Map.of("acs_layout", "zip"),
                    "node1: acs_layout is 'zip'"},
                // Copied into the new version's Tomcat, this setting would make the new JVM use the old one's files.
                new Object[] {"echo 'CATALINA_PID=" + home + "/tomcat/temp/catalina.pid' >> " + home + "/tomcat/bin/setenv.sh", Map.of(),
                    "node1: the new version's Tomcat will be a copy of " + home + "/tomcat, whose configuration names the old"
                            + " installation by its absolute path: " + home + "/tomcat/bin/setenv.sh:3:CATALINA_PID=" + home});
        for (Object[] c : cases) {
            ok(lab, node, (String) c[0]);
            @SuppressWarnings("unchecked")
            CliRun run = run("acs-upgrade.yml", (Map<String, Object>) c[1]);
            assertEquals(2, run.exitCode(), c[1] + "\n" + run);
            assertTrue(run.out().contains((String) c[2]), c[2] + "\n" + run);
            // Asked over HTTP: one case has taken the pid file away.
            assertEquals(200, AcsTestbed.httpStatus(node.address(), bed.httpPort, "/alfresco/service/api/server"),
                    OLD + " still answers after " + c[0] + " " + c[1]);
            assertFalse(bed.exists(node, bed.newHome(node)), "nothing installed after " + c[1]);
        }
        // The last case's setting undone: the installation as installed again.
        ok(lab, node, "cp -p " + bed.work + "/setenv.sh.orig " + setenv);

        JsonNode atBackup = bed.fingerprint(node, home);
        String oldFiles = oldInstallationSums(node);

        CliRun backup = run("acs-backup.yml", Map.of(), "-e", "acs_backup_id=dist-backup");
        assertEquals(0, backup.exitCode(), backup.toString());
        assertEquals(0, bed.status(node, home), "the hot backup left the node running");
        try (Connection c = bed.db.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM alf_node WHERE id IN (SELECT id FROM alf_node ORDER BY id LIMIT 5)");
        }
        ok(lab, node, "find " + bed.dirRoot(node) + "/contentstore -name '*.bin' | head -3 | xargs rm -f");
        assertNotEquals(atBackup, bed.fingerprint(node, home), "the damage shows");

        CliRun restore = run("acs-restore.yml", Map.of("acs_backup_id", "dist-backup", "acs_restore_confirm", bed.db.name()));

        assertEquals(0, restore.exitCode(), restore.toString());
        assertEquals(0, bed.status(node, home), "the node's Tomcat runs again");
        assertEquals(atBackup, bed.fingerprint(node, home), "the data is what it was at backup time");
        assertEquals(oldFiles, oldInstallationSums(node), "the Tomcat and the distribution's files are as they were");
        assertTrue(ok(lab, node, "cat " + home + "/tomcat/logs/catalina.out").contains("Destroying ProtocolHandler"),
                "the restore stopped the Tomcat with catalina.sh and waited for its JVM");
    }
}
