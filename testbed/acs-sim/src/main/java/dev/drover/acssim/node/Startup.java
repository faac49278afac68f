package dev.drover.acssim.node;

import dev.drover.acssim.config.Installation;
import dev.drover.acssim.http.Repository.Status;
import dev.drover.acssim.persona.Persona;
import dev.drover.acssim.schema.Schema;
import dev.drover.acssim.war.AlfrescoWar;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Steps 2-8 of a start (the webapp's start): database, schema, metadata keystore, system content, content check, modules, multi-tenancy, cluster,
 * success line. Runs on one thread; the outcome goes to {@link NodeState}. Any failure logs its fatal line
 * and leaves the state FAILED; nothing here ends the JVM except the {@code crash-during-upgrade} fault.
 */
final class Startup {
    static final String DESCRIPTOR = "org.alfresco.service.descriptor.DescriptorService";
    static final String CLUSTER = "org.alfresco.enterprise.repo.cluster.core.ClusteringBootstrap";

    private final NodeLog log;
    private final Installation acs;
    private final NodeSettings settings;
    private final AlfrescoWar war;
    private final Persona persona;
    private final NodeState state;
    private final Runnable halt;
    private final Object schemaStep;
    private ClusterListener cluster;

    Startup(NodeLog log, Installation acs, NodeSettings settings, AlfrescoWar war, Persona persona, NodeState state,
            Runnable halt, Object schemaStep) {
        this.log = log;
        this.acs = acs;
        this.settings = settings;
        this.war = war;
        this.persona = persona;
        this.state = state;
        this.halt = halt;
        this.schemaStep = schemaStep;
    }

    /** Runs the start to its end; returns the final status (STARTING only for the {@code hang} fault). */
    Status run() throws InterruptedException {
        if (settings.fault == Fault.LISTENER_FAILURE) {
            // The webapp's listener fails before the repository's logging is up (a class missing from a broken
            // AMP's jar): Tomcat's lines in catalina.out are all there is; alfresco.log gets nothing.
            log.tomcat("SEVERE", "localhost-startStop-1", "org.apache.catalina.core.StandardContext.listenerStart",
                    "Exception sending context initialized event to listener instance of class"
                            + " [org.alfresco.web.app.ContextLoaderListener] java.lang.NoClassDefFoundError:"
                            + " org/acme/MissingClass (fault listener-failure)");
            log.tomcat("SEVERE", "localhost-startStop-1", "org.apache.catalina.core.StandardContext.startInternal",
                    "Error listenerStart");
            log.tomcat("SEVERE", "localhost-startStop-1", "org.apache.catalina.core.StandardContext.startInternal",
                    "Context [/alfresco] startup failed due to previous errors");
            state.set(Status.FAILED);
            return Status.FAILED;
        }
        Connection c;
        try {
            log.info(SchemaBootstrap.LOGGER, "Connecting to database: " + acs.database());
            c = acs.database().connect();
        } catch (SQLException | RuntimeException e) {
            return fail(new StartupFailure(SchemaBootstrap.LOGGER, "Database connection failed: " + e.getMessage()));
        }
        try {
            boolean created;
            synchronized (schemaStep) {
                created = new SchemaBootstrap(log, settings, halt).run(c, war, persona);
            }
            new MetadataKeystore(log, acs.keystoreDir()).check(c);
            if (created) {
                SystemContent.bootstrap(log, c, acs.contentStore(), war.display(), war.schema());
            }
            RepositoryChecks checks = new RepositoryChecks(log, acs, settings);
            checks.contentIntegrity(c);
            checks.modules(c, war);
            if (persona.refusesMtContextFiles()) {
                checks.multiTenancy();
            }
            if (settings.clusterEnabled) {
                joinCluster(c);
            }
            String original = originalVersion(c);
            Thread.sleep(settings.startupDelayMs);
            if (settings.fault == Fault.HANG) {
                log.info("org.alfresco.repo.management.subsystems.ChildApplicationContextFactory",
                        "Starting 'Search' subsystem, ID: [Search, managed, solr6]");
                Thread.sleep(Long.MAX_VALUE);
            }
            log.info(DESCRIPTOR, persona.productName() + " started (" + war.edition() + "). Current version: "
                    + war.display() + " schema " + SchemaBootstrap.grouped(war.schema())
                    + ". Originally installed version: " + original + ".");
            state.set(Status.STARTED);
            return Status.STARTED;
        } catch (StartupFailure f) {
            return fail(f);
        } catch (SQLException e) {
            return fail(new StartupFailure(SchemaBootstrap.LOGGER, "Schema auto-update failed: Statement execution"
                    + " failed: " + e.getMessage()));
        } finally {
            try {
                c.close();
            } catch (SQLException e) {
                // closing after the outcome is decided; nothing left to report
            }
        }
    }

    private Status fail(StartupFailure f) {
        log.error(f.logger, f.getMessage());
        log.tomcat("SEVERE", "localhost-startStop-1", "org.apache.catalina.core.StandardContext.startInternal",
                "One or more listeners failed to start. Full details will be found in the appropriate container log file");
        log.tomcat("SEVERE", "localhost-startStop-1", "org.apache.catalina.core.StandardContext.startInternal",
                "Context [/alfresco] startup failed due to previous errors");
        state.set(Status.FAILED);
        return Status.FAILED;
    }

    private void joinCluster(Connection c) throws SQLException {
        String name = Schema.clusterName(c);
        if (settings.fault == Fault.WRONG_CLUSTER_NAME || name == null) {
            name = "MainRepository-" + UUID.randomUUID();
        }
        try {
            cluster = new ClusterListener(settings.host, settings.hazelcastPort);
        } catch (IOException e) {
            log.error(CLUSTER, "Cannot listen on the cluster port " + settings.host + ":" + settings.hazelcastPort + ": "
                    + e.getMessage() + "; set alfresco.hazelcast.port to a free port");
            return;
        }
        log.info(CLUSTER, "Cluster started, name: " + name);
        log.info(CLUSTER, "Current cluster members:\n  " + settings.host + ":" + settings.hazelcastPort
                + " (hostname: " + settings.host + ")");
    }

    private String originalVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT original_version, original_schema FROM alf_descriptor")) {
            if (rs.next()) {
                return rs.getString(1) + " schema " + SchemaBootstrap.grouped(rs.getInt(2));
            }
        }
        return war.display() + " schema " + SchemaBootstrap.grouped(war.schema());
    }

    /** Releases the cluster port. */
    void close() throws IOException {
        if (cluster != null) {
            cluster.close();
        }
    }
}
