package dev.drover.acssim.tools;

import static dev.drover.acssim.tools.TestInstallations.ok;
import static dev.drover.acssim.tools.TestInstallations.started;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.acssim.schema.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintCommandTest {
    private static final Pattern CONTRACT = Pattern.compile("\\{\"schema\":(\\d+),\"cluster_name\":(\"[^\"]*\"|null),"
            + "\"rows\":\\{\"alf_node\":(\\d+),\"alf_content_url\":(\\d+)},\"data_sha256\":\"([0-9a-f]{64})\","
            + "\"content_files\":(\\d+),\"content_sha256\":\"([0-9a-f]{64})\",\"marker\":(true|false)}");

    @TempDir
    Path dir;

    private static Matcher fingerprint(Path home) {
        String json = ok("fingerprint", "--home", home).strip();
        Matcher m = CONTRACT.matcher(json);
        assertTrue(m.matches(), json);
        return m;
    }

    @Test
    void printsTheContractsObject() throws Exception {
        Path home = started(dir.resolve("acs"));
        ok("seed", "--home", home, "--nodes", 12);

        Matcher m = fingerprint(home);

        assertEquals("10205", m.group(1));
        assertEquals("\"MainRepository-0c4f1d5e-8f1b-4a53-9d41-5c5a2a7f0001\"", m.group(2));
        assertEquals("12", m.group(3));
        assertEquals("12", m.group(4));
        assertEquals("12", m.group(6));
        assertEquals("false", m.group(8));
    }

    @Test
    void anUpgradeChangesTheSchemaButNotTheDataHash() throws Exception {
        Path home = started(dir.resolve("acs"));
        ok("seed", "--home", home, "--nodes", 5);
        Matcher before = fingerprint(home);

        try (Connection c = TestInstallations.connect(home); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO alf_applied_patch (id, applied_to_schema) VALUES ('patch.db-V6.2', 13001)");
            Schema.createMarker(c);
        }
        Matcher after = fingerprint(home);

        assertEquals("13001", after.group(1));
        assertEquals(before.group(5), after.group(5), "data_sha256 covers user data only");
        assertEquals(before.group(7), after.group(7));
        assertEquals("true", after.group(8), "the marker is reported");
    }

    @Test
    void aChangedContentFileOrRowChangesTheMatchingHash() throws Exception {
        Path home = started(dir.resolve("acs"));
        ok("seed", "--home", home, "--nodes", 5);
        Matcher before = fingerprint(home);

        Path someFile;
        try (Stream<Path> files = Files.walk(home.resolve("alf_data/contentstore"))) {
            someFile = files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(someFile);
        bytes[0] ^= 1;
        Files.write(someFile, bytes);
        Matcher contentChanged = fingerprint(home);
        assertEquals(before.group(5), contentChanged.group(5));
        assertNotEquals(before.group(7), contentChanged.group(7));

        try (Connection c = TestInstallations.connect(home); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE alf_node SET name = 'renamed' WHERE id = (SELECT MIN(id) FROM alf_node)");
        }
        assertNotEquals(contentChanged.group(5), fingerprint(home).group(5));
    }

    @Test
    void aRepositoryWithoutSchemaHasZeros() throws Exception {
        Path home = TestInstallations.installation(dir.resolve("fresh"));

        Matcher m = fingerprint(home);

        assertEquals("0", m.group(1));
        assertEquals("null", m.group(2));
        assertEquals("0", m.group(3));
        assertEquals("0", m.group(6));
    }
}
