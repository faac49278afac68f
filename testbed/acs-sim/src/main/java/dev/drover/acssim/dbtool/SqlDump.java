package dev.drover.acssim.dbtool;

import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;

/**
 * Writes tables as SQL both PostgreSQL and H2 run: the CREATE TABLE of {@link TableInfo}, then one
 * INSERT per row with literals in standard syntax ({@code 'it''s'}, {@code TRUE}, {@code TIMESTAMP '...'},
 * {@code NULL}). TIMESTAMP columns hold no zone; they are written as read, in the JVM's zone, which
 * is how both databases hand them back.
 */
final class SqlDump {
    static final String HEADER = "-- acs-sim db dump, format 1";

    private SqlDump() {
    }

    /** Writes {@code table}'s definition and rows; returns the number of rows. */
    static long writeTable(Connection c, TableInfo table, Writer out) throws SQLException, IOException {
        out.write("\n-- table " + table.name + "\n");
        out.write(table.createStatement() + ";\n");
        StringBuilder columns = new StringBuilder();
        for (TableInfo.Column column : table.columns) {
            columns.append(columns.length() == 0 ? "" : ", ").append(column.name);
        }
        long rows = 0;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT " + columns + " FROM " + table.name + " ORDER BY " + table.orderBy())) {
            while (rs.next()) {
                StringBuilder sql = new StringBuilder("INSERT INTO ").append(table.name).append(" (").append(columns)
                        .append(") VALUES (");
                for (int i = 0; i < table.columns.size(); i++) {
                    sql.append(i == 0 ? "" : ", ").append(literal(rs, i + 1, table.columns.get(i).jdbcType));
                }
                out.write(sql.append(");\n").toString());
                rows++;
            }
        }
        return rows;
    }

    private static String literal(ResultSet rs, int index, int jdbcType) throws SQLException {
        switch (jdbcType) {
            case Types.BOOLEAN:
            case Types.BIT: {
                boolean value = rs.getBoolean(index);
                return rs.wasNull() ? "NULL" : value ? "TRUE" : "FALSE";
            }
            case Types.TIMESTAMP: {
                Timestamp value = rs.getTimestamp(index);
                return value == null ? "NULL" : "TIMESTAMP '" + value + "'";
            }
            case Types.DATE: {
                java.sql.Date value = rs.getDate(index);
                return value == null ? "NULL" : "DATE '" + value + "'";
            }
            case Types.BIGINT:
            case Types.INTEGER:
            case Types.SMALLINT:
            case Types.TINYINT:
            case Types.NUMERIC:
            case Types.DECIMAL:
            case Types.DOUBLE:
            case Types.FLOAT:
            case Types.REAL: {
                String value = rs.getString(index);
                return value == null ? "NULL" : value;
            }
            default: {
                String value = rs.getString(index);
                return value == null ? "NULL" : "'" + value.replace("'", "''") + "'";
            }
        }
    }
}
