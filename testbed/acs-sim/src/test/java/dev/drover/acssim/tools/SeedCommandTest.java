package dev.drover.acssim.tools;

import static dev.drover.acssim.tools.TestInstallations.ok;
import static dev.drover.acssim.tools.TestInstallations.run;
import static dev.drover.acssim.tools.TestInstallations.started;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedCommandTest {
    @TempDir
    Path dir;

    @Test
    void everyContentUrlHasItsFileWithTheRecordedSizeAndHash() throws Exception {
        Path home = started(dir.resolve("acs"));

        String out = ok("seed", "--home", home, "--nodes", 40, "--seed", 3);

        assertTrue(out.startsWith("seeded 40 nodes"), out);
        Set<Long> sizes = new HashSet<>();
        try (Connection c = TestInstallations.connect(home); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT u.content_url, u.content_size, u.sha256, n.uuid FROM alf_node n"
                        + " JOIN alf_content_url u ON n.content_url_id = u.id ORDER BY n.id")) {
            int rows = 0;
            while (rs.next()) {
                rows++;
                String url = rs.getString(1);
                assertTrue(url.matches("store://20\\d\\d/\\d{1,2}/\\d{1,2}/\\d{1,2}/\\d{1,2}/[0-9a-f-]{36}\\.bin"), url);
                Path file = home.resolve("alf_data/contentstore").resolve(url.substring("store://".length()));
                byte[] bytes = Files.readAllBytes(file);
                assertEquals(rs.getLong(2), bytes.length, url);
                assertEquals(rs.getString(3), String.format("%064x", new BigInteger(1, MessageDigest.getInstance("SHA-256").digest(bytes))));
                assertTrue(rs.getString(4).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
                sizes.add(rs.getLong(2));
            }
            assertEquals(40, rows);
        }
        assertTrue(sizes.size() > 30, "sizes vary: " + sizes);
        for (String index : new String[] {"workspace", "archive"}) {
            Path solr = home.resolve("alf_data/solr4/index/" + index + "/SpacesStore");
            assertTrue(Files.isRegularFile(solr.resolve("segments_1")), solr::toString);
        }
    }

    @Test
    void theSameSeedGivesTheSameRepositoryAndAnotherSeedAnotherOne() throws Exception {
        Path one = started(dir.resolve("one"));
        Path two = started(dir.resolve("two"));
        Path three = started(dir.resolve("three"));

        ok("seed", "--home", one, "--nodes", 15, "--seed", 42);
        ok("seed", "--home", two, "--nodes", 15, "--seed", 42);
        ok("seed", "--home", three, "--nodes", 15, "--seed", 43);

        String first = ok("fingerprint", "--home", one);
        assertEquals(first, ok("fingerprint", "--home", two));
        assertNotEquals(first, ok("fingerprint", "--home", three));
    }

    @Test
    void aRepositoryWithoutSchemaAsksToStartTheNodeFirst() throws Exception {
        Path home = TestInstallations.installation(dir.resolve("fresh"));

        TestInstallations.Run run = run("seed", "--home", home, "--nodes", 5);

        assertEquals(1, run.exit());
        assertTrue(run.err().contains("no repository schema") && run.err().contains("start the node once"), run.err());
        assertTrue(!Files.exists(home.resolve("alf_data/contentstore")), "nothing written");
    }

    @Test
    void seedingTwiceIsRefused() throws Exception {
        Path home = started(dir.resolve("acs"));
        ok("seed", "--home", home, "--nodes", 3);

        TestInstallations.Run again = run("seed", "--home", home, "--nodes", 3);

        assertEquals(1, again.exit());
        assertTrue(again.err().contains("already seeded (3 user nodes in alf_node)"), again.err());
    }

    @Test
    void badNumbersAreUsageErrors() throws Exception {
        Path home = started(dir.resolve("acs"));

        TestInstallations.Run run = run("seed", "--home", home, "--nodes", "many");

        assertEquals(4, run.exit());
        assertTrue(run.err().contains("--nodes must be a positive whole number, not 'many'"), run.err());
        assertTrue(run.err().contains("usage: java -jar acs-sim.jar seed --home ACS_HOME --nodes N"), run.err());
    }
}
