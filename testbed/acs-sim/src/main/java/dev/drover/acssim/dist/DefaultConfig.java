package dev.drover.acssim.dist;

import dev.drover.acssim.persona.Persona;
import java.util.ArrayList;
import java.util.List;

/** The configuration files a fresh distribution ships with. */
final class DefaultConfig {
    private DefaultConfig() {
    }

    /**
     * {@code alfresco-global.properties}: an embedded H2 database under {@code dir.root} that other node
     * processes on this machine can share (AUTO_SERVER), loopback addresses, ACS's default ports.
     */
    static String globalProperties(Persona p) {
        return "#\n# Alfresco Content Services " + p.version() + " (simulated): global properties.\n"
                + "# Values here override the defaults in alfresco.war; ${name} refers to another property.\n#\n"
                + "dir.root=./alf_data\n"
                + "dir.contentstore=${dir.root}/contentstore\n"
                + "dir.contentstore.deleted=${dir.root}/contentstore.deleted\n\n"
                + "# Database: PostgreSQL (jdbc:postgresql://HOST:5432/alfresco) or the embedded H2 below.\n"
                + "db.driver=org.h2.Driver\n"
                + "db.username=alfresco\n"
                + "db.password=alfresco\n"
                + "db.url=jdbc:h2:file:${dir.root}/h2_data/alfresco;AUTO_SERVER=TRUE\n\n"
                + "alfresco.context=alfresco\n"
                + "alfresco.host=127.0.0.1\n"
                + "alfresco.port=8080\n"
                + "alfresco.protocol=http\n"
                + "share.context=share\n"
                + "share.host=127.0.0.1\n"
                + "share.port=8080\n\n"
                + "index.subsystem.name=" + (p.major() < 6 ? "solr4" : "solr6") + "\n"
                + "solr.host=127.0.0.1\n"
                + "solr.port=8983\n\n"
                + "alfresco.cluster.enabled=false\n"
                + "alfresco.hazelcast.port=5701\n\n"
                + "# Simulation only (docs/testbed-acs-sim.md).\n"
                + "sim.startup.delay.ms=2000\n"
                + "sim.upgrade.delay.ms=4000\n"
                + "sim.bootstrap.lock.retries=12\n"
                + "sim.bootstrap.lock.interval.ms=5000\n";
    }

    /** Pairs of (path under {@code tomcat/shared/classes/alfresco/}, content). */
    static List<String[]> extensionSamples(Persona p) {
        List<String[]> out = new ArrayList<>();
        out.add(new String[] {"extension/custom-log4j.properties.sample",
            "# Rename to custom-log4j.properties to change log levels of Alfresco " + p.version() + ".\n"
                    + "#log4j.logger.org.alfresco.repo.domain.schema.SchemaBootstrap=debug\n"});
        out.add(new String[] {"extension/custom-repository-context.xml.sample",
            "<?xml version='1.0' encoding='UTF-8'?>\n<!-- Rename to custom-repository-context.xml to override"
                    + " repository beans. -->\n<beans xmlns=\"http://www.springframework.org/schema/beans\"/>\n"});
        out.add(new String[] {"web-extension/share-config-custom.xml.sample",
            "<alfresco-config>\n  <!-- Share " + p.version() + " overrides. -->\n</alfresco-config>\n"});
        return out;
    }

    /**
     * The 5.x bundle's Solr 4 cores: pairs of (core directory under {@code solr4/}, {@code solrcore.properties}).
     * data.dir.root says where each core's index is (relative: from Tomcat's working directory).
     */
    static List<String[]> solr4Cores() {
        List<String[]> out = new ArrayList<>();
        for (String[] core : new String[][] {{"workspace-SpacesStore", "workspace/SpacesStore"},
                {"archive-SpacesStore", "archive/SpacesStore"}}) {
            out.add(new String[] {core[0], "# Solr 4 core " + core[0]
                    + "\ndata.dir.root=alf_data/solr4/index\ndata.dir.store=" + core[1]
                    + "\nenable.alfresco.tracking=true\nalfresco.host=localhost\nalfresco.port=8080\n"});
        }
        return out;
    }
}
