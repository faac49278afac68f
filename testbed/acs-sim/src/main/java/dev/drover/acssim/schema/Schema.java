package dev.drover.acssim.schema;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * DDL and lookups for the simulator's tables. Every method takes a connection in auto-commit mode and
 * uses plain SQL types (VARCHAR, BIGINT, INTEGER, BOOLEAN, TIMESTAMP) that PostgreSQL and H2 both accept.
 * Stateless; thread-safe as far as the connection is.
 */
public final class Schema {
    public static final String APPLIED_PATCH = "alf_applied_patch";
    /** Exists only while a node upgrades the schema; its presence blocks every other start. */
    public static final String BOOTSTRAP_LOCK = "alf_bootstrap_lock";
    public static final String PROP_STRING_VALUE = "alf_prop_string_value";
    public static final String NODE = "alf_node";
    public static final String CONTENT_URL = "alf_content_url";
    public static final String MODULE = "alf_module";
    public static final String DESCRIPTOR = "alf_descriptor";
    /**
     * The encryption key registry: ACS keeps it as the attribute {@code keyCheck/<alias>} (a GUID and that
     * GUID sealed with the key) in its attribute tables; the simulator gives it a table of its own.
     */
    public static final String KEY_CHECK = "alf_key_check";
    /** Names of the nodes a fresh repository's bootstrap creates; user nodes never start with it. */
    public static final String SYSTEM_NODE_PREFIX = "sys:";

    /** The data tables in creation order (the marker is not one of them). */
    public static final List<String> TABLES = Collections.unmodifiableList(Arrays.asList(
            APPLIED_PATCH, PROP_STRING_VALUE, CONTENT_URL, NODE, MODULE, DESCRIPTOR, KEY_CHECK));

    private static final String[] DDL = {
        "CREATE TABLE alf_applied_patch (id VARCHAR(64) NOT NULL PRIMARY KEY, description VARCHAR(1024),"
                + " fixes_from_schema INTEGER, fixes_to_schema INTEGER, applied_to_schema INTEGER,"
                + " target_schema INTEGER, applied_on_date TIMESTAMP, applied_to_server VARCHAR(64),"
                + " was_executed BOOLEAN, succeeded BOOLEAN, report VARCHAR(1024))",
        // ACS's columns: the unique index is on (string_end_lower, string_crc).
        "CREATE TABLE alf_prop_string_value (id BIGINT NOT NULL PRIMARY KEY, string_value VARCHAR(1024) NOT NULL,"
                + " string_end_lower VARCHAR(16) NOT NULL, string_crc BIGINT NOT NULL,"
                + " CONSTRAINT idx_alf_prop_str UNIQUE (string_end_lower, string_crc))",
        "CREATE TABLE alf_content_url (id BIGINT NOT NULL PRIMARY KEY, content_url VARCHAR(255) NOT NULL,"
                + " content_size BIGINT NOT NULL, sha256 VARCHAR(64))",
        "CREATE TABLE alf_node (id BIGINT NOT NULL PRIMARY KEY, uuid VARCHAR(36) NOT NULL, name VARCHAR(255),"
                + " content_url_id BIGINT)",
        "CREATE TABLE alf_module (module_id VARCHAR(255) NOT NULL PRIMARY KEY, version VARCHAR(64) NOT NULL,"
                + " installed_on TIMESTAMP)",
        // content_url_id: the system descriptor's content, the one content a start checks.
        "CREATE TABLE alf_descriptor (original_version VARCHAR(64) NOT NULL, original_schema INTEGER NOT NULL,"
                + " content_url_id BIGINT)",
        "CREATE TABLE alf_key_check (key_alias VARCHAR(64) NOT NULL PRIMARY KEY, guid VARCHAR(64) NOT NULL,"
                + " sealed VARCHAR(256) NOT NULL)",
    };

    private Schema() {
    }

    /** Creates the data tables of an empty database. Fails if any exists. */
    public static void createTables(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String ddl : DDL) {
                s.executeUpdate(ddl);
            }
        }
    }

    /** Drops every simulator table that exists, the marker included. */
    public static void dropTables(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String table : allTables()) {
                if (tableExists(c, table)) {
                    s.executeUpdate("DROP TABLE " + table);
                }
            }
        }
    }

    /** The data tables and the marker. */
    public static List<String> allTables() {
        String[] all = TABLES.toArray(new String[TABLES.size() + 1]);
        all[TABLES.size()] = BOOTSTRAP_LOCK;
        return Collections.unmodifiableList(Arrays.asList(all));
    }

    /** Whether {@code table} exists; PostgreSQL folds unquoted names to lower case, H2 to upper case. */
    public static boolean tableExists(Connection c, String table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        for (String name : new String[] {table.toLowerCase(Locale.ROOT), table.toUpperCase(Locale.ROOT)}) {
            try (ResultSet rs = md.getTables(null, null, name, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when the database has no {@code alf_applied_patch}: a fresh install. */
    public static boolean isEmpty(Connection c) throws SQLException {
        return !tableExists(c, APPLIED_PATCH);
    }

    /** The schema number: {@code max(applied_to_schema)} of {@code alf_applied_patch}, 0 if it has no rows. */
    public static int schemaNumber(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT MAX(applied_to_schema) FROM alf_applied_patch")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /**
     * Creates the marker. CREATE TABLE is atomic in both databases, so of two nodes racing exactly one
     * succeeds; that is the whole lock.
     *
     * @return false when the marker already exists
     */
    public static boolean createMarker(Connection c) throws SQLException {
        if (tableExists(c, BOOTSTRAP_LOCK)) {
            return false;
        }
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE alf_bootstrap_lock (charval CHAR(1) NOT NULL)");
            return true;
        } catch (SQLException e) {
            if (tableExists(c, BOOTSTRAP_LOCK)) {
                return false;
            }
            throw e;
        }
    }

    public static boolean markerExists(Connection c) throws SQLException {
        return tableExists(c, BOOTSTRAP_LOCK);
    }

    public static void dropMarker(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DROP TABLE alf_bootstrap_lock");
        }
    }

    /** The cluster name ({@code MainRepository-<uuid>}) stored at install, or null when none is stored. */
    public static String clusterName(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT string_value FROM alf_prop_string_value"
                        + " WHERE string_value LIKE 'MainRepository-%' ORDER BY id")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    public static void storeClusterName(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alf_prop_string_value (id, string_value,"
                + " string_end_lower, string_crc) VALUES (?, ?, ?, ?)")) {
            ps.setLong(1, nextId(c, PROP_STRING_VALUE));
            ps.setString(2, name);
            ps.setString(3, endLower(name));
            ps.setLong(4, crc(name));
            ps.executeUpdate();
        }
    }

    /** ACS's {@code string_end_lower}: the last 16 characters, lower case. */
    public static String endLower(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return lower.length() <= 16 ? lower : lower.substring(lower.length() - 16);
    }

    /** ACS's {@code string_crc}: CRC-32 of the value's UTF-8 bytes. */
    public static long crc(String value) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return crc.getValue();
    }

    /** One more than the largest {@code id} of {@code table} (a table with a BIGINT id column). */
    public static long nextId(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
