package dev.drover.acs;

import static dev.drover.acs.AcsTestbed.NEW;
import static dev.drover.acs.AcsTestbed.OLD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.cli.CliRun;
import dev.drover.testing.OpenSshLab;
import dev.drover.testing.PostgresLab;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * playbooks/acs-upgrade.yml end to end on one simulated node of the OpenSSH lab with PostgreSQL:
 * customizations (an AMP through the MMT, the module checked on the running node), the
 * multi-tenancy step, and the clone isolation pre-flight.
 */
@ExtendWith({OpenSshLab.class, PostgresLab.class})
class AcsSingleNodeUpgradeTest {
    @TempDir
    Path local;
    AcsTestbed bed;

    @AfterEach
    void tearDown() {
        if (bed != null) {
            bed.close();
        }
    }

    private CliRun upgrade(Map<String, Object> vars) {
        Path inventory = bed.inventory(Map.of(), vars);
        return AcsTestbed.drover("run", "-i", inventory.toString(), AcsTestbed.playbook("acs-upgrade.yml"));
    }

    /**
     * One upgrade checks two things that do not touch each other (the clone's isolation check and cluster rename are
     * a pre-flight step and a restore step; AMPs, multi-tenancy and remove_old are the customization and the last
     * step): each used to cost an installation and an upgrade of its own.
     */
    @Test
    void upgradesWithAnAmpAndTheMultiTenancyStepKeepingTheDataThenRemovesTheOldVersionAndAnIsolatedCloneGetsANewClusterName(
            OpenSshLab.Lab lab, PostgresLab.Cluster pg) throws IOException, SQLException {
        bed = AcsTestbed.install(lab, pg, 1, false, local, Map.of());
        OpenSshLab.Node node = bed.nodes.get(0);
        String mt = bed.oldHome(node) + "/tomcat/shared/classes/alfresco/extension/mt";
        AcsTestbed.ok(lab, node, "mkdir -p " + mt + " && for f in mt-context mt-admin-context mt-contentstore-context; do"
                + " echo '<beans/>' > " + mt + "/$f.xml; done");
        String amp = bed.work + "/dist/acme-records-2.1.0.amp";
        AcsTestbed.ok(lab, node, "java -jar " + AcsTestbed.SIM_JAR + " amp --id acme-records --version 2.1.0 --out " + amp);
        JsonNode before = bed.fingerprint(node, bed.oldHome(node));
        List<String> production = clusterNameRows(bed.db);
        int closed;
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.21"), 0));
            closed = s.getLocalPort();
        }

        // Production refuses the cluster port: isolated. The restored database gets a name of its own.
        CliRun run = upgrade(Map.of("acs_multitenancy", true, "acs_amps", List.of(amp),
                "acs_expected_modules", List.of("acme-records"), "remove_old", true,
                "acs_clone", true, "acs_production_hosts", List.of("127.0.0.21"),
                "acs_cluster_port", closed, "acs_clone_new_cluster_name", true));

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(0, bed.status(node, bed.newHome(node)), NEW + " runs");
        JsonNode after = bed.fingerprint(node, bed.newHome(node));
        assertEquals(before.get("data_sha256"), after.get("data_sha256"));
        assertEquals(before.get("content_sha256"), after.get("content_sha256"));
        String modules = AcsTestbed.ok(lab, node, "java -jar " + bed.newHome(node) + "/bin/alfresco-mmt.jar list "
                + bed.newHome(node) + "/tomcat/webapps/alfresco.war");
        assertTrue(modules.contains("Module 'acme-records' installed"), modules);
        String newMt = bed.newHome(node) + "/tomcat/shared/classes/alfresco/extension/mt/mt-context.xml";
        assertFalse(bed.exists(node, newMt), "the multi-tenancy files are removed from the new version");
        assertFalse(bed.exists(node, bed.oldHome(node)), "remove_old=true removed the old installation");
        String backup = AcsTestbed.ok(lab, node, "cd " + bed.work + "/backups/*/" + node.name() + "/nodes/" + node.name()
                + " && tar tzf shared-classes-alfresco.tar.gz");
        assertTrue(backup.contains("extension/mt/mt-context.xml"), "the backup set holds them: " + backup);

        assertEquals(production, clusterNameRows(bed.db), "production's database is untouched");
        PostgresLab.Database copy = new PostgresLab.Database(bed.db.name() + "_527", bed.db.host(), bed.db.port(),
                "jdbc:postgresql://" + bed.db.host() + ":" + bed.db.port() + "/" + bed.db.name() + "_527", bed.db.user(), bed.db.password());
        List<String> renamed = clusterNameRows(copy);
        assertEquals(1, renamed.size(), renamed.toString());
        String[] row = renamed.get(0).split("\\|");
        String name = row[0];
        assertTrue(name.startsWith("MainRepository-") && !production.get(0).startsWith(name + "|"), name + " vs " + production);
        // Alfresco's procedure: the three columns change together (the unique index is on the last two).
        assertEquals(name.substring(name.length() - 16).toLowerCase(java.util.Locale.ROOT), row[1], "string_end_lower");
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        assertEquals(Long.toString(crc.getValue()), row[2], "string_crc");
        assertEquals(name, bed.fingerprint(node, bed.newHome(node)).get("cluster_name").asText(), "the new version reads the new name");
    }

    /**
     * The pre-flight's refusals, each before anything stops, on one installation: a refusal changes nothing (each case
     * checks that), so the cases need no installation of their own. The clone's cases come first, on the installation
     * as installed; the other cases then rewrite server.xml.
     */
    @Test
    void preflightRefusesShortDiskAnOldJavaAnotherDatabaseAnotherDirRootAndACloneThatReachesOrCannotAskProductionBeforeAnythingStops(
            OpenSshLab.Lab lab, PostgresLab.Cluster pg) throws IOException {
        bed = AcsTestbed.install(lab, pg, 1, false, local, Map.of());
        OpenSshLab.Node node = bed.nodes.get(0);
        // "Production": a cluster port answering on another loopback address.
        try (ServerSocket production = new ServerSocket()) {
            production.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.21"), 0));

            CliRun run = upgrade(Map.of("acs_clone", true, "acs_production_hosts", List.of("127.0.0.21"),
                    "acs_cluster_port", production.getLocalPort()));

            assertEquals(2, run.exitCode(), run.toString());
            assertTrue(run.out().contains("ISOLATION CHECK FAILED"), run.toString());
            assertTrue(run.out().contains("acs_clone_new_cluster_name=true"), "it offers a new cluster name\n" + run);
        }
        // "Production" that does not answer at all (down or filtered: no connection, no refusal): a listener
        // whose accept queue is full, so the kernel drops further connection attempts unanswered.
        List<Socket> queued = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket()) {
            silent.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.21"), 0), 1);
            for (int i = 0; i < 8; i++) {
                Socket s = new Socket();
                queued.add(s);
                try {
                    s.connect(silent.getLocalSocketAddress(), 500);
                } catch (SocketTimeoutException full) {
                    break;
                }
            }

            CliRun run = upgrade(Map.of("acs_clone", true, "acs_production_hosts", List.of("127.0.0.21"),
                    "acs_cluster_port", silent.getLocalPort()));

            assertEquals(2, run.exitCode(), run.toString());
            assertTrue(run.out().contains("production 127.0.0.21 did not answer at all"), "reported, not taken as isolated\n" + run);
            assertTrue(run.out().contains("acs_clone_unanswered_ok=true"), run.toString());
        } finally {
            for (Socket s : queued) {
                s.close();
            }
        }
        assertEquals(0, bed.status(node, bed.oldHome(node)), OLD + " still runs: nothing was stopped");
        assertFalse(bed.exists(node, bed.newHome(node)), "nothing was installed");

        String oldJava = bed.work + "/java7";
        AcsTestbed.ok(lab, node, "cat > " + oldJava + " <<'EOF'\n#!/bin/sh\necho 'java version \"1.7.0_80\"' >&2\nEOF\nchmod 755 " + oldJava);
        // Tomcat's connector, where real ACS listens (alfresco.port only shapes generated URLs).
        AcsTestbed.ok(lab, node, "mkdir -p " + bed.oldHome(node) + "/tomcat/conf && printf '<Server>\\n  <!-- <Connector port=\"1\"/> -->\\n"
                + "  <Connector port=\"" + bed.httpPort + "\" protocol=\"HTTP/1.1\"/>\\n</Server>\\n' > " + bed.oldHome(node) + "/tomcat/conf/server.xml");
        Map<Map<String, Object>, String> cases = Map.of(
                Map.of("acs_http_port", bed.clusterPort), "server.xml has the HTTP connector on port " + bed.httpPort,
                Map.of("acs_backup_space_factor", 1.0e12), "not enough space under",
                Map.of("acs_java", oldJava), "needs Java 8 or newer",
                // The inventory's database is not the one the installation uses: refused naming both URLs.
                Map.of("acs_db_port", bed.clusterPort), "says db.url=jdbc:postgresql://" + bed.db.host() + ":" + bed.clusterPort,
                Map.of("acs_dir_root", bed.work + "/elsewhere"), "but the inventory says " + bed.work + "/elsewhere (acs_dir_root)",
                // A clone must name production, else the isolation check would check nothing.
                Map.of("acs_clone", true), "acs_production_hosts is empty");
        cases.forEach((vars, message) -> {
            CliRun run = upgrade(vars);
            assertEquals(2, run.exitCode(), vars + "\n" + run);
            assertTrue(run.out().contains(message), vars + " -> " + message + "\n" + run);
            assertEquals(0, bed.status(node, bed.oldHome(node)), OLD + " still runs after " + vars);
            assertFalse(bed.exists(node, bed.newHome(node)), "nothing installed after " + vars);
        });
    }

    /** {@code string_value|string_end_lower|string_crc} of the cluster name rows. */
    private static List<String> clusterNameRows(PostgresLab.Database db) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement();
                ResultSet r = st.executeQuery("select string_value, string_end_lower, string_crc from alf_prop_string_value"
                        + " where string_value like 'MainRepository-%' order by id")) {
            while (r.next()) {
                rows.add(r.getString(1) + "|" + r.getString(2) + "|" + r.getLong(3));
            }
        }
        return rows;
    }
}
