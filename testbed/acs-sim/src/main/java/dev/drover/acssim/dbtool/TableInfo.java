package dev.drover.acssim.dbtool;

import dev.drover.acssim.SimException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A table's columns and primary key as JDBC metadata reports them, with lower-case names (PostgreSQL
 * folds unquoted names to lower case, H2 to upper case; the dump writes them unquoted, so either reads
 * them back). Immutable.
 */
final class TableInfo {
    /** One column: name, SQL type in the portable spelling, NOT NULL or not, and its JDBC type. */
    static final class Column {
        final String name;
        final String type;
        final boolean notNull;
        final int jdbcType;

        Column(String name, String type, boolean notNull, int jdbcType) {
            this.name = name;
            this.type = type;
            this.notNull = notNull;
            this.jdbcType = jdbcType;
        }
    }

    final String name;
    final List<Column> columns;
    final List<String> primaryKey;

    private TableInfo(String name, List<Column> columns, List<String> primaryKey) {
        this.name = name;
        this.columns = columns;
        this.primaryKey = primaryKey;
    }

    /** The {@code alf_*} tables of the connection's current schema, by name. */
    static List<String> repositoryTables(Connection c) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        List<String> names = new ArrayList<String>();
        for (String pattern : new String[] {"alf\\_%", "ALF\\_%"}) {
            try (ResultSet rs = md.getTables(null, currentSchema(c), pattern, new String[] {"TABLE"})) {
                while (rs.next()) {
                    String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                    if (!names.contains(name)) {
                        names.add(name);
                    }
                }
            }
        }
        Collections.sort(names);
        return names;
    }

    static TableInfo read(Connection c, String table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String actual = actualName(c, table);
        Map<Integer, Column> columns = new TreeMap<Integer, Column>();
        try (ResultSet rs = md.getColumns(null, currentSchema(c), actual, null)) {
            while (rs.next()) {
                String column = rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT);
                int jdbcType = rs.getInt("DATA_TYPE");
                String type = portableType(table, column, jdbcType, rs.getString("TYPE_NAME"), rs.getInt("COLUMN_SIZE"),
                        rs.getInt("DECIMAL_DIGITS"));
                boolean notNull = rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls;
                columns.put(rs.getInt("ORDINAL_POSITION"), new Column(column, type, notNull, jdbcType));
            }
        }
        Map<Integer, String> key = new TreeMap<Integer, String>();
        try (ResultSet rs = md.getPrimaryKeys(null, currentSchema(c), actual)) {
            while (rs.next()) {
                key.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return new TableInfo(table, Collections.unmodifiableList(new ArrayList<Column>(columns.values())),
                Collections.unmodifiableList(new ArrayList<String>(key.values())));
    }

    /** {@code CREATE TABLE ...} without the terminating semicolon. */
    String createStatement() {
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(name).append(" (");
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            sql.append(i == 0 ? "" : ", ").append(column.name).append(' ').append(column.type);
            if (column.notNull) {
                sql.append(" NOT NULL");
            }
        }
        if (!primaryKey.isEmpty()) {
            sql.append(", PRIMARY KEY (").append(String.join(", ", primaryKey)).append(')');
        }
        return sql.append(')').toString();
    }

    /** The ORDER BY that makes a dump repeatable: the primary key, else every column. */
    String orderBy() {
        if (!primaryKey.isEmpty()) {
            return String.join(", ", primaryKey);
        }
        List<String> all = new ArrayList<String>();
        for (Column column : columns) {
            all.add(column.name);
        }
        return String.join(", ", all);
    }

    private static String portableType(String table, String column, int jdbcType, String typeName, int size, int digits) {
        switch (jdbcType) {
            case Types.VARCHAR:
            case Types.NVARCHAR:
            case Types.LONGVARCHAR:
                return size > 0 && size <= 1_000_000 ? "VARCHAR(" + size + ")" : "VARCHAR";
            case Types.CHAR:
            case Types.NCHAR:
                return "CHAR(" + Math.max(size, 1) + ")";
            case Types.BIGINT:
                return "BIGINT";
            case Types.INTEGER:
                return "INTEGER";
            case Types.SMALLINT:
            case Types.TINYINT:
                return "SMALLINT";
            case Types.BOOLEAN:
            case Types.BIT:
                return "BOOLEAN";
            case Types.TIMESTAMP:
                return "TIMESTAMP";
            case Types.DATE:
                return "DATE";
            case Types.DOUBLE:
            case Types.FLOAT:
                return "DOUBLE PRECISION";
            case Types.REAL:
                return "REAL";
            case Types.NUMERIC:
            case Types.DECIMAL:
                return "NUMERIC(" + size + ", " + digits + ")";
            default:
                throw new SimException("cannot dump " + table + "." + column + ": its type " + typeName
                        + " has no spelling both PostgreSQL and H2 accept", SimException.FAILED, null);
        }
    }

    /** The table's name as the database stores it (lower case in PostgreSQL, upper case in H2). */
    private static String actualName(Connection c, String table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        for (String candidate : new String[] {table.toLowerCase(Locale.ROOT), table.toUpperCase(Locale.ROOT)}) {
            try (ResultSet rs = md.getTables(null, currentSchema(c), candidate, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return candidate;
                }
            }
        }
        throw new SimException("no table " + table + " in " + md.getURL(), SimException.FAILED, null);
    }

    private static String currentSchema(Connection c) throws SQLException {
        return c.getSchema();
    }
}
