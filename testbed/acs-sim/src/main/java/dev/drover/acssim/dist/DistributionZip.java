package dev.drover.acssim.dist;

import dev.drover.acssim.persona.Persona;
import dev.drover.acssim.war.ModuleInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;

/**
 * Writes {@code alfresco-content-services-distribution-V.zip}, the distribution zip of 5.2 and later
 * (docs/testbed-acs-sim.md "Distribution-zip layout"): no Tomcat and no {@code alfresco.sh}, the WARs and the
 * shared configuration under {@code web-server/} for the operator to copy into a Tomcat of their own
 * ({@link OperatorTomcat}), {@code amps/}, {@code amps_share/} and {@code bin/alfresco-mmt.jar} beside them.
 * One top directory, the zip's name without {@code .zip}.
 */
public final class DistributionZip {
    private DistributionZip() {
    }

    public static String topDir(Persona p) {
        return "alfresco-content-services-distribution-" + p.version();
    }

    public static Path write(Persona p, Path outDir, Path simJar) throws IOException {
        String top = topDir(p) + "/";
        UnixZip zip = new UnixZip();
        zip.file(top + "README.txt", "Alfresco Content Services " + p.version() + " (simulated) distribution.\n"
                + "Copy web-server/webapps/*.war into <tomcat>/webapps, web-server/shared into <tomcat>/shared,\n"
                + "web-server/lib into <tomcat>/lib, and rename shared/classes/alfresco-global.properties.sample.\n", 0644);
        zip.file(top + "bin/apply_amps.sh", Distribution.resource("apply_amps.sh"), 0755);
        zip.file(top + "bin/alfresco-mmt.jar", RunningJar.withMainClass(simJar, RunningJar.MMT_MAIN), 0644);
        zip.file(top + "amps/alfresco-share-services.amp", Packages.amp(Packages.shareServices(p)), 0644);
        zip.dir(top + "amps_share");
        zip.dir(top + "licenses");
        zip.dir(top + "alf_data");
        String web = top + "web-server/";
        zip.file(web + "webapps/alfresco.war", Packages.alfrescoWar(p, Collections.<ModuleInfo>emptyList()), 0644);
        zip.file(web + "webapps/share.war", Packages.shareWar(p), 0644);
        zip.file(web + "conf/Catalina/localhost/alfresco.xml", "<?xml version='1.0' encoding='UTF-8'?>\n"
                + "<Context crossContext=\"true\"/>\n", 0644);
        // Shipped as a sample: the operator writes alfresco-global.properties from it.
        zip.file(web + "shared/classes/alfresco-global.properties.sample", DefaultConfig.globalProperties(p), 0644);
        for (String[] sample : DefaultConfig.extensionSamples(p)) {
            zip.file(web + "shared/classes/alfresco/" + sample[0], sample[1], 0644);
        }
        zip.dir(web + "lib");
        if (p.major() < 6) {
            for (String[] core : DefaultConfig.solr4Cores()) {
                zip.file(top + "solr4/" + core[0] + "/conf/solrcore.properties", core[1], 0644);
            }
        }
        Files.createDirectories(outDir);
        Path out = outDir.resolve(topDir(p) + ".zip");
        zip.writeTo(out);
        return out;
    }
}
