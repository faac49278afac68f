package dev.drover.acs;

import static dev.drover.acs.AcsTestbed.NEW;
import static dev.drover.acs.AcsTestbed.OLD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.cli.CliRun;
import dev.drover.testing.OpenSshLab;
import dev.drover.testing.PostgresLab;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * playbooks/acs-upgrade.yml on installations configured as real ones are (issue 11): the playbooks
 * read where the installation keeps its data instead of assuming the defaults, never point the new
 * version at production's paths, and notice a JVM that dies instead of waiting out the timeout.
 */
@ExtendWith({OpenSshLab.class, PostgresLab.class})
class AcsRealInstallationTest {
    @TempDir
    Path local;
    AcsTestbed bed;

    @AfterEach
    void tearDown() {
        if (bed != null) {
            bed.close();
        }
    }

    private CliRun upgrade(Map<String, Map<String, Object>> perHost, Map<String, Object> vars) {
        Path inventory = bed.inventory(perHost, vars);
        return AcsTestbed.drover("run", "--state-dir", local.resolve("state").toString(), "-i", inventory.toString(),
                AcsTestbed.playbook("acs-upgrade.yml"));
    }

    /** SHA-256 of every file's path and bytes under {@code dir}, in order. */
    private String tree(OpenSshLab.Node node, String dir) {
        return AcsTestbed.ok(bed.lab, node, "cd '" + dir + "' && find . -type f | LC_ALL=C sort | xargs -r sha256sum | sha256sum").strip();
    }

    @Test
    void anAbsoluteContentstoreOutsideDirRootAndTheKeystoreAreCarriedAndProductionIsNeverConfigured(
            OpenSshLab.Lab lab, PostgresLab.Cluster pg) {
        String home = AcsTestbed.ok(lab, lab.nodes().get(0), "echo $HOME").strip();
        String shared = "/srv-" + java.util.UUID.randomUUID();
        // As Alfresco's cluster guide configures it: the stores on shared storage outside dir.root.
        String remote = home + "/acs-shared" + shared;
        bed = AcsTestbed.install(lab, pg, 1, false, local, Map.of("dir.remote", remote,
                "dir.contentstore", "${dir.remote}/contentstore",
                "dir.contentstore.deleted", "${dir.remote}/contentstore.deleted",
                "dir.keystore", "${dir.remote}/keystore"), "solr4/data");
        OpenSshLab.Node node = bed.nodes.get(0);
        String store = home + "/acs-shared" + shared + "/contentstore";
        String keystore = home + "/acs-shared" + shared + "/keystore";
        try {
            // The metadata keystore ACS created on its first start (and registered in the database).
            assertTrue(bed.exists(node, keystore + "/keystore"), "the old version made its keystore in dir.keystore");
            String storeBefore = tree(node, store);
            String keystoreBefore = tree(node, keystore);
            JsonNode before = bed.fingerprint(node, bed.oldHome(node));
            assertTrue(before.get("rows").toString().length() > 0);
            // The installer's bundled PostgreSQL: a plain `alfresco.sh stop` would stop it too (ctl.sh stop).
            String ctlCalls = bed.work + "/ctl.calls";
            AcsTestbed.ok(lab, node, "mkdir -p " + bed.oldHome(node) + "/postgresql/scripts && printf '#!/bin/sh\\necho \"$@\" >> "
                    + ctlCalls + "\\n' > " + bed.oldHome(node) + "/postgresql/scripts/ctl.sh && chmod 755 "
                    + bed.oldHome(node) + "/postgresql/scripts/ctl.sh");
            // log4j moves alfresco.log (relative: from the directory Tomcat starts in); the extension file is
            // copied to the new version, which then logs there too: both watches must follow it.
            AcsTestbed.ok(lab, node, "printf 'log4j.appender.File.File=logs/alfresco.log\\n' > " + bed.oldHome(node)
                    + "/tomcat/shared/classes/alfresco/extension/custom-log4j.properties");

            String solrBefore = tree(node, bed.dirRoot(node) + "/solr4/data");
            assertTrue(bed.exists(node, bed.dirRoot(node) + "/solr4/data/workspace/SpacesStore/segments_1"),
                    "Solr indexes where solrcore.properties' data.dir.root says");

            CliRun run = upgrade(Map.of(), Map.of("acs_solr_index_dirs", java.util.List.of("solr4/data")));

            assertEquals(0, run.exitCode(), run.toString());
            assertEquals(0, bed.status(node, bed.newHome(node)), NEW + " runs");
            // It answers where the old Tomcat's connector did (server.xml, not alfresco.port): the new
            // distribution's server.xml said 8080, the playbook moved the connector.
            String newXml = AcsTestbed.ok(lab, node, "cat " + bed.newHome(node) + "/tomcat/conf/server.xml");
            assertTrue(newXml.contains("port=\"" + bed.httpPort + "\" protocol=\"HTTP/1.1\""), newXml);
            assertTrue(newXml.contains("port=\"8009\" protocol=\"AJP/1.3\""), "the rest of the new server.xml is its own\n" + newXml);
            int urlPort = Integer.parseInt(bed.nodeProperties(node).get("alfresco.port"));
            assertNotEquals(bed.httpPort, urlPort);
            assertEquals(-1, AcsTestbed.httpStatus(node.address(), urlPort, "/alfresco/service/api/server"), "nobody on alfresco.port");
            assertEquals(200, AcsTestbed.httpStatus(node.address(), bed.httpPort, "/alfresco/service/api/server"));
            assertFalse(AcsTestbed.ok(lab, node, "cat " + ctlCalls + " 2>/dev/null; true").contains("stop"),
                    "the bundled PostgreSQL was never stopped (alfresco.sh stop tomcat)");
            assertTrue(AcsTestbed.ok(lab, node, "cat " + bed.newHome(node) + "/logs/alfresco.log").contains("started (Enterprise)"),
                    "the new version logged where log4j says");
            // <new>/alfresco.log has the validation start only: the log4j file is copied with the customization.
            assertEquals(1, AcsTestbed.lines(bed.log(node, bed.newHome(node)), "started (Enterprise)").size(),
                    "only the validation start logged to the default place");
            assertEquals(storeBefore, tree(node, store), "production's contentstore is byte-identical");
            String newRoot = bed.newHome(node) + "/alf_data";
            // Solr's real data dir went through the backup set into the new copy, where the new cores point.
            assertEquals(solrBefore, tree(node, newRoot + "/solr4/data"), "Solr's index copied from its real data dir");
            assertTrue(AcsTestbed.ok(lab, node, "cat " + bed.newHome(node) + "/solr4/workspace-SpacesStore/conf/solrcore.properties")
                    .contains("data.dir.root=" + newRoot + "/solr4/data"), "the new core indexes into the new copy");
            assertEquals(storeBefore, tree(node, newRoot + "/contentstore"), "the new version has its own copy of the store");
            // Same bytes: the new version started against the restored database, whose registered key it checked.
            assertEquals(keystoreBefore, tree(node, newRoot + "/keystore"), "the keystore is carried, same bytes");
            String props = AcsTestbed.ok(lab, node, "cat " + bed.newHome(node) + "/tomcat/shared/classes/alfresco-global.properties");
            assertFalse(props.contains(store) || props.contains("${dir.remote}/contentstore") || props.contains(keystore),
                    "the new configuration never names production's store or keystore:\n" + props);
            assertTrue(props.contains("dir.contentstore=" + newRoot + "/contentstore"), props);
            assertTrue(props.contains("dir.keystore=" + newRoot + "/keystore"), props);
            JsonNode after = bed.fingerprint(node, bed.newHome(node));
            assertEquals(before.get("content_sha256"), after.get("content_sha256"), "every content file in the new copy");
            assertEquals(before.get("data_sha256"), after.get("data_sha256"), "every row");
            String set = AcsTestbed.ok(lab, node, "cd " + bed.work + "/backups/*/" + node.name() + "/repository && cat PARTS"
                    + " && tar tzf keystore.tar.gz");
            assertTrue(set.contains("keystore/keystore"), "the backup set holds the keystore: " + set);
        } finally {
            lab.ssh(node, "rm -rf " + home + "/acs-shared" + shared);
        }
    }

    /**
     * Two failed starts on one node, one after the other as an operator meets them: the validation start fails on a
     * line only catalina.out has, the run is rolled back; the run again gets as far as the production start, whose JVM
     * is killed during the schema upgrade. Each failure leaves production untouched and the old version running (each
     * part checks that), so the second needs no installation of its own; it finds the first run's new installation,
     * as a run again does.
     */
    @Test
    void aFailureThatOnlyTomcatReportsInCatalinaOutFailsTheStartAtOnceAndAJvmKilledDuringTheSchemaUpgradeIsNoticedAtOnceAndRolledBack(
            OpenSshLab.Lab lab, PostgresLab.Cluster pg) {
        bed = AcsTestbed.install(lab, pg, 1, false, local, Map.of());
        OpenSshLab.Node node = bed.nodes.get(0);
        JsonNode before = bed.fingerprint(node, bed.oldHome(node));
        Map<String, Object> props = new LinkedHashMap<>(bed.nodeProperties(node));
        // The validation start's webapp listener fails before the repository logs anything: alfresco.log
        // stays silent, catalina.out says "Context [/alfresco] startup failed" and the JVM stays up.
        props.put("sim.fault", "{{ 'listener-failure' if acs_cfg_purpose == 'validation' else 'none' }}");

        CliRun run = upgrade(Map.of(node.name(), Map.of("acs_node_properties", props)), Map.of("acs_start_timeout", 900));

        assertNotEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("fatal line in the start:") && run.out().contains("Context [/alfresco] startup failed"),
                "failed on catalina.out's line, not on the timeout\n" + run);
        assertTrue(run.out().contains("UPGRADE FAILED"), run.toString());
        assertEquals(0, bed.status(node, bed.oldHome(node)), OLD + " runs again");
        assertEquals(before, bed.fingerprint(node, bed.oldHome(node)), "production untouched");

        // The run again, as an operator would after fixing the listener: now the production start crashes.
        before = bed.fingerprint(node, bed.oldHome(node));
        props = new LinkedHashMap<>(bed.nodeProperties(node));
        // The JVM halts half-way through the patches of the production start, without a fatal line.
        props.put("sim.fault", "{{ 'crash-during-upgrade' if acs_cfg_purpose == 'production' else 'none' }}");
        long started = System.nanoTime();

        run = upgrade(Map.of(node.name(), Map.of("acs_node_properties", props)), Map.of("acs_upgrade_timeout", 900));

        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        assertNotEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("the JVM exited during the start"), run.toString());
        assertTrue(run.out().contains("the JVM is about to crash"), "the log's last lines are shown\n" + run);
        assertTrue(run.out().contains("UPGRADE FAILED"), run.toString());
        assertTrue(seconds < 900, "the crash was noticed, not waited out (" + seconds + " s)");
        assertEquals(0, bed.status(node, bed.oldHome(node)), OLD + " runs again");
        assertEquals(3, bed.status(node, bed.newHome(node)), NEW + " is stopped");
        assertEquals(before, bed.fingerprint(node, bed.oldHome(node)), "production untouched");

        // The bound: detected within 5 s of the JVM's death. The JVM's last alfresco.log line is
        // written just before it halts; the journal says when the start's watch ended, having found it gone.
        String last = AcsTestbed.lines(bed.log(node, bed.newHome(node)), "the JVM is about to crash").get(0);
        ZoneOffset nodeZone = ZoneOffset.of(AcsTestbed.ok(lab, node, "date +%:z").strip());
        Instant died = LocalDateTime.parse(last.substring(0, 23), DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS"))
                .toInstant(nodeZone);
        JsonNode watch = journal().stream()
                .filter(e -> "task".equals(e.path("event").asText()) && e.path("name").asText().startsWith("Start ACS")
                        && e.path("result").path("stdout").asText().contains("the JVM exited during the start"))
                .findFirst().orElseThrow(() -> new AssertionError("no watch result in the journal"));
        Instant noticed = Instant.parse(watch.get("start").asText()).plusMillis(watch.get("duration_ms").asLong());
        long delayMs = Duration.between(died, noticed).toMillis();
        assertTrue(delayMs >= 0 && delayMs <= 5000, "the dead JVM was noticed " + delayMs + " ms after its last line ("
                + died + " -> " + noticed + ")");
    }

    /** The events of the newest run's journal (docs/journal.md). */
    private List<JsonNode> journal() {
        try {
            Path runs = local.resolve("state/runs");
            Path file = runs.resolve(Files.readString(runs.resolve("last")).strip()).resolve("journal.jsonl");
            ObjectMapper json = new ObjectMapper();
            List<JsonNode> events = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                events.add(json.readTree(line));
            }
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
