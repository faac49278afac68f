package dev.drover.acssim.node;

import dev.drover.acssim.Sha256;
import dev.drover.acssim.schema.Schema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Calendar;
import java.util.TimeZone;
import java.util.UUID;

/**
 * What a fresh repository's bootstrap writes into {@code dir.contentstore} (ACS imports its system content:
 * the system descriptor's version properties, the data dictionary, email templates): three content files,
 * their {@code alf_content_url} and {@code alf_node} rows, and the descriptor's pointer to its content, the one
 * content a later start checks ({@link RepositoryChecks#contentIntegrity}). The content store is written
 * wherever {@code dir.contentstore} points, inside {@code dir.root} or not.
 */
final class SystemContent {
    static final String IMPORTER = "org.alfresco.repo.importer.ImporterBootstrap";
    /** Node names; the first is the system descriptor's content. */
    static final String[] NODES = {"sys:descriptor", "sys:data-dictionary", "sys:email-templates"};

    private SystemContent() {
    }

    /** Writes the files, then the rows. A file that cannot be written fails the start. */
    static void bootstrap(NodeLog log, Connection c, Path store, String versionDisplay, int schema)
            throws SQLException, StartupFailure {
        long urlId = Schema.nextId(c, Schema.CONTENT_URL);
        long nodeId = Schema.nextId(c, Schema.NODE);
        Long descriptorUrl = null;
        for (String name : NODES) {
            String text = name.equals(NODES[0])
                    ? "version.display=" + versionDisplay + "\nversion.schema=" + schema + "\n"
                    : "# " + name + " bootstrapped " + UUID.randomUUID() + "\n";
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            String url = newUrl();
            try {
                Path file = RepositoryChecks.file(store, url);
                Files.createDirectories(file.getParent());
                Files.write(file, bytes);
            } catch (IOException e) {
                throw new StartupFailure(IMPORTER, "Context initialization failed: Failed to create store root: "
                        + store + " (" + e + "); check dir.contentstore and its permissions");
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO alf_content_url (id, content_url, content_size, sha256) VALUES (?, ?, ?, ?)")) {
                ps.setLong(1, urlId);
                ps.setString(2, url);
                ps.setLong(3, bytes.length);
                ps.setString(4, Sha256.hex(bytes));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO alf_node (id, uuid, name, content_url_id) VALUES (?, ?, ?, ?)")) {
                ps.setLong(1, nodeId++);
                ps.setString(2, UUID.randomUUID().toString());
                ps.setString(3, name);
                ps.setLong(4, urlId);
                ps.executeUpdate();
            }
            if (descriptorUrl == null) {
                descriptorUrl = urlId;
            }
            urlId++;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE alf_descriptor SET content_url_id = ?")) {
            ps.setLong(1, descriptorUrl);
            ps.executeUpdate();
        }
        log.info(IMPORTER, "Bootstrapped the system content into " + store + " (" + NODES.length + " files).");
    }

    /** {@code store://YYYY/M/D/H/m/<uuid>.bin} at the current UTC time, no zero padding (as ACS writes them). */
    static String newUrl() {
        Calendar t = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        return "store://" + t.get(Calendar.YEAR) + "/" + (t.get(Calendar.MONTH) + 1) + "/" + t.get(Calendar.DAY_OF_MONTH)
                + "/" + t.get(Calendar.HOUR_OF_DAY) + "/" + t.get(Calendar.MINUTE) + "/" + UUID.randomUUID() + ".bin";
    }
}
