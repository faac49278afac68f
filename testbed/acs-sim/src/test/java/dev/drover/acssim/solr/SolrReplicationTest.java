package dev.drover.acssim.solr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SolrReplicationTest {
    @TempDir
    Path dirRoot;

    private Path index() throws IOException {
        Path index = Files.createDirectories(dirRoot.resolve("solr4/index/workspace/SpacesStore"));
        Files.write(index.resolve("segments_1"), new byte[] {1, 2, 3});
        Files.write(index.resolve("_0.cfs"), new byte[] {4, 5});
        return index;
    }

    private static Map<String, String> params(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static String awaitSuccess(SolrReplication solr, String core, String previous) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            String body = solr.handle(core, params("command", "details", "json.nl", "map")).body;
            if (body.contains("\"status\":\"success\"") && (previous == null || !body.equals(previous))) {
                return body;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no successful backup reported");
    }

    private List<Path> snapshots(Path location) throws IOException {
        try (Stream<Path> s = Files.list(location)) {
            return s.sorted().collect(Collectors.toList());
        }
    }

    @Test
    void backupCopiesTheIndexIntoATimestampedSnapshotAndDetailsReportIt() throws Exception {
        Path index = index();
        SolrReplication solr = new SolrReplication(dirRoot, 50);
        assertEquals(200, solr.handle("alfresco", params("command", "backup", "location",
                dirRoot.resolve("solr4Backup/alfresco").toString())).status);
        String details = awaitSuccess(solr, "alfresco", null);
        List<Path> snaps = snapshots(dirRoot.resolve("solr4Backup/alfresco"));
        assertEquals(1, snaps.size());
        String name = snaps.get(0).getFileName().toString();
        assertTrue(name.matches("snapshot\\.\\d{17}"), name);
        assertTrue(details.contains("\"fileCount\":2") && details.contains("\"snapshotName\":\"" + name + "\""), details);
        assertArrayEquals(Files.readAllBytes(index.resolve("segments_1")), Files.readAllBytes(snaps.get(0).resolve("segments_1")));
        String flat = solr.handle("alfresco", params("command", "details")).body;
        assertTrue(flat.contains("\"backup\":[\"startTime\","), "a NamedList renders flat by default: " + flat);
    }

    @Test
    void numberToKeepDeletesTheOldestSnapshots() throws Exception {
        index();
        SolrReplication solr = new SolrReplication(dirRoot, 0);
        String previous = null;
        for (int i = 0; i < 3; i++) {
            solr.handle("alfresco", params("command", "backup", "numberToKeep", "2"));
            previous = awaitSuccess(solr, "alfresco", previous);
            Thread.sleep(5);
        }
        assertEquals(2, snapshots(dirRoot.resolve("solr4Backup/alfresco")).size());
    }

    @Test
    void aMissingIndexIsReportedAsASnapShootException() throws Exception {
        SolrReplication solr = new SolrReplication(dirRoot, 0);
        solr.handle("archive", params("command", "backup"));
        for (int i = 0; i < 200; i++) {
            String body = solr.handle("archive", params("command", "details", "json.nl", "map")).body;
            if (body.contains("snapShootException")) {
                assertTrue(body.contains("Index directory does not exist"), body);
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no failure reported");
    }

    @Test
    void unknownCoresAndCommandsAreErrorsThatSayWhatExists() {
        SolrReplication solr = new SolrReplication(dirRoot, 0);
        Map<String, String> none = params();
        assertTrue(solr.handle("nope", none).body.contains("cores: alfresco, archive"));
        assertEquals(400, solr.handle("alfresco", none).status);
    }
}
