package dev.drover.acssim.tools;

import static dev.drover.acssim.tools.TestInstallations.ok;
import static dev.drover.acssim.tools.TestInstallations.run;
import static dev.drover.acssim.tools.TestInstallations.started;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.acssim.schema.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbCommandTest {
    @TempDir
    Path dir;

    @Test
    void dumpDropRestoreGivesBackTheSameRepository() throws Exception {
        Path home = started(dir.resolve("acs"));
        ok("seed", "--home", home, "--nodes", 30);
        String before = ok("fingerprint", "--home", home);
        Path dump = dir.resolve("backup/alfresco.sql");

        assertTrue(ok("db", "dump", "--home", home, "--file", dump).startsWith("dumped 7 tables"));
        assertTrue(ok("db", "drop", "--home", home).startsWith("dropped 7 tables"));
        assertTrue(ok("fingerprint", "--home", home).contains("\"schema\":0,"), "dropped");
        String restored = ok("db", "restore", "--home", home, "--file", dump);

        assertTrue(restored.startsWith("restored 7 tables"), restored);
        assertEquals(before, ok("fingerprint", "--home", home));
        String sql = Files.readString(dump);
        assertTrue(sql.contains("CREATE TABLE alf_node (id BIGINT NOT NULL, uuid VARCHAR(36) NOT NULL"), sql);
        assertTrue(sql.contains("'Bootstrap, it''s done; really'"), "quotes and semicolons survive");
        assertTrue(sql.contains("TIMESTAMP '2019-09-09 08:16:40.123'"), sql);
    }

    @Test
    void restoreGoesIntoAnotherInstallationsEmptyDatabase() throws Exception {
        Path source = started(dir.resolve("source"));
        ok("seed", "--home", source, "--nodes", 4);
        Path dump = dir.resolve("alfresco.sql");
        ok("db", "dump", "--home", source, "--file", dump);
        Path target = TestInstallations.installation(dir.resolve("target"));

        ok("db", "restore", "--home", target, "--file", dump);

        String sourceFingerprint = ok("fingerprint", "--home", source);
        String targetFingerprint = ok("fingerprint", "--home", target);
        assertEquals(sourceFingerprint.replaceAll("\"content_.*", ""), targetFingerprint.replaceAll("\"content_.*", ""),
                "same database content; the contentstore is copied separately");
    }

    @Test
    void aDumpOfTheSameDataIsTheSameBytes() throws Exception {
        Path home = started(dir.resolve("acs"));
        ok("seed", "--home", home, "--nodes", 10);

        ok("db", "dump", "--home", home, "--file", dir.resolve("one.sql"));
        ok("db", "dump", "--home", home, "--file", dir.resolve("two.sql"));

        assertArrayEquals(Files.readAllBytes(dir.resolve("one.sql")), Files.readAllBytes(dir.resolve("two.sql")));
    }

    @Test
    void theUpgradeMarkerIsPartOfTheBackup() throws Exception {
        Path home = started(dir.resolve("acs"));
        try (Connection c = TestInstallations.connect(home)) {
            Schema.createMarker(c);
        }
        Path dump = dir.resolve("crashed.sql");
        ok("db", "dump", "--home", home, "--file", dump);
        ok("db", "drop", "--home", home);

        ok("db", "restore", "--home", home, "--file", dump);

        assertTrue(ok("fingerprint", "--home", home).contains("\"marker\":true"));
    }

    @Test
    void restoreIntoANonEmptyDatabaseIsRefused() throws Exception {
        Path home = started(dir.resolve("acs"));
        Path dump = dir.resolve("alfresco.sql");
        ok("db", "dump", "--home", home, "--file", dump);

        TestInstallations.Run run = run("db", "restore", "--home", home, "--file", dump);

        assertEquals(1, run.exit());
        assertTrue(run.err().contains("refusing to restore into jdbc:h2:file:") && run.err().contains("it is not empty (tables alf_applied_patch"),
                run.err());
        assertTrue(run.err().contains("restore only into an empty database"), run.err());
    }

    @Test
    void aFileThatIsNotADumpIsNamed() throws Exception {
        Path home = TestInstallations.installation(dir.resolve("acs"));
        Path notADump = dir.resolve("pg.dump");
        Files.writeString(notADump, "PGDMP binary stuff");

        TestInstallations.Run run = run("db", "restore", "--home", home, "--file", notADump);

        assertEquals(4, run.exit());
        assertTrue(run.err().contains(notADump + ":1: not an acs-sim db dump"), run.err());
    }

    @Test
    void dumpingADatabaseWithoutTablesIsAnError() throws Exception {
        Path home = TestInstallations.installation(dir.resolve("acs"));

        TestInstallations.Run run = run("db", "dump", "--home", home, "--file", dir.resolve("x.sql"));

        assertEquals(1, run.exit());
        assertTrue(run.err().contains("nothing to dump"), run.err());
        assertTrue(!Files.exists(dir.resolve("x.sql")));
    }

    @Test
    void anUnknownActionListsTheValidOnes() {
        TestInstallations.Run run = run("db", "backup", "--home", dir);

        assertEquals(4, run.exit());
        assertTrue(run.err().contains("dump, restore or drop, not 'backup'"), run.err());
    }
}
