package dev.drover.acssim.dbtool;

import dev.drover.acssim.SimException;
import dev.drover.acssim.config.DbConfig;
import dev.drover.acssim.config.Installation;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Dump, restore and drop of an installation's repository tables (see the package doc). Every error
 * names the database (URL and user, never the password) or the dump file and line.
 */
public final class DbTool {
    /** What an operation did: the tables touched and the rows moved. */
    public static final class Result {
        public final List<String> tables;
        public final long rows;

        Result(List<String> tables, long rows) {
            this.tables = tables;
            this.rows = rows;
        }
    }

    private DbTool() {
    }

    /** Writes every alf_* table to {@code file} (temp file and rename: a reader never sees half a dump). */
    public static Result dump(Installation acs, Path file) {
        DbConfig db = acs.database();
        try (Connection c = connect(db)) {
            List<String> tables = TableInfo.repositoryTables(c);
            if (tables.isEmpty()) {
                throw new SimException("nothing to dump: " + db + " has no alf_* tables (was the node ever started"
                        + " against this database?)", SimException.FAILED, null);
            }
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temp = Files.createTempFile(parent, "." + file.getFileName() + ".", ".tmp");
            long rows = 0;
            try {
                try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(temp), StandardCharsets.UTF_8))) {
                    out.write(SqlDump.HEADER + "\n-- tables: " + String.join(", ", tables) + "\n");
                    for (String table : tables) {
                        rows += SqlDump.writeTable(c, TableInfo.read(c, table), out);
                    }
                }
                move(temp, file);
            } finally {
                Files.deleteIfExists(temp);
            }
            return new Result(tables, rows);
        } catch (SQLException e) {
            throw new SimException("dumping " + db + " failed: " + e.getMessage(), SimException.FAILED, e);
        } catch (IOException e) {
            throw new SimException("cannot write the dump " + file + ": " + e.getMessage(), SimException.FAILED, e);
        }
    }

    /** Runs a dump against a database that has no alf_* tables; a non-empty one is refused. */
    public static Result restore(Installation acs, Path file) {
        DbConfig db = acs.database();
        String text = readDump(file);
        List<SqlScript.Statement> statements;
        try {
            statements = SqlScript.split(text);
        } catch (IllegalArgumentException e) {
            throw new SimException(file + ": " + e.getMessage() + "; the dump is damaged", SimException.FAILED, e);
        }
        try (Connection c = connect(db)) {
            List<String> existing = TableInfo.repositoryTables(c);
            if (!existing.isEmpty()) {
                throw new SimException("refusing to restore into " + db + ": it is not empty (tables "
                        + String.join(", ", existing) + "); restore only into an empty database: 'db drop' it first,"
                        + " or point db.url at a new database", SimException.FAILED, null);
            }
            long rows = execute(c, statements, file);
            return new Result(TableInfo.repositoryTables(c), rows);
        } catch (SQLException e) {
            throw new SimException("restoring into " + db + " failed: " + e.getMessage(), SimException.FAILED, e);
        }
    }

    /** Drops every alf_* table (data tables and the upgrade marker). */
    public static Result drop(Installation acs) {
        DbConfig db = acs.database();
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            List<String> tables = TableInfo.repositoryTables(c);
            for (String table : tables) {
                s.executeUpdate("DROP TABLE " + table);
            }
            return new Result(tables, 0);
        } catch (SQLException e) {
            throw new SimException("dropping the tables of " + db + " failed: " + e.getMessage(), SimException.FAILED, e);
        }
    }

    /**
     * All statements in one transaction. PostgreSQL rolls the whole restore back on an error; H2
     * commits each CREATE TABLE, so after a failed restore into H2 the message says to drop first.
     */
    private static long execute(Connection c, List<SqlScript.Statement> statements, Path file) throws SQLException {
        long rows = 0;
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (SqlScript.Statement statement : statements) {
                try {
                    s.execute(statement.sql);
                } catch (SQLException e) {
                    c.rollback();
                    String excerpt = statement.sql.length() > 120 ? statement.sql.substring(0, 120) + "..." : statement.sql;
                    throw new SimException(file + ":" + statement.line + ": " + e.getMessage() + " in: " + excerpt
                            + " (the restore was rolled back; if alf_* tables remain, 'db drop' before trying again)",
                            SimException.FAILED, e);
                }
                if (statement.sql.regionMatches(true, 0, "INSERT", 0, 6)) {
                    rows++;
                }
            }
            c.commit();
        } finally {
            c.setAutoCommit(true);
        }
        return rows;
    }

    private static String readDump(Path file) {
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SimException("cannot read the dump " + file + ": " + e.getMessage(), SimException.FAILED, e);
        }
        if (!text.startsWith(SqlDump.HEADER)) {
            String first = text.split("\\R", 2)[0];
            throw new SimException(file + ":1: not an acs-sim db dump (it starts with '"
                    + (first.length() > 60 ? first.substring(0, 60) + "..." : first) + "', expected '" + SqlDump.HEADER
                    + "'); PostgreSQL dumps from pg_dump are restored with pg_restore or psql", SimException.BAD_INPUT, null);
        }
        return text;
    }

    private static Connection connect(DbConfig db) {
        try {
            return db.connect();
        } catch (SQLException e) {
            throw new SimException("Database connection failed: " + db + ": " + e.getMessage(), SimException.FAILED, e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
