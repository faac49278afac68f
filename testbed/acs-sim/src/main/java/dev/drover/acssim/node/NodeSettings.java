package dev.drover.acssim.node;

import dev.drover.acssim.config.GlobalProperties;
import dev.drover.acssim.config.Installation;
import dev.drover.acssim.config.ServerXml;
import java.nio.file.Files;
import java.nio.file.Path;

/** The properties a start reads (docs/testbed-acs-sim.md "Properties read at start"). Immutable. */
public final class NodeSettings {
    /** {@code alfresco.host}: the cluster port's address and the server name in the patch table. */
    final String host;
    /** Where Tomcat's HTTP connector listens. */
    final String httpHost;
    final int port;
    final boolean clusterEnabled;
    final int hazelcastPort;
    final long startupDelayMs;
    final long upgradeDelayMs;
    final int lockRetries;
    final long lockIntervalMs;
    final Fault fault;
    /** Schema faults fire only when a non-empty database is upgraded (not on fresh installs or current schemas). */
    final boolean faultOnlyOnUpgrade;
    /** How long a Solr 4 backup (snapshot) takes at least. */
    final long solrBackupDelayMs;
    /** How long the JVM takes to exit after a shutdown request (webapps stopping), HTTP already closed. */
    final long shutdownDelayMs;
    /** The admin's password (ACS keeps it in its database; the simulator takes it from here). */
    final String adminPassword;

    private NodeSettings(Installation acs) {
        GlobalProperties p = acs.properties();
        // HTTP listens where Tomcat's server.xml says, as on a real node; alfresco.port only shapes URLs.
        // Without a server.xml (in-process tests) the simulator falls back to alfresco.host:alfresco.port.
        // The connector's address attribute, when set, is where it binds; else alfresco.host (real Tomcat
        // binds every address then: the tests need one loopback address per node).
        Path serverXml = acs.catalinaBase().resolve("conf/server.xml");
        ServerXml xml = Files.isRegularFile(serverXml) ? ServerXml.read(serverXml) : null;
        String address = xml == null ? "" : xml.address();
        host = p.get("alfresco.host", "127.0.0.1");
        httpHost = address.isEmpty() ? host : address;
        port = xml == null ? p.getInt("alfresco.port", 8080) : xml.port();
        clusterEnabled = p.getBoolean("alfresco.cluster.enabled", false);
        hazelcastPort = p.getInt("alfresco.hazelcast.port", 5701);
        startupDelayMs = p.getLong("sim.startup.delay.ms", 2000);
        upgradeDelayMs = p.getLong("sim.upgrade.delay.ms", 4000);
        lockRetries = p.getInt("sim.bootstrap.lock.retries", 12);
        lockIntervalMs = p.getLong("sim.bootstrap.lock.interval.ms", 5000);
        fault = Fault.select(acs.home(), p.get("sim.fault", null));
        faultOnlyOnUpgrade = p.getBoolean("sim.fault.only.on.upgrade", false);
        solrBackupDelayMs = p.getLong("sim.solr.backup.delay.ms", 500);
        shutdownDelayMs = p.getLong("sim.shutdown.delay.ms", 1000);
        adminPassword = p.get("sim.admin.password", "admin");
    }

    public static NodeSettings of(Installation acs) {
        return new NodeSettings(acs);
    }

    public Fault fault() {
        return fault;
    }
}
