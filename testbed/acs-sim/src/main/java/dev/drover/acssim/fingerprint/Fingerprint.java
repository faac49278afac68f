package dev.drover.acssim.fingerprint;

import dev.drover.acssim.SimException;
import dev.drover.acssim.config.DbConfig;
import dev.drover.acssim.config.Installation;
import dev.drover.acssim.schema.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.stream.Stream;

/**
 * An installation's fingerprint (docs/testbed-acs-sim.md, "fingerprint"). Immutable; {@link #toJson()}
 * prints the contract's object with its keys in the contract's order.
 *
 * <p>Hashes: {@code data_sha256} is SHA-256 over one line per row, {@code alf_node} rows by id then
 * {@code alf_content_url} rows by id, each {@code table|col|col|...\n} with NULL as {@code \N}.
 * {@code content_sha256} is SHA-256 over every regular file under {@code dir.contentstore}, in order of
 * relative path ('/'-separated): the path in UTF-8, a NUL, the size as 8 bytes, the bytes. A database
 * without the schema has schema 0, no cluster name and zero rows; a missing contentstore has no files.
 * The system content a fresh repository bootstraps (nodes named {@code sys:...}, their content URL rows and
 * files) is left out: it differs between any two repositories, the user data does not.
 */
public final class Fingerprint {
    public final int schema;
    /** Null when none is stored. */
    public final String clusterName;
    public final long nodes;
    public final long contentUrls;
    public final String dataSha256;
    public final long contentFiles;
    public final String contentSha256;
    public final boolean marker;

    private Fingerprint(int schema, String clusterName, long nodes, long contentUrls, String dataSha256,
            long contentFiles, String contentSha256, boolean marker) {
        this.schema = schema;
        this.clusterName = clusterName;
        this.nodes = nodes;
        this.contentUrls = contentUrls;
        this.dataSha256 = dataSha256;
        this.contentFiles = contentFiles;
        this.contentSha256 = contentSha256;
        this.marker = marker;
    }

    public static Fingerprint of(Installation acs) {
        DbConfig db = acs.database();
        int schema = 0;
        String cluster = null;
        boolean marker;
        MessageDigest data = sha256();
        long[] counts = new long[2];
        Set<String> systemFiles = new HashSet<String>();
        try (Connection c = db.connect()) {
            if (!Schema.isEmpty(c)) {
                schema = Schema.schemaNumber(c);
            }
            if (Schema.tableExists(c, Schema.PROP_STRING_VALUE)) {
                cluster = Schema.clusterName(c);
            }
            String systemNodes = "name LIKE '" + Schema.SYSTEM_NODE_PREFIX + "%'";
            String systemUrls = "SELECT content_url_id FROM alf_node WHERE " + systemNodes + " AND content_url_id IS NOT NULL";
            counts[0] = hashRows(c, Schema.NODE, "id, uuid, name, content_url_id", "NOT (" + systemNodes + ")", data);
            counts[1] = hashRows(c, Schema.CONTENT_URL, "id, content_url, content_size, sha256",
                    "id NOT IN (" + systemUrls + ")", data);
            if (Schema.tableExists(c, Schema.NODE) && Schema.tableExists(c, Schema.CONTENT_URL)) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                        "SELECT content_url FROM alf_content_url WHERE id IN (" + systemUrls + ")")) {
                    while (rs.next()) {
                        String url = rs.getString(1);
                        int scheme = url.indexOf("://");
                        systemFiles.add(scheme < 0 ? url : url.substring(scheme + 3));
                    }
                }
            }
            marker = Schema.markerExists(c);
        } catch (SQLException e) {
            throw new SimException("Database connection failed: " + db + ": " + e.getMessage(), SimException.FAILED, e);
        }
        MessageDigest content = sha256();
        long files = hashFiles(acs.contentStore(), systemFiles, content);
        return new Fingerprint(schema, cluster, counts[0], counts[1], hex(data.digest()), files, hex(content.digest()), marker);
    }

    /** The contract's JSON object on one line. */
    public String toJson() {
        return "{\"schema\":" + schema
                + ",\"cluster_name\":" + (clusterName == null ? "null" : quote(clusterName))
                + ",\"rows\":{\"alf_node\":" + nodes + ",\"alf_content_url\":" + contentUrls + "}"
                + ",\"data_sha256\":" + quote(dataSha256)
                + ",\"content_files\":" + contentFiles
                + ",\"content_sha256\":" + quote(contentSha256)
                + ",\"marker\":" + marker + "}";
    }

    private static long hashRows(Connection c, String table, String columns, String where, MessageDigest digest)
            throws SQLException {
        if (!Schema.tableExists(c, table)) {
            return 0;
        }
        long rows = 0;
        int width = columns.split(",").length;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT " + columns + " FROM " + table + " WHERE " + where + " ORDER BY id")) {
            while (rs.next()) {
                StringBuilder line = new StringBuilder(table);
                for (int i = 1; i <= width; i++) {
                    String value = rs.getString(i);
                    line.append('|').append(value == null ? "\\N" : value);
                }
                digest.update(line.append('\n').toString().getBytes(StandardCharsets.UTF_8));
                rows++;
            }
        }
        return rows;
    }

    private static long hashFiles(Path store, Set<String> skip, MessageDigest digest) {
        if (!Files.isDirectory(store)) {
            return 0;
        }
        List<String> relative = new ArrayList<String>();
        try (Stream<Path> walk = Files.walk(store)) {
            walk.filter(Files::isRegularFile).forEach(p -> relative.add(store.relativize(p).toString().replace('\\', '/')));
        } catch (IOException e) {
            throw new SimException("cannot read the contentstore " + store + ": " + e.getMessage(), SimException.FAILED, e);
        }
        relative.removeAll(skip);
        Collections.sort(relative);
        byte[] buffer = new byte[65536];
        for (String path : relative) {
            Path file = store.resolve(path);
            try (InputStream in = Files.newInputStream(file)) {
                digest.update(path.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                long size = Files.size(file);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    digest.update((byte) (size >>> shift));
                }
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    digest.update(buffer, 0, n);
                }
            } catch (IOException e) {
                throw new SimException("cannot read " + file + ": " + e.getMessage(), SimException.FAILED, e);
            }
        }
        return relative.size();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder hex = new StringBuilder();
        for (byte b : bytes) {
            hex.append(String.format("%02x", b & 0xff));
        }
        return hex.toString();
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char ch : text.toCharArray()) {
            if (ch == '"' || ch == '\\') {
                out.append('\\').append(ch);
            } else if (ch < 0x20) {
                out.append(String.format("\\u%04x", (int) ch));
            } else {
                out.append(ch);
            }
        }
        return out.append('"').toString();
    }
}
