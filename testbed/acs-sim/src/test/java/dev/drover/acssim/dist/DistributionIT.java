package dev.drover.acssim.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistributionIT {
    @TempDir
    Path dir;

    @Test
    void theZipIsLaidOutAsTheContractSaysWithExecutableScripts() throws Exception {
        DistFixture.Result r = DistFixture.sim("dist", "--version", "6.2.2", "--out", dir.toString());
        assertEquals(0, r.code(), r.output());
        Path zip = dir.resolve("alfresco-content-services-6.2.2.zip");
        Map<String, Integer> modes = DistFixture.modes(zip);
        String top = "alfresco-content-services-6.2.2/";
        for (String f : new String[] {"alfresco.sh", "bin/alfresco-mmt.jar", "bin/apply_amps.sh",
            "amps/alfresco-share-services.amp", "tomcat/lib/acs-sim.jar", "tomcat/webapps/alfresco.war",
            "tomcat/webapps/share.war", "tomcat/shared/classes/alfresco-global.properties", "tomcat/conf/server.xml",
            "tomcat/shared/classes/alfresco/extension/custom-log4j.properties.sample",
            "tomcat/logs/", "tomcat/temp/", "tomcat/work/", "alf_data/"}) {
            assertTrue(modes.containsKey(top + f), f + " missing from " + modes.keySet());
        }
        assertEquals(0100755, modes.get(top + "alfresco.sh"));
        assertEquals(0100755, modes.get(top + "bin/apply_amps.sh"));
        assertEquals(0100644, modes.get(top + "tomcat/webapps/alfresco.war"));
        assertEquals(0040755, modes.get(top + "tomcat/logs/"));

        DistFixture.unzip(zip, dir);
        Path home = dir.resolve(top);
        try (ZipFile war = new ZipFile(home.resolve("tomcat/webapps/alfresco.war").toFile())) {
            Properties v = new Properties();
            v.load(war.getInputStream(war.getEntry("WEB-INF/classes/alfresco/version.properties")));
            assertEquals("13001", v.getProperty("version.schema"));
            assertEquals("6", v.getProperty("version.major"));
            assertEquals("Enterprise", v.getProperty("version.edition"));
        }
        try (ZipFile amp = new ZipFile(home.resolve("amps/alfresco-share-services.amp").toFile())) {
            Properties m = new Properties();
            m.load(amp.getInputStream(amp.getEntry("module.properties")));
            assertEquals("alfresco-share-services", m.getProperty("module.id"));
            assertEquals("6.2.2", m.getProperty("module.version"));
        }
        try (JarFile mmt = new JarFile(home.resolve("bin/alfresco-mmt.jar").toFile())) {
            assertEquals("dev.drover.acssim.mmt.Mmt", mmt.getManifest().getMainAttributes().getValue("Main-Class"));
            assertTrue(mmt.getEntry("dev/drover/acssim/main/SimMain.class") != null);
        }
        assertEquals(8080, dev.drover.acssim.config.ServerXml.read(home.resolve("tomcat/conf/server.xml")).port());
        assertEquals(Files.size(DistFixture.jar()), Files.size(home.resolve("tomcat/lib/acs-sim.jar")));
        String props = Files.readString(home.resolve("tomcat/shared/classes/alfresco-global.properties"));
        assertTrue(props.contains("db.url=jdbc:h2:file:${dir.root}/h2_data/alfresco;AUTO_SERVER=TRUE"), props);
    }

    @Test
    void anUnknownVersionListsTheKnownOnes() throws Exception {
        DistFixture.Result r = DistFixture.sim("dist", "--version", "5.2.6", "--out", dir.toString());
        assertEquals(4, r.code());
        assertTrue(r.output().contains("unknown ACS version '5.2.6'; the simulator knows 5.1.0, 5.2.7, 6.2.2, 7.4.1"),
                r.output());
    }

    @Test
    void ampWritesAModulePackage() throws Exception {
        Path out = dir.resolve("acme.amp");
        assertEquals(0, DistFixture.sim("amp", "--id", "acme", "--version", "1.2.0", "--out", out.toString()).code());
        try (ZipFile amp = new ZipFile(out.toFile())) {
            Properties m = new Properties();
            m.load(amp.getInputStream(amp.getEntry("module.properties")));
            assertEquals("acme", m.getProperty("module.id"));
            assertEquals("1.2.0", m.getProperty("module.version"));
        }
    }
}
