package dev.drover.acssim.seed;

import dev.drover.acssim.Sha256;
import dev.drover.acssim.SimException;
import dev.drover.acssim.config.DbConfig;
import dev.drover.acssim.config.Installation;
import dev.drover.acssim.schema.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Seeds a repository whose schema exists (the node was started once): {@code nodes} documents, each an
 * {@code alf_node} row pointing at an {@code alf_content_url} row ({@code store://YYYY/M/D/H/m/<uuid>.bin},
 * size, sha256) whose file is written under {@code dir.contentstore}; then Solr 4 index files in each
 * core's index directory ({@code solrcore.properties}' {@code data.dir.root}, by default
 * {@code dir.root/solr4/index/{workspace,archive}/SpacesStore}). Rows go in one transaction; if it fails,
 * the content files written so far are removed again. Only an unseeded repository (no content URLs) is
 * accepted, so seeding twice cannot mix two data sets.
 */
public final class Seeder {
    private static final int BATCH = 500;

    /** What one seed run wrote. */
    public static final class Result {
        public final int nodes;
        public final long contentBytes;
        public final Path contentStore;

        Result(int nodes, long contentBytes, Path contentStore) {
            this.nodes = nodes;
            this.contentBytes = contentBytes;
            this.contentStore = contentStore;
        }
    }

    private Seeder() {
    }

    public static Result seed(Installation acs, int nodes, long seed) {
        DbConfig db = acs.database();
        SeededContent random = new SeededContent(seed);
        List<Path> written = new ArrayList<Path>();
        try (Connection c = connect(db)) {
            if (Schema.isEmpty(c)) {
                throw new SimException("the database " + db + " has no repository schema (no alf_applied_patch):"
                        + " start the node once (alfresco.sh start) so it creates the schema, stop it, then seed",
                        SimException.FAILED, null);
            }
            long existing = userNodes(c);
            if (existing > 0) {
                throw new SimException("the repository of " + acs.home() + " is already seeded (" + existing
                        + " user nodes in alf_node); seed an unseeded repository, or 'db drop' and start the node again",
                        SimException.FAILED, null);
            }
            long bytes = insertAll(c, acs.contentStore(), nodes, random, written);
            writeSolrIndexes(acs.solrIndexes(), nodes, random);
            return new Result(nodes, bytes, acs.contentStore());
        } catch (SQLException e) {
            deleteQuietly(written);
            throw new SimException("seeding " + db + " failed: " + e.getMessage(), SimException.FAILED, e);
        } catch (IOException e) {
            deleteQuietly(written);
            throw new SimException("seeding " + acs.home() + " failed writing content: " + e.getMessage(), SimException.FAILED, e);
        }
    }

    /** Nodes other than the system content a fresh repository bootstraps. */
    private static long userNodes(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM alf_node WHERE name"
                + " NOT LIKE '" + Schema.SYSTEM_NODE_PREFIX + "%'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long insertAll(Connection c, Path store, int nodes, SeededContent random, List<Path> written)
            throws SQLException, IOException {
        long nodeId = Schema.nextId(c, Schema.NODE);
        long urlId = Schema.nextId(c, Schema.CONTENT_URL);
        long bytes = 0;
        c.setAutoCommit(false);
        try (PreparedStatement url = c.prepareStatement(
                "INSERT INTO alf_content_url (id, content_url, content_size, sha256) VALUES (?, ?, ?, ?)");
                PreparedStatement node = c.prepareStatement(
                        "INSERT INTO alf_node (id, uuid, name, content_url_id) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < nodes; i++, nodeId++, urlId++) {
                String relative = random.storeDirectory() + "/" + random.uuid() + ".bin";
                byte[] content = random.content();
                Path file = store.resolve(relative);
                Files.createDirectories(file.getParent());
                Files.write(file, content, StandardOpenOption.CREATE_NEW);
                written.add(file);
                bytes += content.length;
                url.setLong(1, urlId);
                url.setString(2, "store://" + relative);
                url.setLong(3, content.length);
                url.setString(4, Sha256.hex(content));
                url.addBatch();
                node.setLong(1, nodeId);
                node.setString(2, random.uuid());
                node.setString(3, random.documentName(nodeId));
                node.setLong(4, urlId);
                node.addBatch();
                if ((i + 1) % BATCH == 0) {
                    url.executeBatch();
                    node.executeBatch();
                }
            }
            url.executeBatch();
            node.executeBatch();
            c.commit();
        } catch (SQLException | IOException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
        return bytes;
    }

    /** A few Lucene-like files per core; the workspace index grows with the node count, as a real one does. */
    private static void writeSolrIndexes(java.util.Map<String, Path> indexes, int nodes, SeededContent random)
            throws IOException {
        for (java.util.Map.Entry<String, Path> index : indexes.entrySet()) {
            Path dir = index.getValue();
            Files.createDirectories(dir);
            int perNode = index.getKey().equals("alfresco") ? 160 : 16;
            Files.write(dir.resolve("segments_1"), random.bytes(128));
            Files.write(dir.resolve("segments.gen"), random.bytes(20));
            Files.write(dir.resolve("_0.si"), random.bytes(256));
            Files.write(dir.resolve("_0.cfe"), random.bytes(300));
            Files.write(dir.resolve("_0.cfs"), random.bytes(1024 + perNode * nodes));
        }
    }

    private static Connection connect(DbConfig db) {
        try {
            return db.connect();
        } catch (SQLException e) {
            throw new SimException("Database connection failed: " + db + ": " + e.getMessage(), SimException.FAILED, e);
        }
    }

    static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }


    private static void deleteQuietly(List<Path> files) {
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // best effort: the error that made us clean up is what the user needs to see
            }
        }
    }
}
