package dev.drover.acssim.node;

import dev.drover.acssim.Sha256;
import dev.drover.acssim.config.Installation;
import dev.drover.acssim.http.Documents;
import dev.drover.acssim.schema.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@link Documents} on the node's database and {@code dir.contentstore}: one connection per call (the node
 * holds none between requests), one call at a time. System nodes ({@code sys:...}) are not user documents.
 */
final class RepositoryDocuments implements Documents {
    private static final String USER = "name NOT LIKE '" + Schema.SYSTEM_NODE_PREFIX + "%'";
    private static final String SELECT = "SELECT n.uuid, n.name, u.content_url, u.content_size FROM alf_node n"
            + " LEFT JOIN alf_content_url u ON u.id = n.content_url_id";

    private final Installation acs;

    RepositoryDocuments(Installation acs) {
        this.acs = acs;
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException, IOException, Refused;
    }

    private synchronized <T> T inDb(Work<T> work) throws Refused {
        try (Connection c = acs.database().connect()) {
            return work.run(c);
        } catch (SQLException | IOException e) {
            throw new Refused(500, "The repository failed: " + e.getMessage());
        }
    }

    @Override
    public Doc create(String name, byte[] content) throws Refused {
        return inDb(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM alf_node WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        throw new Refused(409, "Duplicate child name not allowed: " + name);
                    }
                }
            }
            Long urlId = content == null ? null : storeContent(c, content);
            String uuid = UUID.randomUUID().toString();
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO alf_node (id, uuid, name, content_url_id) VALUES (?, ?, ?, ?)")) {
                ps.setLong(1, Schema.nextId(c, Schema.NODE));
                ps.setString(2, uuid);
                ps.setString(3, name);
                if (urlId == null) {
                    ps.setNull(4, java.sql.Types.BIGINT);
                } else {
                    ps.setLong(4, urlId);
                }
                ps.executeUpdate();
            }
            return find(c, uuid);
        });
    }

    @Override
    public Doc get(String id) throws Refused {
        return inDb(c -> find(c, id));
    }

    @Override
    public List<Doc> list(int skip, int max) throws Refused {
        return inDb(c -> {
            List<Doc> docs = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE n." + USER + " ORDER BY n.id");
                    ResultSet rs = ps.executeQuery()) {
                for (int i = 0; rs.next() && docs.size() < max; i++) {
                    if (i >= skip) {
                        docs.add(doc(rs));
                    }
                }
            }
            return docs;
        });
    }

    @Override
    public int count() throws Refused {
        return inDb(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM alf_node WHERE " + USER);
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @Override
    public Doc write(String id, byte[] content) throws Refused {
        return inDb(c -> {
            find(c, id);
            long urlId = storeContent(c, content);
            try (PreparedStatement ps = c.prepareStatement("UPDATE alf_node SET content_url_id = ? WHERE uuid = ?")) {
                ps.setLong(1, urlId);
                ps.setString(2, id);
                ps.executeUpdate();
            }
            return find(c, id);
        });
    }

    @Override
    public byte[] read(String id) throws Refused {
        return inDb(c -> {
            Doc d = find(c, id);
            if (d.contentUrl == null) {
                throw new Refused(404, "No content found for node " + id);
            }
            try {
                return Files.readAllBytes(RepositoryChecks.file(acs.contentStore(), d.contentUrl));
            } catch (NoSuchFileException e) {
                throw new Refused(500, "ContentIOException: Content not found in content store: '" + d.contentUrl
                        + "' (node " + id + ")");
            }
        });
    }

    @Override
    public void delete(String id) throws Refused {
        inDb(c -> {
            find(c, id);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM alf_node WHERE uuid = ?")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private long storeContent(Connection c, byte[] content) throws SQLException, IOException {
        String url = SystemContent.newUrl();
        Path file = RepositoryChecks.file(acs.contentStore(), url);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        long id = Schema.nextId(c, Schema.CONTENT_URL);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO alf_content_url (id, content_url, content_size, sha256) VALUES (?, ?, ?, ?)")) {
            ps.setLong(1, id);
            ps.setString(2, url);
            ps.setLong(3, content.length);
            ps.setString(4, Sha256.hex(content));
            ps.executeUpdate();
        }
        return id;
    }

    private static Doc find(Connection c, String uuid) throws SQLException, Refused {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE n.uuid = ? AND n." + USER)) {
            ps.setString(1, uuid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new Refused(404, "The entity with id: " + uuid + " was not found");
                }
                return doc(rs);
            }
        }
    }

    private static Doc doc(ResultSet rs) throws SQLException {
        String url = rs.getString(3);
        return new Doc(rs.getString(1), rs.getString(2), url, url == null ? 0 : rs.getLong(4));
    }
}
