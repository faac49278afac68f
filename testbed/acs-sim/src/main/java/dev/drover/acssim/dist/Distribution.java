package dev.drover.acssim.dist;

import dev.drover.acssim.SimException;
import dev.drover.acssim.config.ServerXml;
import dev.drover.acssim.persona.Persona;
import dev.drover.acssim.war.ModuleInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;

/**
 * Writes {@code alfresco-content-services-V.zip}, laid out as docs/testbed-acs-sim.md "Distribution layout"
 * says, under one top directory {@code alfresco-content-services-V/}.
 */
public final class Distribution {
    private Distribution() {
    }

    /** The zip's file name, also its top directory plus {@code .zip}. */
    public static String fileName(Persona p) {
        return topDir(p) + ".zip";
    }

    public static String topDir(Persona p) {
        return "alfresco-content-services-" + p.version();
    }

    /**
     * Writes the distribution of {@code p} into {@code outDir} (created if missing), embedding {@code simJar}
     * as {@code tomcat/lib/acs-sim.jar} and, with the MMT's main class, as {@code bin/alfresco-mmt.jar}.
     *
     * @return the zip written
     */
    public static Path write(Persona p, Path outDir, Path simJar) throws IOException {
        byte[] jar = Files.readAllBytes(simJar);
        String top = topDir(p) + "/";
        UnixZip zip = new UnixZip();
        zip.file(top + "alfresco.sh", resource("alfresco.sh"), 0755);
        zip.file(top + "bin/apply_amps.sh", resource("apply_amps.sh"), 0755);
        zip.file(top + "bin/alfresco-mmt.jar", RunningJar.withMainClass(simJar, RunningJar.MMT_MAIN), 0644);
        zip.file(top + "amps/alfresco-share-services.amp", Packages.amp(Packages.shareServices(p)), 0644);
        zip.dir(top + "amps_share");
        zip.file(top + "tomcat/lib/acs-sim.jar", jar, 0644);
        zip.file(top + "tomcat/webapps/alfresco.war",
                Packages.alfrescoWar(p, Collections.<ModuleInfo>emptyList()), 0644);
        zip.file(top + "tomcat/webapps/share.war", Packages.shareWar(p), 0644);
        // Tomcat's own configuration: HTTP on 8080 until the operator changes the connector (alfresco.port
        // in the properties does not move it).
        zip.file(top + ServerXml.PATH, ServerXml.standard(8080), 0644);
        zip.file(top + "tomcat/shared/classes/alfresco-global.properties", DefaultConfig.globalProperties(p), 0644);
        for (String[] sample : DefaultConfig.extensionSamples(p)) {
            zip.file(top + "tomcat/shared/classes/alfresco/" + sample[0], sample[1], 0644);
        }
        if (p.major() < 6) {
            // The 5.x bundle's Solr 4 cores; data.dir.root says where each core's index is (relative: from the
            // installation, Tomcat's working directory).
            for (String[] core : DefaultConfig.solr4Cores()) {
                zip.file(top + "solr4/" + core[0] + "/conf/solrcore.properties", core[1], 0644);
            }
        }
        zip.dir(top + "tomcat/logs");
        zip.dir(top + "tomcat/temp");
        zip.dir(top + "tomcat/work");
        zip.dir(top + "alf_data");
        Files.createDirectories(outDir);
        Path out = outDir.resolve(fileName(p));
        zip.writeTo(out);
        return out;
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = Distribution.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new SimException("acs-sim.jar lacks its resource " + name + "; rebuild it", SimException.FAILED, null);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) > 0;) {
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }
}
