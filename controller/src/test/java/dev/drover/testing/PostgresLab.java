package dev.drover.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The PostgreSQL test tier: one private PostgreSQL cluster per test JVM, on 127.0.0.1 at a free
 * port, with password authentication, and databases made on demand. The simulated ACS nodes of the
 * end-to-end tests keep their repository in it, as real ACS installations do.
 *
 * <pre>{@code
 * @ExtendWith(PostgresLab.class)
 * class SomethingPostgresTest {
 *     @Test
 *     void storesRows(PostgresLab.Cluster postgres) throws SQLException {
 *         PostgresLab.Database db = postgres.createUniqueDatabase("alfresco");
 *         try (Connection c = db.connect()) { ... }
 * }</pre>
 * or call {@link #get()} anywhere.
 *
 * <p>Lifecycle: the first {@link #get()} finds the server programs (see {@link PostgresInstallation};
 * as root they run as the {@code postgres} system user), runs {@code initdb} in a new directory under
 * java.io.tmpdir and starts the server ({@link PostgresCluster}). It then creates the login role
 * {@value #APP_USER} (random password, CREATEDB, not superuser) that owns every database made by
 * {@link Cluster#createDatabase}. A JVM shutdown hook stops the server and deletes the directory;
 * {@code -Ddrover.postgres.keep=true} leaves both, to inspect after a failure (the directory and
 * port are in the failure message of {@link Cluster#toString()}). The outcome, failure included,
 * is remembered for the JVM. The system's own PostgreSQL service is neither needed nor touched.
 *
 * <p>Tier {@value #TIER}: when PostgreSQL is not installed the caller is skipped with a one-line
 * reason through {@link Tiers}, or fails when all tiers are required. A cluster that is installed
 * but does not start is a failure.
 *
 * <p>Threading: {@link #get()} is synchronized; {@link Cluster} is safe to share (database names come
 * from an atomic counter; PostgreSQL serialises CREATE DATABASE).
 */
public final class PostgresLab implements BeforeEachCallback, ParameterResolver {

    public static final String TIER = "postgresql";
    /** The role that owns the test databases, named like the role of an ACS installation. */
    public static final String APP_USER = "alfresco";
    static final String KEEP_PROPERTY = "drover.postgres.keep";

    private static Cluster cluster;
    private static String unavailableReason;
    private static RuntimeException failure;

    /**
     * A database of the lab, owned by {@code user}.
     *
     * @param jdbcUrl {@code jdbc:postgresql://127.0.0.1:<port>/<name>}
     */
    public record Database(String name, String host, int port, String jdbcUrl, String user, String password) {
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(jdbcUrl, user, password);
        }
    }

    /** The running cluster of this JVM. */
    public static final class Cluster {
        private final PostgresCluster server;
        private final String appPassword;
        private final AtomicInteger counter = new AtomicInteger();

        private Cluster(PostgresCluster server, String appPassword) {
            this.server = server;
            this.appPassword = appPassword;
        }

        public String host() {
            return PostgresCluster.HOST;
        }

        public int port() {
            return server.port;
        }

        /** The first line of {@code postgres --version}. */
        public String version() {
            return server.installation.version();
        }

        /** A client program of the installation ({@code psql}, {@code pg_dump}, {@code pg_restore}, {@code createdb}). */
        public Path program(String name) {
            return server.installation.program(name);
        }

        /**
         * Creates the database {@code name} owned by {@value PostgresLab#APP_USER}. Names are shared
         * by every test of the JVM: a name that exists already is an error; use
         * {@link #createUniqueDatabase} unless the name itself matters.
         */
        public synchronized Database createDatabase(String name) {
            if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
                throw new IllegalArgumentException("database name '" + name
                        + "' must be lower-case letters, digits and '_', starting with a letter or '_'");
            }
            try (Connection admin = connectAdmin()) {
                try (PreparedStatement exists = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    exists.setString(1, name);
                    try (ResultSet rows = exists.executeQuery()) {
                        if (rows.next()) {
                            throw new IllegalArgumentException("database '" + name + "' already exists in the PostgreSQL lab;"
                                    + " names are shared by the whole test JVM: use createUniqueDatabase(\"" + name + "\")");
                        }
                    }
                }
                try (Statement create = admin.createStatement()) {
                    create.execute("CREATE DATABASE " + name + " OWNER " + APP_USER);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create database " + name + " on " + this + ": " + e.getMessage(), e);
            }
            return database(name, APP_USER, appPassword);
        }

        /** Creates {@code <prefix>_<n>} with a number no other caller in this JVM got. */
        public Database createUniqueDatabase(String prefix) {
            return createDatabase(prefix + "_" + counter.incrementAndGet());
        }

        /** A superuser connection to the {@code postgres} database, for tests that inspect the cluster itself. */
        public Connection connectAdmin() throws SQLException {
            Database postgres = database("postgres", PostgresCluster.SUPERUSER, server.superuserPassword);
            return postgres.connect();
        }

        private Database database(String name, String user, String password) {
            return new Database(name, host(), port(), "jdbc:postgresql://" + host() + ":" + port() + "/" + name, user, password);
        }

        @Override
        public String toString() {
            return "PostgreSQL lab " + host() + ":" + port() + " (directory " + server.dir + ", log " + server.log() + ")";
        }
    }

    /** The cluster, started on first use; skips or fails the caller when the tier cannot run. */
    public static synchronized Cluster get() {
        if (cluster == null && unavailableReason == null && failure == null) {
            try {
                cluster = startCluster();
            } catch (PostgresInstallation.PostgresUnavailable e) {
                unavailableReason = e.getMessage();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw new IllegalStateException("the PostgreSQL lab failed to start: " + failure.getMessage(), failure);
        }
        Tiers.require(TIER, unavailableReason == null, String.valueOf(unavailableReason));
        return cluster;
    }

    /** Skips each test rather than the class (see {@link OpenSshLab#beforeEach}). */
    @Override
    public void beforeEach(ExtensionContext context) {
        get();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == Cluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return get();
    }

    private static Cluster startCluster() {
        PostgresInstallation installation = PostgresInstallation.find();
        PostgresCluster server = PostgresCluster.start(installation);
        if (!Boolean.getBoolean(KEEP_PROPERTY)) {
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "postgres-lab-stop"));
        }
        String appPassword = PostgresCluster.randomSecret();
        Cluster started = new Cluster(server, appPassword);
        try (Connection admin = started.connectAdmin(); Statement statement = admin.createStatement()) {
            // The password is hex: no quoting issue in the literal.
            statement.execute("CREATE ROLE " + APP_USER + " LOGIN CREATEDB PASSWORD '" + appPassword + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create role " + APP_USER + " on " + started + ": " + e.getMessage(), e);
        }
        return started;
    }
}
