package dev.drover.acssim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.acssim.http.Repository.Status;
import dev.drover.acssim.persona.Persona;
import dev.drover.acssim.schema.Schema;
import dev.drover.acssim.war.ModuleInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupTest {
    @TempDir
    Path dir;

    private TestNode node(String name, Persona p, ModuleInfo... modules) throws Exception {
        return new TestNode(dir.resolve(name), dir.resolve("db/alfresco"), p, modules);
    }

    private static int count(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void aFreshInstallCreatesTheSchemaAndARestartChangesNothing() throws Exception {
        TestNode n = node("acs", Persona.V5_2_7);
        assertEquals(Status.STARTED, n.start());
        assertTrue(n.log().contains("Alfresco Content Services started (Enterprise). Current version: 5.2.7 (r94d70ba6-b12)"
                + " schema 10,205. Originally installed version: 5.2.7 (r94d70ba6-b12) schema 10,205."), n.log());
        assertEquals(Status.STARTED, n.start());
        assertTrue(n.log().contains("No changes were made to the schema."), n.log());
        assertTrue(n.log().contains("No patches were required."), n.log());
        try (Connection c = n.db()) {
            assertEquals(10205, Schema.schemaNumber(c));
            assertTrue(Schema.clusterName(c).startsWith("MainRepository-"));
            assertFalse(Schema.markerExists(c));
        }
    }

    @Test
    void before52TheSuccessLineSaysAlfrescoStarted() throws Exception {
        TestNode n = node("acs", Persona.V5_1_0);
        n.start();
        assertTrue(n.log().contains("] Alfresco started (Enterprise). Current version: 5.1.0 (r118286-b51) schema 9,019."),
                n.log());
    }

    @Test
    void anUpgradeAppliesPatchesDropsTheMarkerAndASecondNodeFindsTheSchemaCurrent() throws Exception {
        TestNode first = node("acs1", Persona.V5_1_0);
        first.start();
        first.war(Persona.V5_2_7);
        assertEquals(Status.STARTED, first.start());
        String log = first.log();
        assertTrue(log.contains("Executing database script "), log);
        assertTrue(log.contains("Applying patch 'patch.db-V5.2-remove-jbpm-tables-from-db' (Removes the jBPM tables.)."), log);
        assertTrue(log.contains("=== Applied patch === ID: patch.db-V5.2-upgrade-to-activiti-5.22"), log);
        assertTrue(log.contains("% complete, estimated complete at "), log);
        assertTrue(log.contains("Current version: 5.2.7 (r94d70ba6-b12) schema 10,205. Originally installed version:"
                + " 5.1.0 (r118286-b51) schema 9,019."), log);
        try (Connection c = first.db()) {
            assertEquals(10205, Schema.schemaNumber(c));
            assertFalse(Schema.markerExists(c));
            assertEquals(4, count(c, "SELECT COUNT(*) FROM alf_applied_patch WHERE was_executed = TRUE"));
        }
        TestNode second = node("acs2", Persona.V5_2_7);
        // A cluster's nodes share the repository: its content store and its keystore.
        second.props.put("dir.root", first.home.resolve("alf_data").toString());
        assertEquals(Status.STARTED, second.start(), second.log());
        assertTrue(second.log().contains("No changes were made to the schema."), second.log());
        assertFalse(second.log().contains("Applying patch"), second.log());
    }

    @Test
    void aLeftoverMarkerMakesTheStartWaitThenFail() throws Exception {
        TestNode n = node("acs", Persona.V5_1_0);
        n.start();
        try (Connection c = n.db()) {
            Schema.createMarker(c);
        }
        n.war(Persona.V5_2_7);
        assertEquals(Status.FAILED, n.start());
        String log = n.log();
        assertTrue(log.contains("(2 of 2)"), log);
        assertTrue(log.contains("ERROR [org.alfresco.repo.domain.schema.SchemaBootstrap] [main] A previous schema upgrade"
                + " failed or was not completed. Revert to the original database before attempting the upgrade again."), log);
        assertTrue(log.contains("Context [/alfresco] startup failed due to previous errors"), log);
        assertFalse(log.contains(" started (Enterprise)"), log);
    }

    @Test
    void anOlderWarThanTheDatabaseIsARefusedDowngrade() throws Exception {
        TestNode n = node("acs", Persona.V6_2_2);
        n.start();
        n.war(Persona.V5_2_7);
        assertEquals(Status.FAILED, n.start());
        assertTrue(n.log().contains("Schema auto-update failed: the database is at schema 13001"), n.log());
        try (Connection c = n.db()) {
            assertEquals(13001, Schema.schemaNumber(c));
            assertFalse(Schema.markerExists(c));
        }
    }

    @Test
    void aFreshRepositoryWritesItsSystemContentIntoAnAbsoluteContentstoreOutsideDirRoot() throws Exception {
        TestNode n = node("acs", Persona.V5_2_7);
        Path shared = dir.resolve("shared/contentstore");
        n.props.put("dir.contentstore", shared.toString());
        assertEquals(Status.STARTED, n.start(), n.log());
        try (Stream<Path> files = Files.walk(shared)) {
            assertEquals(SystemContent.NODES.length, files.filter(Files::isRegularFile).count());
        }
        assertFalse(Files.exists(n.home.resolve("alf_data/contentstore")), "nothing under dir.root's default store");
        try (Connection c = n.db()) {
            assertEquals(SystemContent.NODES.length, count(c, "SELECT COUNT(*) FROM alf_content_url"));
        }
    }

    @Test
    void onlyTheSystemDescriptorsContentIsCheckedAtStart() throws Exception {
        TestNode n = node("acs", Persona.V5_2_7);
        n.start();
        try (Connection c = n.db(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO alf_content_url VALUES (100, 'store://2019/9/9/8/16/abc.bin', 3, NULL)");
        }
        assertEquals(Status.STARTED, n.start(), "missing user content is found only when read: " + n.log());
        String url;
        try (Connection c = n.db(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT u.content_url FROM alf_descriptor d JOIN alf_content_url u ON u.id = d.content_url_id")) {
            rs.next();
            url = rs.getString(1);
        }
        Path file = RepositoryChecks.file(n.home.resolve("alf_data/contentstore"), url);
        byte[] bytes = Files.readAllBytes(file);
        Files.delete(file);
        assertEquals(Status.FAILED, n.start());
        assertTrue(n.log().contains("CONTENT INTEGRITY ERROR: System content not found in content store: '" + url + "'"),
                n.log());
        Files.write(file, bytes);
        assertEquals(Status.STARTED, n.start());
    }

    @Test
    void aStartOnACurrentSchemaNeverTakesTheMarker() throws Exception {
        TestNode n = node("acs", Persona.V5_2_7);
        n.start();
        try (Connection c = n.db()) {
            Schema.createMarker(c);
        }
        assertEquals(Status.STARTED, n.start(), "no schema script to run, no lock to take: " + n.log());
        assertFalse(n.log().contains("alf_bootstrap_lock exists"), n.log());
        try (Connection c = n.db()) {
            assertTrue(Schema.markerExists(c), "another's marker is left alone");
        }
    }

    @Test
    void modulesAreRecordedUpgradedAndNeverDowngraded() throws Exception {
        TestNode n = node("acs", Persona.V5_2_7, module("1.2.0"));
        n.start();
        assertTrue(n.log().contains("Installing module 'acme' version 1.2.0."), n.log());
        n.war(Persona.V5_2_7, module("1.10.0"));
        assertEquals(Status.STARTED, n.start());
        assertTrue(n.log().contains("Upgrading module 'acme' from version 1.2.0 to 1.10.0."), n.log());
        n.war(Persona.V5_2_7, module("1.9.0"));
        assertEquals(Status.FAILED, n.start());
        assertTrue(n.log().contains("Downgrading of modules is not supported. Module 'acme' is at version 1.10.0"), n.log());
    }

    private static ModuleInfo module(String version) {
        return new ModuleInfo("acme", version, "Acme", "Acme module", "2019-09-09");
    }

    @Test
    void oldMultiTenancyFilesStopA52StartButNotA51One() throws Exception {
        TestNode n = node("acs", Persona.V5_1_0);
        Path mt = n.home.resolve("tomcat/shared/classes/alfresco/extension/mt/mt-context.xml");
        Files.createDirectories(mt.getParent());
        Files.write(mt, "<beans/>".getBytes("UTF-8"));
        assertEquals(Status.STARTED, n.start());
        n.war(Persona.V5_2_7);
        assertEquals(Status.FAILED, n.start());
        assertTrue(n.log().contains("Context initialization failed"), n.log());
        assertTrue(n.log().contains(mt.toString()), n.log());
    }

    @Test
    void anUnreachableDatabaseIsADatabaseConnectionFailure() throws Exception {
        TestNode n = node("acs", Persona.V5_2_7);
        n.props.put("db.url", "jdbc:postgresql://127.0.0.1:1/alfresco");
        assertEquals(Status.FAILED, n.start());
        assertTrue(n.log().contains("Database connection failed"), n.log());
    }

    @Test
    void clusterPortAndNameComeFromTheDatabase() throws Exception {
        TestNode n = node("acs", Persona.V5_2_7);
        n.props.put("alfresco.cluster.enabled", "true");
        n.props.put("alfresco.hazelcast.port", "0");
        n.start();
        String name;
        try (Connection c = n.db()) {
            name = Schema.clusterName(c);
        }
        assertTrue(n.log().contains("Cluster started, name: " + name), n.log());
    }
}
