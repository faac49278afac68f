package dev.drover.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresLab.class)
class PostgresLabTest {

    @Test
    void aDatabaseTakesTablesAndRowsAsItsOwner(PostgresLab.Cluster postgres) throws SQLException {
        PostgresLab.Database db = postgres.createUniqueDatabase("fixture");

        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE alf_node (id BIGINT PRIMARY KEY, uuid VARCHAR(36) NOT NULL)");
            s.execute("INSERT INTO alf_node VALUES (1, 'a'), (2, 'b')");
            try (ResultSet rows = s.executeQuery("SELECT count(*), current_user, current_database() FROM alf_node")) {
                assertTrue(rows.next());
                assertEquals(2, rows.getInt(1));
                assertEquals(PostgresLab.APP_USER, rows.getString(2));
                assertEquals(db.name(), rows.getString(3));
            }
        }
    }

    @Test
    void twoDatabasesAreIsolated(PostgresLab.Cluster postgres) throws SQLException {
        PostgresLab.Database one = postgres.createUniqueDatabase("iso");
        PostgresLab.Database two = postgres.createUniqueDatabase("iso");

        try (Connection c = one.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE only_here (x INT)");
        }
        try (Connection c = two.connect(); Statement s = c.createStatement()) {
            SQLException missing = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM only_here"));
            assertTrue(missing.getMessage().contains("only_here"), missing.getMessage());
        }
    }

    @Test
    void aWrongPasswordIsRejected(PostgresLab.Cluster postgres) {
        PostgresLab.Database db = postgres.createUniqueDatabase("auth");

        SQLException denied = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password() + "x").close());
        assertTrue(denied.getMessage().contains("password authentication failed"), denied.getMessage());
    }

    @Test
    void aNameInUseIsAnErrorPointingAtUniqueNames(PostgresLab.Cluster postgres) {
        PostgresLab.Database db = postgres.createUniqueDatabase("taken");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> postgres.createDatabase(db.name()));
        assertTrue(e.getMessage().contains("createUniqueDatabase"), e.getMessage());
    }

    @Test
    void theServerListensOnLoopbackOnlyAndShipsTheClientPrograms(PostgresLab.Cluster postgres) throws Exception {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), postgres.port())) {
            assertTrue(socket.isConnected());
        }
        try (Connection admin = postgres.connectAdmin(); Statement s = admin.createStatement();
                ResultSet rows = s.executeQuery("SHOW listen_addresses")) {
            assertTrue(rows.next());
            assertEquals("127.0.0.1", rows.getString(1));
        }
        assertTrue(postgres.version().startsWith("postgres (PostgreSQL) "), postgres.version());
        assertFalse(postgres.program("pg_dump").toString().isEmpty());
    }
}
