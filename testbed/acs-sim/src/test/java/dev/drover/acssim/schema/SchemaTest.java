package dev.drover.acssim.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.acssim.config.DbConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaTest {
    @TempDir
    Path dir;

    @Test
    void createsTablesReadsTheSchemaNumberAndTheClusterName() throws Exception {
        try (Connection c = new DbConfig("jdbc:h2:file:" + dir.resolve("db"), "sa", "").connect()) {
            assertTrue(Schema.isEmpty(c));
            Schema.createTables(c);
            assertFalse(Schema.isEmpty(c));
            assertEquals(0, Schema.schemaNumber(c));
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO alf_applied_patch (id, applied_to_schema) VALUES ('a', 9019)");
                s.executeUpdate("INSERT INTO alf_applied_patch (id, applied_to_schema) VALUES ('b', 10205)");
            }
            assertEquals(10205, Schema.schemaNumber(c));
            assertNull(Schema.clusterName(c));
            Schema.storeClusterName(c, "MainRepository-1234");
            assertEquals("MainRepository-1234", Schema.clusterName(c));
        }
    }

    @Test
    void theMarkerIsTakenOnce() throws Exception {
        try (Connection c = new DbConfig("jdbc:h2:file:" + dir.resolve("db"), "sa", "").connect()) {
            assertTrue(Schema.createMarker(c));
            assertFalse(Schema.createMarker(c));
            assertTrue(Schema.markerExists(c));
            Schema.dropMarker(c);
            assertFalse(Schema.markerExists(c));
            Schema.createTables(c);
            Schema.createMarker(c);
            Schema.dropTables(c);
            assertTrue(Schema.isEmpty(c));
            assertFalse(Schema.markerExists(c));
        }
    }
}
