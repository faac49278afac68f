package dev.drover.acs;

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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * playbooks/acs-backup.yml and acs-restore.yml end to end on a simulated 5.1 node of the OpenSSH lab
 * with PostgreSQL: a hot backup of the running node, retention, a failing step, and a restore of a
 * damaged node that the simulator's content integrity check and fingerprint then judge.
 */
@ExtendWith({OpenSshLab.class, PostgresLab.class})
class AcsBackupRestoreTest {
    private static final String LIVE_INDEX = "solr4/index/workspace/SpacesStore";

    @TempDir
    Path local;
    AcsTestbed bed;
    OpenSshLab.Node node;

    @AfterEach
    void tearDown() {
        if (bed != null) {
            bed.close();
        }
    }

    private void install(OpenSshLab.Lab lab, PostgresLab.Cluster pg) {
        bed = AcsTestbed.install(lab, pg, 1, false, local, Map.of());
        node = bed.nodes.get(0);
    }

    private CliRun run(String playbook, Map<String, Object> extra) {
        Map<String, Object> vars = new LinkedHashMap<>(extra);
        Path inventory = bed.inventory(Map.of(), vars);
        return AcsTestbed.drover("run", "-i", inventory.toString(), AcsTestbed.playbook(playbook));
    }

    private CliRun backup(Map<String, Object> vars) {
        return run("acs-backup.yml", vars);
    }

    private CliRun restore(String id, String confirm) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("acs_backup_id", id);
        if (confirm != null) {
            vars.put("acs_restore_confirm", confirm);
        }
        return run("acs-restore.yml", vars);
    }

    /** The set ids of the node, oldest first (ids sort by time). */
    private List<String> sets() {
        String out = bed.lab.ssh(node, "cd " + bed.work + "/backups 2>/dev/null && ls -1 | sort").stdout();
        return out.isBlank() ? List.of() : List.of(out.strip().split("\n"));
    }

    private String setDir(String id) {
        return bed.work + "/backups/" + id + "/" + node.name();
    }

    private boolean complete(String id) {
        return bed.exists(node, setDir(id) + "/repository/COMPLETE") && bed.exists(node, setDir(id) + "/nodes/" + node.name() + "/COMPLETE")
                && !bed.exists(node, setDir(id) + "/INCOMPLETE");
    }

    private String sh(String command) {
        return AcsTestbed.ok(bed.lab, node, command);
    }

    @Test
    void retentionKeepsTheNewestCompleteSets(OpenSshLab.Lab lab, PostgresLab.Cluster pg) {
        install(lab, pg);
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            CliRun run = backup(Map.of("acs_backup_keep", 2));
            assertEquals(0, run.exitCode(), run.toString());
            List<String> now = new ArrayList<>(sets());
            now.removeAll(made);
            assertEquals(1, now.size(), "one new set per run: " + now);
            made.add(now.get(0));
        }
        assertEquals(made.subList(2, 4), sets(), "exactly the newest 2 remain");
        assertTrue(complete(made.get(2)) && complete(made.get(3)));
        assertEquals(0, bed.status(node, bed.oldHome(node)));
    }

    @Test
    void aFailedStepLeavesAnIncompleteSetThatIsNeverRestoredNorIsATamperedOne(OpenSshLab.Lab lab, PostgresLab.Cluster pg) {
        install(lab, pg);
        assertEquals(0, backup(Map.of()).exitCode());
        String good = sets().get(0);
        JsonNode before = bed.fingerprint(node, bed.oldHome(node));

        // The dump fails (a wrong password: the pre-flight compares db.url and db.username with the
        // installation's, so another database name would be refused before any set is made).
        CliRun failed = backup(Map.of("acs_db_password", "wrong-password"));

        assertEquals(2, failed.exitCode(), failed.toString());
        assertTrue(failed.out().contains("BACKUP FAILED") && failed.out().contains("step 'database dump'"), failed.toString());
        List<String> ids = sets();
        assertEquals(2, ids.size(), ids.toString());
        String bad = ids.get(1);
        assertFalse(complete(bad));
        assertTrue(sh("cat " + setDir(bad) + "/INCOMPLETE").startsWith("FAILED at step 'database dump'"));
        assertTrue(complete(good), "the older set is untouched");

        CliRun latest = restore("latest", null);
        assertEquals(2, latest.exitCode(), latest.toString());
        assertTrue(latest.out().contains("Restoring " + setDir(good) + " REPLACES"), "latest is the complete set\n" + latest);
        assertTrue(latest.out().contains("acs_restore_confirm=" + bed.db.name()), latest.toString());
        CliRun explicit = restore(bad, bed.db.name());
        assertEquals(2, explicit.exitCode(), explicit.toString());
        assertTrue(explicit.out().contains("is not complete (FAILED at step 'database dump'"), explicit.toString());
        sh("cd " + setDir(good) + "/repository && printf x >> database.dump");
        CliRun tampered = restore(good, bed.db.name());
        assertEquals(2, tampered.exitCode(), tampered.toString());
        assertTrue(tampered.out().contains("database.dump: FAILED"), "a set that does not match its manifest is refused\n" + tampered);
        assertEquals(0, bed.status(node, bed.oldHome(node)), "refusals leave the node running");
        assertEquals(before, bed.fingerprint(node, bed.oldHome(node)), "and its data as it was");

        CliRun next = backup(Map.of());
        assertEquals(0, next.exitCode(), next.toString());
        assertFalse(sets().contains(bad), "the next complete backup deletes the older incomplete set");
        assertTrue(next.out().contains(bad + " FAILED at step 'database dump'"), "and says so\n" + next);
    }

    /**
     * Stores outside dir.root (as Alfresco's cluster guide configures them) are restored where the installation
     * keeps them: set aside by a rename beside each, the set's bytes put back there, nothing under dir.root in
     * their place. A store that cannot be set aside by a rename (its parent not writable here) is refused before
     * the node stops.
     */
    @Test
    void aRestoreOfStoresOutsideDirRootPutsThemBackWhereTheInstallationKeepsThem(OpenSshLab.Lab lab, PostgresLab.Cluster pg)
            throws SQLException {
        String home = AcsTestbed.ok(lab, lab.nodes().get(0), "echo $HOME").strip();
        String remote = home + "/acs-shared/srv-" + java.util.UUID.randomUUID();
        bed = AcsTestbed.install(lab, pg, 1, false, local, Map.of("dir.remote", remote,
                "dir.contentstore", "${dir.remote}/contentstore", "dir.keystore", "${dir.remote}/keystore"));
        node = bed.nodes.get(0);
        String home1 = bed.oldHome(node);
        String stores = "cd " + remote + " && find contentstore keystore -type f | sort | xargs sha256sum";
        try {
            assertEquals(0, backup(Map.of()).exitCode(), "the backup follows the absolute paths");
            JsonNode atBackup = bed.fingerprint(node, home1);
            String storeBytes = sh(stores);

            sh("chmod 555 " + remote);
            CliRun refused = restore("latest", bed.db.name());
            sh("chmod 755 " + remote);

            assertEquals(2, refused.exitCode(), refused.toString());
            assertTrue(refused.out().contains("the parent of " + remote + "/contentstore (contentstore), " + remote
                    + ", is not a directory this user can write") && refused.out().contains("Nothing was changed"), refused.toString());
            assertEquals(0, bed.status(node, home1), "the node was never stopped");
            assertEquals(atBackup, bed.fingerprint(node, home1), "its data untouched");
            assertEquals(storeBytes, sh(stores), "the shared stores untouched");

            // Damage: rows and content files deleted, the keystore's passwords file changed.
            try (Connection c = bed.db.connect(); Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM alf_node WHERE id IN (SELECT id FROM alf_node ORDER BY id LIMIT 5)");
            }
            sh("find " + remote + "/contentstore -name '*.bin' | head -3 | xargs rm -f && echo damaged >> " + remote
                    + "/keystore/keystore-passwords.properties");
            assertNotEquals(storeBytes, sh(stores), "the damage shows");
            String underDirRoot = "find " + bed.dirRoot(node) + "/contentstore " + bed.dirRoot(node) + "/keystore -type f 2>/dev/null | sort; true";
            String filesUnderDirRoot = sh(underDirRoot);

            CliRun run = restore("latest", bed.db.name());

            assertEquals(0, run.exitCode(), run.toString());
            assertEquals(0, bed.status(node, home1), "the node runs again, on the restored keystore and database");
            assertEquals(atBackup, bed.fingerprint(node, home1), "the data is what it was at backup time");
            assertEquals(storeBytes, sh(stores), "the stores are back where the installation keeps them, byte for byte");
            assertTrue(run.out().contains(remote + "/contentstore.pre-restore-"), "the report names the stores set aside\n" + run);
            String aside = sh("ls -d " + remote + "/contentstore.pre-restore-*").strip();
            assertTrue(Integer.parseInt(sh("find " + aside + " -name '*.bin' | wc -l").strip()) > 0,
                    "the damaged store is kept aside beside it: " + aside);
            assertTrue(sh("cat " + remote + "/keystore.pre-restore-*/keystore-passwords.properties").contains("damaged"),
                    "the damaged keystore is kept aside beside it");
            assertEquals(filesUnderDirRoot, sh(underDirRoot), "nothing restored under dir.root in their place");
        } finally {
            AcsTestbed.ok(lab, lab.nodes().get(0), "chmod -R u+w " + remote + " 2>/dev/null; rm -rf " + remote);
        }
    }

    /**
     * The hot backup of a running node, checked set by set, then the restore of that set after the node was damaged:
     * one backup serves both (the restore's checks were made on a set of its own before, the hot backup's on a node of
     * its own).
     */
    @Test
    void aHotBackupOfARunningNodeHoldsSolrsSnapshotTheDatabaseAndTheContentstoreAndItsRestoreBringsBackADamagedNode(
            OpenSshLab.Lab lab, PostgresLab.Cluster pg) throws SQLException {
        install(lab, pg);
        String home = bed.oldHome(node);
        String dirRoot = bed.dirRoot(node);
        JsonNode atBackup = bed.fingerprint(node, home);
        String index = sh("cd " + dirRoot + "/" + LIVE_INDEX + " && sha256sum *");
        String liveIndex = sh("cd " + bed.dirRoot(node) + "/" + LIVE_INDEX + " && sha256sum segments_1 _0.cfs");
        int startsBefore = AcsTestbed.lines(bed.log(node, home), "started (Enterprise)").size();

        long t0 = System.nanoTime();
        CliRun hot = backup(Map.of());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("acs-backup.yml wall time on the testbed: " + ms + " ms");

        assertEquals(0, hot.exitCode(), hot.toString());
        assertEquals(0, bed.status(node, home), "the node kept running");
        List<String> log = bed.log(node, home);
        assertTrue(AcsTestbed.lines(log, "Stopping the repository").isEmpty(), "the node was never stopped");
        assertEquals(startsBefore, AcsTestbed.lines(log, "started (Enterprise)").size(), "nor restarted");
        List<String> ids = sets();
        assertEquals(1, ids.size(), ids.toString());
        assertTrue(ids.get(0).startsWith("backup-"), ids.toString());
        assertTrue(complete(ids.get(0)), "the set is complete");
        String repo = setDir(ids.get(0)) + "/repository";
        sh("cd " + repo + " && sha256sum --check --strict --quiet MANIFEST.sha256");
        List<String> parts = List.of(sh("cat " + repo + "/PARTS").strip().split("\n"));
        assertTrue(parts.contains("contentstore") && parts.contains("database"), parts.toString());
        assertTrue(parts.stream().anyMatch(p -> p.matches("solr4Backup/alfresco/snapshot\\.\\d{17}")), parts.toString());
        assertTrue(parts.stream().anyMatch(p -> p.matches("solr4Backup/archive/snapshot\\.\\d{17}")), parts.toString());
        assertFalse(parts.stream().anyMatch(p -> p.startsWith("solr4/index")), "never the live index: " + parts);
        assertEquals("PGDMP", sh("head -c 5 " + repo + "/database.dump"), "a pg_dump custom-format dump");
        String snapshot = parts.stream().filter(p -> p.startsWith("solr4Backup/alfresco/")).findFirst().orElseThrow();
        String snapName = snapshot.substring(snapshot.lastIndexOf('/') + 1);
        String archived = sh("mkdir -p /tmp/snap-$$ && cd /tmp/snap-$$ && tar xzf " + repo + "/" + snapshot.replace('/', '_')
                + ".tar.gz && cd " + snapName + " && sha256sum segments_1 _0.cfs; rm -rf /tmp/snap-$$");
        assertEquals(liveIndex, archived, "the set holds Solr's snapshot of the index");
        String contentFiles = sh("tar tzf " + repo + "/contentstore.tar.gz | grep -c '\\.bin$'").strip();
        // Every file of the store: the user content and the system content the repository bootstrapped
        // (the fingerprint's content_files counts the user content only).
        assertEquals(sh("find " + bed.dirRoot(node) + "/contentstore -name '*.bin' | wc -l").strip(), contentFiles);
        assertTrue(sh("cat " + repo + "/SOLR_SNAPSHOTS").contains(LIVE_INDEX + " " + snapshot));
        String id = ids.get(0);

        // Damage: rows and content files deleted, the Solr index cut short, a Solr model left.
        try (Connection c = bed.db.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM alf_node WHERE id IN (SELECT id FROM alf_node ORDER BY id LIMIT 5)");
        }
        sh("find " + dirRoot + "/contentstore -name '*.bin' | head -3 | xargs rm -f && rm -f " + dirRoot + "/" + LIVE_INDEX
                + "/_0.cfs && mkdir -p " + dirRoot + "/solr4/model/alfresco && touch " + dirRoot + "/solr4/model/alfresco/x.xml");
        assertNotEquals(atBackup, bed.fingerprint(node, home), "the damage shows");

        CliRun run = restore("latest", bed.db.name());

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("RESTORED " + setDir(id)), run.toString());
        assertEquals(0, bed.status(node, home), "the node runs again");
        List<String> restored = bed.log(node, home);
        assertTrue(AcsTestbed.lines(restored, "CONTENT INTEGRITY ERROR").isEmpty(), "its content check passed");
        assertTrue(restored.get(restored.size() - 1).contains("started (Enterprise)")
                || !AcsTestbed.lines(restored, "No changes were made to the schema.").isEmpty());
        assertEquals(atBackup, bed.fingerprint(node, home), "the data is what it was at backup time");
        assertEquals(index, sh("cd " + dirRoot + "/" + LIVE_INDEX + " && sha256sum *"), "the index is Solr's backup of it");
        assertFalse(bed.exists(node, dirRoot + "/solr4/model"), "Solr models are deleted so Solr rebuilds them");
        String aside = sh("ls -d " + dirRoot + "/pre-restore-*").strip();
        assertTrue(bed.exists(node, aside + "/contentstore"), "the damaged contentstore is kept aside: " + aside);
        try (Connection c = pg.connectAdmin(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM pg_database WHERE datname LIKE '" + bed.db.name() + "_pre_restore_%'")) {
            r.next();
            assertEquals(1, r.getInt(1), "the damaged database is kept aside under a new name");
        }
    }
}
